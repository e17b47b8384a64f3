import Foundation
import TriadCheck
import TriadCore

/// `triad report`: regenerates every Markdown report in `Reports/` (atomically).
enum ReportCommand: Command {
    static let name = "report"
    static let summary = "regenerate every report in Reports/ (--out DIR to write elsewhere)"
    static let valuedOptions: Set<String> = ["out"]

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let out = arguments.string("out") ?? "Reports"
        try arguments.rejectUnknown()
        for report in ReportCatalog.all {
            let started = Date()
            let text = try report.render()
            let path = out + "/" + report.fileName
            try AtomicFile.write(text, to: path)
            print("wrote \(path) (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
        }
        return 0
    }
}
