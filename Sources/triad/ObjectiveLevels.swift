import TriadCheck
import TriadCore
import TriadTrain

/// The objective level of `Reports/empirical.md`: for each method of a reproduction that trains GEDI's
/// objective, the landscape (`Proofs/landscape.md`) at the method's setting on each toy law, at the
/// grid, ascent steps and seed of the committed landscape map (`LandscapeReport.standard`). The
/// command-line tool wires the checker's landscape into the trainer's report; neither knows the other.
enum ObjectiveLevels {
    /// How the levels are computed, for the report.
    static var source: String {
        let l = LandscapeReport.standard
        return "landscape on a grid of \(l.gridSize), \(l.steps) ascent steps, seed \(l.seed), as `Reports/landscape.md`"
    }

    /// Two kinds whose best `L_GEDI` differ by less than this (relative to `max(1, |L_GEDI|)`) are a tie:
    /// the ascent's own last gains are of this order (`LandscapeOptimum.lastGain`), so a smaller margin
    /// does not say which optimum is higher.
    static let tieTolerance = 1e-3

    /// The level of every GEDI-objective method of `plan` on every data set.
    static func compute(for plan: Reproduction) throws -> [MethodKind: [ToyDataKind: ObjectiveLevel]] {
        let l = LandscapeReport.standard
        let search = try LandscapeSearch(steps: l.steps)
        var out: [MethodKind: [ToyDataKind: ObjectiveLevel]] = [:]
        for m in plan.methods where m.usesGEDIObjective {
            let c = ExperimentPresets.configuration(m, seed: plan.seeds[0])
            let setting = try LandscapeSetting(temperature: c.temperature, augmentationStd: c.augmentationStd, weights: c.weights)
            for d in ToyDataKind.allCases {
                let result = try search.landscape(law: d.manifolds, gridSize: l.gridSize, setting: setting, seed: l.seed)
                let best = OptimumKind.allCases.compactMap(result.best).sorted { $0.gedi > $1.gedi }
                let grid = try ToyGridWorld(law: d.manifolds, gridSize: l.gridSize, augmentationStd: setting.augmentationStd)
                var preferred = result.winner.kind.rawValue
                if best.count > 1, best[0].gedi - best[1].gedi < tieTolerance * max(1, abs(best[0].gedi)) {
                    preferred = "tie (\(best[0].kind.rawValue) ≈ \(best[1].kind.rawValue))"
                }
                // The kernel is truncated at 3s: with the grid's step beyond it, no point reaches a neighbour.
                let caveat = grid.step > 3 * setting.augmentationStd
                    ? "the grid's step \(String(format: "%.2f", grid.step)) exceeds 3s = \(String(format: "%.2f", 3 * setting.augmentationStd)): "
                        + "the augmentation kernel on this grid is the identity, so L_INV cannot tell the kinds apart here"
                    : nil
                out[m, default: [:]][d] = ObjectiveLevel(
                    preferred: preferred,
                    evidence: best.map { "\($0.kind.rawValue) \(String(format: "%.4f", $0.gedi))" }.joined(separator: " > "),
                    caveat: caveat)
            }
        }
        return out
    }
}
