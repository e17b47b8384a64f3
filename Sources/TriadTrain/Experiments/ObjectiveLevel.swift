import TriadCore

/// What the objective itself prefers at a method's setting on one toy law — the first of the two
/// levels at which `Reports/empirical.md` judges a claim (the second: how often training reaches the
/// manifolds). The landscape of `Proofs/landscape.md` computes it (TriadCheck, on a grid world with a
/// free table encoder, from five starts); the trainer only renders it, so the caller supplies it.
public struct ObjectiveLevel: Sendable, Equatable {
    /// The kind of the highest-scoring optimum: `manifolds`, `cut`, `merged-uniform`, `collapse`, `other`;
    /// `tie (A ≈ B)` when the two best kinds are within the caller's tolerance.
    public var preferred: String
    /// The population `L_GEDI` of the best optimum of each kind reached, highest first:
    /// `"manifolds -0.62 > cut -0.71"`.
    public var evidence: String

    /// Why the landscape cannot decide at this setting, when it cannot (e.g. the grid's step exceeds the
    /// augmentation's reach, so the augmentation kernel on the grid is the identity); `nil` otherwise.
    public var caveat: String?

    public init(preferred: String, evidence: String, caveat: String? = nil) {
        self.preferred = preferred
        self.evidence = evidence
        self.caveat = caveat
    }

    /// Whether the objective prefers the intended clustering (a tie is not a preference).
    public var prefersManifolds: Bool { preferred == "manifolds" }

    /// `"manifolds"`, or with the caveat: `"tie (cut ≈ manifolds); the grid's step ..."`.
    public var text: String { caveat.map { "\(preferred); \($0)" } ?? preferred }
}
