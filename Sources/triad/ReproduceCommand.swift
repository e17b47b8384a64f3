import Foundation
import TriadCore
import TriadTrain

/// `triad reproduce`: every method × both data sets × 5 seeds, then `Reports/empirical.md` and its
/// figures (atomically, after all runs succeeded).
enum ReproduceCommand: Command {
    static let name = "reproduce"
    static let summary = "train every method on moons and circles over 5 seeds; write Reports/empirical.md and figures "
        + "(--out DIR, --workers N, --seeds 0,1,..., --methods a,b, --iterations K)"
    static let valuedOptions: Set<String> = ["out", "workers", "seeds", "methods", "iterations"]

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        var plan = Reproduction.standard
        let out = arguments.string("out") ?? "Reports"
        let workers = try arguments.value("workers", default: 2, "an integer in 1...64") {
            Int($0).flatMap { (1...64).contains($0) ? $0 : nil }
        }
        plan.seeds = try arguments.value("seeds", default: plan.seeds, "a comma-separated list of unsigned integers") {
            let seeds = $0.split(separator: ",").map { UInt64($0) }
            return seeds.isEmpty || seeds.contains(nil) ? nil : seeds.map { $0! }
        }
        let names = MethodKind.allCases.map(\.rawValue).joined(separator: ", ")
        plan.methods = try arguments.value("methods", default: plan.methods, "a comma-separated list of \(names)") {
            let methods = $0.split(separator: ",").map { MethodKind(rawValue: String($0)) }
            return methods.isEmpty || methods.contains(nil) ? nil : methods.map { $0! }
        }
        plan.iterations = try arguments.value("iterations", default: nil, "an integer >= 0") {
            Int($0).flatMap { $0 >= 0 ? $0 : nil }
        }
        try arguments.rejectUnknown()
        try plan.validate()
        // Figures come from the first seed when the standard figure seed is not among those run.
        if let f = plan.figureSeed, !plan.seeds.contains(f) { plan.figureSeed = plan.seeds[0] }

        try write(plan, to: out, workers: workers)
        return 0
    }

    /// Runs `plan` with a progress line per run, then writes `empirical.md` and its figures into `out`.
    static func write(_ plan: Reproduction, to out: String, workers: Int) throws {
        let total = plan.experiments.count
        print("triad reproduce: \(total) runs on \(workers) worker thread(s)")
        let progress = RunProgress(total: total)
        let results = try plan.run(workers: workers, finished: progress.finished)
        let fingerprint = try EmpiricalReport.fingerprintExperiment.run()
        let report = try EmpiricalReport(reproduction: plan, results: results, fingerprint: fingerprint)
        for figure in report.figures { try AtomicFile.write(figure.svg, to: out + "/" + figure.path) }
        try AtomicFile.write(report.render(), to: out + "/empirical.md")
        let seconds = progress.elapsed
        print("wrote \(out)/empirical.md and \(report.figures.count) figures in \(out)/\(EmpiricalReport.figureFolder) "
              + String(format: "(%.0f s in all)", seconds))
    }
}
