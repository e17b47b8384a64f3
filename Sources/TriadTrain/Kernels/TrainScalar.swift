import TriadCore

/// A scalar the trainer's network runs in: a binary floating-point ``Real`` that supplies the
/// matrix-product kernel.
///
/// - `Float` is the training precision; its products run the register-blocked SIMD kernel of
///   ``FloatKernels``.
/// - `Double` is the precision of the gradient checks; its products run ``ReferenceKernels``
///   (plain loops), which is also the reference the Float kernel is tested against.
///
/// Both run the same network code (padding, epilogues, layer order), so a gradient check in Double
/// checks the layout logic the Float trainer uses.
protocol TrainScalar: FloatingReal {
    /// Computes `product` (see ``MatrixProduct``).
    static func runProduct(_ product: MatrixProduct<Self>)
}

extension Float: TrainScalar {
    @inline(__always) static func runProduct(_ product: MatrixProduct<Float>) {
        FloatKernels.run(product)
    }
}

extension Double: TrainScalar {
    static func runProduct(_ product: MatrixProduct<Double>) {
        ReferenceKernels.run(product)
    }
}
