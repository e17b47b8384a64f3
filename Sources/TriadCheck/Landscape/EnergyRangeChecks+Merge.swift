import Glibc
import TriadCore

/// The claims that turn the energy range into a statement about the objective (`LAND.GEN.RANGE`,
/// `LAND.MERGE`), checked on random finite worlds with the terms under check.
extension EnergyRangeChecks {
    /// The table embedding (in the plane, before the prototypes' rotation by `rotation`) whose negative
    /// energy is `min F + f` for `C` merged prototypes along `(1, 0)`: `cos α = tau f - 1`.
    static func mergedWitness(_ f: Double, tau: Double) -> [Double] {
        let c = Swift.min(1, Swift.max(-1, tau * f - 1))
        return [c, (1 - c * c).squareRoot()]
    }

    /// The embedding whose negative energy is `min F + f` for two opposite prototypes `(0, ±1)`:
    /// `F = log 2 + log cosh(v/tau)` with `v = z_2`, so `v = tau acosh(e^f)`, with
    /// `acosh(e^f) = f + log(1 + sqrt(1 - e^{-2f}))` (no overflow).
    static func oppositeWitness(_ f: Double, tau: Double) -> [Double] {
        let v = Swift.min(1, tau * (f + log(1 + (-expm1(-2 * f)).squareRoot())))
        return [(1 - v * v).squareRoot(), v]
    }

    static func rotated(_ x: [Double], by angle: Double) -> [Double] {
        [cos(angle) * x[0] - sin(angle) * x[1], sin(angle) * x[0] + cos(angle) * x[1]]
    }

    /// The data law of a recipe in `Double` (its exact ratios, rounded once).
    static func law(_ recipe: WorldRecipe) -> [Double] {
        let total = Double(recipe.lawCounts.reduce(0, +))
        return recipe.lawCounts.map { Double($0) / total }
    }

    /// The tolerance of a term value in precision `T` (``BoundCheck/tolerance(unitRoundoff:pairs:points:clusters:temperature:)``,
    /// 0 for intervals), plus that of the `Double` closed form it is compared with (the same bound at
    /// Double's `ulp(1)`: ``RangeLimitedLikelihood`` evaluates `L_GEN` with the same term code, and the
    /// witness directions are rounded to `Double`, moving each energy by a few `ulp/tau`).
    static func termTolerance(_ precision: Precision, pairs: Int, points: Int, clusters: Int, tau: Double) -> Double {
        let closed = BoundCheck.tolerance(unitRoundoff: Double.ulpOfOne, pairs: pairs, points: points, clusters: clusters, temperature: tau)
        return closed + (precision.isCertified ? 0
            : BoundCheck.tolerance(unitRoundoff: precision.unitRoundoff, pairs: pairs, points: points, clusters: clusters, temperature: tau))
    }

    /// The terms of a configuration in a ``Precision``: `(L_GEN, L_INV, L_PRIOR, L_GEDI)` as enclosures,
    /// and the number of pairs of the population batch.
    struct TermsVisitor: PrecisionVisitor {
        let world: WorldRecipe
        let config: ConfigurationRecipe
        let terms: TermSet
        func visit<T: Real>(_: T.Type) throws -> (values: [(lo: Double, hi: Double)], pairs: Int) {
            let w: FiniteWorld<T> = try world.world()
            let batch = w.populationBatch(worldLogits: try config.worldLogits(T.self, head: terms.head))
            let values = [TermRole.generative, .invariance, .prior, .gedi].map { role -> (lo: Double, hi: Double) in
                let v = terms.term(role).value(batch)
                return (v.lowerBound, v.upperBound)
            }
            return (values, batch.count)
        }
    }

