#if arch(x86_64)
import TriadKernels

/// The kernels specialised for AVX-512 (this module is compiled with `-target-cpu skylake-avx512`,
/// see `Package.swift`): 16 Float lanes per `zmm` register, fused multiply-add.
///
/// Calling any of these on a CPU without AVX-512F/CD/BW/DQ/VL (or without AVX2, FMA, BMI1/2,
/// LZCNT, MOVBE, F16C, which the code generator may also use) is an illegal instruction: go
/// through the trainer's `KernelISA`, which checks the CPU first.
public enum AVX512Kernels {
    /// Fused multiply-add, `c.addProduct(a, b)`: one `vfmadd` per vector (this module's own type,
    /// see ``MultiplyAdd``).
    public enum Accumulation: MultiplyAdd {
        @inline(__always)
        public static func accumulate<V: SIMD>(_ c: inout V, _ a: V, _ b: V) where V.Scalar: BinaryFloatingPoint {
            c.addProduct(a, b)
        }
    }

    /// ``RegisterTileKernel`` with `SIMD16<Float>` and ``Accumulation``.
    @inline(never)  // never inlined into a client compiled for another CPU (see the type's documentation)
    public static func run(_ product: MatrixProduct<Float>) {
        RegisterTileKernel<SIMD16<Float>, Accumulation>.run(product)
    }

    /// ``ThroughputLoop`` with `SIMD16<Float>` and ``Accumulation``.
    @inline(never)
    public static func throughputLoop(rounds: Int, sink: inout Float) -> Double {
        ThroughputLoop<SIMD16<Float>, Accumulation>.run(rounds: rounds, sink: &sink)
    }

    /// ``AdamUpdate`` with `SIMD16<Float>` (one tensor's Adam step).
    @inline(never)
    public static func adamUpdate(count: Int, parameters: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                                  firstMoments: UnsafeMutablePointer<Float>, secondMoments: UnsafeMutablePointer<Float>,
                                  coefficients: AdamCoefficients<Float>) {
        AdamUpdate<SIMD16<Float>, Accumulation>.run(count: count, parameters: parameters, gradient: gradient,
                                                 firstMoments: firstMoments, secondMoments: secondMoments,
                                                 coefficients: coefficients)
    }
}
#endif
