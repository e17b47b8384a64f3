/// The generative term `L_GEN = E_p(x)[log p_Theta(x)] = -CE(p, p_Theta)` (Eq. 3, Prop. 2.1),
/// with `log p_Theta(x) = -E(x) - log Gamma` and `-E(x) = LSE_y l_y(x)` (Eq. 6).
///
/// On a batch: `L_GEN = Σ_i a_i LSE(l(x_i)) - log Gamma`, with `log Gamma` exact over a world
/// (`LSE_j LSE(l(w_j))`) or, for training, the sample surrogate `Σ_j b_j LSE(l(x~_j))`.
/// Upper bound `-H(p)`, attained iff `p_Theta = p`; gap `= KL(p || p_Theta)`.
public struct GenerativeTerm: ObjectiveTerm {
    public init() {}
    public var name: String { "L_GEN" }

    /// `log Gamma` (exact) or its sample surrogate.
    @inlinable public static func logPartition<T: Real>(_ partition: Partition<T>) -> T {
        let negativeEnergies = rowLogSumExp(partition.logits)
        switch partition {
        case .exact:
            return logSumExp(negativeEnergies)
        case .sampled(_, let weights):
            var s = T.zero
            for (b, e) in zip(weights, negativeEnergies) { s += b * e }
            return s
        }
    }

    @inlinable public func value<T: Real>(_ batch: TermBatch<T>) -> T {
        guard let partition = batch.partition else {
            preconditionFailure(TriadError("partition of the batch", "nil", "L_GEN needs the points of Gamma").description)
        }
        var data = T.zero
        for (a, e) in zip(batch.weights, rowLogSumExp(batch.logits)) { data += a * e }
        return data - Self.logPartition(partition)
    }

    /// Eq. 11 on logits: `∂L/∂l(x_i) = a_i softmax(l(x_i))` (the data expectation of `-∇E`) and
    /// `∂L/∂l(w_j) = -m_j softmax(l(w_j))` (the model expectation), with `m_j = p_Theta(w_j)` for an
    /// exact partition and `m_j = b_j` for samples.
    @inlinable public func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T> {
        gradient(batch, softmaxes: BatchSoftmaxes(batch))
    }

    /// ``gradient(_:)`` reading the softmaxes from `softmaxes` (a cache of `batch`'s, shared with
    /// other terms of the same batch).
    @inlinable public func gradient<T: Real>(_ batch: TermBatch<T>, softmaxes: BatchSoftmaxes<T>) -> TermGradient<T> {
        guard let partition = batch.partition else {
            preconditionFailure(TriadError("partition of the batch", "nil", "L_GEN needs the points of Gamma").description)
        }
        var g = TermGradient(zeroFor: batch)
        let p = softmaxes.logits.probabilities
        for i in 0..<batch.count {
            for y in 0..<batch.clusterCount { g.logits[i, y] = batch.weights[i] * p[i, y] }
        }
        let pl = partition.logits
        let modelWeights: [T]
        switch partition {
        case .exact:
            let ne = rowLogSumExp(pl)
            let logGamma: T = logSumExp(ne)
            modelWeights = ne.map { T.exp($0 - logGamma) }
        case .sampled(_, let weights):
            modelWeights = weights
        }
        let q = softmaxes.partitionLogits.probabilities
        for j in 0..<pl.rows {
            for y in 0..<pl.columns { g.partitionLogits[j, y] = -modelWeights[j] * q[j, y] }
        }
        return g
    }

    /// The model law over a world: `p_Theta(w_j) = exp(-E(w_j)) / Gamma`, from the world's logits.
    public static func modelLaw<T: Real>(worldLogits: Matrix<T>) -> [T] {
        let ne = rowLogSumExp(worldLogits)
        let logGamma: T = logSumExp(ne)
        return ne.map { T.exp($0 - logGamma) }
    }

    /// `log p_Theta(w_j)` over a world.
    public static func modelLogLaw<T: Real>(worldLogits: Matrix<T>) -> [T] {
        let ne = rowLogSumExp(worldLogits)
        let logGamma: T = logSumExp(ne)
        return ne.map { $0 - logGamma }
    }

    /// The upper bound `-H(p)` for the data law `p` over the world (Prop. 2.1).
    public static func upperBound<T: Real>(dataLaw: [T]) -> T { -Information.entropy(dataLaw) }
}
