/// An encoder of the exact model: maps the points of a batch (`n × D` coordinates) to embeddings
/// (`n × h`). Two implementations: ``TableEncoder`` (one free embedding per world point, the most
/// expressive model, used to build witnesses) and ``MLP`` (the network the trainer trains).
public protocol Encoder<Scalar>: Sendable {
    associatedtype Scalar: Real
    /// The embedding dimension `h`.
    var outputDimension: Int { get }
    /// Embeddings of the given points, one row per point.
    func encode(_ points: Matrix<Scalar>) -> Matrix<Scalar>
    /// A short name for reports ("table", "MLP 2-100-100-2").
    var kind: String { get }
}
