/// What ``RegisterTileKernel`` does to a sum before storing it, as a type: the tiles are
/// specialised for each epilogue, so the store path has no switch and the depth loop is the same
/// straight-line code whichever epilogue follows (written as a switch on
/// ``MatrixProduct/Epilogue`` inside the store, the ReLU epilogues measured 4-7% slower than no
/// epilogue on the 1200 × 104 × 100 products on Zen 4). One type per case of
/// ``MatrixProduct/Epilogue``, same arithmetic.
public protocol TileEpilogue {
    /// Where the ReLU-mask epilogue reads `H[i, j ...]` (`nil` for the epilogues that read no mask).
    func maskPointer(row i: Int, column j: Int) -> UnsafePointer<Float>?
    /// The stored value of the sums `v` of columns `j ..< j + V.scalarCount` (`mask` = `H`'s entries there).
    func apply<V: KernelVector>(_ v: V, column j: Int, mask: V) -> V
}

/// `C = Σ`.
public struct PlainEpilogue: TileEpilogue {
    @inlinable public init() {}
    @inlinable @inline(__always) public func maskPointer(row i: Int, column j: Int) -> UnsafePointer<Float>? { nil }
    @inlinable @inline(__always) public func apply<V: KernelVector>(_ v: V, column j: Int, mask: V) -> V { v }
}

/// `C = Σ + bias[j]`.
public struct BiasEpilogue: TileEpilogue {
    @usableFromInline let bias: UnsafePointer<Float>
    @inlinable public init(_ bias: UnsafePointer<Float>) { self.bias = bias }
    @inlinable @inline(__always) public func maskPointer(row i: Int, column j: Int) -> UnsafePointer<Float>? { nil }
    @inlinable @inline(__always) public func apply<V: KernelVector>(_ v: V, column j: Int, mask: V) -> V {
        v + UnsafeRawPointer(bias + j).loadUnaligned(as: V.self)
    }
}

/// `C = max(Σ + bias[j], 0)` (NaN stays NaN, see ``KernelVector/zeroingNegatives(_:)``).
public struct BiasReLUEpilogue: TileEpilogue {
    @usableFromInline let bias: UnsafePointer<Float>
    @inlinable public init(_ bias: UnsafePointer<Float>) { self.bias = bias }
    @inlinable @inline(__always) public func maskPointer(row i: Int, column j: Int) -> UnsafePointer<Float>? { nil }
    @inlinable @inline(__always) public func apply<V: KernelVector>(_ v: V, column j: Int, mask: V) -> V {
        V.zeroingNegatives(v + UnsafeRawPointer(bias + j).loadUnaligned(as: V.self))
    }
}

/// `C = Σ · [H[i, j] > 0]`.
public struct ReLUMaskEpilogue: TileEpilogue {
    @usableFromInline let h: UnsafePointer<Float>
    @usableFromInline let stride: Int
    @inlinable public init(_ h: UnsafePointer<Float>, stride: Int) { (self.h, self.stride) = (h, stride) }
    @inlinable @inline(__always) public func maskPointer(row i: Int, column j: Int) -> UnsafePointer<Float>? {
        h + i * stride + j
    }
    @inlinable @inline(__always) public func apply<V: KernelVector>(_ v: V, column j: Int, mask: V) -> V {
        V.zeroing(v, whereNotPositive: mask)
    }
}
