import TriadCore

/// A claim the paper or the literature makes about how an objective behaves in a failure mode,
/// shown in the field matrix beside Triad's verdict (``FieldRow/literatureOutcomes``).
public struct LiteratureClaim: Sendable, Codable, Equatable {
    public let mode: FailureMode
    /// The verdict the claim amounts to under Triad's definitions (`Proofs/model.md` §4-5).
    public let verdict: ModeVerdict
    /// The claim in a few words.
    public let statement: String
    /// Where it is made, e.g. `Sansone, "The Triad of Failure Modes", §2 and Table 2`.
    public let source: String

    public init(mode: FailureMode, verdict: ModeVerdict, statement: String, source: String) {
        self.mode = mode
        self.verdict = verdict
        self.statement = statement
        self.source = source
    }
}
