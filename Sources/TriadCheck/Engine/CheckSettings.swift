import Foundation
import TriadCore

/// How a property is run: the run seed, the number of cases, deep mode, an optional replay, and
/// the shrinking budget.
///
/// Precedence, lowest first: the defaults here (or the property's own defaults passed to `init`),
/// then the environment (``overridden(by:)``), then explicit values the caller sets afterwards
/// (the `triad` CLI sets its `--seed`/`--cases` on the returned value).
///
/// Environment variables:
/// - `TRIAD_SEED`: the run seed, decimal or `0x`-hex `UInt64`.
/// - `TRIAD_CASES`: the number of cases, a positive integer.
/// - `TRIAD_DEEP`: `1`/`true`/`yes` multiplies the case count by ``deepFactor`` (100); `0`/`false`/
///   `no`/empty leaves it.
/// - `TRIAD_REPLAY`: a ``Replay`` token; the property with that id runs only that case.
/// A value that does not parse throws ``TriadError`` rather than being ignored.
public struct CheckSettings: Sendable, Hashable {
    /// The default run seed: the ASCII bytes of "TRIAD", `0x5452494144`.
    public static let defaultSeed: UInt64 = 0x54_5249_4144
    /// The default number of cases.
    public static let defaultCases = 100
    /// Deep mode multiplies the case count by this.
    public static let deepFactor = 100

    /// The run seed; case `i` gets the seed ``caseSeed(runSeed:index:)``.
    public var seed: UInt64
    /// The number of cases of a normal run (>= 1).
    public var cases: Int
    /// Deep mode: run `cases · deepFactor` cases.
    public var deep: Bool
    /// When set and its id is the property's, only this case runs.
    public var replay: Replay?
    /// The most property evaluations shrinking may spend (>= 0).
    public var maxShrinkEvaluations: Int
    /// When the planned cases leave a coverage requirement short, a run draws more cases, up to
    /// this many times the plan in all (>= 1; 1 draws none). See ``CoverageRequirement``.
    public var coverageExtension: Int = CheckSettings.defaultCoverageExtension
    /// The default ``coverageExtension``: 10, so a regime required at 5% and met at 2.5% by the
    /// plan's luck is still found (it needs 2× the plan), while a generator that makes the regime
    /// ten times rarer than required fails.
    public static let defaultCoverageExtension = 10

    public init(seed: UInt64 = CheckSettings.defaultSeed, cases: Int = CheckSettings.defaultCases,
                deep: Bool = false, replay: Replay? = nil, maxShrinkEvaluations: Int = 1000) {
        self.seed = seed
        self.cases = cases
        self.deep = deep
        self.replay = replay
        self.maxShrinkEvaluations = maxShrinkEvaluations
    }

    /// The number of cases a run makes: ``cases``, times ``deepFactor`` in deep mode.
    public var caseCount: Int { deep ? min(cases, Int.max / Self.deepFactor) * Self.deepFactor : cases }

    /// These settings with the `TRIAD_*` variables of `environment` applied over them.
    public func overridden(by environment: [String: String]) throws -> CheckSettings {
        var s = self
        if let raw = environment["TRIAD_SEED"] {
            guard let seed = Self.parseSeed(raw) else {
                throw TriadError("TRIAD_SEED", "'\(raw)'", "must be a decimal or 0x-hex UInt64")
            }
            s.seed = seed
        }
        if let raw = environment["TRIAD_CASES"] {
            guard let cases = Int(raw.trimmingCharacters(in: .whitespaces)), cases >= 1 else {
                throw TriadError("TRIAD_CASES", "'\(raw)'", "must be a positive integer")
            }
            s.cases = cases
        }
        if let raw = environment["TRIAD_DEEP"] {
            switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
            case "1", "true", "yes": s.deep = true
            case "0", "false", "no", "": s.deep = false
            default: throw TriadError("TRIAD_DEEP", "'\(raw)'", "must be 1/true/yes or 0/false/no")
            }
        }
        if let raw = environment[Replay.environmentVariable], !raw.isEmpty {
            s.replay = try Replay(parsing: raw)
        }
        return s
    }

    /// `defaults` overridden by the process environment.
    public static func fromEnvironment(_ defaults: CheckSettings = CheckSettings()) throws -> CheckSettings {
        try defaults.overridden(by: ProcessInfo.processInfo.environment)
    }

    /// Throws ``TriadError`` unless the settings are usable.
    public func validate() throws {
        try require(cases >= 1, "cases", cases, "must be >= 1")
        try require(cases <= Int.max / Self.deepFactor, "cases", cases, "must be <= \(Int.max / Self.deepFactor)")
        try require(maxShrinkEvaluations >= 0, "maxShrinkEvaluations", maxShrinkEvaluations, "must be >= 0")
        try require(coverageExtension >= 1 && coverageExtension <= 1000, "coverageExtension", coverageExtension, "must be in 1...1000")
    }

    /// A `UInt64` written in decimal or as `0x`-hex (surrounding spaces ignored); `nil` otherwise.
    public static func parseSeed(_ text: String) -> UInt64? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("0x") || t.hasPrefix("0X") { return UInt64(t.dropFirst(2), radix: 16) }
        return UInt64(t)
    }

    /// The seed of case `index` of a run: output number `index` (from 0) of SplitMix64 seeded with
    /// the run seed, computed directly. Independent of the case count, so case `i` is the same
    /// seed in a run of 100 cases and in a deep run.
    public static func caseSeed(runSeed: UInt64, index: Int) -> UInt64 {
        var mixer = SplitMix64(seed: runSeed &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
        return mixer.next()
    }
}
