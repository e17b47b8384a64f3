/// How strong the evidence behind a verdict of the field matrix is (``FieldCell``). A cell never
/// claims more than its evidence.
public enum EvidenceStrength: String, Sendable, Codable, CaseIterable {
    /// A derivation in `Proofs/field.md` (or `Proofs/theorem1.md`), checked by machine on every case
    /// of the search: a derived gap bound that no configuration beat, or an exact value.
    case proved
    /// Random and adversarial search: the best witness found reached the supremum (admits), or no
    /// configuration inside the mode came within the margin of it (penalises); case counts are shown.
    case searched
    /// A configuration and re-pairing that change the objective beyond rounding, shrunk by the
    /// property engine and replayable from its token.
    case counterexample
    /// No verdict: the evidence supports neither.
    case none
}
