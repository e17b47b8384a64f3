import Glibc  // Triad targets Linux (see README); the C library supplies the elementary functions.

/// The floating-point conformances share everything but the elementary functions, which call the
/// C library (`exp`, `expf`, `expl`, ...). Results are round-to-nearest, not certified.
public protocol FloatingReal: Real, BinaryFloatingPoint {}

extension FloatingReal {
    @inlinable public init(_ value: Int) { self.init(Double(value)) }
    @inlinable public static func maximum(_ a: Self, _ b: Self) -> Self {
        (a.isNaN || b.isNaN) ? .nan : Swift.max(a, b)
    }
    @inlinable public static func minimum(_ a: Self, _ b: Self) -> Self {
        (a.isNaN || b.isNaN) ? .nan : Swift.min(a, b)
    }
    @inlinable public static var unitRoundoff: Double { Double(Self.ulpOfOne) }
    /// ``Real/unitScale(for:)`` over the type's own exponent range: `2^-e` with `e` the exponent of
    /// `magnitude`, clamped to `±greatestFiniteMagnitude.exponent` (so `2^-e` may be subnormal,
    /// still exact, and `2^e` is finite).
    @inlinable public static func unitScale(for magnitude: Self) -> Self {
        guard magnitude.isFinite, magnitude != 0 else { return 1 }
        let top = Self.greatestFiniteMagnitude.exponent
        let e = Swift.min(Swift.max(magnitude.exponent, -top), top)
        return Self(sign: .plus, exponent: -e, significand: 1)
    }
    @inlinable public static var isCertified: Bool { false }
}

extension Double: FloatingReal {
    @inlinable public static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    @inlinable public static func log(_ x: Double) -> Double { Glibc.log(x) }
    @inlinable public static func log1p(_ x: Double) -> Double { Glibc.log1p(x) }
    @inlinable public static func expm1(_ x: Double) -> Double { Glibc.expm1(x) }
    @inlinable public static func sqrt(_ x: Double) -> Double { x.squareRoot() }
    @inlinable public var lowerBound: Double { self }
    @inlinable public var upperBound: Double { self }
    public static var typeName: String { "Double" }
}

extension Float: FloatingReal {
    @inlinable public static func exp(_ x: Float) -> Float { Glibc.expf(x) }
    @inlinable public static func log(_ x: Float) -> Float { Glibc.logf(x) }
    @inlinable public static func log1p(_ x: Float) -> Float { Glibc.log1pf(x) }
    @inlinable public static func expm1(_ x: Float) -> Float { Glibc.expm1f(x) }
    @inlinable public static func sqrt(_ x: Float) -> Float { x.squareRoot() }
    // Float -> Double is exact.
    @inlinable public var lowerBound: Double { Double(self) }
    @inlinable public var upperBound: Double { Double(self) }
    public static var typeName: String { "Float" }
}

#if arch(x86_64) || arch(i386)
extension Float80: FloatingReal {
    @inlinable public static func exp(_ x: Float80) -> Float80 { Glibc.expl(x) }
    @inlinable public static func log(_ x: Float80) -> Float80 { Glibc.logl(x) }
    @inlinable public static func log1p(_ x: Float80) -> Float80 { Glibc.log1pl(x) }
    @inlinable public static func expm1(_ x: Float80) -> Float80 { Glibc.expm1l(x) }
    @inlinable public static func sqrt(_ x: Float80) -> Float80 { x.squareRoot() }
    // Float80 -> Double rounds to nearest; step outward when that rounding moved the value.
    @inlinable public var lowerBound: Double {
        let d = Double(self)
        return Float80(d) > self ? d.nextDown : d
    }
    @inlinable public var upperBound: Double {
        let d = Double(self)
        return Float80(d) < self ? d.nextUp : d
    }
    public static var typeName: String { "Float80" }
}
#endif

#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
/// `Float16` computes its elementary functions in `Float` and rounds the result once: the result
/// is within one Float16 ulp of the true value (Float's error is far below Float16's spacing).
extension Float16: FloatingReal {
    @inlinable public static func exp(_ x: Float16) -> Float16 { Float16(Glibc.expf(Float(x))) }
    @inlinable public static func log(_ x: Float16) -> Float16 { Float16(Glibc.logf(Float(x))) }
    @inlinable public static func log1p(_ x: Float16) -> Float16 { Float16(Glibc.log1pf(Float(x))) }
    @inlinable public static func expm1(_ x: Float16) -> Float16 { Float16(Glibc.expm1f(Float(x))) }
    @inlinable public static func sqrt(_ x: Float16) -> Float16 { x.squareRoot() }
    @inlinable public var lowerBound: Double { Double(self) }
    @inlinable public var upperBound: Double { Double(self) }
    public static var typeName: String { "Float16" }
}
#endif
