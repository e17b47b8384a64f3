import TriadCore

/// What the objective itself prefers at a method's setting on one toy law — the first of the two
/// levels at which `Reports/empirical.md` judges a claim (the second: how often training reaches the
/// manifolds). The landscape of `Proofs/landscape.md` computes it (TriadCheck, on a grid world with a
/// free table encoder, from five starts); the trainer only renders it, so the caller supplies it.
public struct ObjectiveLevel: Sendable, Equatable {
    /// The kind of the highest-scoring optimum: `manifolds`, `cut`, `merged-uniform`, `collapse`, `other`.
    public var preferred: String
    /// The population `L_GEDI` of the best optimum of each kind reached, highest first:
    /// `"manifolds -0.62 > cut -0.71"`.
    public var evidence: String

    public init(preferred: String, evidence: String) {
        self.preferred = preferred
        self.evidence = evidence
    }

    /// Whether the objective prefers the intended clustering.
    public var prefersManifolds: Bool { preferred == "manifolds" }
}
