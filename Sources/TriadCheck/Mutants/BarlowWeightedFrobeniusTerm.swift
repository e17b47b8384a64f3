import TriadCore

/// Equivalent of ``BarlowTwinsTerm``: the loss written as one weighted squared Frobenius distance,
/// `Σ_{p,q} omega_pq (C_pq - δ_pq)²` with `omega_pp = 1` and `omega_pq = lambda` off the diagonal,
/// summed column by column. Same mathematics, another order; the reference gradient.
struct BarlowWeightedFrobeniusTerm: ObjectiveTerm {
    static let id = "barlow-weighted-frobenius"
    static let summary = "Barlow Twins' loss as the omega-weighted squared Frobenius distance of C to I, summed column by column"

    var reference = try! BarlowTwinsTerm()
    var name: String { "L_BT (weighted ||C - I||²)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T {
        let c = reference.evaluate(b.logits, b.viewLogits, weights: b.weights).crossCorrelation
        let lambda = T(reference.offDiagonalWeight)
        var total = T.zero
        for q in 0..<c.columns {
            for p in 0..<c.rows {
                let d = c[p, q] - (p == q ? T.one : T.zero)
                total += (p == q ? T.one : lambda) * d * d
            }
        }
        return -total
    }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { reference.gradient(b) }
}
