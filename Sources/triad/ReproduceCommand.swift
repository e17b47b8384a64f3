import Foundation
import TriadCore
import TriadTrain

/// `triad reproduce`: every method × both data sets × both data protocols over many seeds, then
/// `Reports/empirical.md` and its figures (atomically, after all runs succeeded).
enum ReproduceCommand: Command {
    static let name = "reproduce"
    static let summary = "train every method on moons and circles under both data protocols over many seeds; write Reports/empirical.md and figures"
    static let out = Option<String>.out(default: "Reports")
    static let workers = Option<Int>.workers(default: 2)
    // Every seed adds a run per method, data set and protocol (~10 s each, JEM ~40 s).
    static let seeds = Option("seeds", "LIST", "training seeds of GEDI and no gen (the others run on the first --other-seeds of them)",
                              .seeds(maxCount: 1_000, limit: "each seed adds up to 28 runs"),
                              default: Reproduction.standard.seeds)
    static let otherSeeds = Option("other-seeds", "N", "how many of the seeds the other methods run on",
                                   .integer(1...1_000), defaultText: "\(Reproduction.standard.otherSeedCount), or all seeds when fewer")
    static let protocols = Option("protocols", "LIST", "data protocols: fresh (a new batch every step), pool (batches of one training set)",
                                  .list(of: .choice, counts: 1...2, distinct: true, what: "protocols"),
                                  default: [DataProtocolName.fresh, .pool])
    static let poolSize = Option("pool-size", "N", "points of the training set of the pool protocol",
                                 .integer(2...TrainCommand.maxTestCount, limit: "as --test-count"),
                                 default: TrainingDataProtocol.defaultPoolSize)
    static let methods = Option("methods", "LIST", "methods to train",
                                .list(of: .choice, counts: 1...MethodKind.allCases.count, distinct: true, what: "methods"),
                                default: Reproduction.standard.methods)
    static let iterations = Option("iterations", "K", "optimiser steps of every run",
                                   .integer(0...TrainCommand.maxIterations, limit: "as for triad train"),
                                   defaultText: "each method's preset (\(ExperimentPresets.configuration(.gedi, seed: 0).iterations))")
    static let options: [any OptionDeclaration] = [out, workers, seeds, otherSeeds, protocols, poolSize, methods, iterations]

    static func run(_ arguments: Arguments) throws -> Int32 {
        var plan = Reproduction.standard
        let out = arguments.value(Self.out), workers = arguments.value(Self.workers)
        plan.seeds = arguments.value(Self.seeds)
        plan.otherSeedCount = arguments.given(Self.otherSeeds) ?? min(Reproduction.standard.otherSeedCount, plan.seeds.count)
        let poolSize = arguments.value(Self.poolSize)
        plan.protocols = arguments.value(Self.protocols).map { $0 == .fresh ? .fresh : .pool(size: poolSize) }
        plan.methods = arguments.value(Self.methods)
        plan.iterations = arguments.given(Self.iterations)
        do { try plan.validate() } catch let error as TriadError { throw CommandError.usage(error.description) }
        try checkOutputs(out)
        // Figures come from the first seed when the standard figure seed is not among those run.
        if let f = plan.figureSeed, !plan.seeds.contains(f) { plan.figureSeed = plan.seeds[0] }

        try write(plan, to: out, workers: workers)
        return 0
    }

    /// Throws ``CommandError/usage(_:)`` unless `empirical.md` and the figure folder can be written in `out`.
    static func checkOutputs(_ out: String) throws {
        try OutputPath.check(files: [out + "/empirical.md"], folders: [out + "/" + EmpiricalReport.figureFolder], option: Self.out.name)
    }

    /// Runs `plan` with a progress line per run, then writes `empirical.md` and its figures into `out`.
    static func write(_ plan: Reproduction, to out: String, workers: Int) throws {
        let total = plan.experiments.count
        print("triad reproduce: \(total) runs on \(workers) worker thread(s)")
        let progress = RunProgress(total: total)
        let results = try plan.run(workers: workers, finished: progress.finished)
        let fingerprint = try EmpiricalReport.fingerprintExperiment.run()
        var report = try EmpiricalReport(reproduction: plan, results: results, fingerprint: fingerprint)
        report.objectiveLevels = try ObjectiveLevels.compute(for: plan)
        report.objectiveLevelSource = ObjectiveLevels.source
        for figure in report.figures { try AtomicFile.write(figure.svg, to: out + "/" + figure.path) }
        try AtomicFile.write(report.render(), to: out + "/empirical.md")
        let seconds = progress.elapsed
        print("wrote \(out)/empirical.md and \(report.figures.count) figures in \(out)/\(EmpiricalReport.figureFolder) "
              + String(format: "(%.0f s in all)", seconds))
    }
}
