import Testing
import TriadCheck
import TriadCore

/// Run settings from defaults, an injected environment and explicit values; replay tokens.
@Suite("Engine: settings, environment overrides and replay tokens")
struct EngineSettingsTests {
    @Test("no TRIAD_* variables: the defaults stand")
    func defaultsStand() throws {
        let s = try CheckSettings().overridden(by: ["PATH": "/usr/bin"])
        #expect(s == CheckSettings())
        #expect(s.seed == 0x54_5249_4144 && s.cases == 100 && !s.deep && s.replay == nil && s.caseCount == 100)
    }

    @Test("TRIAD_SEED (decimal and 0x-hex), TRIAD_CASES and TRIAD_DEEP are applied")
    func environmentOverrides() throws {
        let base = CheckSettings(seed: 1, cases: 30)
        #expect(try base.overridden(by: ["TRIAD_SEED": "12345"]).seed == 12345)
        #expect(try base.overridden(by: ["TRIAD_SEED": "0xff"]).seed == 255)
        #expect(try base.overridden(by: ["TRIAD_SEED": "18446744073709551615"]).seed == UInt64.max)
        #expect(try base.overridden(by: ["TRIAD_CASES": "7"]).caseCount == 7)
        let deep = try base.overridden(by: ["TRIAD_DEEP": "1"])
        #expect(deep.deep && deep.caseCount == 30 * 100 && CheckSettings.deepFactor >= 100)
        #expect(try base.overridden(by: ["TRIAD_DEEP": "true", "TRIAD_CASES": "2"]).caseCount == 200)
        #expect(try !CheckSettings(deep: true).overridden(by: ["TRIAD_DEEP": "0"]).deep)
        #expect(try base.overridden(by: ["TRIAD_REPLAY": ""]).replay == nil)
    }

    @Test("explicit values set after the environment win over it (the CLI's order)")
    func explicitWins() throws {
        var s = try CheckSettings().overridden(by: ["TRIAD_SEED": "5", "TRIAD_CASES": "9"])
        s.seed = 77
        #expect(s.seed == 77 && s.cases == 9)
    }

