/// The map from embeddings to logits, `l = h(z; U, tau)`, as the checks see it: Triad's cosine head by
/// default (``CosineHead``), or any conformer (a user's head, or a deliberately wrong variant), so that
/// the suite can check a head refactor as it checks a loss refactor.
public protocol LogitHead: Sendable {
    /// A short name for reports.
    var name: String { get }
    /// The logits of a batch of embeddings `z` (`n × k`) against the prototypes (`C × k`, one per row)
    /// at temperature `tau`: an `n × C` matrix.
    func logits<T: Real>(_ z: Matrix<T>, prototypes: Matrix<T>, temperature: T) -> Matrix<T>
}

/// Triad's cosine head `l_y(z) = cos(z, u_y) / tau` (``ClusterHead``) as a ``LogitHead``.
public struct CosineHead: LogitHead {
    public init() {}
    public var name: String { "cosine head" }
    public func logits<T: Real>(_ z: Matrix<T>, prototypes: Matrix<T>, temperature: T) -> Matrix<T> {
        ClusterHead.cosineLogits(z, prototypes: prototypes, temperature: temperature)
    }
}
