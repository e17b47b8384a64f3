import TriadCore

/// A Markdown report that `triad report` writes into `Reports/` and that the tests regenerate and
/// compare with the committed copy.
public struct Report: Sendable {
    /// The file name inside `Reports/`, e.g. `bounds.md`.
    public let fileName: String
    /// Produces the report's Markdown, deterministically.
    public let render: @Sendable () throws -> String

    public init(fileName: String, render: @escaping @Sendable () throws -> String) {
        self.fileName = fileName
        self.render = render
    }
}

/// Every report of the checker, in the order `triad report` writes them.
public enum ReportCatalog {
    public static var all: [Report] { [BoundsReport.report, Theorem1Report.report, AssumptionsReport.report, MutantsReport.report] }
}
