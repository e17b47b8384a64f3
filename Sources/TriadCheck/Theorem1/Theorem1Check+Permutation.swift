import Glibc
import TriadCore

extension Theorem1Check {
    /// The generator of FM3 cases: half aligned configurations (near the joint optimum) with the
    /// permutation that swaps views across two groups, half random configurations and permutations.
    func permutationCases() -> Gen<ModeCase> { Self.permutationCases() }

    /// The FM3 case generator (see the instance method); shared with the field matrix (``FieldCheck``).
    static func permutationCases() -> Gen<ModeCase> {
        Gen { rng, size in
            let world = WorldRecipe.random(.wellPosed, points: size.N, clusters: size.C, dimension: size.D, using: &rng)
            let pairs = Repairing.twoGroupDataset(world: world, count: size.n, using: &rng)
            if rng.int(in: 0...1) == 0, let pi = Repairing.swapAcrossGroups(pairs, groups: world.groups ?? []) {
                var config = ConfigurationRecipe.random(.aligned, for: world, dimension: 2, using: &rng)
                config.temperature = 0.05 + rng.uniform(0, 0.25)
                return ModeCase(world: world, configuration: config, dataset: pairs, permutation: pi,
                                regime: "aligned + cross-group swap")
            }
            var pi = Array(pairs.indices)
            rng.shuffle(&pi)
            return ModeCase(world: world, configuration: ConfigurationRecipe.random(.random, for: world, dimension: 2, using: &rng),
                            dataset: pairs, permutation: pi, regime: "random + random permutation")
        }
    }

    /// `L(D)` and `L(D_pi)` of a case in `T`, and the rounding bound on their difference:
    /// twice the tolerance of one evaluation (`BoundCheck.tolerance` over the `n` pairs).
    func repairedValues<T: Real>(_ role: TermRole, _ c: ModeCase, as _: T.Type) throws -> (before: T, after: T, rounding: Double) {
        try Self.repairedValues(terms.term(role), head: terms.head, c, as: T.self)
    }

    /// `L(D)` and `L(D_pi)` of any term on a case, with the rounding bound (see the instance method).
    static func repairedValues<T: Real>(_ term: any ObjectiveTerm, head: any LogitHead, _ c: ModeCase, as _: T.Type) throws
        -> (before: T, after: T, rounding: Double)
    {
        let world: FiniteWorld<T> = try c.world.world()
        let logits: Matrix<T> = try c.logits(T.self, head: head)
        let dataset = try PairedDataset(pairs: c.dataset, worldSize: world.count)
        let before = term.value(world.empiricalBatch(worldLogits: logits, dataset: dataset))
        let after = term.value(world.empiricalBatch(worldLogits: logits, dataset: try dataset.repaired(by: c.permutation)))
        let rounding = T.isCertified ? 0 : 2 * BoundCheck.tolerance(unitRoundoff: T.unitRoundoff, pairs: c.dataset.count, points: world.count,
                                                                    clusters: world.clusterCount, temperature: c.configuration.temperature)
        return (before, after, rounding)
    }

    /// Whether the values differ beyond rounding: intervals must be disjoint; floating point must
    /// differ by more than the rounding bound.
    static func changed<T: Real>(_ a: T, _ b: T, rounding: Double) -> Bool {
        if a.isNaN || b.isNaN { return true }
        if T.isCertified { return a.upperBound < b.lowerBound || b.upperBound < a.lowerBound }
        return abs(a.midpoint - b.midpoint) > rounding
    }

    /// FM3 cells: the property "the term is invariant under re-pairing"; a counterexample (shrunk to
    /// the smallest world) is the evidence of "penalises".
    func permutationCell<T: Real>(_ role: TermRole, as _: T.Type) throws -> CellEvidence {
        let id = Self.claimID(role, .permutation) + ".invariance." + T.typeName
        let check = self
        let property = Property(id, sizes: SizeSpace(N: 3...8, C: 2...4, D: 1...3, n: 2...10),
                                generator: permutationCases(),
                                coverage: [.fraction("aligned + cross-group swap", atLeast: 0.2),
                                           .fraction("random + random permutation", atLeast: 0.2)]) { c in
            let (a, b, rounding) = try check.repairedValues(role, c, as: T.self)
            return .expect(!Self.changed(a, b, rounding: rounding),
                           "L(D) = \(a), L(D_pi) = \(b): |ΔL| = \(abs(a.midpoint - b.midpoint)) > rounding \(rounding)",
                           regime: c.regime)
        }
        let result = try property.check(settings)
        var largest = 0.0, rounding = 0.0, certified = false
        if let cx = result.counterexample {
            let c = property.generator.generate(seed: cx.seed, size: cx.size)
            let (a, b, r) = try repairedValues(role, c, as: T.self)
            largest = abs(a.midpoint - b.midpoint)
            rounding = r
            certified = T.isCertified && Self.changed(a, b, rounding: r)
        } else {
            for index in 0..<min(result.casesRun, settings.caseCount) where !result.replayed {
                let planned = try property.plannedCase(index: index, of: settings.caseCount, runSeed: settings.seed)
                let (a, b, r) = try repairedValues(role, property.generator.generate(seed: planned.seed, size: planned.size), as: T.self)
                largest = max(largest, abs(a.midpoint - b.midpoint))
                rounding = max(rounding, r)
            }
        }
        let change = CellEvidence.Change(largestChange: largest, roundingBound: rounding, certified: certified,
                                         counterexample: result.counterexample.map { "\($0.size)" }, replay: result.replayLine)
        let verdict: ModeVerdict = result.counterexample == nil ? (result.passed ? .admits : .inconclusive) : .penalises
        return CellEvidence(role: role, mode: .permutation, precision: try Precision(parsing: T.typeName), verdict: verdict, witness: nil,
                            bound: nil, change: change, search: result)
    }
}
