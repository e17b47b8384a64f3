import Foundation
import Testing
import TriadCheck

extension PropertyResult {
    /// Prints the result when it passed (seed and coverage table in the log); otherwise records a
    /// Swift Testing issue carrying the full text: evidence, shrunk sizes, replay line, coverage.
    public func record(sourceLocation: SourceLocation = #_sourceLocation) {
        if passed {
            print(text)
        } else {
            Issue.record(Comment(rawValue: text), sourceLocation: sourceLocation)
        }
    }
}

/// Checks `property` as a test: settings from `cases`/`seed`, then the `TRIAD_*` environment
/// (`TRIAD_SEED`, `TRIAD_CASES`, `TRIAD_DEEP=1`, `TRIAD_REPLAY`); prints the result and records an
/// issue if it failed (a malformed property or environment records the ``TriadError``). `testName`
/// defaults to the calling test function, so the replay line re-runs exactly this test.
///
///     @Test func priorBoundHolds() { checkProperty(priorBound, cases: 200) }
@discardableResult
public func checkProperty(_ property: some CheckableProperty, cases: Int = CheckSettings.defaultCases,
                          seed: UInt64 = CheckSettings.defaultSeed, testName: String = #function,
                          sourceLocation: SourceLocation = #_sourceLocation) -> PropertyResult? {
    do {
        let settings = TestSeed.settings(seed: seed, cases: cases, sourceLocation: sourceLocation)
        let result = try property.check(settings, testName: testName)
        result.record(sourceLocation: sourceLocation)
        return result
    } catch {
        Issue.record(error, "property '\(property.id)' could not run", sourceLocation: sourceLocation)
        return nil
    }
}
