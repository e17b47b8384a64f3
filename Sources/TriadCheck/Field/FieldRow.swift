import TriadCore

/// An objective's row of the field matrix: its supremum as found, the three cells, and each claim
/// the paper or the literature makes about it, judged.
public struct FieldRow: Sendable {
    public let objective: FieldObjective
    /// How the supremum was obtained, e.g. `0 (derived, approached on 3 of 3 worlds)`.
    public let supremum: String
    /// Whether every configuration found stayed at or below a derived supremum (`true` for a searched one).
    public let supremumHolds: Bool
    /// Why ``supremumHolds`` is false: the configuration that exceeded the derived supremum.
    public let supremumViolation: String?
    /// FM1, FM2, FM3.
    public let cells: [FieldCell]

    public func cell(_ mode: FailureMode) -> FieldCell { cells.first { $0.mode == mode }! }

    /// Each literature claim with whether Triad's verdict confirms it (`nil`: inconclusive).
    public var literatureOutcomes: [(claim: LiteratureClaim, confirmed: Bool?)] {
        objective.literature.map { claim in
            let v = cell(claim.mode).verdict
            return (claim, v == .inconclusive ? nil : v == claim.verdict)
        }
    }
}
