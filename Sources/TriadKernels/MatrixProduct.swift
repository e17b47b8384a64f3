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
/// Shape contract (the callers pad; the trainer's `MLPWorkspace` does): `rows` is a multiple of 6 and
/// `columns` a multiple of 8, every addressed entry exists, and the products' sums run in
/// increasing `k`, so a result depends only on the operands (not on blocking or threads).
public struct MatrixProduct<T: BinaryFloatingPoint> {
    public var rows: Int
    public var columns: Int
    public var depth: Int
    public var a: UnsafePointer<T>
    public var aRowStride: Int
    public var aColumnStride: Int
    public var b: UnsafePointer<T>
    public var bRowStride: Int
    public var c: UnsafeMutablePointer<T>
    public var cRowStride: Int
    public var epilogue: Epilogue

    /// What is done to each sum before it is stored.
    public enum Epilogue {
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

    @inlinable public init(rows: Int, columns: Int, depth: Int,
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
    @inlinable public var flops: Double { 2 * Double(rows) * Double(columns) * Double(depth) }
}
