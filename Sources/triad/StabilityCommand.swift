import Foundation
import TriadCore
import TriadTrain

/// `triad stability`: warm-start each GEDI-family method on the true labels, train on, and write
/// `Reports/stability.md` (atomically, after all runs succeeded).
enum StabilityCommand: Command {
    static let name = "stability"
    static let summary = "start GEDI and its ablations on the true manifolds and see whether training stays; write Reports/stability.md"
    static let out = Option<String>.out(default: "Reports")
    static let workers = Option<Int>.workers(default: 2)
    static let iterations = Option("iterations", "K", "optimiser steps after the warm start",
                                   .integer(0...TrainCommand.maxIterations, limit: "as for triad train"),
                                   defaultText: "each method's preset (\(ExperimentPresets.configuration(.gedi, seed: 0).iterations))")
    static let options: [any OptionDeclaration] = [out, workers, iterations]

    static func run(_ arguments: Arguments) throws -> Int32 {
        var plan = WarmStartStability.standard
        plan.iterations = arguments.given(Self.iterations)
        let out = arguments.value(Self.out)
        try OutputPath.check(files: [out + "/stability.md"], option: Self.out.name)
        try write(plan, to: out, workers: arguments.value(Self.workers))
        return 0
    }

    /// Runs `plan` with a progress line per run, then writes `stability.md` into `out`.
    static func write(_ plan: WarmStartStability, to out: String, workers: Int) throws {
        let total = plan.experiments.count
        print("triad stability: \(total) runs on \(workers) worker thread(s)")
        let progress = RunProgress(total: total)
        let results = try plan.run(workers: workers, finished: progress.finished)
        try AtomicFile.write(try plan.render(results), to: out + "/stability.md")
        print("wrote \(out)/stability.md " + String(format: "(%.0f s in all)", progress.elapsed))
    }
}
