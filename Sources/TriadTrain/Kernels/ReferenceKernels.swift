import TriadKernels

/// The reference implementation of ``MatrixProduct``: plain loops, sums in increasing `k`.
/// `Double` products run here (gradient checks); tests compare the Float kernels of every ``KernelISA`` against it.
enum ReferenceKernels {
    static func run<T: TrainScalar>(_ p: MatrixProduct<T>) {
        for i in 0..<p.rows {
            for j in 0..<p.columns {
                var s = T.zero
                for k in 0..<p.depth {
                    s += p.a[i * p.aRowStride + k * p.aColumnStride] * p.b[k * p.bRowStride + j]
                }
                switch p.epilogue {
                case .none: break
                case .bias(let bias): s += bias[j]
                case .biasReLU(let bias): s = Swift.max(s + bias[j], T.zero)
                case .reluMask(let h, let stride): if !(h[i * stride + j] > T.zero) { s = T.zero }
                }
                p.c[i * p.cRowStride + j] = s
            }
        }
    }
}
