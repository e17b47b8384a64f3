import TriadCore

/// The Theorem 1 matrix: every cell (term × mode) checked in every precision, with evidence.
public struct Theorem1Matrix: Sendable {
    /// The precisions the matrix is checked in.
    public static let precisions = Precision.checked
    /// The precision whose verdicts are the matrix's (the others are compared with it).
    public static let reference = Precision.reference

    public let cells: [CellEvidence]
    public let settings: CheckSettings

    /// Runs every cell in every precision of `precisions`.
    public static func run(_ check: Theorem1Check = Theorem1Check(),
                           precisions: [Precision] = Theorem1Matrix.precisions) throws -> Theorem1Matrix {
        struct Cells: PrecisionVisitor {
            let check: Theorem1Check
            func visit<T: Real>(_: T.Type) throws -> [CellEvidence] {
                try TermRole.allCases.flatMap { role in try FailureMode.allCases.map { try check.run(role, $0, as: T.self) } }
            }
        }
        let cells = try precisions.flatMap { try $0.dispatch(Cells(check: check)) }
        return Theorem1Matrix(cells: cells, settings: check.settings)
    }

    /// The cell of `role` × `mode` in `precision`.
    public func cell(_ role: TermRole, _ mode: FailureMode, precision: Precision = Theorem1Matrix.reference) -> CellEvidence? {
        cells.first { $0.role == role && $0.mode == mode && $0.precision == precision }
    }

    /// The verdicts in the reference precision, keyed by claim id (`T1.GEN.FM1`).
    public var verdicts: [String: ModeVerdict] {
        var out: [String: ModeVerdict] = [:]
        for c in cells where c.precision == Self.reference { out[Theorem1Check.claimID(c.role, c.mode)] = c.verdict }
        return out
    }

    /// The paper's table (`Proofs/model.md` §5.2), for the side-by-side column.
    public static func paper(_ role: TermRole, _ mode: FailureMode) -> ModeVerdict {
        switch (role, mode) {
        case (.generative, .representationalCollapse), (.invariance, .permutation), (.prior, .clusterCollapse), (.gedi, _):
            .penalises
        default:
            .admits
        }
    }
}
