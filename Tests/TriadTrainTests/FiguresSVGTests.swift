import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

/// Parses SVG text with Foundation's XML parser; counts elements by name.
final class SVGProbe: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var texts: [String] = []
    var fills: [String] = []
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
        if let fill = attributes["fill"] { fills.append(fill) }
        if name == "text" { inText = true; texts.append("") }
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1] += string }
    }

    /// Parses `svg`; nil when it is not well-formed XML.
    static func parse(_ svg: String) -> SVGProbe? {
        let probe = SVGProbe()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        return parser.parse() ? probe : nil
    }
}

@Suite("Figures: SVG writer and toy-figure builders")
struct FiguresSVGTests {
    @Test("fixed-precision numbers: rounding half away from zero, no negative zero, exact digit count")
    func fixedFormatting() {
        let cases: [(Double, Int, String)] = [
            (3.14159, 2, "3.14"), (-0.004, 2, "0.00"), (-0.006, 2, "-0.01"), (2.5, 0, "3"), (-2.5, 0, "-3"),
            (1e-9, 3, "0.000"), (123456.789, 1, "123456.8"), (-7, 2, "-7.00"), (0.1, 3, "0.100"), (1.05, 9, "1.050000000"),
        ]
        for (x, digits, expected) in cases {
            #expect(SVGFormat.fixed(x, digits: digits) == expected, "fixed(\(x), \(digits))")
        }
    }

    @Test("text is escaped for XML and forbidden control characters are dropped")
    func escaping() {
        #expect(SVGFormat.escaped("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
        #expect(SVGFormat.escaped("x\u{01}y\tz") == "xy\tz")
        #expect(SVGFormat.escaped("τ = 0.1, x₁") == "τ = 0.1, x₁")
    }

    @Test("colours: hex text, palette wrap-around, the sequential map's end points and mixing")
    func colors() {
        #expect(SVGColor(hex: 0x0A0BFF).description == "#0a0bff")
        #expect(SVGColor.categorical(0) == SVGColor.categorical(10))
        #expect(SVGColor.categorical(-1) == SVGColor.categorical(9))
        #expect(SVGColor.sequential(0).description == "#440154")
        #expect(SVGColor.sequential(1).description == "#fde725")
        #expect(SVGColor.sequential(.nan) == SVGColor.sequential(0))
        #expect(SVGColor.black.mixed(with: .white, 0.5).description == "#808080")
    }

