import Glibc
import TriadCore

/// The checks of Proofs/hypotheses.md: each breaks one hypothesis on purpose and measures the
/// conclusion it supported. Every measurement is returned for `Reports/assumptions.md`.
public struct HypothesisChecks: Sendable {
    public var terms: TermSet
    public var seed: UInt64

    public init(terms: TermSet = .reference, seed: UInt64 = Theorem1Check.defaultSeed) {
        self.terms = terms
        self.seed = seed
    }

    /// A measurement: a label, the value, and what it is compared with.
    public struct Row: Sendable {
        public let label: String
        public let value: Double
        public let note: String
    }

    /// One hypothesis' outcome: `needed` when breaking it breaks the conclusion, with the rows.
    public struct Outcome: Sendable {
        public let id: String
        public let needed: Bool
        public let evidence: String
        public let rows: [Row]
    }

    func gap<T: Real>(_ role: TermRole, _ world: WorldRecipe, _ config: ConfigurationRecipe, as _: T.Type) throws -> T {
        let w: FiniteWorld<T> = try world.world()
        return terms.evaluate(role, on: w.populationBatch(worldLogits: try config.worldLogits(T.self, head: terms.head)), dataLaw: w.dataLaw).gap
    }

    /// H.NONUNIFORM: on uniform-`p` worlds an FM1 configuration reaches the supremum of `L_GEN`
    /// (gap 0, certified to contain 0 in interval arithmetic) — versus `log N - H(p) > 0` when well-posed.
    public func nonUniform() throws -> Outcome {
        var rng = TriadRandom(seed: seed ^ 0x4E55)
        var rows: [Row] = [], worstUniform = 0.0
        for (n, c) in [(4, 2), (6, 3), (8, 4)] {
            for regime in [WorldRegime.uniformLaw, .wellPosed] {
                let world = WorldRecipe.random(regime, points: n, clusters: c, dimension: 2, using: &rng)
                let config = RepresentationalCollapse.table(points: world.count, v: [rng.gaussian(), rng.gaussian()],
                                                            prototypes: (0..<c).map { _ in [rng.gaussian(), rng.gaussian()] },
                                                            temperature: 0.1, regime: "FM1")
                let g = try gap(.generative, world, config, as: Interval.self)
                let gedi = try gap(.gedi, world, config, as: Double.self)
                rows.append(Row(label: "\(regime.rawValue), N=\(world.count), C=\(c): gap L_GEN in FM1", value: g.upper,
                                note: "L_GEDI gap \(format(gedi))"))
                if regime == .uniformLaw { worstUniform = max(worstUniform, g.upper) }
            }
        }
        let needed = worstUniform <= 1e-9
        return Outcome(id: "H.NONUNIFORM", needed: needed,
                       evidence: "uniform p: FM1 gap of L_GEN at most \(format(worstUniform)) (0 up to rounding)", rows: rows)
    }

    /// H.CONFIDENCE: the `L_PRIOR` penalty `g(eps)` and the gap measured at the configuration that
    /// attains it, as the collapse weakens toward `1 - eps = 1/C`.
    public func confidence() throws -> Outcome {
        var rng = TriadRandom(seed: seed ^ 0x434F)
        var rows: [Row] = [], weakest = Double.infinity
        for c in [2, 4] {
            let world = WorldRecipe.random(.wellPosed, points: 6, clusters: c, dimension: 2, using: &rng)
            let chance = 1 / Double(c)
            for confidence in [0.999, 0.99, 0.9, 0.75, chance + 0.05, chance + 0.01] where confidence > chance {
                let eps = 1 - confidence
                let measured = try gap(.prior, world, ClusterCollapse.priorTightWitness(world: world, eps: eps), as: Double.self)
                rows.append(Row(label: "C=\(c), 1 - eps = \(String(format: "%.3f", confidence))", value: ClusterCollapse.priorGapBound(eps: eps, clusters: c),
                                note: "measured gap at the tight configuration \(format(measured))"))
                if confidence == chance + 0.01 { weakest = min(weakest, measured) }
            }
        }
        return Outcome(id: "H.CONFIDENCE", needed: weakest < 1e-3,
                       evidence: "at 1 - eps = 1/C + 0.01 the penalty of L_PRIOR is \(format(weakest))", rows: rows)
    }

