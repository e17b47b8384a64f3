/// What a check concludes about a term in a mode (`Proofs/model.md` §5.1), or why it could not conclude.
public enum ModeVerdict: String, Sendable, Codable {
    /// The mode reaches the term's supremum (FM1/FM2) or the term is invariant under re-pairing (FM3).
    case admits
    /// The negation: a positive gap bound over the whole mode, or a certified change under re-pairing.
    case penalises
    /// Neither: no witness reaches the bound, yet a configuration beat the derived gap bound.
    case inconclusive
}
