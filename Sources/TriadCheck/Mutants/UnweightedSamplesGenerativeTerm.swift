import TriadCore

/// Mutant: the sampled generative term ignoring the samples' weights, `log Gamma` replaced by the
/// plain mean `(1/m) Σ_j LSE l(x~_j)` (value and gradient). Exact partitions are unaffected, and so
/// is every batch whose samples have equal weights.
struct UnweightedSamplesGenerativeTerm: ObjectiveTerm {
    var name: String { "L_GEN (sample weights ignored)" }

    func equalWeights<T: Real>(_ b: TermBatch<T>) -> TermBatch<T> {
        guard case .sampled(let m, _)? = b.partition else { return b }
        var c = b
        c.partition = .sampled(m, weights: Array(repeating: T.one / T(m.rows), count: m.rows))
        return c
    }

    func value<T: Real>(_ b: TermBatch<T>) -> T { GenerativeTerm().value(equalWeights(b)) }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { GenerativeTerm().gradient(equalWeights(b)) }
}
