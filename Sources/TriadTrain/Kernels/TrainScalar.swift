import TriadCore
import TriadKernels

/// A scalar the trainer's network runs in: a binary floating-point ``Real`` that supplies the
/// matrix-product kernel.
///
/// - `Float` is the training precision; its products run the register-tile kernel on the
///   chosen vector unit (``KernelISA``).
/// - `Double` is the precision of the gradient checks; its products run ``ReferenceKernels``
///   (plain loops, whatever the unit), which is also the reference the Float kernels are tested
///   against.
///
/// Both run the same network code (padding, epilogues, layer order), so a gradient check in Double
/// checks the layout logic the Float trainer uses.
protocol TrainScalar: FloatingReal {
    /// Computes `product` (see ``MatrixProduct``) on `isa` where the scalar has vector kernels.
    static func runProduct(_ product: MatrixProduct<Self>, on isa: KernelISA)
    /// One tensor's Adam step (``AdamUpdate``), on `isa` where the scalar has vector kernels.
    static func adamUpdate(count: Int, parameters: UnsafeMutablePointer<Self>, gradient: UnsafePointer<Self>,
                           firstMoments: UnsafeMutablePointer<Self>, secondMoments: UnsafeMutablePointer<Self>,
                           coefficients: AdamCoefficients<Self>, on isa: KernelISA)
}

extension Float: TrainScalar {
    @inline(__always) static func runProduct(_ product: MatrixProduct<Float>, on isa: KernelISA) {
        isa.run(product)
    }

    static func adamUpdate(count: Int, parameters: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                           firstMoments: UnsafeMutablePointer<Float>, secondMoments: UnsafeMutablePointer<Float>,
                           coefficients: AdamCoefficients<Float>, on isa: KernelISA) {
        isa.adamUpdate(count: count, parameters: parameters, gradient: gradient, firstMoments: firstMoments,
                       secondMoments: secondMoments, coefficients: coefficients)
    }
}

extension Double: TrainScalar {
    static func runProduct(_ product: MatrixProduct<Double>, on isa: KernelISA) {
        ReferenceKernels.run(product)
    }

    /// The module's own owner type for ``AdamUpdate``'s Double specialisation.
    enum AdamOwner {}

    static func adamUpdate(count: Int, parameters: UnsafeMutablePointer<Double>, gradient: UnsafePointer<Double>,
                           firstMoments: UnsafeMutablePointer<Double>, secondMoments: UnsafeMutablePointer<Double>,
                           coefficients: AdamCoefficients<Double>, on isa: KernelISA) {
        AdamUpdate<SIMD2<Double>, AdamOwner>.run(count: count, parameters: parameters, gradient: gradient,
                                                 firstMoments: firstMoments, secondMoments: secondMoments,
                                                 coefficients: coefficients)
    }
}
