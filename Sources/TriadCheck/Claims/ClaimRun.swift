import Synchronization
import TriadCore

/// The result of running every claim of the reference implementation at the reports' settings,
/// computed once per process: `triad report`, `triad verify` and the tests that compare the
/// committed reports all read the same run.
public struct ClaimRun: Sendable {
    public let claims: [ClaimResult]
    public let matrix: Theorem1Matrix
    public let hypotheses: [HypothesisChecks.Outcome]
    public let settings: CheckSettings

    /// The settings of the committed reports.
    public static let reportSettings = CheckSettings(seed: Theorem1Check.defaultSeed, cases: Theorem1Check.defaultCases)

    private static let cache = Mutex<[CheckSettings: ClaimRun]>([:])

    /// Runs (or returns the memoised run of) every claim for Triad's reference terms.
    public static func reference(_ settings: CheckSettings = reportSettings) throws -> ClaimRun {
        // Computed under the lock: a concurrent caller waits for the run instead of repeating it.
        try cache.withLock { runs in
            if let hit = runs[settings] { return hit }
            let (claims, matrix, hypotheses) = try ClaimRegistry(settings: settings).runEverything()
            let run = ClaimRun(claims: claims, matrix: matrix, hypotheses: hypotheses, settings: settings)
            runs[settings] = run
            return run
        }
    }
}
