import Foundation
import TriadCore

/// The seed and case count of randomised tests: deterministic by default, overridable from the
/// environment (`TRIAD_SEED`, `TRIAD_CASES`) for opt-in randomised or deeper runs.
public enum TestSeed {
    /// `TRIAD_SEED` if set (decimal or 0x-hex), else `fallback`.
    public static func seed(_ fallback: UInt64) -> UInt64 {
        guard let raw = ProcessInfo.processInfo.environment["TRIAD_SEED"] else { return fallback }
        if raw.hasPrefix("0x"), let v = UInt64(raw.dropFirst(2), radix: 16) { return v }
        return UInt64(raw) ?? fallback
    }

    /// `TRIAD_CASES` if set, else `fallback`.
    public static func cases(_ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment["TRIAD_CASES"].flatMap(Int.init) ?? fallback
    }

    /// A generator for a named test, printing the seed and the one-line replay command, so that
    /// every randomised test states how to reproduce it.
    public static func generator(_ test: String, default fallback: UInt64) -> TriadRandom {
        let s = seed(fallback)
        print("[\(test)] seed \(s) — replay: TRIAD_SEED=\(s) swift test --filter '\(test)'")
        return TriadRandom(seed: s)
    }
}
