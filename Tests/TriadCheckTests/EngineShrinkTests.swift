import Testing
import TriadCheck
import TriadCore
import TriadTestSupport

/// Planted false properties: the engine must find them, shrink them to the exact smallest failing
/// sizes, and hand back a replay line that reproduces the shrunk failure.
@Suite("Engine: counterexamples, shrinking and replay")
struct EngineShrinkTests {
    /// Fails exactly when `N >= 4` and `C >= 3`, whatever the value: monotone in the sizes, so the
    /// unique minimal failing size is `N=4, C=3, D=1, n=1`.
    static let planted = Property(
        "planted: N>=4 and C>=3 fails",
        sizes: SizeSpace(N: 2...12, C: 2...6, D: 1...4, n: 1...20),
        generator: Gen.zip(Gen.currentSize, Gen.double(in: 0...1).array(count: .points))
    ) { size, weights in
        .expect(!(size.N >= 4 && size.C >= 3), "N = \(size.N) >= 4 and C = \(size.C) >= 3 (\(weights.count) weights)",
                regime: "C=\(size.C)")
    }

    /// Extracts the token of `TRIAD_REPLAY='<token>' ...`.
    static func token(of line: String) throws -> String {
        let prefix = "TRIAD_REPLAY='"
        #expect(line.hasPrefix(prefix), "replay line: \(line)")
        let rest = line.dropFirst(prefix.count)
        let end = try #require(rest.firstIndex(of: "'"))
        return String(rest[..<end])
    }

