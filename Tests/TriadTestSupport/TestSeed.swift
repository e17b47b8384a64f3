import Foundation
import Testing
import TriadCheck
import TriadCore

/// The seed and case count of randomised tests: deterministic by default, overridable from the
/// environment for opt-in randomised or deeper runs.
///
/// The environment is read by the one reader the `triad` tool uses too,
/// ``CheckSettings/overridden(by:)``: `TRIAD_SEED` (decimal or `0x` hex), `TRIAD_CASES` (a positive
/// integer), `TRIAD_DEEP=1` (100× the cases) and `TRIAD_REPLAY` (a token naming a property of the
/// claims; any other id is an error). A malformed variable records an issue naming it and its value
/// in every test that reads the settings, and the test goes on at its defaults.
public enum TestSeed {
    /// `fallback` seed and cases with the environment applied.
    public static func settings(seed fallback: UInt64 = CheckSettings.defaultSeed, cases: Int = CheckSettings.defaultCases,
                                sourceLocation: SourceLocation = #_sourceLocation) -> CheckSettings {
        let defaults = CheckSettings(seed: fallback, cases: cases)
        do {
            let s = try defaults.overridden(by: ProcessInfo.processInfo.environment)
            try ClaimRegistry.validate(replay: s.replay)
            return s
        } catch {
            Issue.record(error, "the TRIAD_* environment is malformed", sourceLocation: sourceLocation)
            return defaults
        }
    }

    /// `TRIAD_SEED` if set, else `fallback`.
    public static func seed(_ fallback: UInt64, sourceLocation: SourceLocation = #_sourceLocation) -> UInt64 {
        settings(seed: fallback, sourceLocation: sourceLocation).seed
    }

    /// `TRIAD_CASES` if set, else `fallback`; times 100 under `TRIAD_DEEP=1`.
    public static func cases(_ fallback: Int, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        settings(cases: fallback, sourceLocation: sourceLocation).caseCount
    }

    /// A generator for a named test, printing the seed and the one-line replay command, so that
    /// every randomised test states how to reproduce it.
    public static func generator(_ test: String, default fallback: UInt64,
                                 sourceLocation: SourceLocation = #_sourceLocation) -> TriadRandom {
        let s = seed(fallback, sourceLocation: sourceLocation)
        print("[\(test)] seed \(s) — replay: TRIAD_SEED=\(s) swift test --filter '\(test)'")
        return TriadRandom(seed: s)
    }
}