    /// `LAND.GEN.RANGE`: at two prototypes of angle `θ` (merged, opposite, or any) and free table
    /// embeddings, `L_GEN <= G(p, R(θ))` (``RangeLimitedLikelihood``, `R` from ``EnergyRange/pair(angle:temperature:)``)
    /// for random embeddings, and for merged and opposite prototypes the witness built from the
    /// maximiser of `G` reaches `G` exactly.
    public func generativeRange() throws -> IdentityChecks.Outcome {
        let terms = self.terms
        let cases = Gen<(world: WorldRecipe, theta: Double, tau: Double, rotation: Double, random: [[[Double]]])> { rng, size in
            let regime = WorldRegime.allCases[rng.int(in: 0...(WorldRegime.allCases.count - 1))]
            let world = WorldRecipe.random(regime, points: size[.points], clusters: 2, dimension: 2, using: &rng)
            let pick = rng.nextUnit()
            let theta = pick < 0.35 ? 0 : pick < 0.7 ? Double.pi : rng.uniform(0, Double.pi)
            let random = (0..<2).map { _ in (0..<world.count).map { _ in [rng.gaussian(), rng.gaussian()] } }
            return (world, theta, Self.temperature(using: &rng), rng.uniform(0, 2 * Double.pi), random)
        }
        return try run("LAND.GEN.RANGE", sizes: SizeSpace([(.points, 3...10)]), generator: cases,
                       coverage: [.fraction("merged", atLeast: 0.1), .fraction("opposite", atLeast: 0.1), .fraction("other angle", atLeast: 0.1)],
                       what: "L_GEN <= G(p, range) for random tables; the G witness attains it (merged, opposite)") { precision, v in
            let p = Self.law(v.world)
            let width = try EnergyRange.pair(angle: v.theta, temperature: v.tau).width
            let best = try RangeLimitedLikelihood.best(dataLaw: p, width: width)
            // Prototypes at ±θ/2 about the direction `rotation`: merged along it, opposite at ±90°, where
            // the witnesses' frames put them.
            let protos = [[cos(v.rotation + v.theta / 2), sin(v.rotation + v.theta / 2)],
                          [cos(v.rotation - v.theta / 2), sin(v.rotation - v.theta / 2)]]
            var configs = v.random.map { ConfigurationRecipe(embeddings: $0, prototypes: protos, temperature: v.tau, regime: "random") }
            let regime = v.theta == 0 ? "merged" : v.theta == Double.pi ? "opposite" : "other angle"
            if regime == "merged" {
                configs.append(ConfigurationRecipe(embeddings: best.negativeEnergies.map { Self.rotated(Self.mergedWitness($0, tau: v.tau), by: v.rotation) },
                                                   prototypes: protos, temperature: v.tau, regime: "witness"))
            } else if regime == "opposite" {
                configs.append(ConfigurationRecipe(embeddings: best.negativeEnergies.map { Self.rotated(Self.oppositeWitness($0, tau: v.tau), by: v.rotation) },
                                                   prototypes: protos, temperature: v.tau, regime: "witness"))
            }
            var failures: [String] = []
            for config in configs {
                let (values, pairs) = try precision.dispatch(TermsVisitor(world: v.world, config: config, terms: terms))
                let tol = Self.termTolerance(precision, pairs: pairs, points: v.world.count, clusters: 2, tau: v.tau)
                let gen = values[0]
                if !(gen.lo <= best.value + tol) {
                    failures.append("\(config.regime): L_GEN in [\(gen.lo), \(gen.hi)] above G(p, \(width)) = \(best.value) (tol \(tol))")
                }
                if config.regime == "witness" && !(gen.hi >= best.value - tol) {
                    failures.append("witness: L_GEN in [\(gen.lo), \(gen.hi)] below G(p, \(width)) = \(best.value) (tol \(tol))")
                }
            }
            return (failures, regime)
        }
    }