    @Test("malformed variables throw TriadError naming the variable and the value")
    func malformedVariablesThrow() {
        #expect(throws: TriadError("TRIAD_SEED", "'12x'", "must be a decimal or 0x-hex UInt64")) {
            try CheckSettings().overridden(by: ["TRIAD_SEED": "12x"])
        }
        #expect(throws: TriadError("TRIAD_CASES", "'0'", "must be a positive integer")) {
            try CheckSettings().overridden(by: ["TRIAD_CASES": "0"])
        }
        #expect(throws: TriadError.self) { try CheckSettings().overridden(by: ["TRIAD_CASES": "-3"]) }
        #expect(throws: TriadError("TRIAD_DEEP", "'maybe'", "must be 1/true/yes or 0/false/no")) {
            try CheckSettings().overridden(by: ["TRIAD_DEEP": "maybe"])
        }
        #expect(throws: TriadError.self) { try CheckSettings().overridden(by: ["TRIAD_REPLAY": "no-colons"]) }
        #expect(throws: TriadError.self) { try CheckSettings(cases: 0).validate() }
    }

    @Test("replay tokens: render and parse round-trip; ids may contain ':'; malformed tokens throw")
    func replayTokens() throws {
        let size = Size(N: 3, C: 2, D: 1, n: 4)
        let r = Replay(propertyID: "gen: fm2 witness", seed: 0xDEAD_BEEF, size: size)
        #expect(r.token == "gen: fm2 witness:0x00000000deadbeef:N=3,C=2,D=1,n=4")
        let parsed = try Replay(parsing: r.token)
        #expect(parsed == r)
        #expect(parsed.propertyID == "gen: fm2 witness" && parsed.seed == 0xDEAD_BEEF)
        #expect(parsed.sizes == ["N": 3, "C": 2, "D": 1, "n": 4])
        #expect(try Replay(parsing: "p:17:n=2,N=5").sizes == ["n": 2, "N": 5])
        #expect(try Replay(parsing: "p:17:n=2,N=5").size(in: SizeSpace([(.points, 2...9), (.samples, 1...9)]))
                    == Size([(.points, 5), (.samples, 2)]))
        for bad in ["p:0x1", ":0x1:N=2", "p:0xZZ:N=2", "p:1:N", "p:1:N=2,N=3", "p:1:N=x", "p':1:N=2"] {
            #expect(throws: TriadError.self, "token \(bad)") { try Replay(parsing: bad) }
        }
    }

    @Test("same run seed, same cases: seeds, sizes and values are reproducible")
    func sameSeedSameCases() throws {
        let property = Property("determinism", sizes: SizeSpace(N: 2...20, C: 2...6),
                                generator: Gen.simplex(count: .points, shape: .dirichlet(concentration: 0.5))) { _ in .pass() }
        func cases(_ seed: UInt64) throws -> [(UInt64, Size, [Double])] {
            try (0..<60).map { i in
                let (s, size) = try property.plannedCase(index: i, of: 60, runSeed: seed)
                return (s, size, property.generator.generate(seed: s, size: size))
            }
        }
        let a = try cases(99), b = try cases(99), c = try cases(100)
        #expect(a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1) && a.map(\.2) == b.map(\.2))
        #expect(Set(a.map(\.0)).count == 60, "case seeds are distinct")
        #expect(Set(a.map(\.0)).isDisjoint(with: c.map(\.0)), "another run seed gives other cases")
        // A case's seed does not depend on the run length (a deep run extends a normal one).
        #expect(try property.plannedCase(index: 5, of: 10, runSeed: 99).seed
                    == property.plannedCase(index: 5, of: 10_000, runSeed: 99).seed)
        // Case i's seed is output i of SplitMix64 seeded with the run seed.
        var mixer = SplitMix64(seed: 99)
        #expect((0..<3).map { _ in mixer.next() } == (0..<3).map { CheckSettings.caseSeed(runSeed: 99, index: $0) })
        // Whole runs agree too (the planted property fails; its shrunk counterexample is identical).
        let r1 = try EngineShrinkTests.planted.check(CheckSettings(seed: 5, cases: 100))
        let r2 = try EngineShrinkTests.planted.check(CheckSettings(seed: 5, cases: 100))
        #expect(r1.counterexample == r2.counterexample && r1.coverage == r2.coverage)
        #expect(r1.markdown(timing: false) == r2.markdown(timing: false))
    }

    @Test("sizes ramp up: early cases are small, the second half reaches the whole range")
    func sizesRampUp() throws {
        let space = SizeSpace(N: 2...40, C: 2...2, D: 1...1, n: 1...1)
        let first = try space.draw(caseSeed: 1, index: 0, of: 100)
        #expect(first.N <= 3, "case 0 of 100 draws N in 2...3")
        let late = try (50..<100).map { try space.draw(caseSeed: UInt64($0), index: $0, of: 100).N }
        #expect(late.max()! >= 35 && late.allSatisfy { (2...40).contains($0) })
    }

    @Test("malformed size spaces are rejected with TriadError")
    func malformedSpacesRejected() {
        let gen = Gen.int(in: 0...1)
        #expect(throws: TriadError("range of N", "1...5", "must start at or above the minimum N = 2")) {
            try Property("bad", sizes: SizeSpace(N: 1...5), generator: gen) { _ in .pass() }.check()
        }
        #expect(throws: TriadError.self) {
            try Property("bad", sizes: SizeSpace([(.points, 2...3), (.points, 2...4)]), generator: gen) { _ in .pass() }.check()
        }
        #expect(throws: TriadError.self) {
            try Property("it's bad", generator: gen) { _ in .pass() }.check()
        }
        let impossible = SizeSpace(N: 2...3, C: 4...5, constraint: "N >= C") { $0.N >= $0.C }
        #expect(throws: TriadError.self) { try Property("bad", sizes: impossible, generator: gen) { _ in .pass() }.check() }
    }

    @Test("shrink candidates: all-lowest first, then per key lo, halvings, v - 1; inside the space only")
    func shrinkCandidateOrder() {
        let space = SizeSpace([(.points, 2...20), (.clusters, 2...5)], constraint: "N >= C") { $0.N >= $0.C }
        let got = space.shrinkCandidates(of: Size([(.points, 10), (.clusters, 4)]))
        #expect(got.map(\.description) == [
            "N=2,C=2", "N=6,C=4", "N=8,C=4", "N=9,C=4", "N=10,C=2", "N=10,C=3",
        ])
    }
}
