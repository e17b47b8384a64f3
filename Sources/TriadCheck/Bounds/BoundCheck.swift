import TriadCore

/// Checks Eq. 4 and Proposition 2.1 — every term stays below its upper bound, and
/// `L_GEDI <= -H(p) - log C` — on a case, in a precision `T`, in the population and the empirical
/// form (`Proofs/model.md` §2-3).
public enum BoundCheck {
    /// The form a bound was checked in.
    public enum Form: String, Sendable, CaseIterable { case population, empirical }

    /// One measured gap `bound - value` with its tolerance.
    public struct Observation: Sendable {
        public let role: TermRole
        public let form: Form
        /// Lower and upper end of the gap (equal for floating point).
        public let gapLower: Double
        public let gapUpper: Double
        /// The rounding tolerance for floating point (0 for intervals, which need none).
        public let tolerance: Double

        /// Whether the observation contradicts the bound: for floating point the gap is below
        /// `-tolerance`; for intervals the whole enclosure lies below 0 (a certified violation).
        /// A NaN gap is a violation too: a bound check never passes silently on NaN.
        public var violates: Bool { gapLower.isNaN || gapUpper.isNaN || gapUpper < -tolerance }
        /// Whether the gap is certified positive (intervals only: the lower end is above 0).
        public var certifiedPositive: Bool { tolerance == 0 && gapLower > 0 }
    }

    /// The rounding tolerance of a term value in a precision with unit roundoff `u`:
    /// `2 · (P + N + C + 8) · u · S` with `S = 2/tau + log N + log C + 1`.
    ///
    /// Reason: every logit, log-sum-exp and log-probability is bounded by `S` in magnitude
    /// (`|l| <= 1/tau`, `log softmax >= -2/tau - log C`); each summand takes at most `C + 8`
    /// roundings, the weighted sum over `P` pairs adds at most `P` more, the entropy bound `N`;
    /// weights sum to 1, so the absolute error is at most `(P + N + C + 8) · u · S`; the factor 2 is margin.
    public static func tolerance(unitRoundoff u: Double, pairs: Int, points: Int, clusters: Int,
                                 temperature: Double) -> Double {
        let s = 2 / temperature + Double.log(Double(points)) + Double.log(Double(clusters)) + 1
        return 2 * Double(pairs + points + clusters + 8) * u * s
    }

    /// The observations of one case in precision `T` (all four roles, both forms), for the terms of
    /// `terms` (Triad's reference implementation by default).
    public static func observe<T: Real>(_ c: BoundCase, as _: T.Type, terms: TermSet = .reference) throws -> [Observation] {
        let world: FiniteWorld<T> = try c.world.world()
        let logits: Matrix<T> = try c.configuration.worldLogits(T.self, head: terms.head)
        let dataset = try PairedDataset(pairs: c.dataset, worldSize: world.count)
        let forms: [(Form, TermBatch<T>, [T])] = [
            (.population, world.populationBatch(worldLogits: logits), world.dataLaw),
            (.empirical, world.empiricalBatch(worldLogits: logits, dataset: dataset),
             dataset.empiricalLaw(worldSize: world.count)),
        ]
        var out: [Observation] = []
        for (form, batch, law) in forms {
            let tol = T.isCertified ? 0 : tolerance(unitRoundoff: T.unitRoundoff, pairs: batch.count, points: world.count,
                                                    clusters: world.clusterCount, temperature: c.configuration.temperature)
            for role in TermRole.allCases {
                let gap = terms.evaluate(role, on: batch, dataLaw: law).gap
                out.append(Observation(role: role, form: form, gapLower: gap.lowerBound, gapUpper: gap.upperBound,
                                       tolerance: tol))
            }
        }
        return out
    }
}