    @Test("nice ticks: steps of 1, 2 or 5 × 10^k, inside the range, evenly spaced")
    func ticks() {
        for (lo, hi) in [(-3.8, 3.8), (-2.0, 2.6), (0.0, 1.0), (-0.013, 0.021), (100.0, 4000.0)] {
            let t = PlotFrame.ticks(lower: lo, upper: hi)
            #expect(t.values.count >= 2 && t.values.count <= 11, "\(lo)...\(hi): \(t.values)")
            let step = t.values[1] - t.values[0]
            let mantissa = step / pow(10, floor(log10(step)))
            #expect([1.0, 2.0, 5.0].contains { abs($0 - mantissa) < 1e-9 }, "step \(step)")
            for v in t.values { #expect(v >= lo - 1e-12 && v <= hi + 1e-12) }
        }
    }

    @Test("a document renders as well-formed XML, identically on every call, and closes open groups")
    func documentWellFormedAndDeterministic() throws {
        var doc = try SVGDocument(width: 100, height: 50)
        doc.beginGroup(id: "g<1>", crispEdges: true)
        doc.rect(x: 1, y: 2, width: 3, height: 4, fill: .categorical(1), stroke: .black, strokeWidth: 0.5, opacity: 0.5)
        doc.circle(cx: 5, cy: 6, r: 1, fill: nil)
        doc.line(x1: 0, y1: 0, x2: 10, y2: 10)
        doc.text("E < 0 & τ > 0", x: 50, y: 25, anchor: .middle)
        let svg = doc.render()
        #expect(svg == doc.render())
        let probe = try #require(SVGProbe.parse(svg))
        #expect(probe.counts["svg"] == 1 && probe.counts["g"] == 1 && probe.counts["rect"] == 1)
        #expect(probe.texts == ["E < 0 & τ > 0"])
        #expect(svg.contains("<rect x=\"1.00\" y=\"2.00\" width=\"3.00\" height=\"4.00\" fill=\"#f28e2b\" stroke=\"#000000\""))
        #expect(throws: TriadError.self) { try SVGDocument(width: 0, height: 10) }
    }

    @Test("scatter: one circle per point inside the box, a legend per label, hidden points counted in a note")
    func scatterFigure() throws {
        var rng = TestSeed.generator("scatterFigure", default: 81)
        let d = try ToyDataset.make(.moons, count: 60, using: &rng)
        var points = d.points
        points[0, 0] = 50  // outside the moons box
        let svg = try ToyFigures.scatter(points: points, labels: d.labels, title: "moons & <noise>",
                                         labelNames: [0: "upper moon"], box: ToyDataKind.moons.boundingBox).render()
        let probe = try #require(SVGProbe.parse(svg))
        // 59 data circles plus 2 legend swatches.
        #expect(probe.counts["circle"] == 61)
        #expect(probe.texts.contains("moons & <noise>"))
        #expect(probe.texts.contains("upper moon") && probe.texts.contains("class 1"))
        #expect(probe.texts.contains("1 point outside the plotted box, not shown"))
        let again = try ToyFigures.scatter(points: points, labels: d.labels, title: "moons & <noise>",
                                           labelNames: [0: "upper moon"], box: ToyDataKind.moons.boundingBox).render()
        #expect(svg == again)
    }

    @Test("decision regions: one filled cell per grid cell, coloured by the predicted cluster's tint")
    func decisionRegionFigure() throws {
        var rng = TestSeed.generator("decisionRegionFigure", default: 82)
        let d = try ToyDataset.make(.circles, count: 40, using: &rng)
        let grid = try PlotGrid(box: ToyDataKind.circles.boundingBox, columns: 12, rows: 8)
        let centers = grid.cellCenters
        let classes = (0..<grid.count).map { centers[$0, 0] < 0 ? 0 : 1 }
        let svg = try ToyFigures.decisionRegions(grid: grid, classes: classes, points: d.points, labels: d.labels,
                                                 title: "regions").render()
        let probe = try #require(SVGProbe.parse(svg))
        let tint0 = SVGColor.categorical(0).mixed(with: .white, 0.6).description
        let tint1 = SVGColor.categorical(1).mixed(with: .white, 0.6).description
        // 96 cells (48 per side) plus one legend square each.
        #expect(probe.fills.filter { $0 == tint0 }.count == 48 + 1)
        #expect(probe.fills.filter { $0 == tint1 }.count == 48 + 1)
        #expect(throws: TriadError.self) {
            try ToyFigures.decisionRegions(grid: grid, classes: [0], points: d.points, labels: d.labels, title: "")
        }
    }

    @Test("energy landscape: the lowest-energy cell is brightest, the highest darkest; NaN energies throw")
    func energyFigure() throws {
        let grid = try PlotGrid(box: try BoundingBox(lower: [0, 0], upper: [1, 1]), columns: 3, rows: 1)
        let svg = try ToyFigures.energyLandscape(grid: grid, energies: [2, -1, 0.5], samples: Matrix([[0.5, 0.5]]),
                                                 title: "E").render()
        let probe = try #require(SVGProbe.parse(svg))
        let cells = Array(probe.fills.prefix(3))
        #expect(cells == [SVGColor.sequential(0).description, SVGColor.sequential(1).description,
                          SVGColor.sequential(0.5).description])
        #expect(probe.texts.contains("E = -1.000") && probe.texts.contains("E = 2.000"))
        #expect(throws: TriadError.self) {
            try ToyFigures.energyLandscape(grid: grid, energies: [0, .nan, 1], samples: Matrix([[0.5, 0.5]]), title: "")
        }
    }

    @Test("grid cell centres are row-major from the bottom-left and stay inside the box")
    func gridCenters() throws {
        let grid = try PlotGrid(box: try BoundingBox(lower: [-1, 0], upper: [1, 3]), columns: 2, rows: 3)
        #expect(grid.cellCenters.nested == [[-0.5, 0.5], [0.5, 0.5], [-0.5, 1.5], [0.5, 1.5], [-0.5, 2.5], [0.5, 2.5]])
        #expect(throws: TriadError.self) { try PlotGrid(box: grid.box, columns: 0, rows: 3) }
    }
}
