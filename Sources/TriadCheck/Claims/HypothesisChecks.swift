import Glibc
import TriadCore

/// The checks of Proofs/hypotheses.md: each breaks one hypothesis on purpose and measures the
/// conclusion it supported, as a property of the engine over random worlds. Every measurement is
/// returned for `Reports/assumptions.md`.
public struct HypothesisChecks: Sendable {
    public var terms: TermSet
    /// Seed and replay of the runs (each hypothesis sets its own small case count).
    public var settings: CheckSettings

    public init(terms: TermSet = .reference, settings: CheckSettings) {
        self.terms = terms
        self.settings = settings
    }

    public init(terms: TermSet = .reference, seed: UInt64 = Theorem1Check.defaultSeed) {
        self.init(terms: terms, settings: CheckSettings(seed: seed))
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
        /// The engine's run.
        public var result: PropertyResult? = nil
    }

    func gap<T: Real>(_ role: TermRole, _ world: WorldRecipe, _ config: ConfigurationRecipe, as _: T.Type) throws -> T {
        let w: FiniteWorld<T> = try world.world()
        return terms.evaluate(role, on: w.populationBatch(worldLogits: try config.worldLogits(T.self, head: terms.head)), dataLaw: w.dataLaw).gap
    }

    /// Runs hypothesis `id` as a property of the engine: each case breaks the hypothesis on a world
    /// drawn from `sizes` and passes when the conclusion it supported fails there; `rows` gives the
    /// report's measurements of a case. "needed" when every case shows the break.
    func run<V>(_ id: String, sizes: SizeSpace, generator: Gen<V>, cases: Int, what: String,
                _ claim: @escaping @Sendable (V) throws -> (Verdict, [Row])) throws -> Outcome {
        var settings = self.settings
        settings.cases = cases
        let property = Property(id, sizes: sizes, generator: generator) { try claim($0).0 }
        var rows: [Row] = [], measures: [Double] = []
        let result = try property.check(settings) { value, verdict in
            rows += try claim(value).1
            if let m = verdict.measure { measures.append(m) }
        }
        let range = measures.isEmpty ? "" : " (from \(format(measures.min()!)) to \(format(measures.max()!)))"
        var evidence = "\(result.casesText): \(what)\(range)"
        if let message = result.failureMessage {
            evidence += "; " + message + (result.counterexample.map { "; replay: TRIAD_REPLAY='\($0.replay.token)'" } ?? "")
        }
        return Outcome(id: id, needed: result.passed, evidence: evidence, rows: rows, result: result)
    }

    /// H.NONUNIFORM: on a uniform-`p` world an FM1 configuration reaches the supremum of `L_GEN` (gap
    /// 0: its interval enclosure's upper end at most `1e-9`), where the same configuration on a
    /// well-posed world of the same size pays `log N - H(p) > 0`.
    public func nonUniform() throws -> Outcome {
        let check = self
        let worlds = Gen<(WorldRecipe, WorldRecipe, ConfigurationRecipe)> { rng, size in
            let uniform = WorldRecipe.random(.uniformLaw, points: size.N, clusters: size.C, dimension: 2, using: &rng)
            let wellPosed = WorldRecipe.random(.wellPosed, points: uniform.count, clusters: size.C, dimension: 2, using: &rng)
            let config = RepresentationalCollapse.table(points: uniform.count, v: [rng.gaussian(), rng.gaussian()],
                                                        prototypes: (0..<size.C).map { _ in [rng.gaussian(), rng.gaussian()] },
                                                        temperature: 0.1, regime: "FM1")
            return (uniform, wellPosed, config)
        }
        return try run("H.NONUNIFORM", sizes: SizeSpace(N: 4...8, C: 2...4, D: 1...1, n: 1...1), generator: worlds, cases: 6,
                       what: "FM1 gap of L_GEN on uniform-p worlds") { uniform, wellPosed, config in
            let g = try check.gap(.generative, uniform, config, as: Interval.self)
            let contrast = try check.gap(.generative, wellPosed, config, as: Double.self)
            let gedi = try check.gap(.gedi, uniform, config, as: Double.self)
            let label = "N=\(uniform.count), C=\(uniform.clusterCount)"
            let verdict = Verdict.expect(g.upper <= 1e-9, "uniform p, \(label): FM1 gap of L_GEN \(g.upper) > 1e-9 (L_GEN sees the collapse)",
                                         regime: "uniform p", measure: g.upper)
            return (verdict, [Row(label: "uniform p, \(label): gap L_GEN in FM1", value: g.upper,
                                  note: "same configuration on a well-posed world: \(format(contrast)); L_GEDI gap \(format(gedi))")])
        }
    }

    /// H.CONFIDENCE: the `L_PRIOR` penalty `g(eps)` and the gap measured at the configuration that
    /// attains it, as the collapse weakens toward `1 - eps = 1/C`; the case passes when at
    /// `1 - eps = 1/C + 0.01` the measured gap is below `1e-3`.
    public func confidence() throws -> Outcome {
        let check = self
        let worlds = Gen<WorldRecipe> { rng, size in
            WorldRecipe.random(.wellPosed, points: 6, clusters: size.C, dimension: 2, using: &rng)
        }
        return try run("H.CONFIDENCE", sizes: SizeSpace(N: 6...6, C: 2...5, D: 1...1, n: 1...1), generator: worlds, cases: 4,
                       what: "penalty of L_PRIOR at 1 - eps = 1/C + 0.01") { world in
            let c = world.clusterCount, chance = 1 / Double(c)
            var rows: [Row] = [], weakest = Double.infinity
            for confidence in [0.999, 0.99, 0.9, 0.75, chance + 0.05, chance + 0.01] where confidence > chance {
                let eps = 1 - confidence
                let measured = try check.gap(.prior, world, ClusterCollapse.priorTightWitness(world: world, eps: eps), as: Double.self)
                rows.append(Row(label: "C=\(c), 1 - eps = \(String(format: "%.3f", confidence))", value: ClusterCollapse.priorGapBound(eps: eps, clusters: c),
                                note: "measured gap at the tight configuration \(format(measured))"))
                if confidence == chance + 0.01 { weakest = measured }
            }
            return (.expect(weakest < 1e-3, "C=\(c): penalty \(weakest) >= 1e-3 at 1 - eps = 1/C + 0.01", regime: "C=\(c)", measure: weakest), rows)
        }
    }

