import TriadCore

/// Gradient mutant of ``IICTerm``: one side of the joint detached, no gradient into the augmented
/// view's logits `l(x'_i)` (a stop-gradient where IIC differentiates both factors of
/// `p(·|x) p(·|x')ᵀ`). Same value.
struct IICDetachedViewTerm: ObjectiveTerm {
    static let id = "iic-view-detached"
    static let summary = "IIC's joint with the augmented view detached: same value, no gradient into l(x')"

    var name: String { "L_IIC (view detached)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T { IICTerm().value(b) }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> {
        var g = IICTerm().gradient(b)
        g.viewLogits = .zeros(rows: b.count, columns: b.clusterCount)
        return g
    }
}
