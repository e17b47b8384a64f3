import Foundation
import TriadCore

/// The evidence behind one verdict of the Theorem 1 matrix (a term in a mode, in one precision).
public struct CellEvidence: Sendable {
    /// The best witness of "admits" found in the mode (FM1/FM2): the family, the gap it reached
    /// (upper end of the enclosure), its collapse level and temperature.
    public struct Witness: Sendable {
        public let family: String
        public let gap: Double
        public let eps: Double
        public let temperature: Double
    }

    /// The gap bound over the mode (FM1/FM2): the smallest derived bound over the search cases
    /// (where it is positive), the smallest gap found, and the worst `gap - bound` margin.
    public struct Bound: Sendable {
        public let smallestDerivedBound: Double
        public let smallestGap: Double
        public let worstMargin: Double
        /// The smallest `gap / bound` over the cases whose bound exceeds `1e-3` (`>= 1` when the bound
        /// holds; near 1 when the search came close to it); `inf` when no case had such a bound.
        public let closestRatio: Double
        /// Cases whose derived bound exceeded `1e-3`.
        public let boundedCases: Int
        /// Interval runs: search cases whose gap was certified positive.
        public let certifiedPositive: Int
    }

    /// The change under re-pairing (FM3): the largest `|L(D) - L(D_pi)|` seen, whether it is
    /// certified to exceed rounding, and the (shrunk) counterexample to invariance if any.
    public struct Change: Sendable {
        public let largestChange: Double
        public let roundingBound: Double
        public let certified: Bool
        public let counterexample: String?
        public let replay: String?
    }

    public let role: TermRole
    public let mode: FailureMode
    public let precision: Precision
    public let verdict: ModeVerdict
    public let witness: Witness?
    public let bound: Bound?
    public let change: Change?
    /// The search run (property engine): cases, seed, coverage table, counterexample.
    public let search: PropertyResult

    /// One line of evidence for tables.
    public var summary: String {
        switch mode {
        case .permutation:
            guard let change else { return "" }
            return change.largestChange > change.roundingBound
                ? "max |ΔL| = \(format(change.largestChange))\(change.certified ? " (certified)" : "") > rounding \(format(change.roundingBound))"
                : "invariant: max |ΔL| = \(format(change.largestChange)) <= rounding \(format(change.roundingBound))"
        case .representationalCollapse, .clusterCollapse:
            if verdict == .admits, let witness {
                return "witness gap \(format(witness.gap)) (\(witness.family))"
            }
            guard let bound else { return "" }
            guard search.passed else { return "search failed: " + (search.failureMessage ?? search.status.rawValue) }
            return "gap >= derived bound in all \(search.casesRun) cases (\(bound.boundedCases) with bound > 1e-3); "
                + "closest gap/bound \(String(format: "%.4f", bound.closestRatio))"
        }
    }

    /// Why the verdict is `inconclusive`, in one line; `nil` for a reached verdict.
    public var reason: String? {
        guard verdict == .inconclusive else { return nil }
        if !search.passed, let message = search.failureMessage {
            return message.split(separator: "\n").first.map(String.init) ?? message
        }
        if let bound, bound.smallestDerivedBound <= 0 {
            let best = witness.map { "best witness gap \(format($0.gap)) (\($0.family))" } ?? "no witness family applies"
            return "no witness reached the bound (\(best)) and the mode has no positive derived gap bound"
        }
        return "the evidence supports neither verdict: " + summary
    }
}

/// Three significant digits in scientific notation; `0` for exact zero; `inf` for infinity.
func format(_ x: Double) -> String {
    if x == 0 { return "0" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x.isNaN { return "nan" }
    return String(format: "%.3e", x)
}
