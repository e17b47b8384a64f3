import TriadCore

/// Figure builders for the toy experiments (`Proofs/model.md` §7). They take plain arrays — points and
/// labels, a grid and the values a model produced on it — so they do not depend on the network code;
/// the caller evaluates its model on ``PlotGrid/cellCenters`` and passes the results.
///
/// Points outside the plotted box are not drawn (SGLD samples can leave the data box); their number
/// is written under the plot so nothing is hidden silently.
enum ToyFigures {
    /// Radius of a data point in pixels.
    static let pointRadius = 2.2

    /// A scatter plot of `points` (`n × 2`) coloured by `labels` (categorical palette), with a legend
    /// naming each label (`labelNames[label]`, default `"class <label>"`). `box` defaults to the box
    /// covering the points with a 5% margin. Throws ``TriadError`` on a shape mismatch or non-finite
    /// coordinates.
    static func scatter(points: Matrix<Double>, labels: [Int], title: String,
                               labelNames: [Int: String] = [:], box: BoundingBox? = nil) throws -> SVGDocument {
        try validate(points: points, labels: labels)
        let frame = try PlotFrame(box: box ?? defaultBox(points))
        var doc = frame.makeDocument()
        let hidden = drawPoints(points, labels: labels, frame: frame, into: &doc, darken: 0)
        frame.drawAxes(into: &doc, title: title)
        let distinct = Array(Set(labels)).sorted()
        frame.drawLegend(into: &doc, entries: distinct.map {
            (SVGColor.categorical($0), labelNames[$0] ?? "class \($0)", PlotFrame.Swatch.circle)
        })
        note(hidden: hidden, frame: frame, into: &doc)
        return doc
    }

    /// Decision regions: every grid cell filled with the light tint of its predicted cluster
    /// (`classes`, indexed as ``PlotGrid/cellCenters``), the data points on top coloured by their true
    /// label in the darker shade of the same palette. Throws ``TriadError`` when `classes.count` differs
    /// from the grid's cell count, or on invalid points.
    static func decisionRegions(grid: PlotGrid, classes: [Int], points: Matrix<Double>, labels: [Int],
                                       title: String) throws -> SVGDocument {
        try require(classes.count == grid.count, "grid class count", classes.count,
                    "must equal the grid's cell count \(grid.count)")
        try validate(points: points, labels: labels)
        let frame = try PlotFrame(box: grid.box)
        var doc = frame.makeDocument()
        drawCells(grid: grid, frame: frame, into: &doc) { SVGColor.categorical(classes[$0]).mixed(with: .white, 0.6) }
        let hidden = drawPoints(points, labels: labels, frame: frame, into: &doc, darken: 0.25)
        frame.drawAxes(into: &doc, title: title)
        let clusters = Array(Set(classes)).sorted(), truths = Array(Set(labels)).sorted()
        let next = frame.drawLegend(into: &doc, entries: clusters.map {
            (SVGColor.categorical($0).mixed(with: .white, 0.6), "cluster \($0)", PlotFrame.Swatch.square)
        })
        frame.drawLegend(into: &doc, entries: truths.map {
            (SVGColor.categorical($0).mixed(with: .black, 0.25), "true class \($0)", PlotFrame.Swatch.circle)
        }, startingAtRow: next)
        note(hidden: hidden, frame: frame, into: &doc)
        return doc
    }

    /// An energy landscape: the grid coloured by `E(x)` (`energies`, indexed as
    /// ``PlotGrid/cellCenters``) on the sequential colour map, *reversed* so that low energy — high
    /// model density `exp(-E)` — is bright; the optional `data` points in grey and the `samples` (e.g.
    /// the SGLD replay buffer) in red on top. A colour bar gives the energy range. Throws
    /// ``TriadError`` on a count mismatch or a non-finite energy or coordinate.
    static func energyLandscape(grid: PlotGrid, energies: [Double], samples: Matrix<Double>,
                                       data: Matrix<Double>? = nil, title: String) throws -> SVGDocument {
        try require(energies.count == grid.count, "grid energy count", energies.count,
                    "must equal the grid's cell count \(grid.count)")
        for (i, e) in energies.enumerated() { try require(e.isFinite, "energy[\(i)]", e, "must be finite") }
        try validate(points: samples, labels: Array(repeating: 0, count: samples.rows))
        if let data { try validate(points: data, labels: Array(repeating: 0, count: data.rows)) }
        let frame = try PlotFrame(box: grid.box)
        var doc = frame.makeDocument()
        let lo = energies.min() ?? 0, hi = energies.max() ?? 0
        drawCells(grid: grid, frame: frame, into: &doc) { i in
            SVGColor.sequential(hi > lo ? (hi - energies[i]) / (hi - lo) : 0.5)
        }
        var hidden = 0
        if let data { hidden += drawPoints(data, color: SVGColor(hex: 0xBBBBBB), frame: frame, into: &doc) }
        hidden += drawPoints(samples, color: SVGColor(hex: 0xE15759), frame: frame, into: &doc)
        frame.drawAxes(into: &doc, title: title)
        var entries: [(color: SVGColor, label: String, swatch: PlotFrame.Swatch)] = []
        if data != nil { entries.append((SVGColor(hex: 0xBBBBBB), "data", .circle)) }
        entries.append((SVGColor(hex: 0xE15759), "samples", .circle))
        let next = frame.drawLegend(into: &doc, entries: entries)
        frame.drawColorBar(into: &doc, topLabel: "E = " + SVGFormat.fixed(lo, digits: 3),
                           bottomLabel: "E = " + SVGFormat.fixed(hi, digits: 3), title: "energy",
                           startingAtRow: next + 1)
        note(hidden: hidden, frame: frame, into: &doc)
        return doc
    }

