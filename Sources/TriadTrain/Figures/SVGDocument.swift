import TriadCore

/// A minimal SVG 1.1 writer: elements are appended in drawing order (later on top) and rendered to
/// deterministic text — numbers at ``SVGDocument/digits`` decimals (``SVGFormat/fixed(_:digits:)``),
/// attributes in a fixed order, text escaped (``SVGFormat/escaped(_:)``), one element per line.
///
/// Coordinates are SVG pixels: origin top-left, `y` downwards. Element methods trap (programming
/// error) on non-finite numbers; the figure builders validate data before drawing.
struct SVGDocument: Sendable, Equatable {
    /// Canvas width in pixels.
    let width: Double
    /// Canvas height in pixels.
    let height: Double
    /// Decimals of every number written (2: a hundredth of a pixel).
    static let digits = 2
    /// The rendered elements, in drawing order.
    private(set) var elements: [String] = []
    private var openGroups = 0

    /// A blank canvas. Throws ``TriadError`` unless both sizes are finite and in `(0, 1e6]`.
    init(width: Double, height: Double) throws {
        try require(width.isFinite && width > 0 && width <= 1e6, "SVG width", width, "must be in (0, 1e6]")
        try require(height.isFinite && height > 0 && height <= 1e6, "SVG height", height, "must be in (0, 1e6]")
        self.width = width
        self.height = height
    }

    @inlinable static func n(_ x: Double) -> String { SVGFormat.fixed(x, digits: digits) }

    private static func style(fill: SVGColor?, stroke: SVGColor?, strokeWidth: Double, opacity: Double) -> String {
        var s = " fill=\"\(fill.map(\.description) ?? "none")\""
        if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"\(n(strokeWidth))\"" }
        if opacity < 1 { s += " fill-opacity=\"\(n(Swift.max(opacity, 0)))\"" }
        return s
    }

    private func indent() -> String { String(repeating: "  ", count: openGroups + 1) }

    /// A rectangle with top-left corner `(x, y)`; negative sizes are drawn as 0.
    mutating func rect(x: Double, y: Double, width w: Double, height h: Double,
                              fill: SVGColor?, stroke: SVGColor? = nil, strokeWidth: Double = 1,
                              opacity: Double = 1) {
        elements.append(indent() + "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(Swift.max(w, 0)))\" "
            + "height=\"\(Self.n(Swift.max(h, 0)))\""
            + Self.style(fill: fill, stroke: stroke, strokeWidth: strokeWidth, opacity: opacity) + "/>")
    }

    /// A circle of centre `(cx, cy)` and radius `r`.
    mutating func circle(cx: Double, cy: Double, r: Double, fill: SVGColor?, stroke: SVGColor? = nil,
                                strokeWidth: Double = 1, opacity: Double = 1) {
        elements.append(indent() + "<circle cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(Swift.max(r, 0)))\""
            + Self.style(fill: fill, stroke: stroke, strokeWidth: strokeWidth, opacity: opacity) + "/>")
    }

    /// A straight line.
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: SVGColor = .black,
                              strokeWidth: Double = 1) {
        elements.append(indent() + "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" "
            + "y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(strokeWidth))\"/>")
    }

    /// Horizontal alignment of text relative to its anchor point.
    enum TextAnchor: String, Sendable { case start, middle, end }

    /// Text with its baseline at `y`, anchored at `x`; the content is escaped.
    mutating func text(_ content: String, x: Double, y: Double, size: Double = 12,
                              anchor: TextAnchor = .start, bold: Bool = false, fill: SVGColor = .black) {
        elements.append(indent() + "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-family=\"sans-serif\" "
            + "font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor.rawValue)\""
            + (bold ? " font-weight=\"bold\"" : "") + " fill=\"\(fill)\">"
            + SVGFormat.escaped(content) + "</text>")
    }

    /// Opens a group `<g>`; `crispEdges` asks renderers not to anti-alias shapes (no seams between
    /// the cells of a grid). Close it with ``endGroup()``.
    mutating func beginGroup(id: String? = nil, crispEdges: Bool = false) {
        var s = indent() + "<g"
        if let id { s += " id=\"\(SVGFormat.escaped(id))\"" }
        if crispEdges { s += " shape-rendering=\"crispEdges\"" }
        elements.append(s + ">")
        openGroups += 1
    }

    /// Closes the innermost open group (no effect when none is open).
    mutating func endGroup() {
        guard openGroups > 0 else { return }
        openGroups -= 1
        elements.append(indent() + "</g>")
    }

    /// The document as SVG text; groups left open are closed.
    func render() -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(Self.n(width))\" "
                        + "height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\">"]
        lines.append(contentsOf: elements)
        for depth in stride(from: openGroups, to: 0, by: -1) {
            lines.append(String(repeating: "  ", count: depth) + "</g>")
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }
}
