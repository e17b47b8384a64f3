import TriadCore

/// The claims of `Proofs/field.md` checked on a ``FieldMatrix``: per catalogued row, one claim per
/// mode (`FIELD.<ID>.FM1` ... the verdict) and, where the supremum is derived, `FIELD.<ID>.SUP` (no
/// configuration exceeds it and the search approaches it on every world).
public enum FieldChecks {
    /// The ids of every field claim, in catalogue order.
    public static var claimIDs: [String] {
        FieldObjective.catalogue().filter(\.hasClaims).flatMap { o in
            FailureMode.allCases.map(o.claimID) + (isDerived(o) ? [o.supremumClaimID] : [])
        }
    }

    static func isDerived(_ o: FieldObjective) -> Bool {
        if case .derived = o.supremum { return true }
        return false
    }

    /// The claim results of `matrix`'s catalogued rows against their stated verdicts (``FieldObjective/expected``).
    public static func results(_ matrix: FieldMatrix) -> [ClaimResult] {
        matrix.rows.filter(\.objective.hasClaims).flatMap { row -> [ClaimResult] in
            var out = FailureMode.allCases.map { mode -> ClaimResult in
                let cell = row.cell(mode), id = row.objective.claimID(mode)
                let want = row.objective.expected[mode]?.rawValue ?? "—"
                return ClaimResult(id: id, expected: want, observed: cell.verdict.rawValue,
                                   evidence: "\(cell.label): \(cell.evidence)",
                                   reason: cell.verdict.rawValue == want ? nil : "expected \(want), observed \(cell.label): \(cell.evidence)")
            }
            if isDerived(row.objective) {
                let approached = row.supremum.contains("approached on all")
                let holds = row.supremumHolds && approached
                out.append(ClaimResult(id: row.objective.supremumClaimID, expected: "holds", observed: holds ? "holds" : "fails",
                                       evidence: row.supremum,
                                       reason: row.supremumViolation ?? (approached ? nil : "the search did not approach the derived supremum on every world: " + row.supremum)))
            }
            return out
        }
    }
}
