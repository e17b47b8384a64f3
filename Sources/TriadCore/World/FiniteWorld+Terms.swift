/// The population and empirical forms of the GEDI terms over a finite world (`Proofs/model.md` §3.2-3.3).
/// Both build a ``TermBatch`` and call the same term code; only the weighting differs.
extension FiniteWorld {
    /// The population batch: every pair `(w_i, w_j)` with `p_i A_ij > 0`, weight `p_i A_ij`, and the
    /// exact partition over the world. Because each row of `A` sums to 1, the data expectations of
    /// `L_GEN` and `L_PRIOR` over these pairs equal `E_p(x)`, and `L_INV` gets `E_p(x,x')`.
    /// - Parameter worldLogits: `l(w_i)` for every world point, `N × C`.
    @inlinable public func populationBatch(worldLogits: Matrix<T>) -> TermBatch<T> {
        checkLogits(worldLogits)
        return TermBatch(logits: worldLogits.selectingRows(pairRows), viewLogits: worldLogits.selectingRows(pairViews),
                         weights: pairWeights, partition: .exact(worldLogits))
    }

    /// The empirical batch of a dataset of world pairs: weights `1/n`, exact partition over the world.
    public func empiricalBatch(worldLogits: Matrix<T>, dataset: PairedDataset) -> TermBatch<T> {
        checkLogits(worldLogits)
        return TermBatch(logits: worldLogits.selectingRows(dataset.pairs.map(\.x)),
                         viewLogits: worldLogits.selectingRows(dataset.pairs.map(\.view)),
                         partition: .exact(worldLogits))
    }

    /// The gradient with respect to the world's logits `l(w_i)` of a term evaluated on
    /// ``populationBatch(worldLogits:)``: each pair's rows and the partition rows are summed back
    /// onto the world points they came from (the chain rule through the gather).
    @inlinable public func populationLogitGradient(_ g: TermGradient<T>) -> Matrix<T> {
        scatter(g, x: pairRows, views: pairViews)
    }

    /// As ``populationLogitGradient(_:)`` for ``empiricalBatch(worldLogits:dataset:)``.
    public func empiricalLogitGradient(_ g: TermGradient<T>, dataset: PairedDataset) -> Matrix<T> {
        scatter(g, x: dataset.pairs.map(\.x), views: dataset.pairs.map(\.view))
    }

    @inlinable func scatter(_ g: TermGradient<T>, x: [Int], views: [Int]) -> Matrix<T> {
        var out = Matrix<T>.zeros(rows: count, columns: clusterCount)
        for (row, i) in x.enumerated() {
            for y in 0..<clusterCount { out[i, y] += g.logits[row, y] }
        }
        for (row, j) in views.enumerated() {
            for y in 0..<clusterCount { out[j, y] += g.viewLogits[row, y] }
        }
        if g.partitionLogits.rows == count {
            for i in 0..<count { for y in 0..<clusterCount { out[i, y] += g.partitionLogits[i, y] } }
        }
        return out
    }

    @inlinable func checkLogits(_ worldLogits: Matrix<T>) {
        triadPrecondition(worldLogits.rows == count && worldLogits.columns == clusterCount, "world logits shape",
                          "\(worldLogits.rows)x\(worldLogits.columns)", "must be N x C = \(count)x\(clusterCount)")
    }
}

/// A term's value against its upper bound: `gap = bound - value >= 0` by Eq. 4 / Prop. 2.1.
public struct BoundedValue<T: Real>: Sendable {
    public let value: T
    public let bound: T
    public var gap: T { bound - value }
    public init(value: T, bound: T) { self.value = value; self.bound = bound }
}

/// Which of the three GEDI terms (or the whole objective) a value or claim is about.
public enum TermRole: String, Sendable, CaseIterable, Codable {
    case generative = "L_GEN"
    case invariance = "L_INV"
    case prior = "L_PRIOR"
    case gedi = "L_GEDI"
}

/// The three terms of an objective under check, ours by default, and their bounds.
public struct TermSet: Sendable {
    public var generative: any ObjectiveTerm
    public var invariance: any ObjectiveTerm
    public var prior: any ObjectiveTerm
    public var weights: GEDIObjective.Weights
    /// The head that turns embeddings into the logits the terms read.
    public var head: any LogitHead
    /// How `L_GEDI` is assembled from the three terms at ``weights``: `nil` is Triad's
    /// ``GEDIObjective``; a variant (a user's own weighting code, or a mutant of it) receives that
    /// objective and returns the term that plays `L_GEDI` (``gedi``, ``term(_:)``).
    public var objectiveVariant: (@Sendable (GEDIObjective) -> any ObjectiveTerm)?

    public init(generative: any ObjectiveTerm = GenerativeTerm(), invariance: any ObjectiveTerm = InvarianceTerm(),
                prior: any ObjectiveTerm = PriorTerm(), weights: GEDIObjective.Weights = .unit,
                head: any LogitHead = CosineHead(),
                objectiveVariant: (@Sendable (GEDIObjective) -> any ObjectiveTerm)? = nil) {
        self.generative = generative
        self.invariance = invariance
        self.prior = prior
        self.weights = weights
        self.head = head
        self.objectiveVariant = objectiveVariant
    }

    /// Triad's reference implementation.
    public static let reference = TermSet()

    /// The objective `L_GEDI` over these terms.
    public var objective: GEDIObjective {
        // Weights were validated when the set was built from valid weights; a negative weight traps.
        try! GEDIObjective(weights: weights, generative: generative, invariance: invariance, prior: prior)
    }

    /// The term playing `L_GEDI`: ``objective``, or what ``objectiveVariant`` makes of it.
    public var gedi: any ObjectiveTerm { objectiveVariant?(objective) ?? objective }

    /// The implementation playing `role`.
    public func term(_ role: TermRole) -> any ObjectiveTerm {
        switch role {
        case .generative: generative
        case .invariance: invariance
        case .prior: prior
        case .gedi: gedi
        }
    }

    /// The term's value on a batch with its bound (Eq. 4, Prop. 2.1), the data law being the law of
    /// the batch's `x` over the world (`p` for the population form, `p̂` for a dataset).
    public func evaluate<T: Real>(_ role: TermRole, on batch: TermBatch<T>, dataLaw: [T]) -> BoundedValue<T> {
        let value = term(role).value(batch)
        let c = batch.clusterCount
        let bound: T
        switch role {
        case .generative: bound = GenerativeTerm.upperBound(dataLaw: dataLaw)
        case .invariance: bound = InvarianceTerm.upperBound(as: T.self)
        case .prior: bound = PriorTerm().upperBound(clusterCount: c, as: T.self)
        case .gedi: bound = objective.upperBound(dataLaw: dataLaw, clusterCount: c)
        }
        return BoundedValue(value: value, bound: bound)
    }
}
