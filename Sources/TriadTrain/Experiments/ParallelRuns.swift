import Dispatch
import Synchronization
import TriadCore

/// Runs independent jobs on a fixed number of worker threads and returns their results in job
/// order. Each job is single-threaded and seeded by its own parameters, so the results do not depend
/// on the number of workers or on the scheduling; only the wall-clock time does.
public enum ParallelRuns {
    /// `body(job)` for every job, on `workers` threads (at least 1, at most the job count).
    /// `finished(index, result)` is called as each job completes (from a worker thread, serialised).
    /// The first error thrown by a job is rethrown after all workers stop; jobs not yet started when
    /// a job fails are skipped.
    public static func map<Job: Sendable, Result: Sendable>(
        _ jobs: [Job], workers: Int, body: @Sendable (Job) throws -> Result,
        finished: (@Sendable (Int, Result) -> Void)? = nil
    ) throws -> [Result] {
        try require(workers >= 1, "worker count", workers, "must be >= 1")
        let state = Mutex(RunState<Result>(results: Array(repeating: nil, count: jobs.count)))
        DispatchQueue.concurrentPerform(iterations: min(workers, max(jobs.count, 1))) { _ in
            while true {
                let index: Int? = state.withLock { s in
                    guard s.failure == nil, s.next < jobs.count else { return nil }
                    defer { s.next += 1 }
                    return s.next
                }
                guard let index else { return }
                do {
                    let result = try body(jobs[index])
                    state.withLock { s in
                        s.results[index] = result
                        finished?(index, result)
                    }
                } catch {
                    state.withLock { s in if s.failure == nil { s.failure = error } }
                }
            }
        }
        let final = state.withLock { $0 }
        if let failure = final.failure { throw failure }
        return final.results.map { $0! }
    }
}

/// The shared state of ``ParallelRuns/map(_:workers:body:finished:)``: the next job to start, the
/// results so far, the first failure.
struct RunState<Result> {
    var next = 0
    var results: [Result?]
    var failure: (any Error)?
}
