import TriadCore

/// FM1 builders: configurations whose encoder output is one vector `v` for every point.
public enum RepresentationalCollapse {
    /// The table configuration with every embedding equal to `v`.
    public static func table(points: Int, v: [Double], prototypes: [[Double]], temperature: Double,
                             regime: String) -> ConfigurationRecipe {
        ConfigurationRecipe(embeddings: Array(repeating: v, count: points), prototypes: prototypes,
                            temperature: temperature, regime: regime)
    }

    /// An MLP encoder `D -> hidden -> k` whose output is `v` for every input: random first layer,
    /// last layer with zero weights and bias `v` (the collapse the trainer could fall into).
    public static func mlp<T: Real>(inputDimension d: Int, hidden: Int, v: [Double],
                                    using rng: inout TriadRandom) throws -> MLP<T> {
        let first = MLP<T>.Layer(
            weight: Matrix(rows: hidden, columns: d, storage: (0..<(hidden * d)).map { _ in T(rng.gaussian()) }),
            bias: (0..<hidden).map { _ in T(rng.gaussian()) })
        let last = MLP<T>.Layer(weight: .zeros(rows: v.count, columns: hidden), bias: v.map { T($0) })
        return try MLP(layers: [first, last])
    }

    /// The world logits of an FM1 configuration with an MLP encoder on the world's coordinates.
    public static func mlpLogits<T: Real>(world: WorldRecipe, v: [Double], prototypes: [[Double]],
                                          temperature: Double, head: any LogitHead = CosineHead(),
                                          using rng: inout TriadRandom) throws -> Matrix<T> {
        let w: FiniteWorld<T> = try world.world()
        let encoder: MLP<T> = try mlp(inputDimension: w.points.columns, hidden: 5, v: v, using: &rng)
        let h = try ClusterHead(prototypes: Matrix(prototypes.map { $0.map { T($0) } }), temperature: T(temperature))
        return head.logits(encoder.encode(w.points), prototypes: h.prototypes, temperature: h.temperature)
    }
}
