import TriadCore

/// Mutant: the symmetrised invariance term with a constant factor, `0.9 · ½ [..]` (value and
/// gradient). Its bound 0, its maximisers and every Theorem 1 verdict are unchanged; only an exact
/// value sees it.
struct ScaledSymmetrisedInvarianceTerm: ObjectiveTerm {
    var factor: Double = 0.9
    var name: String { "L_INV (symmetrised, ×\(factor))" }

    func value<T: Real>(_ b: TermBatch<T>) -> T { T(factor) * InvarianceTerm(form: .symmetrised).value(b) }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> {
        var g = TermGradient(zeroFor: b)
        g.add(InvarianceTerm(form: .symmetrised).gradient(b), scaledBy: T(factor))
        return g
    }
}
