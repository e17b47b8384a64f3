import Foundation

/// How a run's cases fell into regimes, against the coverage requirements: the statistics table of
/// a ``PropertyResult``.
public struct CoverageTable: Sendable, Hashable {
    /// One regime: its count and, if required, the requirement and whether it is met.
    public struct Row: Sendable, Hashable {
        public let regime: String
        public let count: Int
        public let requirement: CoverageRequirement?
        /// `nil` when no requirement applies or requirements were not assessed.
        public let met: Bool?
    }

    /// Cases counted.
    public let total: Int
    /// Cases the run planned (requirements are fractions of this); equals ``total`` unless the run
    /// drew extra cases for coverage or stopped early.
    public let planned: Int
    /// Rows by decreasing count, then by name; required regimes appear even with 0 cases.
    public let rows: [Row]
    /// Whether requirements were assessed (not on replays or runs stopped by a counterexample).
    public let assessed: Bool

    public init(counts: [String: Int], requirements: [CoverageRequirement], assessed: Bool, planned: Int? = nil) {
        total = counts.values.reduce(0, +)
        let planned = planned ?? total
        self.planned = planned
        self.assessed = assessed
        var names = Set(counts.keys)
        for r in requirements { names.insert(r.regime) }
        let byRegime = Dictionary(requirements.map { ($0.regime, $0) }, uniquingKeysWith: { a, _ in a })
        rows = names.map { name in
            let count = counts[name, default: 0]
            let requirement = byRegime[name]
            let met = assessed ? requirement.map { $0.isMet(count: count, of: planned) } : nil
            return Row(regime: name, count: count, requirement: requirement, met: met)
        }.sorted { ($0.count, $1.regime) > ($1.count, $0.regime) }
    }

    /// The rows whose requirement is not met.
    public var shortfalls: [Row] { rows.filter { $0.met == false } }

    /// One sentence per shortfall: `regime 'x' under-sampled: 2 of 100 cases (2%), required >= 5%`,
    /// followed by `of the 40 planned` when the run drew extra cases.
    public var shortfallMessages: [String] {
        shortfalls.map {
            "regime '\($0.regime)' under-sampled: \($0.count) of \(total) cases (\(share($0.count))), "
                + "required \($0.requirement!)" + (planned == total ? "" : " of the \(planned) planned")
        }
    }

    /// Whether a run of `planned` cases with these `counts` still leaves a requirement short.
    static func isShort(_ counts: [String: Int], _ requirements: [CoverageRequirement], planned: Int) -> Bool {
        requirements.contains { !$0.isMet(count: counts[$0.regime, default: 0], of: planned) }
    }

    private func share(_ count: Int) -> String {
        total == 0 ? "-" : formatPercent(Double(count) / Double(total))
    }

    private func status(_ row: Row) -> String {
        guard let requirement = row.requirement else { return "" }
        switch row.met {
        case true?: return "\(requirement) ok"
        case false?: return "\(requirement) UNDER-SAMPLED"
        case nil: return "\(requirement) (not assessed)"
        }
    }

    /// A Markdown table: `| regime | cases | share | required |`.
    public var markdown: String {
        var lines = ["| regime | cases | share | required |", "|---|---:|---:|---|"]
        for row in rows {
            let regime = row.regime.replacingOccurrences(of: "|", with: "\\|")
            lines.append("| \(regime) | \(row.count) | \(share(row.count)) | \(status(row)) |")
        }
        return lines.joined(separator: "\n")
    }

    /// The same table in aligned plain text.
    public var text: String {
        let table = [["regime", "cases", "share", "required"]]
            + rows.map { [$0.regime, "\($0.count)", share($0.count), status($0)] }
        let widths = (0..<4).map { c in table.map { $0[c].count }.max() ?? 0 }
        return table.map { cells in
            cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 1 || c == 2 ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

/// `0.2` as `20%`, `0.123` as `12.3%`.
func formatPercent(_ f: Double) -> String {
    let p = (f * 1000).rounded() / 10
    return p == p.rounded() ? "\(Int(p))%" : String(format: "%.1f%%", p)
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
