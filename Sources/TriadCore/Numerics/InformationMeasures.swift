/// Entropy, cross-entropy and Kullback-Leibler divergence of discrete laws, natural logs,
/// with the conventions `0 log 0 = 0` and `a log(a/0) = +inf` for `a > 0`.
/// `CE(a, b) = H(a) + KL(a || b)` (`Proofs/model.md` §0).
public enum Information {
    /// `H(a) = -Σ_i a_i log a_i`. Entries that are exactly 0 contribute 0.
    @inlinable public static func entropy<T: Real>(_ a: [T]) -> T {
        var h = T.zero
        for ai in a where !(ai.upperBound == 0 && ai.lowerBound == 0) { h -= ai * T.log(ai) }
        return h
    }

    /// `H(a) = -Σ_i exp(la_i) la_i` from log-probabilities `la_i = log a_i`; entries that are `-inf`
    /// (`a_i = 0`) contribute 0. Accurate when the law has entries too small for a probability.
    @inlinable public static func entropy<T: Real>(logProbabilities la: [T]) -> T {
        var h = T.zero
        for x in la where x.upperBound > -Double.infinity { h -= T.exp(x) * x }
        return h
    }

    /// `CE(a, b) = -Σ_i a_i log b_i`. Entries with `a_i` exactly 0 contribute 0.
    @inlinable public static func crossEntropy<T: Real>(_ a: [T], _ b: [T]) -> T {
        triadPrecondition(a.count == b.count, "cross-entropy lengths", "\(a.count) vs \(b.count)", "must be equal")
        var ce = T.zero
        for (ai, bi) in zip(a, b) where !(ai.upperBound == 0 && ai.lowerBound == 0) { ce -= ai * T.log(bi) }
        return ce
    }

    /// `KL(a || b) = Σ_i a_i (log a_i - log b_i)`, `>= 0` for laws. Entries with `a_i` exactly 0
    /// contribute 0; `+inf` when some `a_i > 0` has `b_i = 0`.
    @inlinable public static func kullbackLeibler<T: Real>(_ a: [T], _ b: [T]) -> T {
        triadPrecondition(a.count == b.count, "KL lengths", "\(a.count) vs \(b.count)", "must be equal")
        var kl = T.zero
        for (ai, bi) in zip(a, b) where !(ai.upperBound == 0 && ai.lowerBound == 0) {
            kl += ai * (T.log(ai) - T.log(bi))
        }
        return kl
    }

    /// `KL(a || b)` computed from log-probabilities, `Σ_i exp(la_i) (la_i - lb_i)`: accurate when
    /// the laws have tiny entries that would underflow as probabilities.
    @inlinable public static func kullbackLeibler<T: Real>(logA la: [T], logB lb: [T]) -> T {
        triadPrecondition(la.count == lb.count, "KL lengths", "\(la.count) vs \(lb.count)", "must be equal")
        var kl = T.zero
        for (x, y) in zip(la, lb) where x.upperBound > -Double.infinity { kl += T.exp(x) * (x - y) }
        return kl
    }
}
