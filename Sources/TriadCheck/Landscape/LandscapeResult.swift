import Glibc
import TriadCore

/// The landscape at one setting on one law: the optimum reached from every start, which scores highest,
/// and the mechanism's numbers (`LAND.MERGE`): the `L_GEN` that merged prototypes can gain over opposite
/// ones, `G(p, 2/tau) - G(p, log cosh(1/tau))`, against the `λ_INV log 2` merging costs.
public struct LandscapeResult: Sendable {
    public let law: ToyManifolds
    public let gridSize: Int
    public let setting: LandscapeSetting
    public let seed: UInt64
    public let optima: [LandscapeOptimum]
    /// `G(p, 2/tau) - G(p, log cosh(1/tau))`.
    public let generativeRangeGain: Double
    /// `G(p, 2/tau)`: the best `L_GEN` of merged prototypes.
    public let bestMergedGenerative: Double

    /// The optimum with the highest `L_GEDI` (the first in start order on a tie).
    public var winner: LandscapeOptimum {
        optima.reduce(optima[0]) { $1.gedi > $0.gedi ? $1 : $0 }
    }

    /// The best optimum of a kind, if any start reached it.
    public func best(_ kind: OptimumKind) -> LandscapeOptimum? {
        optima.filter { $0.kind == kind }.max { $0.gedi < $1.gedi }
    }

    /// Whether the sufficient condition of `LAND.MERGE` holds: `λ_GEN (G(2/tau) - G(log cosh(1/tau))) > λ_INV log 2`,
    /// so merged prototypes beat every configuration with opposite prototypes.
    public var mergeCriterionHolds: Bool {
        setting.weights.generative * generativeRangeGain > setting.weights.invariance * log(2.0)
    }
}
