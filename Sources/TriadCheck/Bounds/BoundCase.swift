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

    /// The sizes of the engine's bound, identity and consistency cases: small worlds, fast to check.
    public static let sizes = SizeSpace(N: 2...8, C: 2...4, D: 1...3, n: 1...16)

    /// Every world regime in at least 8% of a run's planned cases (each is drawn with probability
    /// 1/5, so a run falls short only by chance, and then draws more cases).
    public static let coverage: [CoverageRequirement] =
        .fractions(Dictionary(uniqueKeysWithValues: WorldRegime.allCases.map { ($0.rawValue, 0.08) }))

    /// The engine's generator of cases: world and configuration regimes uniform at random, sizes
    /// from the case's ``Size`` (`N` points, `C` clusters, dimension `D`, `n <= 2N` pairs; the
    /// embedding dimension `k ∈ 2...3`). The verdict's regime is the world regime
    /// (``worldRegimeLabel``), the one the coverage requirements name.
    public static let generator = Gen<BoundCase> { rng, size in
        let wr = WorldRegime.allCases[rng.int(in: 0...WorldRegime.allCases.count - 1)]
        let cr = ConfigurationRegime.allCases[rng.int(in: 0...ConfigurationRegime.allCases.count - 1)]
        let world = WorldRecipe.random(wr, points: size.N, clusters: size.C, dimension: size.D, using: &rng)
        let config = ConfigurationRecipe.random(cr, for: world, dimension: rng.int(in: 2...3), using: &rng)
        return BoundCase(world: world, configuration: config,
                         dataset: world.samplePairs(count: min(size.n, 2 * world.count), using: &rng))
    }

    /// The world regime's name, the coverage regime of a case.
    public var worldRegimeLabel: String { "\(world.regime)" }

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
