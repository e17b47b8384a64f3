import Dispatch
import Foundation
import Synchronization
import TriadCore

/// `Reports/landscape.md`: on each toy law made a finite grid world, which local optimum of the
/// population `L_GEDI` scores highest, over `tau × s` (unit weights) and over `tau × λ_GEN`
/// (`s` fixed), with every candidate's value side by side, the preset settings term by term, and where
/// the mechanism of `LAND.MERGE` decides the winner (`Proofs/landscape.md`).
public struct LandscapeReport: Sendable {
    /// Grid points per side.
    public var gridSize: Int
    /// Ascent steps per start.
    public var steps: Int
    public var seed: UInt64
    /// Settings computed at once (each setting is single-threaded; results do not depend on it).
    public var workers: Int

    /// The temperatures of both maps.
    public static let temperatures = [0.1, 0.2, 0.5, 1.0]
    /// The augmentation standard deviations of the `tau × s` map.
    public static let augmentationStds = [0.1, 0.2, 0.3, 0.5]
    /// The generative weights of the `tau × λ_GEN` map.
    public static let generativeWeights = [0.1, 0.3, 1.0, 3.0]
    /// The `s` of the `tau × λ_GEN` map: the trainer's chosen augmentation.
    public static let fixedAugmentationStd = 0.3

    /// The committed report's grid, steps and seed (`triad report`, `triad landscape` by default).
    public static let standard = LandscapeReport(gridSize: 16, steps: 200, seed: 2023, workers: 1)

    public init(gridSize: Int, steps: Int, seed: UInt64, workers: Int) {
        self.gridSize = gridSize
        self.steps = steps
        self.seed = seed
        self.workers = workers
    }

    /// The report for `triad report` and the test that compares it with the committed file.
    public static var report: Report { Report(fileName: "landscape.md") { try standard.render() } }
    // (The figures are written by ``write(to:terms:)``; `Report` carries the Markdown only.)

    /// Every setting of the two maps, without repeats, in map order.
    public static var settings: [LandscapeSetting] {
        var out: [LandscapeSetting] = []
        for tau in temperatures {
            for s in augmentationStds { out.append(try! LandscapeSetting(temperature: tau, augmentationStd: s)) }
        }
        for tau in temperatures {
            for g in generativeWeights {
                let setting = try! LandscapeSetting(temperature: tau, augmentationStd: fixedAugmentationStd,
                                                    weights: GEDIObjective.Weights(generative: g))
                if !out.contains(setting) { out.append(setting) }
            }
        }
        for preset in [LandscapeSetting.chosenPreset, .startPreset] where !out.contains(preset) { out.append(preset) }
        return out
    }

