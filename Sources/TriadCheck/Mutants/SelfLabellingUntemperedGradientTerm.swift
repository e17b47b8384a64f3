import TriadCore

/// Gradient mutant of `L_SeLa`: the chain rule through `s/T` forgotten, the gradient `T` times too
/// small; the value is the reference's.
struct SelfLabellingUntemperedGradientTerm: ObjectiveTerm {
    static let id = "sela-gradient-without-1/T"
    static let summary = "SeLa's gradient without the factor 1/T of the log-softmax's argument s/T; value unchanged"
    let reference = SelfLabellingTerm()
    var name: String { "L_SeLa (gradient without 1/T)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T { reference.value(b) }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> {
        var g = TermGradient(zeroFor: b)
        g.add(reference.gradient(b), scaledBy: T(reference.temperature))
        return g
    }
}

extension SelfLabellingUntemperedGradientTerm: StopGradientObjective {
    func value<T: Real>(_ b: TermBatch<T>, targetsFrom r: TermBatch<T>) -> T { reference.value(b, targetsFrom: r) }
}
