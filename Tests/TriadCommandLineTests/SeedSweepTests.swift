import Foundation
import Synchronization
import Testing
import TriadCheck
@testable import triad

/// `triad verify --seeds`: one line per seed in seed order, the summary, and failures per claim.
@Suite struct SeedSweepTests {
    @Test("outcomes are reported in seed order whatever order the workers finish in")
    func reportedInSeedOrder() throws {
        let seeds: [UInt64] = Array(10..<18)
        let reported = Mutex<[UInt64]>([])
        // The first seeds are the slowest: with two workers they finish after later ones.
        let outcomes = try SeedSweep.run(seeds: seeds, workers: 2, check: { seed in
            if seed < 12 { Thread.sleep(forTimeInterval: 0.05) }
            return seed % 3 == 0 ? [SeedSweep.Failure(claim: "X", why: "seed \(seed) divisible by 3")] : []
        }, report: { outcome in reported.withLock { $0.append(outcome.seed) } })
        #expect(reported.withLock { $0 } == seeds)
        #expect(outcomes.map(\.seed) == seeds)
        #expect(outcomes.filter { !$0.passed }.map(\.seed) == [12, 15])
        #expect(SeedSweep.summary(outcomes) == "6 of 8 seeds passed")
    }

    @Test("a seed prints 'seed S: ok', or one 'seed S: FAIL <claim>: <why>' line per failing claim")
    func lines() {
        #expect(SeedSweep.Outcome(seed: 3, failures: []).lines == ["seed 3: ok"])
        let failing = SeedSweep.Outcome(seed: 4, failures: [SeedSweep.Failure(claim: "T1.PRIOR.FM2", why: "expected penalises, observed inconclusive"),
                                                            SeedSweep.Failure(claim: "ID.CONDITIONAL", why: "0/0")])
        #expect(failing.lines == ["seed 4: FAIL T1.PRIOR.FM2: expected penalises, observed inconclusive",
                                  "seed 4: FAIL ID.CONDITIONAL: 0/0"])
    }

    @Test("a check that throws fails its seed only, with the error as the reason")
    func thrownErrorFailsOneSeed() throws {
        struct Broken: Error, CustomStringConvertible { var description: String { "engine broke" } }
        let outcomes = try SeedSweep.run(seeds: [1, 2, 3], workers: 1, check: { seed in
            if seed == 2 { throw Broken() }
            return []
        }, report: { _ in })
        #expect(outcomes.map(\.passed) == [true, false, true])
        #expect(outcomes[1].lines == ["seed 2: FAIL error: engine broke"])
    }

    @Test("a claim observed otherwise than Proofs/ states is a failure saying expected, observed and evidence")
    func disagreementsAgainstTheCatalogue() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let catalog = try ClaimCatalog.load(directory: root.appendingPathComponent("Proofs").path)
        let claim = try #require(catalog.claims.first)
        let other = Claim.Outcome.allCases.first { $0 != claim.expected }!.rawValue
        let agreeing = ClaimResult(id: claim.id, expected: claim.expected.rawValue, observed: claim.expected.rawValue, evidence: "fine")
        let disagreeing = ClaimResult(id: claim.id, expected: claim.expected.rawValue, observed: other, evidence: "3 of 40 cases")
        #expect(VerifyCommand.disagreements([agreeing], catalog: catalog).isEmpty)
        #expect(VerifyCommand.disagreements([disagreeing], catalog: catalog)
                == [SeedSweep.Failure(claim: claim.id, why: "expected \(claim.expected.rawValue), observed \(other) — 3 of 40 cases")])
        #expect(VerifyCommand.catalogProblems(catalog, proofs: "Proofs").isEmpty, "the catalogue and the checks agree")
    }

    @Test("--seeds and --workers reach the sweep as given")
    func sweepOptions() throws {
        let arguments = try parsed(VerifyCommand.self, ["--seeds", "0..199", "--workers", "2", "--json"])
        try VerifyCommand.checkCombination(arguments)
        #expect(arguments.given(VerifyCommand.seeds) == Array(0...199))
        #expect(arguments.value(VerifyCommand.workers) == 2)
        #expect(try parsed(VerifyCommand.self, ["--seeds", "7"]).value(VerifyCommand.workers) == 1, "default: one worker")
    }
}
