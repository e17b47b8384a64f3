import Foundation
import Synchronization
import TriadTrain

/// Prints one line per finished training run, `[k/total] <run>: NMI …, <diagnosis>, <seconds> s`,
/// and the elapsed time of the whole batch. Runs finish on worker threads; lines are serialised.
final class RunProgress: Sendable {
    let total: Int
    let done = Mutex(0)
    let clock = ContinuousClock()
    let started: ContinuousClock.Instant

    init(total: Int) {
        self.total = total
        started = clock.now
    }

    /// Prints the line for `result`.
    func finished(_ result: ToyExperimentResult) {
        let n = done.withLock { $0 += 1; return $0 }
        let e = result.experiment, c = e.configuration
        print("[\(n)/\(total)] \(c.method) \(e.dataset) seed \(c.seed): "
              + String(format: "NMI %.3f, %@, %.1f s", result.nmi, result.diagnosis.failureMode.description, result.seconds))
        fflush(nil)
    }

    /// Seconds since the batch started.
    var elapsed: Double {
        let d = (clock.now - started).components
        return Double(d.seconds) + Double(d.attoseconds) * 1e-18
    }
}
