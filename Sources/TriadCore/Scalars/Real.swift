/// A real-number scalar in which every Triad formula is written.
///
/// The ladder is deliberately small: field arithmetic, the five elementary functions the
/// GEDI terms need (`exp`, `log`, `log1p`, `expm1`, `sqrt`), `maximum`/`minimum`, and a view of
/// the value as an enclosing range of `Double`s. Binary floating-point types conform with
/// round-to-nearest semantics; ``Interval`` conforms with outward rounding, so a loss written once
/// against `Real` also runs in certified interval arithmetic.
///
/// Comparisons (`<`, `<=`, ...) are *certain* comparisons: for floating-point types they are the
/// usual ones; for ``Interval``, `a < b` holds only when every point of `a` is below every point
/// of `b`. Generic code must therefore not branch on a comparison to choose a formula; it uses
/// ``maximum(_:_:)`` where it needs a maximum.
public protocol Real: Sendable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The scalar nearest to (floating point) or enclosing (interval) the given `Double`.
    init(_ value: Double)
    /// The scalar nearest to (floating point) or enclosing (interval) the given integer.
    init(_ value: Int)

    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self

    /// `e^x`.
    static func exp(_ x: Self) -> Self
    /// Natural logarithm; `-inf` at 0, NaN (floating point) below 0.
    static func log(_ x: Self) -> Self
    /// `log(1 + x)`, accurate for small `x`.
    static func log1p(_ x: Self) -> Self
    /// `e^x - 1`, accurate for small `x`.
    static func expm1(_ x: Self) -> Self
    /// Square root.
    static func sqrt(_ x: Self) -> Self
    /// The larger of two values (for intervals: the interval of pointwise maxima).
    static func maximum(_ a: Self, _ b: Self) -> Self
    /// The smaller of two values (for intervals: the interval of pointwise minima).
    static func minimum(_ a: Self, _ b: Self) -> Self

    /// A lower bound of the value, as a `Double` (rounded down where the conversion is inexact).
    var lowerBound: Double { get }
    /// An upper bound of the value, as a `Double` (rounded up where the conversion is inexact).
    var upperBound: Double { get }
    /// Whether the value is finite (for intervals: both ends finite).
    var isFinite: Bool { get }
    /// Whether the value is NaN (for intervals: either end NaN).
    var isNaN: Bool { get }

    /// An exact power of two `2^-e`, `e` the binary exponent of `magnitude` (so that
    /// `magnitude · 2^-e` lies in `[1, 2)`), with `e` clamped so that `2^-e` and `2^e` are both
    /// finite in `Self`; `1` when `magnitude` is zero, NaN or infinite. Multiplying by it is exact in
    /// binary floating point (barring underflow of entries far smaller than `magnitude`), so a norm
    /// can be computed on scaled entries without overflow or underflow, as `hypot` does.
    /// The default reads the value through `upperBound` (a `Double`); binary floating-point types
    /// use their own exponent range.
    static func unitScale(for magnitude: Self) -> Self

    /// The unit roundoff of one operation, `ulp(1)`, used to scale tolerances.
    static var unitRoundoff: Double { get }
    /// A short name for reports: `Float`, `Double`, `Float80`, `Float16`, `Interval`.
    static var typeName: String { get }
    /// True when values are certified enclosures (interval arithmetic).
    static var isCertified: Bool { get }
}

extension Real {
    @inlinable public static var zero: Self { Self(0) }
    @inlinable public static var one: Self { Self(1) }

    @inlinable public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
    @inlinable public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
    @inlinable public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }
    @inlinable public static func /= (lhs: inout Self, rhs: Self) { lhs = lhs / rhs }

    /// The default ``unitScale(for:)``: the power of two is taken from `magnitude.upperBound`, with
    /// `e` clamped to Double's normal exponent range.
    @inlinable public static func unitScale(for magnitude: Self) -> Self {
        let m = magnitude.upperBound
        guard m.isFinite, m > 0 else { return one }
        let e = Swift.min(Swift.max(m.exponent, -Double.greatestFiniteMagnitude.exponent),
                          Double.greatestFiniteMagnitude.exponent)
        return Self(Double(sign: .plus, exponent: -e, significand: 1))
    }

    /// The midpoint of the enclosure, as a `Double` (the value itself for floating-point types).
    @inlinable public var midpoint: Double {
        let (lo, hi) = (lowerBound, upperBound)
        return lo == hi ? lo : lo / 2 + hi / 2
    }

    /// `Double(self)` for reporting; the midpoint of an interval.
    @inlinable public var doubleValue: Double { midpoint }
}
