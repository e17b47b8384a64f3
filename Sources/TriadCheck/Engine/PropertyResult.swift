/// The outcome of checking a property: what ran, whether it passed, the shrunk counterexample and
/// its replay line, the coverage table, the time taken. Renders as ``text`` (test output) and
/// ``markdown(timing:)`` (reports).
public struct PropertyResult: Sendable, Hashable, CustomStringConvertible {
    /// Passed, failed on a case, or passed every case but under-sampled a required regime.
    public enum Status: String, Sendable, Hashable {
        case passed, failed, underCovered = "under-covered"
    }

    public let propertyID: String
    /// The settings the run used (seed, cases, deep, replay).
    public let settings: CheckSettings
    /// Cases evaluated before stopping (shrink evaluations not counted).
    public let casesRun: Int
    /// Whether this was a replay of one case.
    public let replayed: Bool
    /// The shrunk failing case, if any.
    public let counterexample: Counterexample?
    /// Cases per regime, with the requirements.
    public let coverage: CoverageTable
    /// Wall-clock time of the run, shrinking included.
    public let elapsed: Duration
    /// The Swift Testing function that ran the check, for the replay line.
    public let testName: String?

    public init(propertyID: String, settings: CheckSettings, casesRun: Int, replayed: Bool,
                counterexample: Counterexample?, coverage: CoverageTable, elapsed: Duration, testName: String?) {
        self.propertyID = propertyID
        self.settings = settings
        self.casesRun = casesRun
        self.replayed = replayed
        self.counterexample = counterexample
        self.coverage = coverage
        self.elapsed = elapsed
        self.testName = testName.map(Self.filterName)
    }

    /// The run seed.
    public var seed: UInt64 { settings.seed }
    /// Cases a full run makes (1 for a replay).
    public var casesPlanned: Int { replayed ? 1 : settings.caseCount }

    public var status: Status {
        if counterexample != nil { return .failed }
        return coverage.shortfalls.isEmpty ? .passed : .underCovered
    }

    public var passed: Bool { status == .passed }

    /// What went wrong, in one paragraph; `nil` when passed.
    public var failureMessage: String? {
        if let c = counterexample {
            return "property '\(propertyID)' failed at \(c.size) (seed \(seedHex(c.seed))): \(c.message)"
        }
        let shortfalls = coverage.shortfallMessages
        return shortfalls.isEmpty ? nil : "property '\(propertyID)': " + shortfalls.joined(separator: "; ")
    }

    /// The shell line that reproduces the shrunk failing case, `nil` when no case failed:
    /// `TRIAD_REPLAY='<token>' swift test --filter '<test>'` (without the filter when no test name
    /// is known; other front ends build their own line from `counterexample.replay.token`).
    public var replayLine: String? {
        guard let c = counterexample else { return nil }
        return "\(Replay.environmentVariable)='\(c.replay.token)' " + command
    }

    /// The shell line that repeats the whole run (seed, cases, deep mode).
    public var rerunLine: String {
        "TRIAD_SEED=\(seedHex(seed)) TRIAD_CASES=\(settings.cases)" + (settings.deep ? " TRIAD_DEEP=1 " : " ") + command
    }

    private var command: String {
        testName.map { "swift test --filter '\($0)'" } ?? "swift test"
    }

    /// `plantedFailure()` becomes `plantedFailure` (the form `--filter` matches).
    static func filterName(_ name: String) -> String {
        name.firstIndex(of: "(").map { String(name[..<$0]) } ?? name
    }
}

/// `0x` and 16 hex digits.
func seedHex(_ v: UInt64) -> String {
    let digits = String(v, radix: 16)
    return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
}
