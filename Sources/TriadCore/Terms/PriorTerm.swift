/// The prior term `L_PRIOR = Σ_y pi_y log q_y` with the marginal `q_y = E_p(x)[p(y|x)]`
/// (Eq. 4; choice, `Proofs/model.md` §2.3: prior first, `pi` uniform unless given).
///
/// On a batch, `q_y = Σ_i a_i softmax(l(x_i))_y`, computed as `log q_y = LSE_i(log a_i + log p(y|x_i))`
/// so that tiny probabilities do not underflow. Upper bound `Σ_y pi_y log pi_y` (`-log C` for the
/// uniform prior), attained iff `q = pi`; gap `= KL(pi || q)`.
public struct PriorTerm: ObjectiveTerm {
    /// The prior `pi`; `nil` is uniform, computed as `1/C` in the working precision.
    public let prior: [Double]?

    /// Throws when a given prior has a negative, NaN or infinite entry or does not sum to 1.
    public init(prior: [Double]? = nil) throws {
        if let prior {
            var sum = 0.0
            for (y, v) in prior.enumerated() {
                try require(v.isFinite && v >= 0, "prior pi[\(y)]", v, "must be finite and >= 0")
                sum += v
            }
            try require(abs(sum - 1) <= 16 * Double(prior.count) * Double.ulpOfOne, "sum of prior pi", sum, "must be 1")
        }
        self.prior = prior
    }

    /// The uniform prior.
    public init() { prior = nil }

    public var name: String { "L_PRIOR" }

    @inlinable func priorWeights<T: Real>(_ c: Int) -> [T] {
        if let prior {
            triadPrecondition(prior.count == c, "prior length", prior.count, "must equal the cluster count \(c)")
            return prior.map { T($0) }
        }
        return Array(repeating: T.one / T(c), count: c)
    }

    /// `log q_y = LSE_i(log a_i + log p(y|x_i))` for each cluster `y`.
    @inlinable public static func logMarginal<T: Real>(logits: Matrix<T>, weights: [T]) -> [T] {
        logMarginal(logProbabilities: logits.rowLogSoftmax(), weights: weights)
    }

    /// ``logMarginal(logits:weights:)`` from the rows' `log softmax` (`lp`, `N × C`).
    @inlinable public static func logMarginal<T: Real>(logProbabilities lp: Matrix<T>, weights: [T]) -> [T] {
        let logA = TermBatch<T>.logWeights(weights)
        return (0..<lp.columns).map { y in
            logSumExp((0..<lp.rows).map { i in logA[i] + lp[i, y] })
        }
    }

    @inlinable public func value<T: Real>(_ batch: TermBatch<T>) -> T {
        let pi: [T] = priorWeights(batch.clusterCount)
        let lq = Self.logMarginal(logits: batch.logits, weights: batch.weights)
        var total = T.zero
        for (p, l) in zip(pi, lq) where !(p.upperBound == 0) { total += p * l }
        return total
    }

    /// `∂L/∂l_ik = a_i p_ik (r_k - Σ_y r_y p_iy)` with `r_y = pi_y / q_y`, computed in log space as
    /// `a_i (pi_k t_ik - p_ik Σ_y pi_y t_iy)` with `t_iy = p(y|x_i) / q_y = exp(log p(y|x_i) - log q_y)`.
    /// Since `q_y >= a_i p(y|x_i)`, `t_iy <= 1/a_i` never overflows, whereas `1/q_y` alone does when a
    /// cluster's marginal underflows (`exp(-log q_y) = inf` times `p(y|x_i) = 0` was NaN). A pair with
    /// `a_i = 0` contributes nothing to `q` and its gradient is exactly 0.
    @inlinable public func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T> {
        gradient(batch, softmaxes: BatchSoftmaxes(batch))
    }

    /// ``gradient(_:)`` reading the softmaxes from `softmaxes` (a cache of `batch`'s, shared with
    /// other terms of the same batch).
    @inlinable public func gradient<T: Real>(_ batch: TermBatch<T>, softmaxes: BatchSoftmaxes<T>) -> TermGradient<T> {
        var g = TermGradient(zeroFor: batch)
        let pi: [T] = priorWeights(batch.clusterCount)
        let lp = softmaxes.logits.logProbabilities
        let lq = Self.logMarginal(logProbabilities: lp, weights: batch.weights)
        let p = softmaxes.logits.probabilities
        let c = batch.clusterCount
        var t = [T](repeating: T.zero, count: c)
        for i in 0..<batch.count where !(batch.weights[i].upperBound == 0) {
            var mean = T.zero
            for y in 0..<c {
                t[y] = pi[y].upperBound == 0 ? T.zero : pi[y] * T.exp(lp[i, y] - lq[y])
                mean += t[y]
            }
            for k in 0..<c { g.logits[i, k] = batch.weights[i] * (t[k] - p[i, k] * mean) }
        }
        return g
    }

    /// The upper bound `Σ_y pi_y log pi_y` (`-log C` for the uniform prior).
    public func upperBound<T: Real>(clusterCount c: Int, as: T.Type = T.self) -> T {
        -Information.entropy(priorWeights(c) as [T])
    }
}
