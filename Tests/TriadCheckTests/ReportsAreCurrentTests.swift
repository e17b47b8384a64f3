import Foundation
import Testing
import TriadCheck
import TriadCore

/// The committed `Reports/*.md` equal what the code now produces (numbers within
/// `ReportComparison`'s stated tolerance; text, structure and verdicts exactly). Every report is also
/// written to `.build/triad-reports/` and attached to the test run, so a reader sees the tables from
/// a test run alone. The tests never rewrite the committed reports: `triad report` does.
@Suite("Committed reports match what the code produces")
struct ReportsAreCurrentTests {
    /// The package root, from this file's path (Tests/TriadCheckTests/<file>).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("Every report in the catalogue is regenerated, written to the build folder, and matches Reports/",
          arguments: ReportCatalog.all.map(\.fileName))
    func reportIsCurrent(_ fileName: String) throws {
        let report = try #require(ReportCatalog.all.first { $0.fileName == fileName })
        let generated = try report.render()
        let outPath = Self.root.appendingPathComponent(".build/triad-reports/\(fileName)").path
        try AtomicFile.write(generated, to: outPath)
        print("[reports] generated \(fileName) -> \(outPath)")
        Attachment.record(generated, named: fileName)
        let committedPath = Self.root.appendingPathComponent("Reports/\(fileName)").path
        guard let committed = try? String(contentsOfFile: committedPath, encoding: .utf8) else {
            Issue.record("Reports/\(fileName) is missing; regenerate with: swift run -c release triad report")
            return
        }
        let diff = ReportComparison.differences(committed: committed, generated: generated)
        #expect(diff.isEmpty, """
            Reports/\(fileName) differs from what the code produces (\(diff.count) lines; numbers compared within \
            \(ReportComparison.absoluteTolerance) + \(ReportComparison.relativeTolerance)·|x|). \
            Regenerate with: swift run -c release triad report
            \(diff.prefix(20).joined(separator: "\n"))
            """)
    }

    @Test("The comparison can fail: a changed verdict word, a changed number and a missing line are reported")
    func comparisonDetectsChanges() {
        let base = "| `L_GEN` | FM1 | penalises | 1.234e-01 |\nend"
        #expect(ReportComparison.differences(committed: base, generated: base).isEmpty)
        #expect(ReportComparison.differences(committed: base, generated: base.replacingOccurrences(of: "1.234e-01", with: "1.2341e-01")).isEmpty)
        #expect(ReportComparison.differences(committed: base, generated: base.replacingOccurrences(of: "penalises", with: "admits")).count == 1)
        #expect(ReportComparison.differences(committed: base, generated: base.replacingOccurrences(of: "1.234e-01", with: "1.300e-01")).count == 1)
        #expect(ReportComparison.differences(committed: base, generated: "| `L_GEN` | FM1 | penalises | 1.234e-01 |").count == 1)
        #expect(ReportComparison.differences(committed: "L_GEN 2 cases", generated: "L_GEN 3 cases").count == 1)
    }

    @Test("A rounding measurement (≈x, an error over its tolerance) agrees while both sides are within tolerance, and only then")
    func roundingMeasurements() {
        func line(_ x: Double) -> String { "| EQ11 | holds | worst |difference| in tolerances \(ReportComparison.roundingMeasure(x)) |" }
        #expect(line(0) == "| EQ11 | holds | worst |difference| in tolerances ≈0 |")
        #expect(ReportComparison.differences(committed: line(0), generated: line(1.365e-4)).isEmpty)
        #expect(ReportComparison.differences(committed: line(2.1e-2), generated: line(0.9)).isEmpty)
        #expect(ReportComparison.differences(committed: line(2.1e-2), generated: line(1.5)).count == 1)
        #expect(ReportComparison.differences(committed: line(3), generated: line(3.5)).count == 1)
        // Without the mark, the same change is a difference.
        #expect(ReportComparison.differences(committed: "worst 0", generated: "worst 1.365e-04").count == 1)
    }
}