    /// H.SMALLTAU: at a fixed temperature every prediction has entropy at least that of the most
    /// confident prediction `H_min(tau, C)`, so `gap_INV >= H_min > 0`; the case passes when at
    /// `tau = 2` the best `L_INV` witness (every point confidently at its own prototype) keeps a gap
    /// above 0.1.
    public func smallTemperature() throws -> Outcome {
        let check = self
        let cases = Gen<(WorldRecipe, UInt64)> { rng, size in
            (WorldRecipe.random(.wellPosed, points: size.N, clusters: size.C, dimension: 2, using: &rng), rng.next())
        }
        return try run("H.SMALLTAU", sizes: SizeSpace(N: 4...8, C: 2...4, D: 1...1, n: 1...1), generator: cases, cases: 4,
                       what: "best L_INV witness gap at tau = 2") { world, seed in
            var rng = TriadRandom(seed: seed)
            var rows: [Row] = [], atLargeTau = 0.0
            for tau in [0.01, 0.1, 0.5, 1, 2, 5] {
                // The most confident prediction: one logit 1/tau, the others -1/tau.
                let s = softmax([1 / tau] + Array(repeating: -1 / tau, count: world.clusterCount - 1))
                let witness = ClusterCollapse.confidentWitness(world: world, temperature: tau, noise: 0, using: &rng)
                let measured = try check.gap(.invariance, world, witness, as: Double.self)
                rows.append(Row(label: "N=\(world.count), C=\(world.clusterCount), tau = \(tau)", value: Information.entropy(s),
                                note: "witness gap_INV \(format(measured))"))
                if tau == 2 { atLargeTau = measured }
            }
            return (.expect(atLargeTau > 0.1, "at tau = 2 the L_INV witness reaches gap \(atLargeTau) <= 0.1",
                            regime: "tau = 2", measure: atLargeTau), rows)
        }
    }

    /// H.GROUPS: the best `gap_INV + gap_PRIOR` found by ascent of `L_INV + L_PRIOR` (from an aligned
    /// and two random starts, tau = 0.1), on a world with fewer augmentation-closed groups than
    /// clusters and on a well-posed world of the same size; the case passes when the first stays
    /// above 0.05 and above 10 times the second.
    public func groups() throws -> Outcome {
        let check = self
        let objective = TermSet(generative: terms.generative, invariance: terms.invariance, prior: terms.prior,
                                weights: .init(generative: 0, invariance: 1, prior: 1)).objective
        let cases = Gen<(WorldRecipe, WorldRecipe, UInt64)> { rng, size in
            let ill = WorldRecipe.random(.moreClustersThanGroups, points: size.N, clusters: size.C, dimension: 2, using: &rng)
            let well = WorldRecipe.random(.wellPosed, points: ill.count, clusters: size.C, dimension: 2, using: &rng)
            return (ill, well, rng.next())
        }
        return try run("H.GROUPS", sizes: SizeSpace(N: 5...6, C: 2...3, D: 1...1, n: 1...1), generator: cases, cases: 3,
                       what: "best gap_INV + gap_PRIOR with C > groups") { ill, well, seed in
            var rng = TriadRandom(seed: seed)
            func best(_ world: WorldRecipe) throws -> Double {
                var found = Double.infinity
                for start in [ConfigurationRegime.aligned, .random, .random] {
                    var config = ConfigurationRecipe.random(start, for: world, dimension: 2, using: &rng)
                    config.temperature = 0.1
                    config = try AdversarialSearch.ascend(world: world, from: config, term: objective, within: .none, steps: 60)
                    let w: FiniteWorld<Double> = try world.world()
                    let batch = w.populationBatch(worldLogits: try config.worldLogits(Double.self, head: check.terms.head))
                    found = min(found, -objective.value(batch) + objective.upperBound(dataLaw: w.dataLaw, clusterCount: world.clusterCount))
                }
                return found
            }
            let (gapIll, gapWell) = (try best(ill), try best(well))
            let label = "N=\(ill.count), C=\(ill.clusterCount)"
            return (.expect(gapIll > 0.05 && gapIll > 10 * gapWell,
                            "\(label): best gap with C > groups \(gapIll) vs well-posed \(gapWell)", regime: "C > groups", measure: gapIll),
                    [Row(label: "C > groups, \(label)", value: gapIll, note: "best gap_INV + gap_PRIOR at tau = 0.1"),
                     Row(label: "well-posed, \(label)", value: gapWell, note: "best gap_INV + gap_PRIOR at tau = 0.1")])
        }
    }

    /// Every hypothesis outcome.
    public func all() throws -> [Outcome] {
        [try nonUniform(), try confidence(), try smallTemperature(), try groups()]
    }
}
