import Foundation
import TriadCore

/// How often training reaches the intended clustering: `successes` of `trials` seeds, with the
/// Wilson score interval — the interval that fits a share estimated from few, bimodal outcomes
/// (it stays inside [0, 1] and is not degenerate at 0 or n successes, unlike mean ± std).
///
/// With `p = k/n` and the normal quantile `z` (1.96 for 95%):
///
///     center = (p + z²/(2n)) / (1 + z²/n),
///     half   = z / (1 + z²/n) · sqrt(p(1 − p)/n + z²/(4n²)),
///     interval = [center − half, center + half]
///
/// (E. B. Wilson, "Probable inference, the law of succession, and statistical inference",
/// J. Amer. Statist. Assoc. 22 (1927) 209-212.) Examples: 0 of 20 → [0, 0.161]; 10 of 20 →
/// [0.299, 0.701]; 20 of 20 → [0.839, 1].
public struct SuccessRate: Sendable, Equatable, CustomStringConvertible {
    public let successes: Int
    public let trials: Int

    /// The 97.5% quantile of the standard normal: a two-sided 95% interval.
    public static let z95 = 1.959_963_984_540_054

    /// Throws ``TriadError`` unless `0 <= successes <= trials` and `trials >= 1`.
    public init(successes: Int, trials: Int) throws {
        try require(trials >= 1, "trials", trials, "must be >= 1")
        try require(successes >= 0 && successes <= trials, "successes", successes, "must be in 0...\(trials)")
        self.successes = successes
        self.trials = trials
    }

    /// The share of runs whose `value` reaches `threshold` (NMI ≥ 0.9 by default).
    public init(values: [Double], threshold: Double = 0.9) throws {
        try self.init(successes: values.filter { $0 >= threshold }.count, trials: values.count)
    }

    /// `k / n`.
    public var rate: Double { Double(successes) / Double(trials) }

    /// The Wilson score interval at quantile `z` (95% by default). Its ends are exactly 0 at 0
    /// successes and exactly 1 at `n` (the formula's values there, which rounding would miss by an ulp).
    public func wilson(z: Double = SuccessRate.z95) -> (lower: Double, upper: Double) {
        let n = Double(trials), p = rate, z2 = z * z
        let d = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / d
        let half = z / d * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return (successes == 0 ? 0 : center - half, successes == trials ? 1 : center + half)
    }

    /// `7/20 (35%, 95% CI 18-57%)`.
    public var description: String {
        let (lo, hi) = wilson()
        return String(format: "%d/%d (%.0f%%, 95%% CI %.0f-%.0f%%)", successes, trials, 100 * rate, 100 * lo, 100 * hi)
    }
}
