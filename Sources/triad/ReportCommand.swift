import Foundation
import TriadCheck
import TriadCore
import TriadTrain

/// `triad report`: regenerates every Markdown report in `Reports/` (atomically).
enum ReportCommand: Command {
    static let name = "report"
    static let summary = "regenerate every report in Reports/: the theory reports, then the empirical one "
        + "(~11 min; --skip-empirical for the theory alone, --out DIR, --workers N)"
    static let valuedOptions: Set<String> = ["out", "workers"]

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let out = arguments.string("out") ?? "Reports"
        let workers = try arguments.value("workers", default: 2, "an integer in 1...64") {
            Int($0).flatMap { (1...64).contains($0) ? $0 : nil }
        }
        let skipEmpirical = arguments.flag("skip-empirical")
        try arguments.rejectUnknown()
        for report in ReportCatalog.all {
            let started = Date()
            let text = try report.render()
            let path = out + "/" + report.fileName
            try AtomicFile.write(text, to: path)
            print("wrote \(path) (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
        }
        // The sweep (Reports/sweep.md) is a record of how the settings were chosen, not regenerated
        // here: `triad sweep` reruns it (~30 min).
        if !skipEmpirical { try ReproduceCommand.write(.standard, to: out, workers: workers) }
        return 0
    }
}
