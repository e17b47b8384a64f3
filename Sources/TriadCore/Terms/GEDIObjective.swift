/// The GEDI objective `L_GEDI = lambda_GEN L_GEN + lambda_INV L_INV + lambda_PRIOR L_PRIOR` (Eq. 5),
/// over any three term implementations. Its bound is the weighted sum of the three bounds,
/// `<= -H(p) - log C` with unit weights (Prop. 2.1).
public struct GEDIObjective: ObjectiveTerm {
    /// The weights `(lambda_GEN, lambda_INV, lambda_PRIOR)`, default 1 each.
    public struct Weights: Sendable, Equatable {
        public var generative: Double
        public var invariance: Double
        public var prior: Double
        public init(generative: Double = 1, invariance: Double = 1, prior: Double = 1) {
            self.generative = generative
            self.invariance = invariance
            self.prior = prior
        }
        public static let unit = Weights()
    }

    public var weights: Weights
    public var generative: any ObjectiveTerm
    public var invariance: any ObjectiveTerm
    public var prior: any ObjectiveTerm

    /// Throws when a weight is negative, NaN or infinite.
    public init(weights: Weights = .unit, generative: any ObjectiveTerm = GenerativeTerm(),
                invariance: any ObjectiveTerm = InvarianceTerm(), prior: any ObjectiveTerm = PriorTerm()) throws {
        for (label, w) in [("lambda_GEN", weights.generative), ("lambda_INV", weights.invariance),
                           ("lambda_PRIOR", weights.prior)] {
            try require(w.isFinite && w >= 0, "weight \(label)", w, "must be finite and >= 0")
        }
        self.weights = weights
        self.generative = generative
        self.invariance = invariance
        self.prior = prior
    }

    public var name: String { "L_GEDI" }

    /// The terms with non-zero weight, with their weights. A zero weight skips the term entirely
    /// (the "no gen" ablation needs no partition points).
    public var weightedTerms: [(weight: Double, term: any ObjectiveTerm)] {
        [(weights.generative, generative), (weights.invariance, invariance), (weights.prior, prior)]
            .filter { $0.0 != 0 }
    }

    public func value<T: Real>(_ batch: TermBatch<T>) -> T {
        var total = T.zero
        for (w, term) in weightedTerms { total += T(w) * term.value(batch) }
        return total
    }

    public func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T> {
        var g = TermGradient(zeroFor: batch)
        for (w, term) in weightedTerms { g.add(term.gradient(batch), scaledBy: T(w)) }
        return g
    }

    /// The weighted sum of the three bounds: `lambda_GEN (-H(p)) + lambda_INV · 0 + lambda_PRIOR (-H(pi))`.
    public func upperBound<T: Real>(dataLaw: [T], clusterCount c: Int, prior: PriorTerm = PriorTerm()) -> T {
        T(weights.generative) * GenerativeTerm.upperBound(dataLaw: dataLaw)
            + T(weights.invariance) * InvarianceTerm.upperBound(as: T.self)
            + T(weights.prior) * prior.upperBound(clusterCount: c, as: T.self)
    }
}
