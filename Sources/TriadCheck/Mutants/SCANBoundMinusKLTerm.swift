import TriadCore

/// Equivalent of ``SCANTerm``: the entropy written as the bound minus the gap,
/// `H(q) = log C - KL(q || u)` with `u` uniform (log space: ``Information/kullbackLeibler(logA:logB:)``
/// of `log q` against `-log C`). Same mathematics; the reference gradient.
struct SCANBoundMinusKLTerm: ObjectiveTerm {
    static let id = "scan-entropy-as-log-c-minus-kl"
    static let summary = "SCAN's entropy written as log C - KL(q || u)"

    var reference = try! SCANTerm()
    var name: String { "L_SCAN (log C - KL(q || u))" }

    func value<T: Real>(_ b: TermBatch<T>) -> T {
        let c = b.clusterCount
        let lq = PriorTerm.logMarginal(logits: b.logits, weights: b.weights)
        let logU = [T](repeating: -T.log(T(c)), count: c)
        let entropy = T.log(T(c)) - Information.kullbackLeibler(logA: lq, logB: logU)
        return SCANTerm.consistency(b) + T(reference.entropyWeight) * entropy
    }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { reference.gradient(b) }
}
