import Glibc

extension Interval: Real {
    @inlinable public static func + (a: Interval, b: Interval) -> Interval {
        widened(a.lower + b.lower, a.upper + b.upper)
    }

    @inlinable public static func - (a: Interval, b: Interval) -> Interval {
        widened(a.lower - b.upper, a.upper - b.lower)
    }

    @inlinable public static prefix func - (a: Interval) -> Interval {
        Interval(lower: -a.upper, upper: -a.lower)
    }

    @inlinable public static func * (a: Interval, b: Interval) -> Interval {
        // An exact zero times anything is an exact zero: no widening (keeps 0 · log 0 terms exact).
        if a.isExactZero || b.isExactZero { return Interval(0) }
        // A zero end times an infinite end is 0 for enclosure purposes (the limit of finite points).
        func product(_ x: Double, _ y: Double) -> Double { (x == 0 || y == 0) ? 0 : x * y }
        let p = [product(a.lower, b.lower), product(a.lower, b.upper),
                 product(a.upper, b.lower), product(a.upper, b.upper)]
        if p.contains(where: \.isNaN) { return Interval(lower: .nan, upper: .nan) }
        return widened(p.min()!, p.max()!)
    }

    @inlinable public static func / (a: Interval, b: Interval) -> Interval {
        if a.isNaN || b.isNaN { return Interval(lower: .nan, upper: .nan) }
        if b.lower <= 0 && b.upper >= 0 { return .entire }
        if a.isExactZero { return Interval(0) }
        let q = [a.lower / b.lower, a.lower / b.upper, a.upper / b.lower, a.upper / b.upper]
        if q.contains(where: \.isNaN) { return .entire }
        return widened(q.min()!, q.max()!)
    }

    @inlinable public static func exp(_ x: Interval) -> Interval {
        let r = widened(Glibc.exp(x.lower), Glibc.exp(x.upper), steps: elementaryWidening)
        return r.isNaN ? r : Interval(lower: Swift.max(0, r.lower), upper: r.upper)
    }

    @inlinable public static func expm1(_ x: Interval) -> Interval {
        let r = widened(Glibc.expm1(x.lower), Glibc.expm1(x.upper), steps: elementaryWidening)
        return r.isNaN ? r : Interval(lower: Swift.max(-1, r.lower), upper: r.upper)
    }

    /// `log` on the part of `x` in `[0, inf]`; NaN when `x` lies entirely below 0.
    @inlinable public static func log(_ x: Interval) -> Interval {
        if x.isNaN || x.upper < 0 { return Interval(lower: .nan, upper: .nan) }
        let lo = x.lower <= 0 ? -Double.infinity : Glibc.log(x.lower)
        return widened(lo, Glibc.log(x.upper), steps: elementaryWidening)
    }

    /// `log1p` on the part of `x` in `[-1, inf]`; NaN when `x` lies entirely below -1.
    @inlinable public static func log1p(_ x: Interval) -> Interval {
        if x.isNaN || x.upper < -1 { return Interval(lower: .nan, upper: .nan) }
        let lo = x.lower <= -1 ? -Double.infinity : Glibc.log1p(x.lower)
        return widened(lo, Glibc.log1p(x.upper), steps: elementaryWidening)
    }

    /// `sqrt` on the part of `x` in `[0, inf]`; NaN when `x` lies entirely below 0.
    @inlinable public static func sqrt(_ x: Interval) -> Interval {
        if x.isNaN || x.upper < 0 { return Interval(lower: .nan, upper: .nan) }
        let lo = Swift.max(0, x.lower).squareRoot()
        let r = widened(lo, x.upper.squareRoot())
        return Interval(lower: Swift.max(0, r.lower), upper: r.upper)
    }

    @inlinable public static func maximum(_ a: Interval, _ b: Interval) -> Interval {
        if a.isNaN || b.isNaN { return Interval(lower: .nan, upper: .nan) }
        return Interval(lower: Swift.max(a.lower, b.lower), upper: Swift.max(a.upper, b.upper))
    }

    @inlinable public static func minimum(_ a: Interval, _ b: Interval) -> Interval {
        if a.isNaN || b.isNaN { return Interval(lower: .nan, upper: .nan) }
        return Interval(lower: Swift.min(a.lower, b.lower), upper: Swift.min(a.upper, b.upper))
    }

    @inlinable public static func < (a: Interval, b: Interval) -> Bool { a.upper < b.lower }
    @inlinable public static func <= (a: Interval, b: Interval) -> Bool { a.upper <= b.lower }
    @inlinable public static func > (a: Interval, b: Interval) -> Bool { b < a }
    @inlinable public static func >= (a: Interval, b: Interval) -> Bool { b <= a }

    /// Whether the interval is the point 0 (operations on it are exact).
    @inlinable public var isExactZero: Bool { lower == 0 && upper == 0 }
    @inlinable public var lowerBound: Double { lower }
    @inlinable public var upperBound: Double { upper }
    @inlinable public var isFinite: Bool { lower.isFinite && upper.isFinite }
    @inlinable public var isNaN: Bool { lower.isNaN || upper.isNaN }
    @inlinable public static var unitRoundoff: Double { Double.ulpOfOne }
    public static var typeName: String { "Interval" }
    @inlinable public static var isCertified: Bool { true }
}
