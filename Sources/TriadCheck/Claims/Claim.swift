/// A statement under test, as written in `Proofs/`: a stable id, a title, the expected outcome, and
/// the file it is stated in.
public struct Claim: Sendable, Equatable, Codable {
    /// What a check of the claim is expected to conclude.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        /// Theorem 1 cells.
        case penalises, admits
        /// Bounds and identities.
        case holds
        /// Hypotheses: removing them breaks a conclusion.
        case needed
    }

    public let id: String
    public let title: String
    public let expected: Outcome
    public let file: String

    public init(id: String, title: String, expected: Outcome, file: String) {
        self.id = id
        self.title = title
        self.expected = expected
        self.file = file
    }
}
