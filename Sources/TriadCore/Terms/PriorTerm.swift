/// The prior term `L_PRIOR = Σ_y pi_y log q_y` with the marginal `q_y = E_p(x)[p(y|x)]`
/// (Eq. 4; SPEC choice: prior first, `pi` uniform unless given).
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
        let lp = logits.rowLogSoftmax()
        let logA = weights.map { ($0.upperBound == 0) ? -T(Double.infinity) : T.log($0) }
        return (0..<logits.columns).map { y in
            logSumExp((0..<logits.rows).map { i in logA[i] + lp[i, y] })
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
    /// `s_ik - p_ik Σ_y s_iy` with `s_iy = a_i r_y p_iy = exp(log a_i + log pi_y - log q_y + log p(y|x_i))`,
    /// which lies in `[0, pi_y]` (because `a_i p_iy <= q_y`): no overflow when a marginal underflows
    /// (`1/q_y` alone would overflow in Float while `p_iy` is 0, giving NaN). A cluster with `pi_y = 0`,
    /// a pair with `a_i = 0` or a marginal that is exactly 0 contributes `s = 0`.
    @inlinable public func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T> {
        var g = TermGradient(zeroFor: batch)
        let pi: [T] = priorWeights(batch.clusterCount)
        let lq = Self.logMarginal(logits: batch.logits, weights: batch.weights)
        let lp = batch.logits.rowLogSoftmax()
        let p = batch.logits.rowSoftmax()
        let c = batch.clusterCount
        // log(pi_y / q_y), or nil where the cluster contributes nothing.
        let logRatio: [T?] = (0..<c).map { y in
            (pi[y].upperBound == 0 || lq[y].upperBound == -Double.infinity) ? nil : T.log(pi[y]) - lq[y]
        }
        for i in 0..<batch.count {
            let a = batch.weights[i]
            if a.upperBound == 0 { continue }
            let la = T.log(a)
            var s = [T](repeating: T.zero, count: c), total = T.zero
            for y in 0..<c {
                if let r = logRatio[y] { s[y] = T.exp(la + r + lp[i, y]) }
                total += s[y]
            }
            for k in 0..<c { g.logits[i, k] = s[k] - p[i, k] * total }
        }
        return g
    }

    /// The upper bound `Σ_y pi_y log pi_y` (`-log C` for the uniform prior).
    public func upperBound<T: Real>(clusterCount c: Int, as: T.Type = T.self) -> T {
        -Information.entropy(priorWeights(c) as [T])
    }
}
