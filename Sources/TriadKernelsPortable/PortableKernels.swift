import TriadKernels

/// The kernels for any CPU (this module is compiled for the toolchain's default target, see
/// `Package.swift`): `SIMD4<Float>` (one SSE or NEON register).
///
/// Accumulation: on x86-64 the default target has no FMA, so a separate multiply and add (a fused
/// multiply-add would be a library call per lane); the results then differ from the AVX2 and
/// AVX-512 kernels in the last bits. On AArch64, where FMA is part of the base instruction set,
/// fused, bit-identical to them.
public enum PortableKernels {
    /// `c += a * b` on x86-64, `c.addProduct(a, b)` on AArch64 (this module's own type, see
    /// ``MultiplyAdd``).
    public enum Accumulation: MultiplyAdd {
        @inline(__always)
        public static func accumulate<V: SIMD>(_ c: inout V, _ a: V, _ b: V) where V.Scalar: BinaryFloatingPoint {
            #if arch(x86_64)
            c += a * b
            #else
            c.addProduct(a, b)
            #endif
        }
    }

    /// ``RegisterTileKernel`` with `SIMD4<Float>` and ``Accumulation``.
    @inline(never)  // never inlined into a client compiled for another CPU (see the type's documentation)
    public static func run(_ product: MatrixProduct<Float>) {
        RegisterTileKernel<SIMD4<Float>, Accumulation>.run(product)
    }

    /// ``ThroughputLoop`` with `SIMD4<Float>` and ``Accumulation``.
    @inline(never)
    public static func throughputLoop(rounds: Int, sink: inout Float) -> Double {
        ThroughputLoop<SIMD4<Float>, Accumulation>.run(rounds: rounds, sink: &sink)
    }

    /// ``AdamUpdate`` with `SIMD4<Float>` (one tensor's Adam step).
    @inline(never)
    public static func adamUpdate(count: Int, parameters: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                                  firstMoments: UnsafeMutablePointer<Float>, secondMoments: UnsafeMutablePointer<Float>,
                                  coefficients: AdamCoefficients<Float>) {
        AdamUpdate<SIMD4<Float>, Accumulation>.run(count: count, parameters: parameters, gradient: gradient,
                                                 firstMoments: firstMoments, secondMoments: secondMoments,
                                                 coefficients: coefficients)
    }
}
