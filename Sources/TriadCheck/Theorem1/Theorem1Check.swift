import Glibc
import TriadCore

/// Checks one cell of Theorem 1 (a term in a failure mode) in one precision and returns the verdict
/// with its evidence (Proofs/theorem1.md). The verdict is computed from the evidence, never taken from
/// the expected table:
/// - FM1/FM2: `admits` when a witness family inside the mode drives the gap to 0 (below
///   ``witnessThreshold(_:world:temperature:)``); otherwise `penalises` when the derived gap bound is
///   positive and the search (random and adversarial configurations inside the mode) finds no
///   configuration below it; otherwise `inconclusive`.
/// - FM3: `admits` when no case of the search changes the term by more than rounding; `penalises`
///   when one does (the property engine shrinks it to the smallest world and gives its replay line).
public struct Theorem1Check: Sendable {
    /// The implementation under check (Triad's own by default).
    public var terms: TermSet
    /// Seed and number of search cases per cell (the engine's settings; deep mode multiplies them).
    public var settings: CheckSettings

    /// The default number of search cases per cell and precision in `swift test`.
    public static let defaultCases = 40
    /// The seed of the committed reports.
    public static let defaultSeed: UInt64 = 2023

    public init(terms: TermSet = .reference,
                settings: CheckSettings = CheckSettings(seed: Theorem1Check.defaultSeed, cases: Theorem1Check.defaultCases)) {
        self.terms = terms
        self.settings = settings
    }

    /// The stable id of the cell's claim in Proofs/theorem1.md: `T1.GEN.FM1`, ...
    public static func claimID(_ role: TermRole, _ mode: FailureMode) -> String {
        let term = switch role {
        case .generative: "GEN"
        case .invariance: "INV"
        case .prior: "PRIOR"
        case .gedi: "GEDI"
        }
        return "T1.\(term).\(mode.rawValue)"
    }

    /// Runs the cell in precision `T`.
    public func run<T: Real>(_ role: TermRole, _ mode: FailureMode, as _: T.Type) throws -> CellEvidence {
        switch mode {
        case .representationalCollapse, .clusterCollapse: try collapseCell(role, mode, as: T.self)
        case .permutation: try permutationCell(role, as: T.self)
        }
    }

    /// The gap below which a witness counts as reaching the bound: the rounding tolerance of the term
    /// at that configuration, and never less than `1e-6`.
    public static func witnessThreshold<T: Real>(_: T.Type, world: WorldRecipe, temperature: Double) -> Double {
        if T.isCertified { return 1e-6 }
        return max(1e-6, BoundCheck.tolerance(unitRoundoff: T.unitRoundoff, pairs: world.count * world.count,
                                              points: world.count, clusters: world.clusterCount, temperature: temperature))
    }

    /// The gap lower bound over the mode derived in Proofs/theorem1.md, for `world` and (FM2) the
    /// configuration's collapse level `eps` (as `log eps`): `log N - H(p)` for `L_GEN` in FM1, `g(eps)` for `L_PRIOR`
    /// in FM2, the weighted term bound for `L_GEDI`, and 0 where no positive bound is claimed.
    public func derivedBound(_ role: TermRole, _ mode: FailureMode, world: WorldRecipe, logEps: Double) -> Double {
        let total = Double(world.lawCounts.reduce(0, +))
        let entropy = Information.entropy(world.lawCounts.map { Double($0) / total })
        let fm1 = log(Double(world.count)) - entropy
        let fm2 = ClusterCollapse.priorGapBound(logEps: logEps, clusters: world.clusterCount)
        switch (role, mode) {
        case (.generative, .representationalCollapse): return fm1
        case (.gedi, .representationalCollapse): return terms.weights.generative * fm1
        case (.prior, .clusterCollapse): return fm2
        case (.gedi, .clusterCollapse): return terms.weights.prior * fm2
        default: return 0
        }
    }

    /// Well-posed worlds on which the witness families are built: fixed by the seed, varied in size.
    func witnessWorlds() -> [WorldRecipe] {
        var rng = TriadRandom(seed: settings.seed ^ 0x5749_544E)
        return [(4, 2), (5, 2), (6, 3), (7, 3)].map { n, c in
            WorldRecipe.random(.wellPosed, points: n, clusters: c, dimension: 2, using: &rng)
        }
    }

    /// The population gap of `role` at the world logits, in `T`.
    func gap<T: Real>(_ role: TermRole, world recipe: WorldRecipe, logits: Matrix<T>) throws -> T {
        let world: FiniteWorld<T> = try recipe.world()
        return terms.evaluate(role, on: world.populationBatch(worldLogits: logits), dataLaw: world.dataLaw).gap
    }
}
