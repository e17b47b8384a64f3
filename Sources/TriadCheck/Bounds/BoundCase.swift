import TriadCore

/// One case of the bound checks (Eq. 4, Prop. 2.1): a world, a table-encoder configuration on it,
/// and a dataset of pairs drawn from the world (for the empirical form).
public struct BoundCase: Sendable, CustomStringConvertible {
    public var world: WorldRecipe
    public var configuration: ConfigurationRecipe
    public var dataset: [PairedDataset.Pair]

    public init(world: WorldRecipe, configuration: ConfigurationRecipe, dataset: [PairedDataset.Pair]) {
        self.world = world
        self.configuration = configuration
        self.dataset = dataset
    }

    /// The regime label `world regime / configuration regime` for statistics tables.
    public var regime: String { "\(world.regime) / \(configuration.regime)" }

    public var description: String { "\(world)\n\(configuration)\ndataset=\(dataset.map { "(\($0.x),\($0.view))" }.joined())" }

    /// A random case: world regime and configuration regime cycle with `index` so that every
    /// combination is sampled; sizes are drawn from `N ∈ 2...maxPoints`, `C ∈ 2...maxClusters`,
    /// `D, k ∈ 1...3` and `n ∈ 1...2N`.
    public static func random(index: Int, maxPoints: Int = 8, maxClusters: Int = 4,
                              using rng: inout TriadRandom) -> BoundCase {
        let worldRegimes = WorldRegime.allCases, configRegimes = ConfigurationRegime.allCases
        let wr = worldRegimes[index % worldRegimes.count]
        let cr = configRegimes[(index / worldRegimes.count) % configRegimes.count]
        let c = rng.int(in: 2...maxClusters)
        let n = rng.int(in: 2...maxPoints)
        let d = rng.int(in: 1...3)
        let world = WorldRecipe.random(wr, points: n, clusters: c, dimension: d, using: &rng)
        let config = ConfigurationRecipe.random(cr, for: world, dimension: rng.int(in: 2...3), using: &rng)
        let size = rng.int(in: 1...2 * world.count)
        return BoundCase(world: world, configuration: config,
                         dataset: world.samplePairs(count: size, using: &rng))
    }
}

extension WorldRecipe {
    /// `count` pairs `(x, x')` drawn from the world's joint law: `x ~ p`, `x' ~ A[x, ·]`.
    public func samplePairs(count: Int, using rng: inout TriadRandom) -> [PairedDataset.Pair] {
        func draw(_ counts: [Int]) -> Int {
            var r = rng.int(in: 0...(counts.reduce(0, +) - 1))
            for (i, c) in counts.enumerated() {
                if r < c { return i }
                r -= c
            }
            return counts.count - 1
        }
        return (0..<count).map { _ in
            let x = draw(lawCounts)
            return PairedDataset.Pair(x: x, view: draw(kernelCounts[x]))
        }
    }
}
