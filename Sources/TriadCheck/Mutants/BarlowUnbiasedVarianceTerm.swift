import TriadCore

/// Value mutant of ``BarlowTwinsTerm``: the views standardised with the *unbiased* variance
/// (`z.std(0)` in PyTorch, as many re-implementations do) instead of batch norm's biased one:
/// `v' = v W² / (W² - Σ_i a_i²)` (`v n/(n-1)` at equal weights). Each normalised column is scaled by
/// `r_p = sqrt(v_p + eps) / sqrt(v'_p + eps)`, so `C'_pq = r^a_p r^b_q C_pq`, and the diagonal can no
/// longer approach 1: at equal weights `C'_pp <= (n-1)/n`, so the value stays below `-k/n²` instead
/// of approaching 0. The difference shrinks as `1/n`; with a single pair of positive weight it is
/// undefined (NaN), like `std` of one value. The gradient is the reference's.
struct BarlowUnbiasedVarianceTerm: ObjectiveTerm {
    static let id = "barlow-unbiased-variance"
    static let summary = "Barlow Twins standardised with the unbiased variance (z.std(0)) instead of batch norm's biased one"

    var reference = try! BarlowTwinsTerm()
    var name: String { "L_BT (unbiased variance)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T {
        let r = reference.evaluate(b.logits, b.viewLogits, weights: b.weights)
        var total = T.zero, squares = T.zero
        for a in b.weights {
            total += a
            squares += a * a
        }
        let bessel = total * total / (total * total - squares), eps = T(reference.epsilon)
        func scale(_ v: T) -> T { T.sqrt(v + eps) / T.sqrt(bessel * v + eps) }
        let ra = r.forwardA.variance.map(scale), rb = r.forwardB.variance.map(scale)
        var c = r.crossCorrelation
        for p in 0..<c.rows { for q in 0..<c.columns { c[p, q] = ra[p] * rb[q] * c[p, q] } }
        return -reference.loss(crossCorrelation: c)
    }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { reference.gradient(b) }
}
