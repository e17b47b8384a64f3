import TriadCore

/// A configuration `Theta` of the exact model with a free-table encoder, described exactly in
/// `Double`s: one embedding per world point, the prototypes and the temperature.
public struct ConfigurationRecipe: Sendable, Equatable, CustomStringConvertible {
    /// `N × k`: the embedding `e_i` of each world point.
    public var embeddings: [[Double]]
    /// `C × k`: the prototypes `u_y`.
    public var prototypes: [[Double]]
    /// `tau > 0`.
    public var temperature: Double
    /// How the configuration was built (for statistics tables).
    public var regime: String

    public init(embeddings: [[Double]], prototypes: [[Double]], temperature: Double, regime: String) {
        self.embeddings = embeddings
        self.prototypes = prototypes
        self.temperature = temperature
        self.regime = regime
    }

    /// The cosine head in precision `T`.
    public func head<T: Real>(_: T.Type = T.self) throws -> ClusterHead<T> {
        try ClusterHead(prototypes: Matrix(prototypes.map { $0.map { T($0) } }), temperature: T(temperature))
    }

    /// The table encoder in precision `T`.
    public func encoder<T: Real>(_: T.Type = T.self) throws -> TableEncoder<T> {
        try TableEncoder(table: Matrix(embeddings.map { $0.map { T($0) } }))
    }

    /// The whole model in precision `T`.
    public func model<T: Real>(_: T.Type = T.self) throws -> ClusterModel<T> {
        try ClusterModel(encoder: encoder(T.self), head: head(T.self))
    }

    /// `l(w_i)` for every world point, `N × C`, in precision `T`, through `head` (the cosine head by
    /// default).
    public func worldLogits<T: Real>(_: T.Type = T.self, head: any LogitHead = CosineHead()) throws -> Matrix<T> {
        let h: ClusterHead<T> = try self.head()
        return head.logits(try encoder(T.self).table, prototypes: h.prototypes, temperature: h.temperature)
    }

    public var description: String {
        "config[\(regime)] tau=\(temperature) U=\(prototypes) E=\(embeddings)"
    }
}
