/// How a register tile of ``RegisterTileKernel`` reads its column of `A`: the entries
/// `A(i + r, k)` for the tile's rows `r = 0, 1, …` at the current depth `k`, then the next depth.
///
/// Three layouts, so that the common ones cost no address arithmetic in the inner loop (the
/// strides are run-time values; written once with `a[r · aRowStride]`, the compiler recomputed
/// twelve addresses per depth step — measured: a 12-row tile at 66% of the unit's peak, 83% with
/// row pointers):
/// - ``RowMajorOperand`` (`aColumnStride == 1`, the `A · B` products): one pointer per row,
///   indexed by the depth;
/// - ``TransposedOperand`` (`aRowStride == 1`, the `Aᵀ · B` weight gradients): one pointer, the
///   rows at constant offsets, advanced by `aColumnStride` per depth;
/// - ``StridedOperand``: any strides.
///
/// All three read the same entries in the same order, so the layout changes no result.
public protocol TileOperand {
    /// The reader for the tile whose first row is `i`, at depth `k0`.
    init(_ p: MatrixProduct<Float>, row i: Int, depthStart k0: Int)
    /// `A(i + r, k)` at the current depth `k` (`r < 12`).
    func entry(_ r: Int) -> Float
    /// Moves to depth `k + 1`.
    mutating func advance()
}

/// `A(i + r, k) = a[(i + r) · aRowStride + k]`: row pointers, indexed by the depth.
public struct RowMajorOperand: TileOperand {
    @usableFromInline let p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11: UnsafePointer<Float>
    @usableFromInline var k: Int

    @inlinable @inline(__always)
    public init(_ p: MatrixProduct<Float>, row i: Int, depthStart k0: Int) {
        // Twelve pointers whatever the tile's height: a 6-row tile never reads rows 6-11 (their
        // pointers may lie past the operand and are never dereferenced).
        let ar = p.aRowStride
        p0 = p.a + i * ar; p1 = p0 + ar; p2 = p1 + ar; p3 = p2 + ar; p4 = p3 + ar; p5 = p4 + ar
        p6 = p5 + ar; p7 = p6 + ar; p8 = p7 + ar; p9 = p8 + ar; p10 = p9 + ar; p11 = p10 + ar
        k = k0
    }

    @inlinable @inline(__always)
    public func entry(_ r: Int) -> Float {
        switch r {
        case 0: p0[k]
        case 1: p1[k]
        case 2: p2[k]
        case 3: p3[k]
        case 4: p4[k]
        case 5: p5[k]
        case 6: p6[k]
        case 7: p7[k]
        case 8: p8[k]
        case 9: p9[k]
        case 10: p10[k]
        default: p11[k]
        }
    }

    @inlinable @inline(__always) public mutating func advance() { k += 1 }
}

/// `A(i + r, k) = a[(i + r) + k · aColumnStride]`: one pointer, rows at constant offsets.
public struct TransposedOperand: TileOperand {
    @usableFromInline var pointer: UnsafePointer<Float>
    @usableFromInline let step: Int

    @inlinable @inline(__always)
    public init(_ p: MatrixProduct<Float>, row i: Int, depthStart k0: Int) {
        pointer = p.a + i + k0 * p.aColumnStride
        step = p.aColumnStride
    }

    @inlinable @inline(__always) public func entry(_ r: Int) -> Float { pointer[r] }
    @inlinable @inline(__always) public mutating func advance() { pointer += step }
}

/// `A(i + r, k) = a[(i + r) · aRowStride + k · aColumnStride]`, any strides.
public struct StridedOperand: TileOperand {
    @usableFromInline var pointer: UnsafePointer<Float>
    @usableFromInline let rowStride: Int, step: Int

    @inlinable @inline(__always)
    public init(_ p: MatrixProduct<Float>, row i: Int, depthStart k0: Int) {
        pointer = p.a + i * p.aRowStride + k0 * p.aColumnStride
        rowStride = p.aRowStride
        step = p.aColumnStride
    }

    @inlinable @inline(__always) public func entry(_ r: Int) -> Float { pointer[r * rowStride] }
    @inlinable @inline(__always) public mutating func advance() { pointer += step }
}
