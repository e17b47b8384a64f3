/// A Float vector the kernels run on: the stdlib's `SIMD4<Float>`, `SIMD8<Float>` and
/// `SIMD16<Float>` (one SSE/NEON, AVX or AVX-512 register).
///
/// The epilogues' lane operations are requirements, implemented in the conformances on the
/// concrete types: there the stdlib's concrete comparison and select apply and compile to one
/// vector compare and one blend. Written on a generic `V: SIMD`, the same expressions resolve to
/// the protocol's lane-by-lane defaults, which the optimiser does not turn back into vector code
/// (seen: the ReLU epilogue alone made the GEDI step 2.6× slower).
public protocol KernelVector: SIMD where Scalar == Float {
    /// `x` with its negative lanes set to 0 (`max(x, 0)`; NaN lanes stay NaN).
    static func zeroingNegatives(_ x: Self) -> Self
    /// `x` with the lanes where `h <= 0` set to 0 (the ReLU derivative at the layer output `h`).
    static func zeroing(_ x: Self, whereNotPositive h: Self) -> Self
}

extension SIMD4: KernelVector where Scalar == Float {
    @inlinable @inline(__always)
    public static func zeroingNegatives(_ x: Self) -> Self { x.replacing(with: 0, where: x .< 0) }
    @inlinable @inline(__always)
    public static func zeroing(_ x: Self, whereNotPositive h: Self) -> Self { x.replacing(with: 0, where: h .<= 0) }
}

extension SIMD8: KernelVector where Scalar == Float {
    @inlinable @inline(__always)
    public static func zeroingNegatives(_ x: Self) -> Self { x.replacing(with: 0, where: x .< 0) }
    @inlinable @inline(__always)
    public static func zeroing(_ x: Self, whereNotPositive h: Self) -> Self { x.replacing(with: 0, where: h .<= 0) }
}

extension SIMD16: KernelVector where Scalar == Float {
    @inlinable @inline(__always)
    public static func zeroingNegatives(_ x: Self) -> Self { x.replacing(with: 0, where: x .< 0) }
    @inlinable @inline(__always)
    public static func zeroing(_ x: Self, whereNotPositive h: Self) -> Self { x.replacing(with: 0, where: h .<= 0) }
}
