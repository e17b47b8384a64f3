import TriadCore

/// The claims of `Proofs/field.md` checked on a ``FieldMatrix``: per catalogued row, one claim per
/// mode (`FIELD.<ID>.FM1` ... the verdict) and, where the supremum is derived, `FIELD.<ID>.SUP` (no
/// configuration exceeds it and the search approaches it on every world).
public enum FieldChecks {
    /// The ids of every field claim, in catalogue order, then `FIELD.VALUES` and `FIELD.GRAD`.
    public static var claimIDs: [String] {
        FieldObjective.catalogue().filter(\.hasClaims).flatMap { o in
            FailureMode.allCases.map(o.claimID) + (isDerived(o) ? [o.supremumClaimID] : [])
        } + [valuesID, gradientID]
    }

    public static let valuesID = "FIELD.VALUES", gradientID = "FIELD.GRAD"

    /// `FIELD.VALUES`: every closed-form value of `objectives` (``FieldObjective/exactValues``) is
    /// reproduced in Double within `1e-12 · max(1, |value|)` (a few hundred operations on numbers of
    /// size at most 1e3 leave far less), and enclosed by the Interval evaluation.
    public static func valuesClaim(_ objectives: [FieldObjective]) -> ClaimResult {
        var failures: [String] = [], count = 0
        for o in objectives {
            for v in o.exactValues {
                count += 1
                let got = o.term.value(v.batch)
                if !(abs(got - v.expected) <= 1e-12 * max(1, abs(v.expected))) {
                    failures.append("\(o.id) \(v.label): value \(got), closed form \(v.expected)")
                }
                let b = v.batch
                let interval = o.term.value(TermBatch(logits: b.logits.map { Interval($0) }, viewLogits: b.viewLogits.map { Interval($0) },
                                                      weights: b.weights.map { Interval($0) }, partition: nil))
                let slack = 1e-12 * max(1, abs(v.expected))
                if !(interval.lowerBound - slack <= v.expected && v.expected <= interval.upperBound + slack) {
                    failures.append("\(o.id) \(v.label): Interval [\(interval.lowerBound), \(interval.upperBound)] misses the closed form \(v.expected)")
                }
            }
        }
        return ClaimResult(id: valuesID, expected: "holds", observed: failures.isEmpty ? "holds" : "fails",
                           evidence: "\(count) closed-form values of \(objectives.filter { !$0.exactValues.isEmpty }.count) objectives, in Double and Interval",
                           reason: failures.first)
    }

    /// `FIELD.GRAD`: every objective's gradient agrees with a central difference of its value (parts
    /// without gradient held fixed) on random weighted batches — the property of `GRAD.TERMS`.
    public static func gradientClaim(_ objectives: [FieldObjective], settings: CheckSettings) throws -> ClaimResult {
        let outcome = try ConsistencyChecks.gradients(gradientID, of: objectives.map { ($0.id, $0.term) }, settings: settings,
                                                      what: "\(objectives.count) objectives")
        return ClaimResult(id: gradientID, expected: "holds", observed: outcome.holds ? "holds" : "fails",
                           evidence: outcome.evidence, reason: outcome.failures.first)
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