    /// The landscape of every setting on every law (law-major), `workers` settings at a time.
    public func results(terms: TermSet = .reference) throws -> [LandscapeResult] {
        let search = try LandscapeSearch(terms: terms, steps: steps)
        let jobs = ToyManifolds.allCases.flatMap { law in Self.settings.map { (law, $0) } }
        let done = Mutex<[Int: Result<LandscapeResult, any Error>]>([:])
        let (grid, seed) = (gridSize, self.seed)
        let chunks = max(1, min(workers, jobs.count))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in stride(from: chunk, to: jobs.count, by: chunks) {
                let (law, setting) = jobs[index]
                let r = Result { try search.landscape(law: law, gridSize: grid, setting: setting, seed: seed) }
                done.withLock { $0[index] = r }
            }
        }
        return try done.withLock { d in try jobs.indices.map { try d[$0]!.get() } }
    }

    /// The Markdown of the report.
    public func render(terms: TermSet = .reference) throws -> String {
        Self.render(try results(terms: terms), gridSize: gridSize, steps: steps, seed: seed)
    }

    /// The Markdown and its figures (paths relative to the report's folder), from one computation.
    public func renderWithFigures(terms: TermSet = .reference) throws -> (markdown: String, figures: [(path: String, svg: String)]) {
        let r = try results(terms: terms)
        return (Self.render(r, gridSize: gridSize, steps: steps, seed: seed), Self.figures(r))
    }

    /// The figure files, relative to the report's folder: two maps per law.
    public static func figurePaths() -> [String] {
        ToyManifolds.allCases.flatMap { ["landscape/\($0)-tau-s.svg", "landscape/\($0)-tau-gen.svg"] }
    }

    /// The SVG maps of the results: per law, the winner over `tau × s` and over `tau × λ_GEN`, in
    /// ``figurePaths()`` order.
    public static func figures(_ results: [LandscapeResult]) -> [(path: String, svg: String)] {
        func mapCell(_ r: LandscapeResult?) -> LandscapeMapSVG.Cell {
            guard let r else { return LandscapeMapSVG.Cell(kind: .other, lead: nil) }
            let w = r.winner
            let runnerUp = r.optima.filter { $0.kind != w.kind }.max { $0.gedi < $1.gedi }
            return LandscapeMapSVG.Cell(kind: w.kind, lead: runnerUp.map { w.gedi - $0.gedi })
        }
        func find(_ law: ToyManifolds, _ tau: Double, _ s: Double, _ g: Double) -> LandscapeResult? {
            results.first { $0.law == law && $0.setting.temperature == tau && $0.setting.augmentationStd == s
                && $0.setting.weights == GEDIObjective.Weights(generative: g) }
        }
        let rows = temperatures.map { "tau = \(short($0))" }
        return ToyManifolds.allCases.flatMap { law -> [(path: String, svg: String)] in
            let bySpread = LandscapeMapSVG.render(title: "\(law): winning optimum, λ = (1, 1, 1)", rowAxis: "tau", rowLabels: rows,
                                                  columnAxis: "augmentation std s", columnLabels: augmentationStds.map { "s = \(short($0))" },
                                                  cells: temperatures.map { tau in augmentationStds.map { mapCell(find(law, tau, $0, 1)) } })
            let byWeight = LandscapeMapSVG.render(title: "\(law): winning optimum, s = \(short(fixedAugmentationStd))", rowAxis: "tau", rowLabels: rows,
                                                  columnAxis: "λ_GEN (λ_INV = λ_PRIOR = 1)", columnLabels: generativeWeights.map { "λ_GEN = \(short($0))" },
                                                  cells: temperatures.map { tau in generativeWeights.map { mapCell(find(law, tau, fixedAugmentationStd, $0)) } })
            return [("landscape/\(law)-tau-s.svg", bySpread), ("landscape/\(law)-tau-gen.svg", byWeight)]
        }
    }

    /// Computes once and writes the report to `path` and its figures next to it, each atomically.
    public func write(to path: String, terms: TermSet = .reference) throws {
        let (markdown, figures) = try renderWithFigures(terms: terms)
        let folder = (path as NSString).deletingLastPathComponent
        for f in figures { try AtomicFile.write(f.svg, to: (folder.isEmpty ? "." : folder) + "/" + f.path) }
        try AtomicFile.write(markdown, to: path)
    }

    static func f(_ x: Double) -> String { String(format: "%.4f", x) }
    static func short(_ x: Double) -> String { LandscapeSetting.number(x) }

    static func cell(_ r: LandscapeResult) -> String {
        let w = r.winner
        let runnerUp = r.optima.filter { $0.kind != w.kind }.max { $0.gedi < $1.gedi }
        let margin = runnerUp.map { " +\(f(w.gedi - $0.gedi)) over \($0.kind.rawValue)" } ?? ""
        return "**\(w.kind.rawValue)**\(margin)"
    }

    /// The grid step of each law at `n` points along the longer side.
    static func gridSteps(_ n: Int) -> String {
        ToyManifolds.allCases.map { law in
            let step = (try? ToyGridWorld(law: law, gridSize: n, augmentationStd: 1).step) ?? .nan
            return "\(String(format: "%.3f", step)) for \(law)"
        }.joined(separator: " and ")
    }

    /// Which `s` of the maps give `A = I` on the grid.
    static func identityNote(_ n: Int) -> String {
        let minStep = ToyManifolds.allCases.compactMap { try? ToyGridWorld(law: $0, gridSize: n, augmentationStd: 1).step }.min() ?? 0
        let identity = augmentationStds.filter { 3 * $0 < minStep }
        return identity.isEmpty ? "no `s` of the maps is that small" : "so at `s` = " + identity.map { short($0) }.joined(separator: ", ") + " on both laws"
    }

    /// One row of the candidates table: the setting, each start's `L_GEDI` and kind, the winner, and the
    /// mechanism's comparison `λ_GEN · gain` vs `λ_INV log 2`.
    public static func candidateRow(_ r: LandscapeResult) -> String {
        let w = r.setting.weights
        return "| \(short(r.setting.temperature)) | \(short(r.setting.augmentationStd)) | \(short(w.generative)) | "
            + r.optima.map { "\(f($0.gedi)) (\($0.kind.rawValue))" }.joined(separator: " | ")
            + " | \(r.winner.kind.rawValue) | \(f(w.generative * r.generativeRangeGain)) vs \(f(w.invariance * log(2.0))) |"
    }

    /// Renders results computed by ``results(terms:)`` (exposed so that a caller holding them renders
    /// without recomputing).
    public static func render(_ results: [LandscapeResult], gridSize: Int, steps: Int, seed: UInt64) -> String {
        func find(_ law: ToyManifolds, _ tau: Double, _ s: Double, _ g: Double) -> LandscapeResult? {
            results.first { $0.law == law && $0.setting.temperature == tau && $0.setting.augmentationStd == s
                && $0.setting.weights == GEDIObjective.Weights(generative: g) }
        }
        var md = """
        # Landscape: which optimum the population objective prefers on the toy laws

        Generated by `triad landscape` (and `triad report`); do not edit. Grid \(gridSize) points along the longer side of each law's data box, \(steps) ascent steps per start, seed \(seed). Statements and derivations: `Proofs/landscape.md`.

        Each toy law (moons, circles: the noiseless curves convolved with their Gaussian noise, `Proofs/model.md` §7.4) is
        made a finite world: the grid points, `p` = the law's density normalised over the grid, the true label of a point
        = the manifold with more density there, `A` = the Gaussian augmentation kernel of std `s` (truncated at `3s`,
        row-normalised), a free table encoder (one embedding per grid point), the cosine head with `C = 2` prototypes,
        the exact partition over the grid. The population `L_GEDI` (Triad's own terms and gradients, in Double) is
        maximised by Adam on the angles of the embeddings and prototypes from five starts: the intended clustering
        (*manifolds*), the best straight cut (*cut*), the best merged configuration (*merged*), cluster collapse
        (*collapse*), and random angles (*random*). Each optimum reached is classified by what it is, not where it
        started: *merged-uniform* (`cos(u_1, u_2) >= \(short(OptimumKind.mergedCosine))` or mean confidence
        `<= \(short(OptimumKind.uniformConfidence))`), *collapse* (one cluster takes `>= \(short(OptimumKind.collapseMass))` of the mass),
        *manifolds* (NMI against the true labels `>= \(short(OptimumKind.manifoldsNMI))`), *cut* (a balanced partition, both
        clusters `>= \(short(OptimumKind.balancedMass))` of the mass, that is not the manifolds), *other*. NMI and masses are
        weighted by `p`. A map cell gives the kind of the highest-scoring optimum and its lead over the best optimum
        of another kind.

        These are local optima of one discretised population objective with a free encoder, found by one ascent per
        start: the landscape the trainer's network and sampler move on, not its trajectory. The grid is part of the
        world: its step is \(gridSteps(gridSize)), and where `3s` is below the step the kernel keeps each point to itself
        (`A = I`, the augmentation connects nothing and `L_INV` only rewards confidence): \(identityNote(gridSize)).


        """
        md += "## The mechanism: what merging can gain\n\n"
        md += """
        `LAND.MERGE`: merged prototypes reach `L_GEN = G(p, 2/tau)`; opposite prototypes at most `G(p, log cosh(1/tau))`.
        When `λ_GEN [G(2/tau) - G(log cosh(1/tau))] > λ_INV log 2`, merging beats every opposite-prototype configuration,
        whatever the embeddings. The gain depends on the grid law and `tau` only (not on `s`); `log 2` = \(f(log(2.0))).


        """
        md += "| law | " + Self.temperatures.map { "tau = \(short($0))" }.joined(separator: " | ") + " |\n"
        md += "|---|" + String(repeating: "---|", count: Self.temperatures.count) + "\n"
        for law in ToyManifolds.allCases {
            md += "| \(law) | " + Self.temperatures.map { tau in
                guard let r = find(law, tau, Self.fixedAugmentationStd, 1) else { return "—" }
                return "\(f(r.generativeRangeGain))" + (r.mergeCriterionHolds ? " (merging wins at λ = (1, 1, 1))" : "")
            }.joined(separator: " | ") + " |\n"
        }
        md += "\nThe largest λ_GEN of the second map, 3, needs a gain above `log 2 / 3` = \(f(log(2.0) / 3)) for the criterion.\n\n"

        for law in ToyManifolds.allCases {
            md += "## \(law)\n\n### Winner over tau × s (λ = (1, 1, 1))\n\n"
            md += "| tau \\ s | " + Self.augmentationStds.map { short($0) }.joined(separator: " | ") + " |\n"
            md += "|---|" + String(repeating: "---|", count: Self.augmentationStds.count) + "\n"
            for tau in Self.temperatures {
                md += "| \(short(tau)) | " + Self.augmentationStds.map { s in find(law, tau, s, 1).map(cell) ?? "—" }.joined(separator: " | ") + " |\n"
            }
            md += "\n![\(law): winner over tau × s](landscape/\(law)-tau-s.svg)\n"
            md += "\n### Winner over tau × λ_GEN (s = \(short(Self.fixedAugmentationStd)), λ_INV = λ_PRIOR = 1)\n\n"
            md += "| tau \\ λ_GEN | " + Self.generativeWeights.map { short($0) }.joined(separator: " | ") + " |\n"
            md += "|---|" + String(repeating: "---|", count: Self.generativeWeights.count) + "\n"
            for tau in Self.temperatures {
                md += "| \(short(tau)) | " + Self.generativeWeights.map { g in find(law, tau, Self.fixedAugmentationStd, g).map(cell) ?? "—" }.joined(separator: " | ") + " |\n"
            }
            md += "\n![\(law): winner over tau × λ_GEN](landscape/\(law)-tau-gen.svg)\n"
            md += "\n### Every candidate: `L_GEDI` (kind reached) per start\n\n"
            md += "| tau | s | λ_GEN | " + LandscapeStart.allCases.map(\.rawValue).joined(separator: " | ") + " | winner | λ_GEN · gain vs λ_INV log 2 |\n"
            md += "|---|---|---|" + String(repeating: "---|", count: LandscapeStart.allCases.count + 2) + "\n"
            for r in results where r.law == law { md += candidateRow(r) + "\n" }
            md += "\n"
        }

        md += "## The presets term by term\n\n"
        md += "The trainer's chosen setting (`ExperimentPresets.chosen`: \(LandscapeSetting.chosenPreset)) and its sweep's start (\(LandscapeSetting.startPreset)).\n\n"
        md += "| law | setting | start | kind | L_GEDI | L_GEN | L_INV | L_PRIOR | NMI | cos(u_1, u_2) | gain of the last tenth |\n"
        md += "|---|---|---|---|---|---|---|---|---|---|---|\n"
        for preset in [LandscapeSetting.chosenPreset, .startPreset] {
            for r in results where r.setting == preset {
                for o in r.optima {
                    md += "| \(r.law) | \(preset) | \(o.start.rawValue) | \(o.kind.rawValue) | \(f(o.gedi)) | \(f(o.generative)) | \(f(o.invariance)) | "
                    md += "\(f(o.prior)) | \(String(format: "%.3f", o.nmi)) | \(String(format: "%.3f", o.prototypeCosine)) | \(format(o.lastGain)) |\n"
                }
            }
        }
        md += "\n## Findings\n\n"
        for law in ToyManifolds.allCases {
            let own = results.filter { $0.law == law }
            let failures = own.filter { $0.winner.kind != .manifolds }
            var counts: [OptimumKind: Int] = [:]
            for r in own { counts[r.winner.kind, default: 0] += 1 }
            let tally = OptimumKind.allCases.compactMap { k in counts[k].map { "\(k.rawValue) \($0)" } }.joined(separator: ", ")
            md += "- **\(law)**: over \(own.count) settings the winner is \(tally). "
            if failures.isEmpty {
                md += "The manifolds score highest everywhere.\n"
            } else {
                md += "**At \(failures.count) of \(own.count) settings the objective prefers a failure to the manifolds**"
                let merged = own.filter { $0.winner.kind == .mergedUniform }.count
                md += merged > 0 ? " (merged-uniform at \(merged)).\n" : ".\n"
            }
            for preset in [LandscapeSetting.chosenPreset, .startPreset] {
                if let r = own.first(where: { $0.setting == preset }) {
                    let manifolds = r.best(.manifolds).map { "manifolds \(f($0.gedi))" } ?? "no start reached the manifolds"
                    md += "  - at \(preset): the winner is **\(r.winner.kind.rawValue)** (`L_GEDI` \(f(r.winner.gedi)); \(manifolds))"
                    if let m = r.best(.manifolds), r.winner.kind != .manifolds, r.winner.gedi - m.gedi < 1e-3 * max(1, abs(r.winner.gedi)) {
                        md += " — a tie within 1e-3"
                    }
                    // The kernel is truncated at 3s: a grid step beyond it leaves every point alone (A = I).
                    if let grid = try? ToyGridWorld(law: law, gridSize: r.gridSize, augmentationStd: preset.augmentationStd),
                       grid.step > 3 * preset.augmentationStd {
                        md += "; this grid cannot resolve s = \(short(preset.augmentationStd)) (step \(String(format: "%.2f", grid.step)) > 3s: "
                            + "the augmentation kernel is the identity, so `L_INV` cannot tell a cut from the manifolds)"
                    }
                    md += ".\n"
                }
            }
        }
        let chosenManifolds = ToyManifolds.allCases.filter { law in
            results.first { $0.law == law && $0.setting == .chosenPreset }?.winner.kind == .manifolds
        }
        if !chosenManifolds.isEmpty {
            md += "- At the trainer's chosen setting the manifolds are the best optimum found on "
            md += chosenManifolds.map(\.rawValue).joined(separator: " and ")
            md += ": the failures the trainer shows there (`Reports/empirical.md`) are not explained by this landscape "
            md += "preferring a failure; they come from what it leaves out (the network encoder, the sampled generative "
            md += "term, finite batches, the ascent's path).\n"
        }
        let criterion = results.filter(\.mergeCriterionHolds)
        let mergedWins = results.filter { $0.winner.kind == .mergedUniform }
        md += "- The merge criterion of `LAND.MERGE` holds at \(criterion.count) of \(results.count) settings"
        md += criterion.isEmpty ? "" : " (" + criterion.map { "\($0.law) \($0.setting)" }.joined(separator: "; ") + ")"
        md += "; merged-uniform wins at \(mergedWins.count), of which the criterion certifies "
        md += "\(mergedWins.filter(\.mergeCriterionHolds).count): elsewhere merging wins without the sufficient condition, "
        md += "because the clustering optima also pay in `L_INV` (their predictions are not one-hot at that `tau`).\n"
        let mergedStays = results.filter { r in r.optima.contains { $0.start == .merged && $0.kind == .mergedUniform } }
        md += "- The merged start stays merged at \(mergedStays.count) of \(results.count) settings"
        let lowest = mergedStays.map(\.setting.temperature).min()
        md += lowest.map { ", never below `tau` = \(short($0))" } ?? ""
        md += "; elsewhere its prototypes separate: merging is then not even a local optimum of the population objective.\n"
        return md
    }
}
