import Testing
import TriadCore
@testable import TriadTrain

/// The sweep's design: a balanced, duplicate-free candidate list, rungs that spend seeds on survivors,
/// and a ranking by the worse data set's success rate.
@Suite("Sweep: successive halving over a Latin hypercube")
struct SweepTests {
    @Test("The standard candidates are distinct, include the start and the previous choice, and use every level of every setting equally often (±½, plus one per replaced duplicate)")
    func candidatesAreBalanced() throws {
        let sweep = Sweep.standard
        let all = sweep.candidates.map(\.overrides)
        #expect(Set(all.map(\.description)).count == all.count)
        #expect(all[0] == TrainingOverrides())
        #expect(all[1].augmentationStd == 0.3 && all[1].temperature == 0.2 && all[1].weights == .unit)
        let drawn = Array(all.dropFirst(2))
        let design = Sweep.latinHypercube(count: drawn.count, seed: Sweep.standardDesignSeed)
        #expect(design.settings == drawn)
        print("[sweep] Latin hypercube: \(design.replaced) duplicate(s) replaced")
        func counts(_ key: (TrainingOverrides) -> Double?) -> [Double: Int] {
            Dictionary(grouping: drawn.compactMap(key), by: { $0 }).mapValues(\.count)
        }
        for (name, levels, key) in [("s", Sweep.levels.s, { (o: TrainingOverrides) in o.augmentationStd }),
                                    ("tau", Sweep.levels.tau, { $0.temperature }),
                                    ("λ_GEN", Sweep.levels.generativeWeight, { $0.weights?.generative }),
                                    ("α", Sweep.levels.sgldStep, { $0.sgldStep })] {
            let c = counts(key)
            #expect(Set(c.keys) == Set(levels), "\(name): levels \(c)")
            let ideal = Double(drawn.count) / Double(levels.count)
            for (level, n) in c {
                // A shuffled column holds each level ⌊ideal⌋ or ⌈ideal⌉ times; each replaced duplicate moves one.
                #expect(abs(Double(n) - ideal) <= 0.5 + Double(design.replaced),
                        "\(name) = \(level) drawn \(n) times, ideal \(ideal)")
            }
        }
        try sweep.validate()
    }

    @Test("Rungs: the run count is every survivor's new seeds on both data sets (24·2·2 + 8·4·2 + 3·14·2 = 244); seeds start at 1000, never the reported 0-19")
    func runCount() {
        let sweep = Sweep.standard
        #expect(sweep.runCount == 24 * 2 * 2 + 8 * 4 * 2 + 3 * 14 * 2)
        #expect(sweep.newSeeds(rung: 0) == [1000, 1001])
        #expect(sweep.newSeeds(rung: 1) == [1002, 1003, 1004, 1005])
        #expect(sweep.newSeeds(rung: 2).count == 14)
        #expect(Set(Reproduction.standard.seeds).isDisjoint(with: (0..<20).map { sweep.firstSeed + UInt64($0) }))
    }

    @Test("A sweep whose rungs do not add seeds, keep nobody, or whose candidates repeat is refused with the value")
    func refusesBadSweeps() {
        var s = Sweep.standard
        s.rungs = [.init(seeds: 2, keep: 1), .init(seeds: 2, keep: 1)]
        #expect(throws: TriadError.self) { try s.validate() }
        s.rungs = [.init(seeds: 2, keep: 0)]
        #expect(throws: TriadError.self) { try s.validate() }
        s = Sweep.standard
        s.candidates.append(s.candidates[0])
        #expect(throws: TriadError.self) { try s.validate() }
    }

    @Test("The ranking puts the higher worse-data-set success rate first, then the higher worse median, then the earlier candidate; the winner comes from the last rung reached")
    func ranking() throws {
        var sweep = Sweep.standard
        sweep.candidates = Array(sweep.candidates.prefix(3))
        sweep.rungs = [.init(seeds: 2, keep: 2), .init(seeds: 3, keep: 1)]
        var report = SweepReport(sweep: sweep)
        // Candidate 0: moons 2/2, circles 0/2 → rate 0. Candidate 1: 1/2 on both → rate 0.5.
        // Candidate 2: 1/2 on both but lower medians.
        for (k, moons, circles) in [(0, [0.95, 0.95], [0.1, 0.2]), (1, [0.95, 0.5], [0.92, 0.6]), (2, [0.95, 0.1], [0.92, 0.1])] {
            for (i, seed) in [UInt64(1000), 1001].enumerated() {
                report.record(dataset: .moons, seed: seed, nmi: moons[i], failure: .noFailure, candidate: k, rung: 0)
                report.record(dataset: .circles, seed: seed, nmi: circles[i], failure: .noFailure, candidate: k, rung: 0)
            }
        }
        #expect(report.ranking(of: [0, 1, 2]) == [1, 2, 0])
        #expect(report.winner.candidate == sweep.candidates[1])
        report.record(dataset: .moons, seed: 1002, nmi: 0.99, failure: .noFailure, candidate: 2, rung: 1)
        #expect(report.winner.candidate == sweep.candidates[2], "the only candidate of the last rung wins")
    }
}
