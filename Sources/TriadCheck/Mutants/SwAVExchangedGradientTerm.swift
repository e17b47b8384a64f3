import TriadCore

/// Gradient mutant of `L_SwAV`: the two views' score gradients exchanged (the swap applied once more
/// in the backward pass); the value is the reference's.
struct SwAVExchangedGradientTerm: ObjectiveTerm {
    static let id = "swav-gradient-views-exchanged"
    static let summary = "SwAV's gradient for s_a written into s_b's slot and vice versa; value unchanged"
    var name: String { "L_SwAV (view gradients exchanged)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T { SwAVTerm().value(b) }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> {
        var g = SwAVTerm().gradient(b)
        (g.logits, g.viewLogits) = (g.viewLogits, g.logits)
        return g
    }
}

extension SwAVExchangedGradientTerm: StopGradientObjective {
    func value<T: Real>(_ b: TermBatch<T>, targetsFrom r: TermBatch<T>) -> T { SwAVTerm().value(b, targetsFrom: r) }
}