    /// H.SMALLTAU: at a fixed temperature every prediction has entropy at least that of the most
    /// confident prediction `H_min(tau, C)`, so `gap_INV >= H_min > 0`; the witnesses of T1.INV.FM1/FM2
    /// measured at each temperature.
    public func smallTemperature() throws -> Outcome {
        var rng = TriadRandom(seed: seed ^ 0x5441)
        let world = WorldRecipe.random(.wellPosed, points: 6, clusters: 3, dimension: 2, using: &rng)
        var rows: [Row] = [], atLargeTau = 0.0
        for tau in [0.01, 0.1, 0.5, 1, 2, 5] {
            let c = Double(world.clusterCount)
            // The most confident prediction: one logit 1/tau, the others -1/tau.
            let s = softmax([1 / tau] + Array(repeating: -1 / tau, count: world.clusterCount - 1))
            let hMin = Information.entropy(s)
            let witness = ClusterCollapse.confidentWitness(world: world, temperature: tau, noise: 0, using: &rng)
            let measured = try gap(.invariance, world, witness, as: Double.self)
            rows.append(Row(label: "tau = \(tau), C = \(Int(c))", value: hMin, note: "witness gap_INV \(format(measured))"))
            if tau == 2 { atLargeTau = measured }
        }
        return Outcome(id: "H.SMALLTAU", needed: atLargeTau > 0.1,
                       evidence: "at tau = 2 the best L_INV witness keeps a gap of \(format(atLargeTau))", rows: rows)
    }

    /// H.GROUPS: the best `gap_INV + gap_PRIOR` found by ascent of `L_INV + L_PRIOR` from aligned and
    /// random starts, on worlds with `C` groups and with fewer groups than clusters.
    public func groups() throws -> Outcome {
        var rng = TriadRandom(seed: seed ^ 0x4752)
        let objective = TermSet(generative: terms.generative, invariance: terms.invariance, prior: terms.prior,
                                weights: .init(generative: 0, invariance: 1, prior: 1)).objective
        var rows: [Row] = [], best: [WorldRegime: Double] = [:]
        for regime in [WorldRegime.wellPosed, .moreClustersThanGroups] {
            for (n, c) in [(5, 2), (6, 3)] {
                let world = WorldRecipe.random(regime, points: n, clusters: c, dimension: 2, using: &rng)
                var found = Double.infinity
                for start in [ConfigurationRegime.aligned, .random, .random] {
                    var config = ConfigurationRecipe.random(start, for: world, dimension: 2, using: &rng)
                    config.temperature = 0.1
                    config = try AdversarialSearch.ascend(world: world, from: config, term: objective, within: .none, steps: 60)
                    let w: FiniteWorld<Double> = try world.world()
                    let batch = w.populationBatch(worldLogits: try config.worldLogits(Double.self, head: terms.head))
                    let g = -objective.value(batch) + objective.upperBound(dataLaw: w.dataLaw, clusterCount: c)
                    found = min(found, g)
                }
                rows.append(Row(label: "\(regime.rawValue), N=\(world.count), C=\(c)", value: found,
                                note: "best gap_INV + gap_PRIOR at tau = 0.1"))
                best[regime] = max(best[regime] ?? 0, found)
            }
        }
        let ill = best[.moreClustersThanGroups] ?? 0, well = best[.wellPosed] ?? 0
        return Outcome(id: "H.GROUPS", needed: ill > 0.05 && ill > 10 * well,
                       evidence: "best gap with C > groups \(format(ill)) vs well-posed \(format(well))", rows: rows)
    }

    /// Every hypothesis outcome.
    public func all() throws -> [Outcome] {
        [try nonUniform(), try confidence(), try smallTemperature(), try groups()]
    }
}
