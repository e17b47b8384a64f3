import TriadCore

/// Value mutant of ``SCANTerm``: the entropy term's sign flipped, `Σ_i a_i log⟨p_i, p'_i⟩ - w H(q)`
/// (SCAN's code adds `w Σ q log q` to a loss; adding it to the maximised objective flips it). The
/// objective then rewards collapse onto one cluster instead of spreading; its values stay below
/// the bound `w log C`, so only a value or attainment check sees it. The gradient is the reference's.
struct SCANFlippedEntropyTerm: ObjectiveTerm {
    static let id = "scan-entropy-sign-flipped"
    static let summary = "SCAN's entropy term with its sign flipped: rewards collapse, still below the bound w log C"

    var reference = try! SCANTerm()
    var name: String { "L_SCAN (entropy sign flipped)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T {
        SCANTerm.consistency(b) - T(reference.entropyWeight) * SCANTerm.marginalEntropy(b)
    }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { reference.gradient(b) }
}
