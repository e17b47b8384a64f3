import TriadCore

/// One cell of the field matrix: an objective in a failure mode, the verdict, the strength of its
/// evidence, and the evidence in one line.
public struct FieldCell: Sendable, Codable {
    public let mode: FailureMode
    /// `admits`, `penalises`, or `inconclusive` (with ``EvidenceStrength/none``).
    public let verdict: ModeVerdict
    public let strength: EvidenceStrength
    /// The numbers behind the verdict.
    public let evidence: String
    /// How many configurations (FM1, FM2) or re-pairings (FM3) the search evaluated.
    public let cases: Int
    /// FM3: the property engine's replay line of the shrunk counterexample.
    public let replay: String?

    /// `penalises (proved)`.
    public var label: String {
        strength == .none ? verdict.rawValue : "\(verdict.rawValue) (\(strength.rawValue))"
    }
}
