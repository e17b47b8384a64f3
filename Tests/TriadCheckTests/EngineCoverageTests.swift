import Testing
import TriadCheck
import TriadCore

/// The statistics table and its minimum-coverage requirements.
@Suite("Engine: regime statistics and coverage requirements")
struct EngineCoverageTests {
    /// Classifies a uniform draw: "rare" below 0.01 (about 1% of cases), "common" otherwise. The
    /// claim itself always holds, so only coverage can fail the run.
    static func classified(_ requirements: [CoverageRequirement]) -> Property<Double> {
        Property("coverage: rare below 0.01", generator: Gen.double(in: 0...1), coverage: requirements) { u in
            .expect(u >= 0 && u < 1, "u = \(u) outside [0, 1)", regime: u < 0.01 ? "rare" : "common")
        }
    }

    /// Settings that draw no extra cases for coverage (the planned cases decide alone).
    static func noExtension(seed: UInt64, cases: Int) -> CheckSettings {
        var s = CheckSettings(seed: seed, cases: cases)
        s.coverageExtension = 1
        return s
    }

    @Test("an under-sampled regime fails a run without coverage extension, naming the regime, its count and the requirement")
    func underCoveredRegimeFails() throws {
        let result = try Self.classified(.fractions(["rare": 0.05, "common": 0.5]))
            .check(Self.noExtension(seed: 42, cases: 400))
        print(result.text)
        #expect(result.status == .underCovered)
        #expect(result.counterexample == nil && result.replayLine == nil)
        let rare = try #require(result.coverage.rows.first { $0.regime == "rare" })
        #expect(rare.count < 20, "seed 42 gives about 1% rare cases, far below 5% of 400")
        #expect(result.coverage.shortfallMessages == [
            "regime 'rare' under-sampled: \(rare.count) of 400 cases (\(percent(rare.count, 400))), required >= 5%",
        ])
        #expect(result.failureMessage?.contains("regime 'rare' under-sampled") == true)
        #expect(result.markdown().contains("| rare | \(rare.count) |"))
        #expect(result.markdown().contains("UNDER-SAMPLED"))
    }

    @Test("a regime short by the plan's luck is found by drawing more cases: 5% of 400 planned needs 20 rare cases")
    func shortRegimeDrawsMoreCases() throws {
        let result = try Self.classified(.fractions(["rare": 0.05, "common": 0.5])).check(CheckSettings(seed: 42, cases: 400))
        print(result.text)
        #expect(result.passed)
        #expect(result.casesRun > 400 && result.casesRun <= 400 * CheckSettings.defaultCoverageExtension)
        let rare = try #require(result.coverage.rows.first { $0.regime == "rare" })
        // The run stops at the first case that meets the requirement: exactly 20 rare cases.
        #expect(rare.count == 20)
        #expect(result.coverage.planned == 400 && result.coverage.total == result.casesRun)
        #expect(result.casesText == "\(result.casesRun) cases (400 planned, \(result.casesRun - 400) more for coverage)")
    }

    @Test("a regime ten times rarer than required fails even after the extension, naming the planned count")
    func tooRareRegimeFailsAfterExtension() throws {
        // "rare" is about 1% of draws; 50% of 400 planned = 200 cases would need about 20 000 draws.
        let result = try Self.classified([.fraction("rare", atLeast: 0.5)]).check(CheckSettings(seed: 42, cases: 400))
        #expect(result.status == .underCovered)
        #expect(result.casesRun == 400 * CheckSettings.defaultCoverageExtension)
        let message = try #require(result.coverage.shortfallMessages.first)
        #expect(message.hasPrefix("regime 'rare' under-sampled: ") && message.hasSuffix("required >= 50% of the 400 planned"), "\(message)")
    }

    @Test("met requirements pass; a count requirement works like a fraction one")
    func metRequirementsPass() throws {
        let result = try Self.classified([.fraction("common", atLeast: 0.9), .count("rare", atLeast: 1)])
            .check(CheckSettings(seed: 42, cases: 400))
        print(result.text)
        #expect(result.passed)
        #expect(result.coverage.total == 400)
        #expect(result.coverage.rows.map(\.regime) == ["common", "rare"])
        #expect(result.coverage.rows.allSatisfy { $0.met == true })
        let tooMany = try Self.classified([.count("rare", atLeast: 400)]).check(Self.noExtension(seed: 42, cases: 400))
        #expect(tooMany.status == .underCovered)
        #expect(tooMany.coverage.shortfallMessages.first?.hasSuffix("required >= 400 cases") == true)
    }

    @Test("a required regime that never occurs is listed with 0 cases and fails")
    func missingRegimeIsListed() throws {
        let result = try Self.classified([.count("ill-posed: uniform p", atLeast: 1)]).check(CheckSettings(cases: 50))
        #expect(result.casesRun == 50 * CheckSettings.defaultCoverageExtension, "the run drew every extra case it may before failing")
        print(result.text)
        let row = try #require(result.coverage.rows.first { $0.regime == "ill-posed: uniform p" })
        #expect(row.count == 0 && row.met == false)
        #expect(result.status == .underCovered)
    }

    @Test("the fraction comparison is exact at the boundary: 20 of 100 meets 20%, 19 does not")
    func fractionBoundary() {
        let r = CoverageRequirement.fraction("x", atLeast: 0.2)
        #expect(r.isMet(count: 20, of: 100))
        #expect(!r.isMet(count: 19, of: 100))
        #expect(CoverageRequirement.fraction("x", atLeast: 0.3).isMet(count: 3, of: 10))
        #expect(!CoverageRequirement.count("x", atLeast: 1).isMet(count: 0, of: 10))
    }

    @Test("coverage is not assessed on a replay or after a counterexample")
    func coverageNotAssessedWhenStopped() throws {
        let failing = Property("coverage: fails at once", generator: Gen.int(in: 0...1),
                               coverage: [.count("never", atLeast: 1)]) { _ in .fail("planted") }
        let result = try failing.check(CheckSettings(cases: 10))
        #expect(result.status == .failed && !result.coverage.assessed)
        #expect(result.coverage.rows.allSatisfy { $0.met == nil })
    }

    @Test("malformed requirements are rejected with TriadError")
    func malformedRequirementsRejected() {
        #expect(throws: TriadError.self) { try Self.classified([.fraction("rare", atLeast: 1.5)]).check() }
        #expect(throws: TriadError.self) { try Self.classified([.count("rare", atLeast: 0)]).check() }
        #expect(throws: TriadError.self) {
            try Self.classified([.count("rare", atLeast: 1), .fraction("rare", atLeast: 0.1)]).check()
        }
    }

    private func percent(_ count: Int, _ total: Int) -> String {
        let p = (Double(count) / Double(total) * 1000).rounded() / 10
        return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
    }
}