    /// `LAND.MERGE`: with all `C` prototypes merged, every configuration has `L_INV = L_PRIOR = -log C`;
    /// the `G` witness reaches `L_GEDI = λ_GEN G(p, 2/tau) - (λ_INV + λ_PRIOR) log C`; and (C = 2) no
    /// configuration with opposite prototypes exceeds `λ_GEN G(p, log cosh(1/tau)) - λ_PRIOR log 2`
    /// (random tables and the opposite `G` witness), so the merged witness beats all of them whenever
    /// `λ_GEN [G(p, 2/tau) - G(p, log cosh(1/tau))] > λ_INV log 2`.
    public func merge() throws -> IdentityChecks.Outcome {
        let terms = self.terms
        let cases = Gen<(world: WorldRecipe, tau: Double, weights: [Double], rotation: Double, scales: [Double], random: [[Double]])> { rng, size in
            let regime = WorldRegime.allCases[rng.int(in: 0...(WorldRegime.allCases.count - 1))]
            let world = WorldRecipe.random(regime, points: size[.points], clusters: size[.clusters], dimension: 2, using: &rng)
            let weights = (0..<3).map { _ in rng.nextUnit() < 0.2 ? 1 : rng.uniform(0, 3) }
            return (world, Self.temperature(using: &rng), weights, rng.uniform(0, 2 * Double.pi),
                    (0..<world.clusterCount).map { _ in rng.uniform(0.1, 10) }, (0..<world.count).map { _ in [rng.gaussian(), rng.gaussian()] })
        }
        return try run("LAND.MERGE", sizes: SizeSpace([(.points, 3...10), (.clusters, 2...4)]), generator: cases,
                       coverage: [.fraction("C = 2", atLeast: 0.1)],
                       what: "merged: L_INV = L_PRIOR = -log C, the G witness at λ_GEN G(2/tau) - (λ_INV + λ_PRIOR) log C; C = 2 opposite below its bound") { precision, v in
            let c = v.world.clusterCount, logC = log(Double(c))
            let weights = GEDIObjective.Weights(generative: v.weights[0], invariance: v.weights[1], prior: v.weights[2])
            let weighted = TermSet(generative: terms.generative, invariance: terms.invariance, prior: terms.prior, weights: weights,
                                   head: terms.head, objectiveVariant: terms.objectiveVariant)
            let p = Self.law(v.world)
            let merged = try RangeLimitedLikelihood.best(dataLaw: p, width: 2 / v.tau)
            let u = [cos(v.rotation), sin(v.rotation)]
            let protos = v.scales.map { s in u.map { $0 * s } }
            let witness = ConfigurationRecipe(embeddings: merged.negativeEnergies.map { Self.rotated(Self.mergedWitness($0, tau: v.tau), by: v.rotation) },
                                              prototypes: protos, temperature: v.tau, regime: "merged witness")
            let randomMerged = ConfigurationRecipe(embeddings: v.random, prototypes: protos, temperature: v.tau, regime: "merged random")
            var failures: [String] = []
            let target = weights.generative * merged.value - (weights.invariance + weights.prior) * logC
            for config in [witness, randomMerged] {
                let (values, pairs) = try precision.dispatch(TermsVisitor(world: v.world, config: config, terms: weighted))
                let tol = Self.termTolerance(precision, pairs: pairs, points: v.world.count, clusters: c, tau: v.tau)
                for (name, value) in [("L_INV", values[1]), ("L_PRIOR", values[2])] where !(value.hi >= -logC - tol && value.lo <= -logC + tol) {
                    failures.append("\(config.regime): \(name) in [\(value.lo), \(value.hi)], not -log C = \(-logC) (tol \(tol))")
                }
                let gediTol = tol * (1 + weights.generative + weights.invariance + weights.prior)
                if config.regime == "merged witness" && !(values[3].hi >= target - gediTol && values[3].lo <= target + gediTol) {
                    failures.append("merged witness: L_GEDI in [\(values[3].lo), \(values[3].hi)], closed form \(target) (tol \(gediTol))")
                }
            }
            guard c == 2 else { return (failures, "C = \(c)") }
            let w = EnergyRange.logCosh(1 / v.tau)
            let opposite = try RangeLimitedLikelihood.best(dataLaw: p, width: w)
            let bound = weights.generative * opposite.value - weights.prior * log(2.0)
            let oppositeProtos = [Self.rotated([0, 1], by: v.rotation), Self.rotated([0, -1], by: v.rotation)]
            for config in [ConfigurationRecipe(embeddings: v.random, prototypes: oppositeProtos, temperature: v.tau, regime: "opposite random"),
                           ConfigurationRecipe(embeddings: opposite.negativeEnergies.map { Self.rotated(Self.oppositeWitness($0, tau: v.tau), by: v.rotation) },
                                               prototypes: oppositeProtos, temperature: v.tau, regime: "opposite witness")] {
                let (values, pairs) = try precision.dispatch(TermsVisitor(world: v.world, config: config, terms: weighted))
                let tol = Self.termTolerance(precision, pairs: pairs, points: v.world.count, clusters: c, tau: v.tau)
                    * (1 + weights.generative + weights.invariance + weights.prior)
                if !(values[3].lo <= bound + tol) {
                    failures.append("\(config.regime): L_GEDI in [\(values[3].lo), \(values[3].hi)] above the bound λ_GEN G(log cosh(1/tau)) - λ_PRIOR log 2 = \(bound) (tol \(tol))")
                }
            }
            return (failures, "C = 2")
        }
    }

    /// Every mechanism claim, in ``claimIDs`` order.
    public func all() throws -> [(id: String, outcome: IdentityChecks.Outcome)] {
        [("LAND.RANGE.BOUND", try bound()), ("LAND.RANGE.PAIR", try pair()), ("LAND.RANGE.ANTIPODAL", try antipodal()),
         ("LAND.RANGE.SIMPLEX", try simplex()), ("LAND.GEN.RANGE", try generativeRange()), ("LAND.MERGE", try merge())]
    }
}
