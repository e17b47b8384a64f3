/// The failing case of a run, after shrinking: what failed, where, and how to replay it.
public struct Counterexample: Sendable, Hashable {
    /// The index of the failing case in the run (`nil` for a replay).
    public let caseIndex: Int?
    /// The case seed: the value is generated from `TriadRandom(seed: seed)`.
    public let seed: UInt64
    /// The sizes at which the case first failed.
    public let originalSize: Size
    /// The smallest failing sizes shrinking found (``originalSize`` when nothing smaller fails).
    public let size: Size
    /// The property's evidence at ``size``.
    public let message: String
    /// The regime of the case at ``size``.
    public let regime: String
    /// The generated value at ``size``, as text (cut at 2000 characters).
    public let value: String
    /// Accepted shrinks: how many times a smaller failing size replaced the current one.
    public let shrinkSteps: Int
    /// Property evaluations spent shrinking.
    public let shrinkEvaluations: Int
    /// Whether shrinking stopped at the budget rather than at a local minimum.
    public let shrinkBudgetExhausted: Bool
    /// The replay of the shrunk case.
    public let replay: Replay
}
