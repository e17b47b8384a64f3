import Foundation
import TriadCore
import TriadTrain

/// `triad sweep`: the documented search for GEDI's lost settings; writes `Reports/sweep.md`.
enum SweepCommand: Command {
    static let name = "sweep"
    static let summary = "search GEDI's lost settings on both data sets; write Reports/sweep.md (~30 min on 2 cores)"
    static let out = Option<String>.out(default: "Reports")
    static let workers = Option<Int>.workers(default: 2)
    static let options: [any OptionDeclaration] = [out, workers]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let out = arguments.value(Self.out), workers = arguments.value(Self.workers)
        try OutputPath.check(files: [out + "/sweep.md"], option: Self.out.name)
        let sweep = Sweep.standard
        print("triad sweep: \(sweep.candidates.count) candidates, successive halving over "
              + "\(sweep.rungs.map { "\($0.seeds)" }.joined(separator: "/")) seeds per data set, "
              + "\(sweep.runCount) runs; \(workers) worker thread(s)")
        let progress = RunProgress(total: sweep.runCount)
        let report = try sweep.run(workers: workers, finished: progress.finished)
        try AtomicFile.write(report.render(), to: out + "/sweep.md")
        let seconds = progress.elapsed
        print("winner: \(report.winner.candidate.overrides)")
        print("wrote \(out)/sweep.md " + String(format: "(%.0f s in all)", seconds))
        return 0
    }
}
