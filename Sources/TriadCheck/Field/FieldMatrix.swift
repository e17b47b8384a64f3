import Synchronization
import TriadCore

/// The field's failure-mode matrix: one ``FieldRow`` per objective, every row checked by one
/// ``FieldCheck`` under the same definitions (`Proofs/field.md`).
public struct FieldMatrix: Sendable {
    public let rows: [FieldRow]
    public let check: FieldCheck

    /// Checks every objective of `objectives` (the catalogue by default).
    public static func run(_ objectives: [FieldObjective] = FieldObjective.catalogue(), check: FieldCheck = FieldCheck()) throws -> FieldMatrix {
        FieldMatrix(rows: try objectives.map { try check.row($0) }, check: check)
    }

    private static let memo = Mutex<FieldMatrix?>(nil)

    /// The catalogue at the default check, computed once per process (the report and the claims share it).
    public static func standard() throws -> FieldMatrix {
        try memo.withLock { cached in
            if let cached { return cached }
            let m = try run()
            cached = m
            return m
        }
    }

    /// The row of the objective with this id.
    public func row(_ id: String) -> FieldRow? { rows.first { $0.objective.id == id } }
}
