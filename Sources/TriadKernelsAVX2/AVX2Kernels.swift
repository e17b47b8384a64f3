#if arch(x86_64)
import TriadKernels

/// The kernels specialised for AVX2 + FMA (this module is compiled with `-target-cpu haswell`, see
/// `Package.swift`): 8 Float lanes per `ymm` register, fused multiply-add.
///
/// Calling any of these on a CPU without AVX2, FMA, BMI1/2, LZCNT, MOVBE or F16C (which the code
/// generator may use) is an illegal instruction: go through the trainer's `KernelISA`, which
/// checks the CPU first.
public enum AVX2Kernels {
    /// Fused multiply-add, `c.addProduct(a, b)`: one `vfmadd` per vector (this module's own type,
    /// see ``MultiplyAdd``).
    public enum Accumulation: MultiplyAdd {
        @inline(__always)
        public static func accumulate<V: SIMD>(_ c: inout V, _ a: V, _ b: V) where V.Scalar: BinaryFloatingPoint {
            c.addProduct(a, b)
        }
    }

    /// ``RegisterTileKernel`` with `SIMD8<Float>` and ``Accumulation``.
    @inline(never)  // never inlined into a client compiled for another CPU (see the type's documentation)
    public static func run(_ product: MatrixProduct<Float>) {
        RegisterTileKernel<SIMD8<Float>, Accumulation>.run(product)
    }

    /// ``ThroughputLoop`` with `SIMD8<Float>` and ``Accumulation``.
    @inline(never)
    public static func throughputLoop(rounds: Int, sink: inout Float) -> Double {
        ThroughputLoop<SIMD8<Float>, Accumulation>.run(rounds: rounds, sink: &sink)
    }

    /// ``AdamUpdate`` with `SIMD8<Float>` (one tensor's Adam step).
    @inline(never)
    public static func adamUpdate(count: Int, parameters: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                                  firstMoments: UnsafeMutablePointer<Float>, secondMoments: UnsafeMutablePointer<Float>,
                                  coefficients: AdamCoefficients<Float>) {
        AdamUpdate<SIMD8<Float>, Accumulation>.run(count: count, parameters: parameters, gradient: gradient,
                                                 firstMoments: firstMoments, secondMoments: secondMoments,
                                                 coefficients: coefficients)
    }
}
#endif
