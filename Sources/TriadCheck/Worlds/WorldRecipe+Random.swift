import Glibc
import TriadCore

extension WorldRecipe {
    /// A random world of the given regime with (about) `points` points in dimension `dimension` and
    /// `clusters` clusters. Well-posed-type regimes need `N > C` (with `N = C` equal masses force a
    /// uniform `p`), so `N` is raised to `C + 1` where needed; `C > groups` uses `max(1, C - 1)` groups.
    public static func random(_ regime: WorldRegime, points: Int, clusters: Int, dimension: Int,
                              using rng: inout TriadRandom) -> WorldRecipe {
        let c = max(2, clusters)
        let groupCount = regime == .moreClustersThanGroups ? max(1, c - 1) : c
        let n = max(points, groupCount + 1, 2)
        // Every group gets at least one point; the rest are assigned at random, then shuffled.
        var groups = (0..<n).map { $0 < groupCount ? $0 : rng.int(in: 0...groupCount - 1) }
        rng.shuffle(&groups)

        // Data law: random weights per point, rescaled so that every group has the same total M.
        var weights = (0..<n).map { _ in rng.int(in: 1...9) }
        if regime == .uniformLaw { weights = Array(repeating: 1, count: n) }
        var lawCounts = weights
        if regime != .unequalGroupMass {
            let totals = (0..<groupCount).map { g in (0..<n).filter { groups[$0] == g }.map { weights[$0] }.reduce(0, +) }
            if regime == .uniformLaw {
                lawCounts = Array(repeating: 1, count: n)
            } else {
                let m = totals.reduce(1) { lcm($0, $1) }
                lawCounts = (0..<n).map { weights[$0] * (m / totals[groups[$0]]) }
            }
        }
        if regime == .wellPosed || regime == .crossGroupAugmentation || regime == .moreClustersThanGroups {
            // Equal group masses with N > groups: make sure p is not uniform by doubling the weight of
            // one point in a group of at least two (and its partner's, keeping the group total).
            if Set(lawCounts).count == 1, let g = (0..<groupCount).first(where: { g in groups.filter { $0 == g }.count >= 2 }) {
                let members = (0..<n).filter { groups[$0] == g }
                lawCounts = lawCounts.map { $0 * 3 }
                lawCounts[members[0]] += 1
                lawCounts[members[1]] -= 1
            }
        }
        if regime == .unequalGroupMass {
            // Make one group's mass differ from 1/C for sure: triple the weights of group 0's points.
            lawCounts = (0..<n).map { groups[$0] == 0 ? weights[$0] * 3 : weights[$0] }
            let totals = (0..<groupCount).map { g in (0..<n).filter { groups[$0] == g }.map { lawCounts[$0] }.reduce(0, +) }
            if Set(totals).count == 1 { lawCounts[(0..<n).first { groups[$0] == 0 }!] += 1 }
        }

        // Augmentation: within the group (diagonal at least 1); across groups only in that regime.
        var kernel = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n where groups[i] == groups[j] { kernel[i][j] = rng.int(in: 0...3) }
            kernel[i][i] += 1
        }
        if regime == .crossGroupAugmentation {
            let i = rng.int(in: 0...n - 1)
            let j = (0..<n).first { groups[$0] != groups[i] } ?? ((i + 1) % n)
            kernel[i][j] += rng.int(in: 1...3)
        }

        // Coordinates: group g centred at 3g on the first axis, unit Gaussian noise.
        let d = max(1, dimension)
        let coordinates = (0..<n).map { i in
            (0..<d).map { a in (a == 0 ? 3 * Double(groups[i]) : 0) + rng.gaussian() * 0.5 }
        }
        return WorldRecipe(points: coordinates, lawCounts: lawCounts, kernelCounts: kernel, clusterCount: c,
                           groups: groups, regime: regime.rawValue)
    }
}

/// Greatest common divisor (Euclid).
func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
/// Least common multiple.
func lcm(_ a: Int, _ b: Int) -> Int { a / gcd(a, b) * b }

extension ConfigurationRecipe {
    /// A random configuration of the given regime for `world`, with embedding dimension `dimension`
    /// (at least 2, so that `C` prototypes can be spread).
    public static func random(_ regime: ConfigurationRegime, for world: WorldRecipe, dimension: Int,
                              using rng: inout TriadRandom) -> ConfigurationRecipe {
        let k = max(2, dimension), c = world.clusterCount, n = world.count
        func gaussianVector(_ scale: Double = 1) -> [Double] { (0..<k).map { _ in rng.gaussian() * scale } }
        func logUniform(_ a: Double, _ b: Double) -> Double { a * Double.exp(rng.uniform(0, 1) * Double.log(b / a)) }
        // Prototypes spread on a circle in the first two coordinates (distinct directions), plus noise.
        let phase = rng.uniform(0, 2 * .pi)
        let spread = (0..<c).map { y -> [Double] in
            let angle = phase + 2 * Double.pi * Double(y) / Double(c)
            return (0..<k).map { a in a == 0 ? Glibc.cos(angle) : a == 1 ? Glibc.sin(angle) : 0 }
        }
        let groups = world.groups ?? (0..<n).map { $0 % c }
        switch regime {
        case .random:
            return ConfigurationRecipe(embeddings: (0..<n).map { _ in gaussianVector() },
                                       prototypes: (0..<c).map { _ in gaussianVector() },
                                       temperature: logUniform(0.05, 5), regime: regime.rawValue)
        case .aligned:
            let noise = rng.uniform(0, 0.2)
            return ConfigurationRecipe(
                embeddings: (0..<n).map { i in zip(spread[groups[i] % c], gaussianVector(noise)).map(+) },
                prototypes: spread, temperature: logUniform(0.01, 0.5), regime: regime.rawValue)
        case .constant:
            let v = gaussianVector()
            return ConfigurationRecipe(embeddings: Array(repeating: v, count: n), prototypes: spread,
                                       temperature: logUniform(0.05, 5), regime: regime.rawValue)
        case .cold:
            let noise = rng.uniform(0, 0.5)
            return ConfigurationRecipe(
                embeddings: (0..<n).map { i in zip(spread[groups[i] % c], gaussianVector(noise)).map(+) },
                prototypes: spread, temperature: logUniform(1e-3, 1e-2), regime: regime.rawValue)
        case .collapsed:
            let target = rng.int(in: 0...c - 1)
            return ConfigurationRecipe(
                embeddings: (0..<n).map { _ in zip(spread[target], gaussianVector(0.05)).map(+) },
                prototypes: spread, temperature: logUniform(0.01, 0.2), regime: regime.rawValue)
        }
    }
}
