import TriadCore

/// Gradient mutant of ``BarlowTwinsTerm``: the batch norm's backward pass reduced to its scale, the
/// batch mean and variance treated as constants (`.detach()` on the statistics):
/// `∂/∂z_ip = -invstd_p · dA_ip` instead of `-invstd_p (dA_ip - ã_i Σ_l dA_lp - ã_i A_ip Σ_l dA_lp A_lp)`.
/// Same value; the gradient loses the centring and the variance terms.
struct BarlowDetachedStatisticsTerm: ObjectiveTerm {
    static let id = "barlow-statistics-detached"
    static let summary = "Barlow Twins' gradient with the batch statistics detached (batch-norm backward = its scale): same value, wrong gradient"

    var reference = try! BarlowTwinsTerm()
    var name: String { "L_BT (batch statistics detached)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T { reference.value(b) }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> {
        let r = reference.evaluate(b.logits, b.viewLogits, weights: b.weights)
        var g = TermGradient(zeroFor: b)
        for i in 0..<b.count {
            for p in 0..<b.clusterCount {
                g.logits[i, p] = -r.forwardA.inverseStd[p] * r.normalizedGradientA[i, p]
                g.viewLogits[i, p] = -r.forwardB.inverseStd[p] * r.normalizedGradientB[i, p]
            }
        }
        return g
    }
}
