import TriadCore

/// One matrix product of the trainer, on raw row-major storage:
///
///     C[i, j] = epilogue(Σ_{k < depth} A(i, k) · B[k, j])   for i < rows, j < columns,
///     A(i, k) = a[i · aRowStride + k · aColumnStride],   B[k, j] = b[k · bRowStride + j],
///     C[i, j] = c[i · cRowStride + j].
///
/// `A` is read through two strides so that one description covers `A · B` (`aColumnStride == 1`)
/// and `Aᵀ · B` (`aRowStride == 1`, `A` stored `depth × rows`), the two shapes of a layer's
/// forward, input-gradient and weight-gradient products.
///
/// Shape contract (the callers pad, see ``MLPWorkspace``): `rows` is a multiple of 6 and
/// `columns` a multiple of 8, every addressed entry exists, and the products' sums run in
/// increasing `k`, so a result depends only on the operands (not on blocking or threads).
struct MatrixProduct<T: TrainScalar> {
    var rows: Int
    var columns: Int
    var depth: Int
    var a: UnsafePointer<T>
    var aRowStride: Int
    var aColumnStride: Int
    var b: UnsafePointer<T>
    var bRowStride: Int
    var c: UnsafeMutablePointer<T>
    var cRowStride: Int
    var epilogue: Epilogue

    /// What is done to each sum before it is stored.
    enum Epilogue {
        /// `C = Σ`.
        case none
        /// `C = Σ + bias[j]` (the last layer of an MLP).
        case bias(UnsafePointer<T>)
        /// `C = max(Σ + bias[j], 0)` (a hidden layer).
        case biasReLU(UnsafePointer<T>)
        /// `C = Σ · [H[i, j] > 0]`: the ReLU derivative at the layer output `H`
        /// (`H[i, j] = h[i · stride + j]`), 0 at 0 as in PyTorch.
        case reluMask(UnsafePointer<T>, stride: Int)
    }

    init(rows: Int, columns: Int, depth: Int,
                a: UnsafePointer<T>, aRowStride: Int, aColumnStride: Int,
                b: UnsafePointer<T>, bRowStride: Int,
                c: UnsafeMutablePointer<T>, cRowStride: Int, epilogue: Epilogue = .none) {
        triadPrecondition(rows % 6 == 0 && rows >= 0, "product rows", rows, "must be a non-negative multiple of 6")
        triadPrecondition(columns % 8 == 0 && columns >= 0, "product columns", columns,
                          "must be a non-negative multiple of 8")
        triadPrecondition(depth >= 0, "product depth", depth, "must be >= 0")
        self.rows = rows
        self.columns = columns
        self.depth = depth
        self.a = a
        self.aRowStride = aRowStride
        self.aColumnStride = aColumnStride
        self.b = b
        self.bRowStride = bRowStride
        self.c = c
        self.cRowStride = cRowStride
        self.epilogue = epilogue
    }

    /// `2 · rows · columns · depth`: the multiply-adds of the product, counted as two FLOPs each.
    var flops: Double { 2 * Double(rows) * Double(columns) * Double(depth) }

    /// Runs the product with the scalar's kernel (``TrainScalar/runProduct(_:)``).
    @inline(__always) func run() { T.runProduct(self) }

    /// Runs the product, split over `pool`'s two threads when given (bit-identical results).
    @inline(__always) func run(on pool: KernelPool?) {
        if let pool { pool.run(self) } else { run() }
    }
}
