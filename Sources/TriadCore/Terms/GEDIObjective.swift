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

    /// Each weighted term's name, weight and value on `batch`, in ``weightedTerms`` order.
    @inlinable public func weightedValues<T: Real>(_ batch: TermBatch<T>) -> [(name: String, weight: Double, value: T)] {
        weightedTerms.map { (w, term) in (term.name, w, Self.value(of: term, batch)) }
    }

    /// `sum_k lambda_k L_k(batch)`, summed in ``weightedTerms`` order.
    @inlinable public func value<T: Real>(_ batch: TermBatch<T>) -> T {
        Self.total(weightedValues(batch))
    }

    /// `sum_k lambda_k L_k` from ``weightedValues(_:)``, in their order: what ``value(_:)`` returns,
    /// for a caller that also wants the terms and should not evaluate them twice.
    @inlinable public static func total<T: Real>(_ values: [(name: String, weight: Double, value: T)]) -> T {
        var total = T.zero
        for t in values { total += T(t.weight) * t.value }
        return total
    }

    /// `sum_k lambda_k ∂L_k/∂l`, accumulated from zero in ``weightedTerms`` order.
    /// The standard terms share one ``BatchSoftmaxes`` of the batch (each softmax computed once).
    @inlinable public func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T> {
        var g = TermGradient(zeroFor: batch)
        let softmaxes = BatchSoftmaxes(batch)
        for (w, term) in weightedTerms { g.add(Self.gradient(of: term, batch, softmaxes), scaledBy: T(w)) }
        return g
    }

    // Why the casts: the terms are stored as `any ObjectiveTerm`, and a call through the
    // existential runs the term's *unspecialised* generic code (for the trainer's batch of 400
    // in Float, ~7 ms against ~1.8 ms for the whole rest of a training step). Calling the
    // standard terms through their concrete types lets a caller that knows `T` (this method is
    // `@inlinable`) specialise their `@inlinable` bodies. Same functions, same result; any other
    // term (a mutant, a user's) goes through its protocol witness.
    @inlinable static func value<T: Real>(of term: any ObjectiveTerm, _ batch: TermBatch<T>) -> T {
        if let t = term as? GenerativeTerm { return t.value(batch) }
        if let t = term as? InvarianceTerm { return t.value(batch) }
        if let t = term as? PriorTerm { return t.value(batch) }
        return term.value(batch)
    }

    @inlinable static func gradient<T: Real>(of term: any ObjectiveTerm, _ batch: TermBatch<T>,
                                             _ softmaxes: BatchSoftmaxes<T>) -> TermGradient<T> {
        if let t = term as? GenerativeTerm { return t.gradient(batch, softmaxes: softmaxes) }
        if let t = term as? InvarianceTerm { return t.gradient(batch, softmaxes: softmaxes) }
        if let t = term as? PriorTerm { return t.gradient(batch, softmaxes: softmaxes) }
        return term.gradient(batch)
    }

    /// The weighted sum of the three bounds: `lambda_GEN (-H(p)) + lambda_INV · 0 + lambda_PRIOR (-H(pi))`.
    public func upperBound<T: Real>(dataLaw: [T], clusterCount c: Int, prior: PriorTerm = PriorTerm()) -> T {
        T(weights.generative) * GenerativeTerm.upperBound(dataLaw: dataLaw)
            + T(weights.invariance) * InvarianceTerm.upperBound(as: T.self)
            + T(weights.prior) * prior.upperBound(clusterCount: c, as: T.self)
    }
}
