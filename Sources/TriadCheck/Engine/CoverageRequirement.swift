/// A minimum share of a run's planned cases that must fall into a regime. When the planned cases
/// leave a required regime short, the run draws more cases (up to
/// ``CheckSettings/coverageExtension`` times the plan) until every requirement is met; only a run
/// that is still short then fails (it did not test what it claims to test). So a requirement is a
/// statement about the generator (the regime is not rarer than that), not about one seed's luck.
///
/// A fraction `f` asks for at least `f · planned` cases in the regime (compared exactly, in
/// `Double`); on a run of exactly the planned cases this is `count / total >= f`. Requirements
/// are not assessed on a replay (one case) or on a run stopped by a counterexample.
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

    /// Whether `count` cases meet the requirement of a run that planned `planned` cases.
    public func isMet(count: Int, of planned: Int) -> Bool {
        switch minimum {
        case .fraction(let f): planned > 0 && Double(count) >= f * Double(planned)
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
