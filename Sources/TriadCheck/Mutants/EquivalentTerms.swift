import TriadCore

// Correct refactors of the terms: the suite must raise no alarm on them.

/// `L_GEN` with log-sum-exp written as `m + log Σ exp(x - m)` (log, not log1p) and `log Gamma` taken
/// over all `N · C` world logits at once (`LSE_j LSE_y = LSE_{j,y}`).
struct FlatLogSumExpGenerativeTerm: ObjectiveTerm {
    var name: String { "L_GEN (flat LSE)" }
    static func lse<T: Real>(_ x: [T]) -> T {
        var m = x[0]
        for v in x { m = T.maximum(m, v) }
        var s = T.zero
        for v in x { s += T.exp(v - m) }
        return m + T.log(s)
    }
    func value<T: Real>(_ b: TermBatch<T>) -> T {
        var data = T.zero
        for i in 0..<b.count { data += b.weights[i] * Self.lse(b.logits.row(i)) }
        switch b.partition! {
        case .exact(let m): return data - Self.lse(m.storage)
        case .sampled(let m, let w):
            var s = T.zero
            for j in 0..<m.rows { s += w[j] * Self.lse(m.row(j)) }
            return data - s
        }
    }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { GenerativeTerm().gradient(b) }
}

/// `L_PRIOR` with the marginal summed over the pairs in reverse order.
struct ReversedSumPriorTerm: ObjectiveTerm {
    var name: String { "L_PRIOR (reversed sum)" }
    func value<T: Real>(_ b: TermBatch<T>) -> T {
        let order = Array((0..<b.count).reversed())
        return PriorTerm().value(TermBatch(logits: b.logits.selectingRows(order), viewLogits: b.viewLogits.selectingRows(order),
                                           weights: order.map { b.weights[$0] }, partition: b.partition))
    }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { PriorTerm().gradient(b) }
}

/// `L_PRIOR = -log C - KL(u || q)`, the bound minus the gap.
struct BoundMinusKLPriorTerm: ObjectiveTerm {
    var name: String { "L_PRIOR (-log C - KL(u || q))" }
    func value<T: Real>(_ b: TermBatch<T>) -> T {
        let c = b.clusterCount
        let lq = PriorTerm.logMarginal(logits: b.logits, weights: b.weights)
        let logU = Array(repeating: -T.log(T(c)), count: c)
        return -T.log(T(c)) - Information.kullbackLeibler(logA: logU, logB: lq)
    }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { PriorTerm().gradient(b) }
}

/// `L_INV` on weights scaled by 3 and the result divided by 3 (consistent rescaling).
struct RescaledWeightsInvarianceTerm: ObjectiveTerm {
    var name: String { "L_INV (weights ×3, result /3)" }
    func value<T: Real>(_ b: TermBatch<T>) -> T {
        var c = b
        c.weights = b.weights.map { $0 * T(3) }
        return InvarianceTerm().value(c) / T(3)
    }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { InvarianceTerm().gradient(b) }
}
