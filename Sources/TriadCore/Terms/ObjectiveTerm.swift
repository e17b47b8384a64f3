/// A term of a self-supervised objective, evaluated on a ``TermBatch`` in any ``Real`` precision.
///
/// Triad's own terms (``GenerativeTerm``, ``InvarianceTerm``, ``PriorTerm``, ``GEDIObjective``)
/// conform, and so can a user's implementation or a deliberately wrong variant: the Theorem 1 suite,
/// the bound checks and the identities run against any conformer. Every term is *maximised*.
public protocol ObjectiveTerm: Sendable {
    /// A short name for reports (`L_GEN`, `L_INV`, ...).
    var name: String { get }
    /// The value of the term on the batch.
    func value<T: Real>(_ batch: TermBatch<T>) -> T
    /// The gradient of ``value(_:)`` with respect to every logit of the batch.
    func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T>
}
