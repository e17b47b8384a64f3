/// What a check observed for one claim: the observed outcome (`holds`/`fails` for bounds and
/// identities, the verdict for Theorem 1 cells, `needed`/`not needed` for hypotheses), whether it
/// matches the claim's expected outcome, and one line of evidence.
public struct ClaimResult: Sendable, Codable {
    public let id: String
    public let expected: String
    public let observed: String
    public let evidence: String
    public var matches: Bool { expected == observed }

    public init(id: String, expected: String, observed: String, evidence: String) {
        self.id = id
        self.expected = expected
        self.observed = observed
        self.evidence = evidence
    }
}
