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
                out[m, default: [:]][d] = ObjectiveLevel(
                    preferred: result.winner.kind.rawValue,
                    evidence: best.map { "\($0.kind.rawValue) \(String(format: "%.4f", $0.gedi))" }.joined(separator: " > "))
            }
        }
        return out
    }
}
