import Glibc
import TriadCore

/// Where a landscape ascent starts (`Proofs/landscape.md`). Every start places the two prototypes and
/// one embedding per grid point on the unit circle, given by their angles; the small random jitter
/// (from the seeded generator) moves embeddings off the exact prototype directions, where the cosine's
/// tangential gradient vanishes and an ascent could not move them.
public enum LandscapeStart: String, Sendable, CaseIterable, Codable {
    /// The intended clustering: prototypes opposite, each point's embedding at its true manifold's prototype.
    case manifolds
    /// The best straight cut: prototypes opposite, each point at the prototype of its side of the line
    /// through the `p`-weighted centroid, at the one of 16 angles `kπ/16` whose sides are nearest equal
    /// mass (to 1e-6; ties: the largest NMI with the true labels, to 1e-6; then the smallest angle).
    case cut
    /// Merged prototypes (0.05 rad apart) and the embeddings of the best merged configuration
    /// (``RangeLimitedLikelihood`` at width `2/tau`, `LAND.GEN.RANGE`).
    case merged
    /// Cluster collapse: prototypes opposite, every embedding at the first prototype.
    case collapse
    /// Uniformly random angles for embeddings and prototypes.
    case random

    /// The angles `(embeddings, prototypes)` of the start on `grid` at temperature `tau`.
    public func angles(on grid: ToyGridWorld, temperature tau: Double, using rng: inout TriadRandom) throws
        -> (embeddings: [Double], prototypes: [Double])
    {
        let n = grid.count
        func jitter() -> Double { 0.3 * rng.gaussian() }
        switch self {
        case .manifolds:
            return (grid.trueLabels.map { Double($0) * Double.pi + jitter() }, [0, Double.pi])
        case .cut:
            let sides = Self.straightCut(grid)
            return (sides.map { Double($0) * Double.pi + jitter() }, [0, Double.pi])
        case .merged:
            let best = try RangeLimitedLikelihood.best(dataLaw: grid.world.dataLaw, width: 2 / tau)
            // -E = log 2 + cos(α)/tau with both prototypes at angle 0: cos α = tau f - 1.
            return (best.negativeEnergies.map { acos(Swift.min(1, Swift.max(-1, tau * $0 - 1))) + 0.01 * rng.gaussian() }, [-0.025, 0.025])
        case .collapse:
            return ((0..<n).map { _ in jitter() }, [0, Double.pi])
        case .random:
            return ((0..<n).map { _ in rng.uniform(0, 2 * Double.pi) }, [rng.uniform(0, 2 * Double.pi), rng.uniform(0, 2 * Double.pi)])
        }
    }

    /// The side (0 or 1) of each grid point for the best straight cut (see ``cut``).
    public static func straightCut(_ grid: ToyGridWorld) -> [Int] {
        let p = grid.world.dataLaw, pts = grid.world.points
        let cx = (0..<grid.count).reduce(0) { $0 + p[$1] * pts[$1, 0] }, cy = (0..<grid.count).reduce(0) { $0 + p[$1] * pts[$1, 1] }
        var best: (imbalance: Double, nmi: Double, sides: [Int])? = nil
        for k in 0..<16 {
            let a = Double.pi * Double(k) / 16, (nx, ny) = (-sin(a), cos(a))
            let sides = (0..<grid.count).map { (pts[$0, 0] - cx) * nx + (pts[$0, 1] - cy) * ny > 0 ? 1 : 0 }
            let mass = (0..<grid.count).filter { sides[$0] == 1 }.reduce(0) { $0 + p[$1] }
            // Both rounded, so that rounding noise cannot decide between equally good lines (on circles
            // every line through the centre is balanced with NMI about 0): ties go to the first angle.
            let imbalance = (abs(mass - 0.5) * 1e6).rounded() / 1e6
            let nmi = (PopulationNMI.value(law: p, trueLabels: grid.trueLabels, predicted: sides) * 1e6).rounded() / 1e6
            if best == nil || imbalance < best!.imbalance || (imbalance == best!.imbalance && nmi > best!.nmi) {
                best = (imbalance, nmi, sides)
            }
        }
        return best!.sides
    }
}
