/// A minimum share of a run's cases that must fall into a regime; a run that passes every case but
/// under-samples a required regime fails (it did not test what it claims to test).
///
/// Fractions are compared exactly, `count / total >= fraction`, on the cases actually run.
/// Requirements are not assessed on a replay (one case) or on a run stopped by a counterexample.
public struct CoverageRequirement: Sendable, Hashable, CustomStringConvertible {
    /// The bound: a fraction of the cases run, or a number of cases.
    public enum Minimum: Sendable, Hashable {
        case fraction(Double)
        case count(Int)
    }

    public let regime: String
    public let minimum: Minimum

    public init(regime: String, minimum: Minimum) {
        self.regime = regime
        self.minimum = minimum
    }

    /// At least `fraction` (in `(0, 1]`) of the cases run.
    public static func fraction(_ regime: String, atLeast fraction: Double) -> CoverageRequirement {
        CoverageRequirement(regime: regime, minimum: .fraction(fraction))
    }

    /// At least `count` (>= 1) cases.
    public static func count(_ regime: String, atLeast count: Int) -> CoverageRequirement {
        CoverageRequirement(regime: regime, minimum: .count(count))
    }

    /// Whether `count` cases out of `total` meet the requirement.
    public func isMet(count: Int, of total: Int) -> Bool {
        switch minimum {
        case .fraction(let f): total > 0 && Double(count) / Double(total) >= f
        case .count(let c): count >= c
        }
    }

    /// `>= 20%` or `>= 5 cases`.
    public var description: String {
        switch minimum {
        case .fraction(let f): ">= \(formatPercent(f))"
        case .count(let c): ">= \(c) case\(c == 1 ? "" : "s")"
        }
    }
}

extension Array where Element == CoverageRequirement {
    /// Fraction requirements from a table, sorted by regime:
    /// `coverage: .fractions(["well-posed": 0.2, "ill-posed: uniform p": 0.05])`.
    public static func fractions(_ table: [String: Double]) -> [CoverageRequirement] {
        table.sorted { $0.key < $1.key }.map { .fraction($0.key, atLeast: $0.value) }
    }
}
