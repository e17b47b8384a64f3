import Foundation
import Synchronization
import TriadCore
import TriadTrain

/// `triad sweep`: the documented search for GEDI's lost settings; writes `Reports/sweep.md`.
enum SweepCommand: Command {
    static let name = "sweep"
    static let summary = "search GEDI's lost settings on both data sets; write Reports/sweep.md (--out DIR, --workers N)"
    static let valuedOptions: Set<String> = ["out", "workers"]

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let out = arguments.string("out") ?? "Reports"
        let workers = try arguments.value("workers", default: 2, "an integer in 1...64") {
            Int($0).flatMap { (1...64).contains($0) ? $0 : nil }
        }
        try arguments.rejectUnknown()
        let sweep = Sweep.standard
        let total = sweep.experiments.count
        print("triad sweep: \(sweep.candidates.count) candidates, \(total) runs on \(workers) worker thread(s)")
        let clock = ContinuousClock()
        let started = clock.now
        let done = Mutex(0)
        let report = try sweep.run(workers: workers) { result in
            let n = done.withLock { $0 += 1; return $0 }
            let e = result.experiment
            print("[\(n)/\(total)] \(e.dataset) seed \(e.configuration.seed): "
                  + String(format: "NMI %.3f (%.1f s)", result.nmi, result.seconds))
            fflush(nil)
        }
        try AtomicFile.write(report.render(), to: out + "/sweep.md")
        let elapsed = (clock.now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        print("winner: \(report.winner.candidate.overrides) (score \(String(format: "%.3f", report.winner.score)))")
        print("wrote \(out)/sweep.md " + String(format: "(%.0f s in all)", seconds))
        return 0
    }
}
