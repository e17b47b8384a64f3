import TriadCore

// The deliberately wrong terms of the mutant catalogue. Each changes one thing of the reference term
// and keeps the reference gradient unless the mutation is in the gradient itself.

/// `E(x) = -max_y l_y(x)` in place of `-LSE_y l_y(x)`.
struct EnergyWithMaxTerm: ObjectiveTerm {
    var name: String { "L_GEN (energy with max)" }
    func value<T: Real>(_ b: TermBatch<T>) -> T {
        func negativeEnergy(_ m: Matrix<T>) -> [T] { (0..<m.rows).map { r in m.row(r).reduce(-T(Double.infinity)) { T.maximum($0, $1) } } }
        var data = T.zero
        for (a, e) in zip(b.weights, negativeEnergy(b.logits)) { data += a * e }
        return data - logSumExp(negativeEnergy(b.partition!.logits))
    }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { GenerativeTerm().gradient(b) }
}

/// `Gamma` summed over the data batch instead of the whole world.
struct PartitionOverDataTerm: ObjectiveTerm {
    var name: String { "L_GEN (Gamma over the data)" }
    func value<T: Real>(_ b: TermBatch<T>) -> T {
        var c = b
        c.partition = .exact(b.logits)
        return GenerativeTerm().value(c)
    }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { GenerativeTerm().gradient(b) }
}

/// `log Gamma` forgotten: `L_GEN = E_p[-E(x)]`.
struct MissingPartitionTerm: ObjectiveTerm {
    var name: String { "L_GEN (no log Gamma)" }
    func value<T: Real>(_ b: TermBatch<T>) -> T {
        var data = T.zero
        for (a, e) in zip(b.weights, rowLogSumExp(b.logits)) { data += a * e }
        return data
    }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { GenerativeTerm().gradient(b) }
}

/// The model expectation of Eq. 11 detached: no gradient flows into the partition points.
struct DetachedModelExpectationTerm: ObjectiveTerm {
    var name: String { "L_GEN (model expectation detached)" }
    func value<T: Real>(_ b: TermBatch<T>) -> T { GenerativeTerm().value(b) }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> {
        var g = GenerativeTerm().gradient(b)
        g.partitionLogits = .zeros(rows: g.partitionLogits.rows, columns: g.partitionLogits.columns)
        return g
    }
}

/// The invariance term comparing each view with itself: `-E[H(p(·|x))]`.
struct ViewWithItselfTerm: ObjectiveTerm {
    var name: String { "L_INV (x against x)" }
    func value<T: Real>(_ b: TermBatch<T>) -> T {
        var c = b
        c.viewLogits = b.logits
        return InvarianceTerm().value(c)
    }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { InvarianceTerm().gradient(b) }
}

/// The invariance term with its sign flipped: `+E[CE]`.
struct FlippedInvarianceTerm: ObjectiveTerm {
    var name: String { "L_INV (sign flipped)" }
    func value<T: Real>(_ b: TermBatch<T>) -> T { -InvarianceTerm().value(b) }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { InvarianceTerm().gradient(b) }
}

/// The target view detached (a stop-gradient where `Proofs/model.md` §2.2 has gradients flow into both sides).
struct DetachedTargetTerm: ObjectiveTerm {
    var name: String { "L_INV (target detached)" }
    func value<T: Real>(_ b: TermBatch<T>) -> T { InvarianceTerm().value(b) }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> {
        var g = InvarianceTerm().gradient(b)
        g.viewLogits = .zeros(rows: b.count, columns: b.clusterCount)
        return g
    }
}

/// Softmax and log-softmax without the max subtraction: `exp(l) / Σ exp(l)` overflows at small `tau`.
struct NaiveSoftmaxInvarianceTerm: ObjectiveTerm {
    var name: String { "L_INV (softmax without max subtraction)" }
    func value<T: Real>(_ b: TermBatch<T>) -> T {
        var total = T.zero
        for i in 0..<b.count {
            let t = b.viewLogits.row(i).map(T.exp), s = b.logits.row(i).map(T.exp)
            let (st, ss) = (t.reduce(T.zero, +), s.reduce(T.zero, +))
            var row = T.zero
            for y in 0..<b.clusterCount { row += t[y] / st * T.log(s[y] / ss) }
            total += b.weights[i] * row
        }
        return total
    }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { InvarianceTerm().gradient(b) }
}

/// The prior as the mean of logs, `Σ_y (1/C) E_p[log p(y|x)]`, instead of the log of the mean.
struct PriorMeanOfLogsTerm: ObjectiveTerm {
    var name: String { "L_PRIOR (mean of logs)" }
    func value<T: Real>(_ b: TermBatch<T>) -> T {
        let lp = b.logits.rowLogSoftmax()
        var total = T.zero
        for i in 0..<b.count { for y in 0..<b.clusterCount { total += b.weights[i] * lp[i, y] } }
        return total / T(b.clusterCount)
    }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { PriorTerm().gradient(b) }
}

/// The marginal taken without the data weights: `q = (1/n) Σ_i p(·|x_i)`.
struct UnweightedMarginalTerm: ObjectiveTerm {
    var name: String { "L_PRIOR (marginal without the weights)" }
    func value<T: Real>(_ b: TermBatch<T>) -> T {
        var c = b
        c.weights = Array(repeating: T.one / T(b.count), count: b.count)
        return PriorTerm().value(c)
    }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { PriorTerm().gradient(b) }
}

/// The `1/C` of the uniform prior forgotten: `Σ_y log q_y`.
struct MissingOneOverCTerm: ObjectiveTerm {
    var name: String { "L_PRIOR (no 1/C)" }
    func value<T: Real>(_ b: TermBatch<T>) -> T { T(b.clusterCount) * PriorTerm().value(b) }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { PriorTerm().gradient(b) }
}

/// The KL taken the other way round: `-KL(q || u) - log C = H(q) - 2 log C` (the marginal-entropy
/// regulariser of other methods), same maximiser, bounded penalty on collapse.
struct ReverseKLPriorTerm: ObjectiveTerm {
    var name: String { "L_PRIOR (KL(q || u))" }
    func value<T: Real>(_ b: TermBatch<T>) -> T {
        let lq = PriorTerm.logMarginal(logits: b.logits, weights: b.weights)
        var h = T.zero
        for l in lq where l.upperBound > -Double.infinity { h -= T.exp(l) * l }
        return h - T(2) * T.log(T(b.clusterCount))
    }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { PriorTerm().gradient(b) }
}
