import Glibc

/// A closed interval `[lower, upper]` of reals with `Double` endpoints and outward rounding:
/// every operation returns an interval that contains the exact result of the operation applied to
/// any points of its operands. A computation written against ``Real`` and run in `Interval`
/// therefore *encloses* the exact real value, and a claim such as "the gap is positive" is proved
/// for that configuration when the enclosure's lower end is positive.
///
/// ## Rounding argument
/// Swift offers no control of the rounding mode, so outward rounding is obtained by widening:
/// - `+ - * /` and `sqrt` are correctly rounded in IEEE 754 (error at most half an ulp of the result),
///   so stepping each end one ulp outward (`nextDown` / `nextUp`) encloses the exact value.
/// - `exp`, `log`, `log1p`, `expm1` come from the C library (glibc), whose documented maximum errors
///   for `double` on x86_64 are at most 1 ulp (glibc manual, "Known Maximum Errors in Math Functions").
///   These functions are monotone increasing, so they are applied to the endpoints and each end is
///   stepped ``elementaryWidening`` ulps outward, twice the documented bound.
/// - Overflow: a lower end that rounds to `+inf` becomes `greatestFiniteMagnitude` after `nextDown`,
///   still below the exact value; symmetric for the upper end.
/// - NaN in either end marks the result as meaningless (``isNaN``); division by an interval
///   containing 0 returns `[-inf, +inf]`.
///
/// Comparisons are certain: `a < b` iff `a.upper < b.lower`; `a <= b` iff `a.upper <= b.lower`;
/// `==` is equality of both ends. Intervals that overlap are neither `<` nor `>` each other.
public struct Interval: Sendable, Hashable {
    /// The lower end.
    public let lower: Double
    /// The upper end.
    public let upper: Double

    /// How many ulps the elementary functions are widened on each side (twice glibc's bound).
    public static let elementaryWidening = 2

    /// The interval `[lower, upper]`. Precondition: `lower <= upper` (or either end NaN).
    @inlinable public init(lower: Double, upper: Double) {
        precondition(lower.isNaN || upper.isNaN || lower <= upper,
                     "invalid interval [\(lower), \(upper)]: lower end must not exceed upper end")
        self.lower = lower
        self.upper = upper
    }

    /// The point interval `[x, x]`: the `Double` is taken as the exact intended value.
    @inlinable public init(_ value: Double) { self.init(lower: value, upper: value) }

    /// The tightest interval of `Double`s around the integer (a point when the integer is exact).
    @inlinable public init(_ value: Int) {
        let d = Double(value)
        if d.isFinite, let back = Int(exactly: d), back == value {
            self.init(d)
        } else {
            self.init(lower: d.nextDown, upper: d.nextUp)
        }
    }

    @inlinable public init(integerLiteral value: Int) { self.init(value) }

    /// The whole real line, the result of operations without a finite enclosure.
    public static let entire = Interval(lower: -.infinity, upper: .infinity)

    /// `upper - lower` (rounded up).
    @inlinable public var width: Double { (upper - lower).nextUp }

    /// Whether the exact real `x` lies in the interval.
    @inlinable public func contains(_ x: Double) -> Bool { lower <= x && x <= upper }

    /// The smallest interval containing both operands.
    @inlinable public func hull(_ other: Interval) -> Interval {
        Interval(lower: Swift.min(lower, other.lower), upper: Swift.max(upper, other.upper))
    }

    @usableFromInline static func down(_ x: Double, _ steps: Int = 1) -> Double {
        var r = x
        for _ in 0..<steps where !r.isNaN && r != -.infinity { r = r.nextDown }
        return r
    }

    @usableFromInline static func up(_ x: Double, _ steps: Int = 1) -> Double {
        var r = x
        for _ in 0..<steps where !r.isNaN && r != .infinity { r = r.nextUp }
        return r
    }

    /// Encloses a computed pair of nearest-rounded ends by stepping each `steps` ulps outward.
    @usableFromInline static func widened(_ lo: Double, _ hi: Double, steps: Int = 1) -> Interval {
        if lo.isNaN || hi.isNaN { return Interval(lower: .nan, upper: .nan) }
        return Interval(lower: down(lo, steps), upper: up(hi, steps))
    }
}

extension Interval: CustomStringConvertible {
    public var description: String {
        lower == upper ? "[\(lower)]" : "[\(lower), \(upper)]"
    }
}
