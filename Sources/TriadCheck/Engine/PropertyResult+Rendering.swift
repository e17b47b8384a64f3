import Foundation

extension PropertyResult {
    /// Seconds with millisecond precision, `0.012 s`.
    public var elapsedText: String {
        let c = elapsed.components
        return String(format: "%.3f s", Double(c.seconds) + Double(c.attoseconds) * 1e-18)
    }

    /// `40 of 40 cases`, or `57 cases (40 planned, 17 more for coverage)` when the run drew extra cases.
    public var casesText: String {
        casesRun > casesPlanned
            ? "\(casesRun) cases (\(casesPlanned) planned, \(casesRun - casesPlanned) more for coverage)"
            : "\(casesRun) of \(casesPlanned) cases"
    }

    private var headline: String {
        let what = replayed
            ? "replay of case seed \(seedHex(settings.replay?.seed ?? 0))"
            : "\(casesText), seed \(seedHex(seed))\(settings.deep ? ", deep" : "")"
        switch status {
        case .passed: return "PASS \(propertyID): \(what)"
        case .failed: return "FAIL \(propertyID): counterexample after \(what)"
        case .underCovered: return "FAIL \(propertyID): under-covered after \(what)"
        }
    }

    private func counterexampleLines(_ c: Counterexample) -> [(String, String)] {
        var shrink = "\(c.shrinkSteps) step\(c.shrinkSteps == 1 ? "" : "s") (\(c.shrinkEvaluations) evaluations)"
        shrink += c.shrinkBudgetExhausted ? ", budget exhausted: may not be minimal" : ""
        return [
            ("sizes", c.size.description + (c.size == c.originalSize ? "" : " (shrunk from \(c.originalSize))")),
            ("case", (c.caseIndex.map { "#\($0), " } ?? "") + "seed \(seedHex(c.seed))"),
            ("shrinking", shrink),
            ("regime", c.regime),
            ("evidence", c.message),
            ("value", c.value),
            ("replay", replayLine ?? ""),
        ]
    }

    /// Plain text for test output and `print`.
    public var text: String {
        var lines = [headline + " (\(elapsedText))"]
        if let c = counterexample {
            lines += counterexampleLines(c).map { "  \($0): \($1)" }
        }
        lines += coverage.shortfallMessages.map { "  \($0)" }
        if !replayed { lines.append("  rerun: \(rerunLine)") }
        lines.append("  coverage:")
        lines += coverage.text.split(separator: "\n").map { "    \($0)" }
        return lines.joined(separator: "\n")
    }

    public var description: String { text }

    /// Markdown for reports: a heading, a field table, the counterexample, the coverage table.
    /// `timing: false` leaves out the elapsed time so that a committed report regenerates
    /// byte-for-byte.
    public func markdown(timing: Bool = true) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var lines = ["### Property `\(propertyID)`: \(status.rawValue)", "", "| field | value |", "|---|---|"]
        if replayed {
            lines.append("| cases | replay of 1 case |")
        } else {
            lines.append("| cases | \(casesText)\(settings.deep ? " (deep)" : "") |")
            lines.append("| seed | `\(seedHex(seed))` |")
        }
        if timing { lines.append("| elapsed | \(elapsedText) |") }
        if let c = counterexample {
            for (k, v) in counterexampleLines(c) {
                lines.append(k == "replay" || k == "value" ? "| \(k) | `\(cell(v).replacingOccurrences(of: "`", with: "'"))` |" : "| \(k) | \(cell(v)) |")
            }
        }
        for m in coverage.shortfallMessages { lines.append("| coverage | \(cell(m)) |") }
        lines += ["", coverage.markdown]
        return lines.joined(separator: "\n")
    }
}