    // MARK: - Drawing helpers

    static func validate(points: Matrix<Double>, labels: [Int]) throws {
        try require(points.columns == 2, "point dimension", points.columns, "must be 2")
        try require(labels.count == points.rows, "label count", labels.count, "must equal the point count \(points.rows)")
        for r in 0..<points.rows {
            for d in 0..<2 {
                try require(points[r, d].isFinite, "point[\(r), \(d)]", points[r, d], "must be finite")
            }
        }
    }

    static func defaultBox(_ points: Matrix<Double>) throws -> BoundingBox {
        guard points.rows > 0 else { return try BoundingBox(lower: [-1, -1], upper: [1, 1]) }
        let tight = try BoundingBox.covering(points)
        let pad = tight.extent.map { Swift.max($0 * 0.05, 1e-3) }
        return try BoundingBox(lower: [tight.lower[0] - pad[0], tight.lower[1] - pad[1]],
                               upper: [tight.upper[0] + pad[0], tight.upper[1] + pad[1]])
    }

    static func drawCells(grid: PlotGrid, frame: PlotFrame, into doc: inout SVGDocument, color: (Int) -> SVGColor) {
        let (dx, dy) = grid.cellSize
        doc.beginGroup(id: "cells", crispEdges: true)
        for r in 0..<grid.rows {
            for c in 0..<grid.columns {
                let x0 = frame.pixelX(grid.box.lower[0] + Double(c) * dx)
                let x1 = frame.pixelX(grid.box.lower[0] + Double(c + 1) * dx)
                let yTop = frame.pixelY(grid.box.lower[1] + Double(r + 1) * dy)
                let yBottom = frame.pixelY(grid.box.lower[1] + Double(r) * dy)
                doc.rect(x: x0, y: yTop, width: x1 - x0, height: yBottom - yTop, fill: color(r * grid.columns + c))
            }
        }
        doc.endGroup()
    }

    /// Draws the points inside the frame's box; returns how many were outside.
    static func drawPoints(_ points: Matrix<Double>, labels: [Int], frame: PlotFrame, into doc: inout SVGDocument,
                           darken: Double) -> Int {
        drawPoints(points, frame: frame, into: &doc) { SVGColor.categorical(labels[$0]).mixed(with: .black, darken) }
    }

    static func drawPoints(_ points: Matrix<Double>, color: SVGColor, frame: PlotFrame, into doc: inout SVGDocument) -> Int {
        drawPoints(points, frame: frame, into: &doc) { _ in color }
    }

    static func drawPoints(_ points: Matrix<Double>, frame: PlotFrame, into doc: inout SVGDocument,
                           color: (Int) -> SVGColor) -> Int {
        var hidden = 0
        doc.beginGroup(id: "points")
        for i in 0..<points.rows {
            let p = [points[i, 0], points[i, 1]]
            guard frame.box.contains(p) else { hidden += 1; continue }
            doc.circle(cx: frame.pixelX(p[0]), cy: frame.pixelY(p[1]), r: pointRadius, fill: color(i),
                       stroke: .white, strokeWidth: 0.3)
        }
        doc.endGroup()
        return hidden
    }

    static func note(hidden: Int, frame: PlotFrame, into doc: inout SVGDocument) {
        guard hidden > 0 else { return }
        doc.text("\(hidden) point\(hidden == 1 ? "" : "s") outside the plotted box, not shown",
                 x: frame.plotX + frame.plotWidth, y: frame.canvasHeight - 5, size: 10, anchor: .end)
    }
}
