import Foundation
import Testing
import TriadCheck
import TriadCore
import TriadTestSupport

/// The pieces of the landscape (`Proofs/landscape.md`): the grid worlds of the toy laws, the population
/// NMI, the classification of optima, the starts, and the committed `Reports/landscape.md`. The landscape
/// claims themselves run in every claim run (`ClaimCatalogTests`).
@Suite("Landscape: grid worlds, classification and the committed map")
struct LandscapeClaimTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("A grid world has one step on both axes, a law summing to 1, both manifolds labelled, a row-stochastic kernel")
    func gridWorld() throws {
        for law in ToyManifolds.allCases {
            let g = try ToyGridWorld(law: law, gridSize: 10, augmentationStd: 0.3)
            let box = law.box
            // Moons' box is 7.6 x 4.6: 10 points along x (step 7.6/9), round(4.6/h) + 1 = 6 along y.
            let expected = law == .moons ? 10 * 6 : 10 * 10
            #expect(g.count == expected, "\(law): \(g.count) points")
            #expect(abs(g.step - (box.upper[0] - box.lower[0]) / 9) <= 1e-15)
            #expect(abs(g.world.dataLaw.reduce(0, +) - 1) <= 1e-12)
            #expect(Set(g.trueLabels) == [0, 1])
            for i in 0..<g.count { #expect(abs(g.world.augmentation.row(i).reduce(0, +) - 1) <= 1e-12) }
            // Both manifolds carry mass 1/2; on the grid the true labels split it nearly evenly.
            let mass1 = (0..<g.count).filter { g.trueLabels[$0] == 1 }.reduce(0) { $0 + g.world.dataLaw[$1] }
            #expect(abs(mass1 - 0.5) < 0.1, "\(law): label-1 mass \(mass1)")
        }
        // 3s below the step: each row keeps only its own point.
        let identity = try ToyGridWorld(law: .circles, gridSize: 6, augmentationStd: 0.1)
        #expect(identity.world.pairs.count == identity.count)
        expectRejection(["grid size n", "1"]) { _ = try ToyGridWorld(law: .moons, gridSize: 1, augmentationStd: 0.3) }
        expectRejection(["augmentation std s", "0"]) { _ = try ToyGridWorld(law: .moons, gridSize: 5, augmentationStd: 0) }
        expectRejection(["manifold label", "2"]) { _ = try ToyManifolds.moons.manifoldDensity(label: 2, x: 0, y: 0) }
    }

    @Test("The density is the curve convolved with the noise: at a circle's centre it is exp(-r²/2σ²) exactly")
    func densityAtCentre() throws {
        // Every point of a circle of radius r is at distance r from the centre.
        let law = ToyManifolds.circles, sigma = law.finalNoise
        for (label, r) in [(0, 3.0), (1, 1.5)] {
            let d = try law.manifoldDensity(label: label, x: 0, y: 0)
            #expect(abs(d - exp(-r * r / (2 * sigma * sigma))) <= 1e-15 + 1e-12 * d)
        }
    }

    @Test("Population NMI: 1 for the labels themselves or renamed, 0 for an independent split, the arithmetic normalisation in between")
    func populationNMI() {
        let p = [0.25, 0.25, 0.25, 0.25], t = [0, 0, 1, 1]
        #expect(PopulationNMI.value(law: p, trueLabels: t, predicted: t) == 1)
        #expect(abs(PopulationNMI.value(law: p, trueLabels: t, predicted: [1, 1, 0, 0]) - 1) <= 1e-15)
        #expect(PopulationNMI.value(law: p, trueLabels: t, predicted: [0, 1, 0, 1]) == 0)
        #expect(PopulationNMI.value(law: p, trueLabels: t, predicted: [0, 0, 0, 0]) == 0)
        // One point moved: H(T) = log 2, H(P) = H(1/4, 3/4), H(T, P) = 1.5 log 2.
        let hp = -(0.25 * log(0.25) + 0.75 * log(0.75))
        let nmi = (log(2.0) + hp - 1.5 * log(2.0)) / ((log(2.0) + hp) / 2)
        #expect(abs(PopulationNMI.value(law: p, trueLabels: t, predicted: [0, 0, 0, 1]) - nmi) <= 1e-14)
        // Weighted: a point of weight 0 does not count.
        #expect(PopulationNMI.value(law: [0.5, 0.5, 0], trueLabels: [0, 1, 0], predicted: [0, 1, 1]) == 1)
    }

    @Test("An optimum is classified in the stated order, at the stated thresholds")
    func classification() {
        typealias K = OptimumKind
        #expect(K.classify(prototypeCosine: 0.99, meanConfidence: 0.99, largestMass: 0.5, nmi: 1) == .mergedUniform)
        #expect(K.classify(prototypeCosine: -1, meanConfidence: 0.54, largestMass: 0.5, nmi: 1) == .mergedUniform)
        #expect(K.classify(prototypeCosine: -1, meanConfidence: 0.99, largestMass: 0.95, nmi: 0) == .collapse)
        #expect(K.classify(prototypeCosine: -1, meanConfidence: 0.99, largestMass: 0.5, nmi: 0.7) == .manifolds)
        #expect(K.classify(prototypeCosine: -1, meanConfidence: 0.99, largestMass: 0.7, nmi: 0.69) == .cut)
        #expect(K.classify(prototypeCosine: -1, meanConfidence: 0.99, largestMass: 0.8, nmi: 0.1) == .other)
    }

    @Test("The manifolds start puts every point at its true prototype; the cut start splits the mass evenly")
    func starts() throws {
        let g = try ToyGridWorld(law: .circles, gridSize: 10, augmentationStd: 0.3)
        var rng = TriadRandom(seed: 5)
        let (e, u) = try LandscapeStart.manifolds.angles(on: g, temperature: 0.2, using: &rng)
        #expect(u == [0, Double.pi])
        for i in 0..<g.count { #expect(cos(e[i] - u[g.trueLabels[i]]) > 0.5) }
        let sides = LandscapeStart.straightCut(g)
        let mass = (0..<g.count).filter { sides[$0] == 1 }.reduce(0) { $0 + g.world.dataLaw[$1] }
        #expect(abs(mass - 0.5) < 0.05, "cut mass \(mass)")
    }

    @Test("Reports/landscape.md states the generator's grid, steps and seed and every setting of both maps")
    func committedReportStructure() throws {
        let path = Self.root.appendingPathComponent("Reports/landscape.md").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("Reports/landscape.md is missing; regenerate with: swift run -c release triad landscape")
            return
        }
        let s = LandscapeReport.standard
        #expect(text.contains("Grid \(s.gridSize) points along the longer side of each law's data box, \(s.steps) ascent steps per start, seed \(s.seed)."),
                "Reports/landscape.md was made with other parameters; regenerate with: swift run -c release triad landscape")
        for law in ToyManifolds.allCases { #expect(text.contains("## \(law)")) }
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains(" (") && $0.hasSuffix(" |") && $0.contains(" vs ") }
        #expect(rows.count == 2 * LandscapeReport.settings.count, "\(rows.count) candidate rows")
    }

    @Test("An SVG map has one cell per setting in its kind's colour, its lead, a legend of every kind, and escaped text")
    func svgMap() {
        let cells: [[LandscapeMapSVG.Cell]] = [[.init(kind: .manifolds, lead: 0.0838), .init(kind: .cut, lead: nil)],
                                               [.init(kind: .mergedUniform, lead: 1.25), .init(kind: .collapse, lead: 0.5)]]
        let svg = LandscapeMapSVG.render(title: "a < b & c", rowAxis: "tau", rowLabels: ["0.1", "1"], columnAxis: "s",
                                         columnLabels: ["0.1", "0.3"], cells: cells)
        #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("a &lt; b &amp; c") && !svg.contains("a < b"))
        #expect(svg.components(separatedBy: "height=\"42\"").count - 1 == 4, "one 148 x 42 cell per setting")
        #expect(svg.contains("+0.0838") && svg.contains("+1.2500") && svg.contains("+0.5000"))
        for kind in OptimumKind.allCases {
            // Each kind once in the legend; the four used kinds once more in their cells.
            let fills = svg.components(separatedBy: "fill=\"\(LandscapeMapSVG.colour(kind))\"").count - 1
            #expect(fills == (kind == .other ? 1 : 2), "\(kind): \(fills) fills")
        }
    }

    @Test("Reports/landscape.md links its four SVG maps, and they are committed")
    func committedFigures() throws {
        let path = Self.root.appendingPathComponent("Reports/landscape.md").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("Reports/landscape.md is missing; regenerate with: swift run -c release triad landscape")
            return
        }
        for figure in LandscapeReport.figurePaths() {
            #expect(text.contains("](\(figure))"), "Reports/landscape.md does not link \(figure)")
            let file = Self.root.appendingPathComponent("Reports/\(figure)").path
            #expect(FileManager.default.fileExists(atPath: file), "Reports/\(figure) is missing; regenerate with: swift run -c release triad landscape")
        }
    }

    @Test("Two cells of Reports/landscape.md are recomputed here and match: the manifolds and merged starts at moons, tau = 0.2, s = 0.1")
    func committedReportFingerprint() throws {
        let path = Self.root.appendingPathComponent("Reports/landscape.md").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("Reports/landscape.md is missing; regenerate with: swift run -c release triad landscape")
            return
        }
        // s = 0.1 is the cheapest row (3s is below the grid step: one pair per point); two of its five starts
        // (each start's generator is its own, so the others need not run).
        let s = LandscapeReport.standard
        let setting = try LandscapeSetting(temperature: 0.2, augmentationStd: 0.1)
        let starts: [LandscapeStart] = [.manifolds, .merged]
        let r = try LandscapeSearch(steps: s.steps).landscape(law: .moons, gridSize: s.gridSize, setting: setting, seed: s.seed, starts: starts)
        let moons = text.components(separatedBy: "## moons").dropFirst().first ?? ""
        let committed = moons.split(separator: "\n").first { $0.hasPrefix("| 0.2 | 0.1 | 1 | ") }.map(String.init) ?? "<missing>"
        let cells = committed.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        for (optimum, start) in zip(r.optima, starts) {
            let index = 3 + LandscapeStart.allCases.firstIndex(of: start)!  // after tau, s, λ_GEN
            let generated = "\(String(format: "%.4f", optimum.gedi)) (\(optimum.kind.rawValue))"
            let committedCell = index < cells.count ? cells[index] : "<missing>"
            let diff = ReportComparison.differences(committed: committedCell, generated: generated)
            #expect(diff.isEmpty, "Reports/landscape.md, moons, \(setting), \(start.rawValue) start: committed \(committedCell), the code gives \(generated); regenerate with: swift run -c release triad landscape")
        }
    }
}
