/// How a kernel accumulates `c + a · b` lane by lane: the choice is a type, so that every kernel
/// is specialised for it at compile time (no branch in the inner loop).
///
/// - Fused: `c.addProduct(a, b)`, one rounding, `fl(c + a · b)` (IEEE 754 fusedMultiplyAdd).
///   One `vfmadd` per vector on a target with FMA (x86-64 built for haswell or later, every
///   AArch64); on a target without it, a library call per lane (~100× slower).
/// - Separate: `c += a * b`, two roundings, `fl(c + fl(a · b))`; fast on every target.
///
/// The two differ in the last bits of a sum, so kernels with the same kind of accumulation give
/// bit-identical results and kernels with different kinds do not.
///
/// **Each module that specialises the kernels declares its own conforming type** (the
/// instruction-set modules nest one in their namespace). The specialisations of the generic
/// kernels are named after their type arguments and emitted as weak symbols; if two modules
/// compiled for different CPUs specialised `RegisterTileKernel<SIMD8<Float>, SomeSharedType>`, the
/// linker would keep one of the two bodies for both — AVX-512 code on an AVX2-only CPU, or the
/// default target's code where FMA was meant (seen: the step 2.7× slower). A type of the module's
/// own makes every specialisation the module's own symbol.
public protocol MultiplyAdd {
    /// `c ← c + a · b` for every lane.
    static func accumulate<V: SIMD>(_ c: inout V, _ a: V, _ b: V) where V.Scalar: BinaryFloatingPoint
}
