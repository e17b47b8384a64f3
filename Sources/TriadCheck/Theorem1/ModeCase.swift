import TriadCore

/// One generated case of a search inside a failure mode: a world and a configuration on it, either a
/// table configuration or an FM1 MLP encoder (rebuilt from its seed in any precision), plus, for FM3,
/// a dataset and a permutation.
public struct ModeCase: Sendable, CustomStringConvertible {
    public var world: WorldRecipe
    /// The table configuration (or the prototypes and temperature of an MLP case).
    public var configuration: ConfigurationRecipe
    /// When set, the encoder is the FM1 MLP built from this seed with output `configuration.embeddings[0]`.
    public var mlpSeed: UInt64?
    /// FM3: the dataset and the re-pairing.
    public var dataset: [PairedDataset.Pair] = []
    public var permutation: [Int] = []
    /// The regime label for the coverage table.
    public var regime: String

    /// The world logits `l(w_i)` in precision `T`.
    public func logits<T: Real>(_: T.Type, head: any LogitHead = CosineHead()) throws -> Matrix<T> {
        if let mlpSeed {
            var rng = TriadRandom(seed: mlpSeed)
            return try RepresentationalCollapse.mlpLogits(world: world, v: configuration.embeddings[0],
                                                          prototypes: configuration.prototypes,
                                                          temperature: configuration.temperature, head: head, using: &rng)
        }
        return try configuration.worldLogits(T.self, head: head)
    }

    public var description: String {
        "\(world)\n\(configuration)" + (mlpSeed.map { "\nMLP encoder seed \($0)" } ?? "")
            + (dataset.isEmpty ? "" : "\ndataset=\(dataset.map { "(\($0.x),\($0.view))" }.joined()) pi=\(permutation)")
    }
}
