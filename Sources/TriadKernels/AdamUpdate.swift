/// The coefficients of one Adam step (see ``AdamUpdate``), in the parameters' precision.
public struct AdamCoefficients<S: BinaryFloatingPoint & Sendable>: Sendable {
    /// `β1`, `β2`, `1 - β1`, `1 - β2`.
    public var beta1: S, beta2: S, oneMinusBeta1: S, oneMinusBeta2: S
    /// `lr / (1 - β1^t)` and `sqrt(1 - β2^t)` (the bias corrections of step `t`), and `eps`.
    public var stepSize: S, secondMomentCorrection: S, epsilon: S

    @inlinable public init(beta1: S, beta2: S, oneMinusBeta1: S, oneMinusBeta2: S, stepSize: S,
                           secondMomentCorrection: S, epsilon: S) {
        (self.beta1, self.beta2, self.oneMinusBeta1, self.oneMinusBeta2) = (beta1, beta2, oneMinusBeta1, oneMinusBeta2)
        (self.stepSize, self.secondMomentCorrection, self.epsilon) = (stepSize, secondMomentCorrection, epsilon)
    }
}

/// Adam's update of one tensor (PyTorch's `torch.optim.Adam` arithmetic), entry by entry:
///
///     m ← β1 m + (1 - β1) g,      v ← β2 v + ((1 - β2) g) g,
///     p ← p - stepSize · (m / (sqrt(v) / secondMomentCorrection + eps)),
///
/// `V.scalarCount` entries at a time, then one at a time for the rest. Every operation is a
/// correctly rounded IEEE one (multiply, add, square root, divide; no fused multiply-add), so
/// each entry gets the same bits whatever the vector width: the instruction-set modules'
/// specialisations agree with each other and with a scalar loop.
///
/// `Owner` is a type of the calling module's own (its ``MultiplyAdd``), so that each module's
/// specialisation is its own symbol (see ``MultiplyAdd`` for the trap this avoids).
public enum AdamUpdate<V: AdamVector, Owner> where V.Scalar: BinaryFloatingPoint & Sendable {
    @inlinable @inline(__always)
    public static func run(count: Int, parameters p: UnsafeMutablePointer<V.Scalar>, gradient g: UnsafePointer<V.Scalar>,
                           firstMoments m: UnsafeMutablePointer<V.Scalar>, secondMoments v: UnsafeMutablePointer<V.Scalar>,
                           coefficients k: AdamCoefficients<V.Scalar>) {
        let w = V.scalarCount
        var i = 0
        while i + w <= count {
            // The scalar loop's expression, one operation per line (same order, same roundings).
            let gi: V = load(g + i), m0: V = load(m + i), v0: V = load(v + i), p0: V = load(p + i)
            let mi: V = k.beta1 * m0 + k.oneMinusBeta1 * gi
            let scaledG: V = k.oneMinusBeta2 * gi
            let vi: V = k.beta2 * v0 + scaledG * gi
            let root: V = V.squareRoot(vi) / k.secondMomentCorrection
            let denominator: V = root + k.epsilon
            let change: V = k.stepSize * (mi / denominator)
            store(mi, m + i)
            store(vi, v + i)
            store(p0 - change, p + i)
            i += w
        }
        while i < count {
            let gi = g[i]
            let mi = k.beta1 * m[i] + k.oneMinusBeta1 * gi
            let vi = k.beta2 * v[i] + k.oneMinusBeta2 * gi * gi
            m[i] = mi
            v[i] = vi
            p[i] -= k.stepSize * (mi / (vi.squareRoot() / k.secondMomentCorrection + k.epsilon))
            i += 1
        }
    }

    @inlinable @inline(__always)
    static func load(_ p: UnsafePointer<V.Scalar>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
    @inlinable @inline(__always)
    static func load(_ p: UnsafeMutablePointer<V.Scalar>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
    @inlinable @inline(__always)
    static func store(_ x: V, _ p: UnsafeMutablePointer<V.Scalar>) {
        UnsafeMutableRawPointer(p).storeBytes(of: x, toByteOffset: 0, as: V.self)
    }
}

/// A vector ``AdamUpdate`` runs on: the square root is a requirement, implemented on the concrete
/// types, where the standard library's vector square root applies (one `vsqrtps`); written on a
/// generic `V: SIMD`, `squareRoot()` is the protocol's lane-by-lane default, which stayed sixteen
/// scalar square roots and branches (measured: Adam's update 10x slower).
public protocol AdamVector: SIMD where Scalar: BinaryFloatingPoint {
    /// The lane-wise square root (correctly rounded, as `Scalar.squareRoot()`).
    static func squareRoot(_ x: Self) -> Self
}

extension SIMD4: AdamVector where Scalar == Float {
    @inlinable @inline(__always) public static func squareRoot(_ x: Self) -> Self { x.squareRoot() }
}

extension SIMD8: AdamVector where Scalar == Float {
    @inlinable @inline(__always) public static func squareRoot(_ x: Self) -> Self { x.squareRoot() }
}

extension SIMD16: AdamVector where Scalar == Float {
    @inlinable @inline(__always) public static func squareRoot(_ x: Self) -> Self { x.squareRoot() }
}

/// For the trainer's Double networks (gradient checks).
extension SIMD2: AdamVector where Scalar == Double {
    @inlinable @inline(__always) public static func squareRoot(_ x: Self) -> Self { x.squareRoot() }
}
