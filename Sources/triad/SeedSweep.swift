import Synchronization
import TriadTrain

/// `triad verify --seeds`: one check per seed, run on worker threads, reported in seed order.
///
/// The check of one seed is a function from the seed to the claims that failed at it, so the sweep
/// does not depend on how claims are run (``VerifyCommand/failures(seed:settings:catalog:)`` is the
/// one call of the claim engine) and the tests can drive it with a stand-in.
enum SeedSweep {
    /// A claim that did not come out as stated, at one seed.
    struct Failure: Sendable, Encodable, Equatable {
        /// The claim id (`T1.PRIOR.FM2`), or `error` when the run itself threw.
        let claim: String
        /// Why: expected and observed outcome with the evidence, or the error.
        let why: String
    }

    /// What one seed gave.
    struct Outcome: Sendable, Encodable, Equatable {
        let seed: UInt64
        let failures: [Failure]
        var passed: Bool { failures.isEmpty }

        /// `seed S: ok`, or one `seed S: FAIL <claim>: <why>` line per failing claim.
        var lines: [String] {
            failures.isEmpty ? ["seed \(seed): ok"] : failures.map { "seed \(seed): FAIL \($0.claim): \($0.why)" }
        }

        enum CodingKeys: String, CodingKey { case seed, passed, failures }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(seed, forKey: .seed)
            try c.encode(passed, forKey: .passed)
            try c.encode(failures, forKey: .failures)
        }
    }

    /// `check(seed)` for every seed on at most `workers` threads (each seed on one thread). A check
    /// that throws counts as a failure of that seed (claim `error`), not of the sweep. `report` sees
    /// the outcomes in the order of `seeds`, each as soon as it and every earlier one are done.
    static func run(seeds: [UInt64], workers: Int, check: @escaping @Sendable (UInt64) throws -> [Failure],
                    report: @escaping @Sendable (Outcome) -> Void) throws -> [Outcome] {
        // Outcomes finished out of order wait here until the ones before them are reported.
        let pending = Mutex((next: 0, done: [Int: Outcome]()))
        return try ParallelRuns.map(Array(seeds.enumerated()), workers: workers, body: { (_, seed) -> Outcome in
            do { return Outcome(seed: seed, failures: try check(seed)) } catch {
                return Outcome(seed: seed, failures: [Failure(claim: "error", why: "\(error)")])
            }
        }, finished: { index, outcome in
            pending.withLock { state in
                state.done[index] = outcome
                while let ready = state.done.removeValue(forKey: state.next) {
                    report(ready)
                    state.next += 1
                }
            }
        })
    }

    /// `N of M seeds passed`.
    static func summary(_ outcomes: [Outcome]) -> String {
        "\(outcomes.filter(\.passed).count) of \(outcomes.count) seeds passed"
    }
}
