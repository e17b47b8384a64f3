import TriadCore

/// A variant of the terms (or the head) that the suite must tell apart from Triad's: a *mutant* is a
/// bug a person could plausibly write when refactoring, and must be killed (some claim's outcome
/// changes); an *equivalent* is a correct refactor, and must raise no alarm.
public struct Mutant: Sendable {
    public enum Kind: String, Sendable, Codable { case mutant, equivalent }

    /// A stable id (`prior-mean-of-logs`).
    public let id: String
    public let kind: Kind
    /// One line: what the mutant breaks, or why the equivalent is equivalent.
    public let summary: String
    /// Whether the variant changes a value (not only a gradient). A value mutant must be killed by a
    /// check other than GRAD.TERMS, so that the value checks are shown to see it on their own.
    public let changesValue: Bool
    /// The implementation under check.
    public let terms: TermSet
    /// The precision in which the bound claims and the Theorem 1 verdicts are read (`Float` runs the
    /// whole suite in single precision, with its own tolerances).
    public let precision: Precision

    public init(_ id: String, _ kind: Kind, _ summary: String, changesValue: Bool = true, terms: TermSet,
                precision: Precision = .double) {
        self.id = id
        self.kind = kind
        self.summary = summary
        self.changesValue = changesValue
        self.terms = terms
        self.precision = precision
    }
}
