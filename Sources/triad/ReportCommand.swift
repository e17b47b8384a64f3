import Foundation
import TriadCheck
import TriadCore
import TriadTrain

/// `triad report`: regenerates every Markdown report in `Reports/` (atomically).
enum ReportCommand: Command {
    static let name = "report"
    static let summary = "regenerate every report in Reports/: the theory reports, the landscape map, the empirical ones (reproduction, stability), then the field matrix"
    static let out = Option<String>.out(default: "Reports")
    static let workers = Option<Int>.workers(default: 2, "worker threads for the empirical runs")
    static let skipEmpirical = Flag("skip-empirical", "write the theory reports only (no training: empirical.md and stability.md are left as they are)")
    static let options: [any OptionDeclaration] = [out, workers, skipEmpirical]

    /// Every destination, checked before the first report is computed: throws ``CommandError/usage(_:)``
    /// unless each report file (and the empirical report's figure folder) can be written in `out`.
    static func checkOutputs(_ out: String, skipEmpirical: Bool) throws {
        try OutputPath.check(files: (ReportCatalog.all + [LandscapeReport.report]).map { out + "/" + $0.fileName } + [out + "/" + FieldReport.fileName]
                                 + LandscapeReport.figurePaths().map { out + "/" + $0 }, option: Self.out.name)
        if !skipEmpirical {
            try ReproduceCommand.checkOutputs(out)
            try OutputPath.check(files: [out + "/stability.md"], option: Self.out.name)
        }
    }

    static func run(_ arguments: Arguments) throws -> Int32 {
        let out = arguments.value(Self.out), workers = arguments.value(Self.workers)
        let skipEmpirical = arguments.isSet(Self.skipEmpirical)
        try checkOutputs(out, skipEmpirical: skipEmpirical)
        for report in ReportCatalog.all {
            let started = Date()
            let text = try report.render()
            let path = out + "/" + report.fileName
            try AtomicFile.write(text, to: path)
            print("wrote \(path) (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
        }
        // The landscape map (about a minute on 2 workers; not in ReportCatalog, whose reports the tests
        // regenerate in debug builds: its tests recompute one row instead, `LandscapeClaimTests`).
        let started = Date()
        var landscape = LandscapeReport.standard
        landscape.workers = workers
        try landscape.write(to: out + "/" + LandscapeReport.report.fileName)
        print("wrote \(out)/\(LandscapeReport.report.fileName) (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
        // The sweep (Reports/sweep.md) is a record of how the settings were chosen, not regenerated
        // here: `triad sweep` reruns it (~30 min).
        if !skipEmpirical {
            try ReproduceCommand.write(.standard, to: out, workers: workers)
            try StabilityCommand.write(.standard, to: out, workers: workers)
        }
        // The field matrix last: its "theory beside practice" reads the empirical report just written.
        let fieldStarted = Date()
        try AtomicFile.write(try FieldReport.render(reports: out), to: out + "/" + FieldReport.fileName)
        print("wrote \(out)/\(FieldReport.fileName) (\(String(format: "%.1f", Date().timeIntervalSince(fieldStarted))) s)")
        return 0
    }
}
