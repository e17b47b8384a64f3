import Foundation

/// A landscape map as a small SVG figure (`Reports/landscape/*.svg`): one coloured cell per setting,
/// the colour the kind of the winning optimum, the text its kind and its lead over the best optimum of
/// another kind. Self-contained (the trainer's SVG writer lives in TriadTrain, which the checker does
/// not import); deterministic text, so a regenerated figure is byte-identical.
public enum LandscapeMapSVG {
    /// The fill of each kind.
    public static func colour(_ kind: OptimumKind) -> String {
        switch kind {
        case .manifolds: "#4caf50"
        case .cut: "#fb8c00"
        case .mergedUniform: "#e53935"
        case .collapse: "#8e24aa"
        case .other: "#9e9e9e"
        }
    }

    /// One cell: the winner's kind and its lead (`nil` when no other kind was reached).
    public struct Cell: Sendable {
        public let kind: OptimumKind
        public let lead: Double?
        public init(kind: OptimumKind, lead: Double?) {
            self.kind = kind
            self.lead = lead
        }
    }

    /// `&`, `<`, `>` and `"` escaped for SVG text and attributes.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The figure: `cells[r][c]` at row `rowLabels[r]` (top to bottom) and column `columnLabels[c]`.
    /// Precondition (a programming error otherwise): `cells` is `rowLabels.count × columnLabels.count`.
    public static func render(title: String, rowAxis: String, rowLabels: [String], columnAxis: String,
                              columnLabels: [String], cells: [[Cell]]) -> String {
        precondition(cells.count == rowLabels.count && cells.allSatisfy { $0.count == columnLabels.count },
                     "invalid landscape map cells = \(cells.map(\.count)): must be \(rowLabels.count) rows of \(columnLabels.count)")
        let (cw, ch, left, top) = (150, 44, 90, 56)
        let width = left + cw * columnLabels.count + 20, legendY = top + ch * rowLabels.count + 34
        let height = legendY + 30
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
        font-family="sans-serif" font-size="12">
        <rect width="\(width)" height="\(height)" fill="white"/>
        <text x="\(left)" y="18" font-size="14" font-weight="bold">\(escaped(title))</text>
        <text x="\(left + cw * columnLabels.count / 2)" y="38" text-anchor="middle">\(escaped(columnAxis))</text>
        <text x="16" y="\(top + ch * rowLabels.count / 2)" text-anchor="middle" \
        transform="rotate(-90 16 \(top + ch * rowLabels.count / 2))">\(escaped(rowAxis))</text>

        """
        for (c, label) in columnLabels.enumerated() {
            svg += "<text x=\"\(left + c * cw + cw / 2)\" y=\"\(top - 4)\" text-anchor=\"middle\">\(escaped(label))</text>\n"
        }
        for (r, label) in rowLabels.enumerated() {
            let y = top + r * ch
            svg += "<text x=\"\(left - 8)\" y=\"\(y + ch / 2 + 4)\" text-anchor=\"end\">\(escaped(label))</text>\n"
            for (c, cell) in cells[r].enumerated() {
                let x = left + c * cw
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cw - 2)\" height=\"\(ch - 2)\" fill=\"\(colour(cell.kind))\"/>\n"
                svg += "<text x=\"\(x + cw / 2)\" y=\"\(y + 18)\" text-anchor=\"middle\" fill=\"white\" font-weight=\"bold\">\(escaped(cell.kind.rawValue))</text>\n"
                if let lead = cell.lead {
                    svg += "<text x=\"\(x + cw / 2)\" y=\"\(y + 34)\" text-anchor=\"middle\" fill=\"white\">+\(String(format: "%.4f", lead))</text>\n"
                }
            }
        }
        for (k, kind) in OptimumKind.allCases.enumerated() {
            let x = left + k * 120
            svg += "<rect x=\"\(x)\" y=\"\(legendY - 10)\" width=\"12\" height=\"12\" fill=\"\(colour(kind))\"/>"
            svg += "<text x=\"\(x + 16)\" y=\"\(legendY)\">\(escaped(kind.rawValue))</text>\n"
        }
        return svg + "</svg>\n"
    }
}
