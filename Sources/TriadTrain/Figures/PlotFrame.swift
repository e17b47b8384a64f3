import Glibc
import TriadCore

/// The layout of one 2-D plot: a data box mapped onto a pixel rectangle with equal scales on both axes
/// (so circles stay round), a title above, tick labels below and left, and a legend column on the
/// right. It draws the furniture (title, axes box, ticks, legend, colour bar) into an ``SVGDocument``;
/// the figure builders draw the data.
struct PlotFrame: Sendable {
    /// The data area shown.
    let box: BoundingBox
    /// Pixel rectangle of the plot area.
    let plotX: Double, plotY: Double, plotWidth: Double, plotHeight: Double
    /// Whole canvas size.
    let canvasWidth: Double, canvasHeight: Double

    static let marginLeft = 56.0, marginTop = 40.0, marginBottom = 58.0, legendWidth = 150.0

    /// A frame whose plot area is `plotWidth` pixels wide and as tall as the box's aspect ratio asks
    /// (clamped to `[0.25, 2] × plotWidth`). Throws ``TriadError`` unless the box is 2-D and
    /// `plotWidth ∈ [50, 4000]`.
    init(box: BoundingBox, plotWidth: Double = 420) throws {
        try require(box.dimension == 2, "plot box dimension", box.dimension, "must be 2")
        try require(plotWidth >= 50 && plotWidth <= 4000, "plot width", plotWidth, "must be in [50, 4000]")
        self.box = box
        let aspect = box.extent[1] / box.extent[0]
        self.plotX = Self.marginLeft
        self.plotY = Self.marginTop
        self.plotWidth = plotWidth
        self.plotHeight = plotWidth * Swift.min(Swift.max(aspect, 0.25), 2)
        self.canvasWidth = Self.marginLeft + plotWidth + Self.legendWidth
        self.canvasHeight = Self.marginTop + plotHeight + Self.marginBottom
    }

    /// A blank document of the frame's canvas size.
    func makeDocument() -> SVGDocument {
        // Sizes are finite and positive by construction.
        do { return try SVGDocument(width: canvasWidth, height: canvasHeight) } catch {
            preconditionFailure("unreachable: \(error)")
        }
    }

    /// Pixel `x` of data `x`.
    func pixelX(_ x: Double) -> Double { plotX + (x - box.lower[0]) / box.extent[0] * plotWidth }
    /// Pixel `y` of data `y` (flipped: larger `y` is higher on the page).
    func pixelY(_ y: Double) -> Double { plotY + (box.upper[1] - y) / box.extent[1] * plotHeight }

    /// "Nice" tick positions in `[lower, upper]`: a step of 1, 2 or 5 × 10^k giving about `target`
    /// intervals; returns the ticks and the decimals needed to print them.
    static func ticks(lower: Double, upper: Double, target: Int = 5) -> (values: [Double], digits: Int) {
        guard upper > lower, lower.isFinite, upper.isFinite else { return ([], 0) }
        let raw = (upper - lower) / Double(Swift.max(target, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let f = raw / magnitude
        let step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude
        let digits = Swift.min(Swift.max(0, -Int(floor(log10(step) + 1e-9))), 9)
        var values: [Double] = []
        var k = ceil(lower / step - 1e-9)
        while k * step <= upper + step * 1e-9 && values.count < 100 {
            values.append(k * step)
            k += 1
        }
        return (values, digits)
    }

    /// Title, the axes box with ticks and tick labels on both axes, and axis names.
    func drawAxes(into doc: inout SVGDocument, title: String, xLabel: String = "x₁", yLabel: String = "x₂") {
        doc.text(title, x: plotX + plotWidth / 2, y: plotY - 14, size: 15, anchor: .middle, bold: true)
        doc.rect(x: plotX, y: plotY, width: plotWidth, height: plotHeight, fill: nil, stroke: .black, strokeWidth: 1)
        let bottom = plotY + plotHeight
        let xt = Self.ticks(lower: box.lower[0], upper: box.upper[0])
        for v in xt.values {
            let px = pixelX(v)
            doc.line(x1: px, y1: bottom, x2: px, y2: bottom + 5)
            doc.text(SVGFormat.fixed(v, digits: xt.digits), x: px, y: bottom + 17, size: 11, anchor: .middle)
        }
        let yt = Self.ticks(lower: box.lower[1], upper: box.upper[1])
        for v in yt.values {
            let py = pixelY(v)
            doc.line(x1: plotX - 5, y1: py, x2: plotX, y2: py)
            doc.text(SVGFormat.fixed(v, digits: yt.digits), x: plotX - 8, y: py + 4, size: 11, anchor: .end)
        }
        doc.text(xLabel, x: plotX + plotWidth / 2, y: bottom + 34, size: 12, anchor: .middle)
        doc.text(yLabel, x: 14, y: plotY + plotHeight / 2, size: 12, anchor: .middle)
    }

    /// The shape of a legend swatch.
    enum Swatch: Sendable { case square, circle }

    /// A legend in the right-hand column: one line per entry, top to bottom, starting at `row`
    /// (0 = top); returns the next free row.
    @discardableResult
    func drawLegend(into doc: inout SVGDocument, entries: [(color: SVGColor, label: String, swatch: Swatch)],
                           startingAtRow row: Int = 0) -> Int {
        let x = plotX + plotWidth + 16
        for (k, entry) in entries.enumerated() {
            let y = plotY + 8 + Double(row + k) * 20
            switch entry.swatch {
            case .square: doc.rect(x: x, y: y - 6, width: 12, height: 12, fill: entry.color, stroke: .gray, strokeWidth: 0.5)
            case .circle: doc.circle(cx: x + 6, cy: y, r: 4, fill: entry.color, stroke: .white, strokeWidth: 0.5)
            }
            doc.text(entry.label, x: x + 18, y: y + 4, size: 11)
        }
        return row + entries.count
    }

    /// A vertical colour bar for a heat map in the right-hand column, below legend row `row`: the top
    /// is ``SVGColor/sequential(_:)`` at 1 labelled `topLabel`, the bottom at 0 labelled `bottomLabel`.
    func drawColorBar(into doc: inout SVGDocument, topLabel: String, bottomLabel: String,
                             title: String, startingAtRow row: Int = 0) {
        let x = plotX + plotWidth + 16
        let top = plotY + 8 + Double(row) * 20 + 14
        let height = Swift.max(Swift.min(plotHeight - (top - plotY) - 20, 200), 40)
        let steps = 40
        doc.text(title, x: x, y: top - 6, size: 11)
        doc.beginGroup(crispEdges: true)
        for s in 0..<steps {
            let t = 1 - (Double(s) + 0.5) / Double(steps)
            doc.rect(x: x, y: top + Double(s) * height / Double(steps), width: 14,
                     height: height / Double(steps) + 0.01, fill: .sequential(t))
        }
        doc.endGroup()
        doc.rect(x: x, y: top, width: 14, height: height, fill: nil, stroke: .black, strokeWidth: 0.5)
        doc.text(topLabel, x: x + 20, y: top + 8, size: 10)
        doc.text(bottomLabel, x: x + 20, y: top + height, size: 10)
    }
}
