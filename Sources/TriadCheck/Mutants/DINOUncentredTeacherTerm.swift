import TriadCore

/// Value mutant of ``DINOTerm``: the centre is never subtracted, the teacher is
/// `softmax(l / tau_t)` instead of `softmax((l - c) / tau_t)` (an EMA centre that was declared but
/// not applied). The teacher is then only sharpened, never centred: a batch collapsed onto one
/// cluster gets a one-hot teacher and a value near the bound 0 instead of at most `-log C`. The
/// gradient is the reference's (the mutation is in the value only).
struct DINOUncentredTeacherTerm: ObjectiveTerm {
    static let id = "dino-centre-missing"
    static let summary = "DINO's teacher without the centre, softmax(l/tau_t): a collapsed batch nears the bound 0 instead of staying below -log C"

    var reference = try! DINOTerm()
    var name: String { "L_DINO (centre missing)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T {
        reference.value(b, teacher: reference.teacher(b, centre: [T](repeating: T.zero, count: b.clusterCount)))
    }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { reference.gradient(b) }
}

extension DINOUncentredTeacherTerm: StopGradientObjective {
    func value<T: Real>(_ b: TermBatch<T>, targetsFrom r: TermBatch<T>) -> T {
        reference.value(b, teacher: reference.teacher(r, centre: [T](repeating: T.zero, count: r.clusterCount)))
    }
}