    @Test("planted size property: found, shrunk to exactly N=4,C=3,D=1,n=1, replay reproduces it")
    func plantedSizeFailureShrinksToMinimum() throws {
        let result = try Self.planted.check(CheckSettings(seed: 0xC0FFEE, cases: 200), testName: #function)
        print(result.text)
        #expect(result.status == .failed)
        let c = try #require(result.counterexample)
        #expect(c.size == Size(N: 4, C: 3, D: 1, n: 1))
        #expect(c.originalSize.N >= 4 && c.originalSize.C >= 3, "the first failure is a real failure")
        #expect(c.originalSize != c.size && c.shrinkSteps >= 1, "shrinking did something")
        #expect(!c.shrinkBudgetExhausted)
        #expect(c.message == "N = 4 >= 4 and C = 3 >= 3 (4 weights)")
        #expect(c.replay.token.hasSuffix(":N=4,C=3,D=1,n=1"))

        // The replay line, parsed as the environment would deliver it, reruns exactly the shrunk case.
        let line = try #require(result.replayLine)
        #expect(line.hasSuffix("swift test --filter 'plantedSizeFailureShrinksToMinimum'"))
        let settings = try CheckSettings().overridden(by: ["TRIAD_REPLAY": try Self.token(of: line)])
        let replayed = try Self.planted.check(settings)
        print(replayed.text)
        #expect(replayed.replayed && replayed.casesRun == 1)
        #expect(replayed.status == .failed)
        #expect(replayed.counterexample?.size == c.size)
        #expect(replayed.counterexample?.seed == c.seed)
        #expect(replayed.counterexample?.message == c.message)
        #expect(replayed.counterexample?.value == c.value)
    }

    @Test("planted prefix-sum property: shrinks n to the first prefix of the case's stream that fails")
    func plantedValueFailureShrinksToFirstFailingPrefix() throws {
        // "n uniform draws sum to less than 3" is false for large n; arrays are drawn in order, so at
        // a fixed seed the value at a smaller n is a prefix, and the minimal failing n is the first
        // k with u_1 + ... + u_k >= 3 for that seed's stream. The unused keys N and D shrink to their
        // lower bounds.
        let property = Property(
            "planted: sum of n uniforms < 3",
            sizes: SizeSpace([(.points, 3...9), (.samples, 1...40), (.dimension, 2...5)]),
            generator: Gen.double(in: 0...1).array(count: .samples)
        ) { u in
            let sum = u.reduce(0, +)
            return .expect(sum < 3, "sum of \(u.count) uniforms = \(sum) >= 3")
        }
        let result = try property.check(CheckSettings(seed: 7, cases: 100))
        print(result.text)
        let c = try #require(result.counterexample)
        var stream = TriadRandom(seed: c.seed)
        var sum = 0.0, k = 0
        while sum < 3 { sum += stream.uniform(0, 1); k += 1 }
        #expect(c.size == Size([(.points, 3), (.samples, k), (.dimension, 2)]))
        #expect(c.originalSize.n >= k)
        #expect(result.replayLine == "TRIAD_REPLAY='\(c.replay.token)' swift test")
    }

    @Test("planted property under a constraint N >= C: shrinks to N=3,C=3 and never proposes N < C")
    func shrinkingRespectsTheConstraint() throws {
        let property = Property(
            "planted: C>=3 fails (N>=C)",
            sizes: SizeSpace(N: 2...10, C: 2...5, D: 1...1, n: 1...1, constraint: "N >= C") { $0.N >= $0.C },
            generator: Gen<Size>.currentSize
        ) { size in
            if size.N < size.C { throw TriadError("size", size, "N >= C violated: the engine broke its constraint") }
            return .expect(size.C < 3, "C = \(size.C) >= 3")
        }
        let result = try property.check(CheckSettings(seed: 11, cases: 100))
        print(result.text)
        #expect(result.counterexample?.size == Size(N: 3, C: 3, D: 1, n: 1))
        #expect(result.counterexample?.regime == Verdict.unclassified)
    }

    @Test("a throwing claim is a failure whose evidence is the error, regime 'threw'")
    func throwingClaimFails() throws {
        let property = Property("planted: throws for N>=5", generator: Gen.size(.points)) { n in
            try require(n < 5, "N", n, "must be < 5")
            return .pass(regime: "small")
        }
        let result = try property.check(CheckSettings(seed: 3))
        print(result.text)
        let c = try #require(result.counterexample)
        #expect(c.regime == Verdict.threw)
        #expect(c.message == "threw invalid N = 5: must be < 5")
        #expect(c.size.N == 5 && c.size.C == 2 && c.size.D == 1 && c.size.n == 1)
    }

    @Test("shrinking stops at its evaluation budget and says so")
    func shrinkBudgetIsReported() throws {
        let result = try Self.planted.check(CheckSettings(seed: 0xC0FFEE, cases: 200, maxShrinkEvaluations: 1))
        print(result.text)
        let c = try #require(result.counterexample)
        #expect(c.shrinkEvaluations == 1)
        #expect(c.shrinkBudgetExhausted || c.size == Size(N: 4, C: 3, D: 1, n: 1))
        #expect(result.text.contains("budget exhausted") == c.shrinkBudgetExhausted)
    }

    @Test("a replay token for another property is ignored: the full run happens")
    func replayOfAnotherPropertyIsIgnored() throws {
        let replay = Replay(propertyID: "some other property", seed: 1, size: Size(N: 2, C: 2, D: 1, n: 1))
        let pass = Property("passes", generator: Gen.int(in: 0...9)) { v in .expect(v <= 9, "v = \(v)") }
        let result = try pass.check(CheckSettings(cases: 30, replay: replay))
        #expect(!result.replayed && result.casesRun == 30 && result.passed)
    }

    @Test("a replay whose sizes do not fit the property is rejected with TriadError")
    func malformedReplayIsRejected() throws {
        let wrongKeys = try Replay(parsing: "\(Self.planted.id):0x1:N=4,C=3,D=1")
        #expect(throws: TriadError.self) { try Self.planted.check(CheckSettings(replay: wrongKeys)) }
        let tooSmall = try Replay(parsing: "\(Self.planted.id):0x1:N=1,C=3,D=1,n=1")
        #expect(throws: TriadError("TRIAD_REPLAY size N", "1", "must be >= 2")) {
            try Self.planted.check(CheckSettings(replay: tooSmall))
        }
        let unknown = try Replay(parsing: "\(Self.planted.id):0x1:N=4,C=3,D=1,n=1,L=2")
        #expect(throws: TriadError.self) { try Self.planted.check(CheckSettings(replay: unknown)) }
    }

    @Test("the Swift Testing helper records an issue carrying the replay line for a false property")
    func testingHelperRecordsFailure() {
        withKnownIssue {
            let result = checkProperty(Self.planted, cases: 200, seed: 0xC0FFEE)
            #expect(result?.counterexample?.size == Size(N: 4, C: 3, D: 1, n: 1))
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("replay: TRIAD_REPLAY='") }
        }
    }
}
