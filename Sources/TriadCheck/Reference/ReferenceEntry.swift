/// One stored reference number: the Float80 value as an unevaluated sum of two `Double`s
/// (`high + low`, exact: a Float80 significand has 64 bits, `high` takes 53 and the remainder fits
/// in `low`), and the certified enclosure `[lower, upper]` computed in interval arithmetic.
public struct ReferenceEntry: Sendable, Equatable {
    public let high: Double
    public let low: Double
    public let lower: Double
    public let upper: Double

    public init(high: Double, low: Double, lower: Double, upper: Double) {
        self.high = high
        self.low = low
        self.lower = lower
        self.upper = upper
    }

    /// The Float80 value rounded to `Double`.
    public var value: Double { high + low }

    /// `x - (high + low)` without first rounding the stored value to `Double`.
    public func difference(_ x: Double) -> Double { (x - high) - low }

    #if arch(x86_64) || arch(i386)
    /// The stored Float80 value, exactly.
    public var extended: Float80 { Float80(high) + Float80(low) }

    /// The entry of a Float80 value and its interval enclosure.
    public init(_ x: Float80, enclosure: (lower: Double, upper: Double)) {
        let h = Double(x)
        self.init(high: h, low: Double(x - Float80(h)), lower: enclosure.lower, upper: enclosure.upper)
    }
    #endif
}
