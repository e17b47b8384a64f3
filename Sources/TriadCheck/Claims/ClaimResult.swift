/// What a check observed for one claim: the observed outcome (`holds`/`fails` for bounds and
/// identities, the verdict for Theorem 1 cells, `needed`/`not needed` for hypotheses), whether it
/// matches the claim's expected outcome, and one line of evidence.
public struct ClaimResult: Sendable, Codable {
    public let id: String
    public let expected: String
    public let observed: String
    public let evidence: String
    /// Why the observation differs from the expectation, in one line (the failing case, the
    /// under-sampled regime, the missing witness); `nil` when the claim is as stated.
    public let reason: String?
    public var matches: Bool { expected == observed }

    public init(id: String, expected: String, observed: String, evidence: String, reason: String? = nil) {
        self.id = id
        self.expected = expected
        self.observed = observed
        self.evidence = evidence
        self.reason = expected == observed ? nil : reason
    }

    /// `ok   ID: observed — evidence`, or for a claim that differs `FAIL ID: ...` and, when the check
    /// knows it, on its own line `     why: <reason>`: the form `triad verify` and the tests print.
    public var line: String {
        let head = "\(matches ? "ok  " : "FAIL") \(id): \(observed) — \(evidence)"
        guard let reason else { return head }
        return head + "\n     why: " + reason
    }
}
