/// The Float kernel of ``MatrixProduct``, written once for every vector width and specialised by
/// the instruction-set modules (`TriadKernelsAVX512`, `TriadKernelsAVX2`, `TriadKernelsPortable`),
/// each compiled for its own target CPU: `V` is the vector (`SIMD16<Float>` for AVX-512, one
/// `zmm` register; `SIMD8<Float>` for AVX2, one `ymm`), `M` the accumulation (``MultiplyAdd``).
///
/// Register tiles: 6 rows × 2 vectors (twelve accumulators), `A` broadcast one entry at a time, `B`
/// loaded one vector at a time, the epilogue applied in registers before the store. Columns left
/// over after the 2-vector tiles take a 1-vector tile; with 8- or 16-lane vectors a last block of
/// 8 columns takes 12-row × 8-lane tiles (twelve accumulators again), so any multiple of 8
/// columns is covered without padding to the vector width and without a latency-bound edge tile.
///
/// - `A · B` (`aColumnStride == 1`): the whole depth in one pass (the layers' depths are ~100).
/// - `Aᵀ · B` (weight gradients, depth = the batch): the depth is cut into blocks of
///   ``depthBlock`` so a tile's operands stay in L1; the partial sums go through `C` between
///   blocks, which changes nothing in the arithmetic.
///
/// Order of operations: every `C[i, j]` is `M`'s accumulation of `A(i, k) · B[k, j]` for
/// `k = 0, 1, …, depth - 1` in that order, starting from 0, then the epilogue — whatever the
/// vector width, tile, blocking or thread split. Hence two specialisations with the same `M` give
/// bit-identical results (the AVX-512 and AVX2 kernels do; a test checks it on machines with
/// both), and the result depends only on the operands.
public enum RegisterTileKernel<V: KernelVector, M: MultiplyAdd> {
    /// Depth of a block of the `Aᵀ · B` path.
    public static var depthBlock: Int { 32 }

    /// Computes `p` (see ``MatrixProduct`` for the shape contract).
    @inlinable @inline(__always)
    public static func run(_ p: MatrixProduct<Float>) {
        if p.rows == 0 || p.columns == 0 { return }
        switch p.epilogue {
        case .none: run(p, PlainEpilogue())
        case .bias(let bias): run(p, BiasEpilogue(bias))
        case .biasReLU(let bias): run(p, BiasReLUEpilogue(bias))
        case .reluMask(let h, let stride): run(p, ReLUMaskEpilogue(h, stride: stride))
        }
    }

    /// ``run(_:)`` with the epilogue `e` (see ``TileEpilogue``).
    @inlinable @inline(__always)
    static func run<E: TileEpilogue>(_ p: MatrixProduct<Float>, _ e: E) {
        if p.aColumnStride == 1 {
            run(p, reading: RowMajorOperand.self, e)
        } else if p.aRowStride == 1 {
            run(p, reading: TransposedOperand.self, e)
        } else {
            run(p, reading: StridedOperand.self, e)
        }
    }

    /// ``run(_:)`` with `A` read through `A` (see ``TileOperand``) and the epilogue `e`.
    @inlinable @inline(__always)
    static func run<A: TileOperand, E: TileEpilogue>(_ p: MatrixProduct<Float>, reading: A.Type, _ e: E) {
        // With 8- or 16-lane vectors, a last block of 8 columns (columns ≡ 8 mod 16) goes to
        // the narrow pass; everything before it to the wide tiles.
        let tail = V.scalarCount >= 8 && p.columns % 16 == 8 ? 8 : 0
        let wide = p.columns - tail
        // `A · B` runs the whole depth in one pass (the layers' depths are ~100); `Aᵀ · B`
        // (depth = the batch) in blocks of `depthBlock`.
        let block = p.aColumnStride == 1 ? Swift.max(p.depth, 1) : depthBlock
        var k0 = 0
        repeat {
            let kc = Swift.min(block, p.depth - k0)
            let first = k0 == 0, last = k0 + kc == p.depth
            if wide > 0 { wideTiles(p, A.self, e, columns: wide, depthStart: k0, depthCount: kc, first: first, last: last) }
            if tail > 0 { narrowTiles(p, A.self, e, column: wide, depthStart: k0, depthCount: kc, first: first, last: last) }
            k0 += kc
        } while k0 < p.depth
    }

    /// Columns `0 ..< columns` (a multiple of `V.scalarCount`) of every row, depths `k0 ..< k0 + kc`:
    /// 6-row tiles of 2 vectors, then of 1 vector for a remaining single vector. Column tiles
    /// outside, row tiles inside, so that a block of `B` (depth × 2 vectors) stays in L1 while every
    /// row tile of `A` streams past it.
    @inlinable @inline(__always)
    static func wideTiles<A: TileOperand, E: TileEpilogue>(_ p: MatrixProduct<Float>, _: A.Type, _ e: E, columns: Int, depthStart k0: Int, depthCount kc: Int,
                          first: Bool, last: Bool) {
        let w = V.scalarCount
        var j = 0
        while j + 2 * w <= columns {
            for i in stride(from: 0, to: p.rows, by: 6) {
                Tile<V, M>.twoVectors(p, A.self, e, row: i, column: j, depthStart: k0, depthCount: kc, first: first, last: last)
            }
            j += 2 * w
        }
        if j < columns {
            for i in stride(from: 0, to: p.rows, by: 6) {
                Tile<V, M>.oneVector(p, A.self, e, row: i, column: j, depthStart: k0, depthCount: kc, first: first, last: last)
            }
        }
    }

    /// Columns `j ..< j + 8` of every row, depths `k0 ..< k0 + kc`: one 8-lane vector per row, so
    /// a 6-row tile would have six accumulators, too few to hide the multiply-add latency; 12-row
    /// tiles instead (twelve accumulators), and a 6-row tile for the remainder. This serves the
    /// layers of width 2 and 4 (padded to 8 columns) and the last 8 columns of a wide layer.
    @inlinable @inline(__always)
    static func narrowTiles<A: TileOperand, E: TileEpilogue>(_ p: MatrixProduct<Float>, _: A.Type, _ e: E, column j: Int, depthStart k0: Int, depthCount kc: Int,
                            first: Bool, last: Bool) {
        var i = 0
        while i + 12 <= p.rows {
            Tile<SIMD8<Float>, M>.twelveRows(p, A.self, e, row: i, column: j, depthStart: k0, depthCount: kc, first: first, last: last)
            i += 12
        }
        if i < p.rows {
            Tile<SIMD8<Float>, M>.oneVector(p, A.self, e, row: i, column: j, depthStart: k0, depthCount: kc, first: first, last: last)
        }
    }
}

/// The register tiles of ``RegisterTileKernel``: 6 rows × 1 or 2 vectors of `V`.
public enum Tile<V: KernelVector, M: MultiplyAdd> {
    @inlinable @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inlinable @inline(__always)
    static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, toByteOffset: 0, as: V.self)
    }

    /// Applies the epilogue `e` (when `last`) to the sums of row `i`, columns
    /// `j ..< j + V.scalarCount`, and stores them.
    @inlinable @inline(__always)
    static func emit<E: TileEpilogue>(_ v: V, _ p: MatrixProduct<Float>, _ e: E, _ i: Int, _ j: Int, last: Bool) {
        store(last ? e.apply(v, column: j, mask: mask(e, i, j)) : v, p.c + i * p.cRowStride + j)
    }

    /// The ReLU-mask epilogue's `H[i, j ..< j + V.scalarCount]` (zero for the other epilogues: the
    /// compiler removes the load). Reading it before the depth loop, to overlap a cache miss on `H`
    /// with the multiply-adds, measured no gain.
    @inlinable @inline(__always)
    static func mask<E: TileEpilogue>(_ e: E, _ i: Int, _ j: Int) -> V {
        guard let h = e.maskPointer(row: i, column: j) else { return V() }
        return load(h)
    }

    /// Rows `i ..< i + 6`, columns `j ..< j + 2 · V.scalarCount`.
    @inlinable @inline(__always)
    static func twoVectors<A: TileOperand, E: TileEpilogue>(_ p: MatrixProduct<Float>, _: A.Type, _ e: E, row i: Int, column j: Int, depthStart k0: Int,
                           depthCount kc: Int, first: Bool, last: Bool) {
        let w = V.scalarCount
        var c0 = V(), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0
        var d0 = c0, d1 = c0, d2 = c0, d3 = c0, d4 = c0, d5 = c0
        let ldc = p.cRowStride
        let cp = p.c + i * ldc + j
        if !first {
            c0 = load(cp); c1 = load(cp + ldc); c2 = load(cp + 2 * ldc)
            c3 = load(cp + 3 * ldc); c4 = load(cp + 4 * ldc); c5 = load(cp + 5 * ldc)
            d0 = load(cp + w); d1 = load(cp + ldc + w); d2 = load(cp + 2 * ldc + w)
            d3 = load(cp + 3 * ldc + w); d4 = load(cp + 4 * ldc + w); d5 = load(cp + 5 * ldc + w)
        }
        let ldb = p.bRowStride
        var a = A(p, row: i, depthStart: k0)
        var bp = p.b + k0 * ldb + j
        for _ in 0..<kc {
            let b0 = load(bp), b1 = load(bp + w)
            var s = V(repeating: a.entry(0)); M.accumulate(&c0, s, b0); M.accumulate(&d0, s, b1)
            s = V(repeating: a.entry(1)); M.accumulate(&c1, s, b0); M.accumulate(&d1, s, b1)
            s = V(repeating: a.entry(2)); M.accumulate(&c2, s, b0); M.accumulate(&d2, s, b1)
            s = V(repeating: a.entry(3)); M.accumulate(&c3, s, b0); M.accumulate(&d3, s, b1)
            s = V(repeating: a.entry(4)); M.accumulate(&c4, s, b0); M.accumulate(&d4, s, b1)
            s = V(repeating: a.entry(5)); M.accumulate(&c5, s, b0); M.accumulate(&d5, s, b1)
            a.advance()
            bp += ldb
        }
        emit(c0, p, e, i, j, last: last); emit(d0, p, e, i, j + w, last: last)
        emit(c1, p, e, i + 1, j, last: last); emit(d1, p, e, i + 1, j + w, last: last)
        emit(c2, p, e, i + 2, j, last: last); emit(d2, p, e, i + 2, j + w, last: last)
        emit(c3, p, e, i + 3, j, last: last); emit(d3, p, e, i + 3, j + w, last: last)
        emit(c4, p, e, i + 4, j, last: last); emit(d4, p, e, i + 4, j + w, last: last)
        emit(c5, p, e, i + 5, j, last: last); emit(d5, p, e, i + 5, j + w, last: last)
    }

    /// Rows `i ..< i + 12`, columns `j ..< j + V.scalarCount`.
    @inlinable @inline(__always)
    static func twelveRows<A: TileOperand, E: TileEpilogue>(_ p: MatrixProduct<Float>, _: A.Type, _ e: E, row i: Int, column j: Int, depthStart k0: Int,
                           depthCount kc: Int, first: Bool, last: Bool) {
        var c0 = V(), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0
        var c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0
        let ldc = p.cRowStride
        let cp = p.c + i * ldc + j
        if !first {
            c0 = load(cp); c1 = load(cp + ldc); c2 = load(cp + 2 * ldc); c3 = load(cp + 3 * ldc)
            c4 = load(cp + 4 * ldc); c5 = load(cp + 5 * ldc); c6 = load(cp + 6 * ldc); c7 = load(cp + 7 * ldc)
            c8 = load(cp + 8 * ldc); c9 = load(cp + 9 * ldc); c10 = load(cp + 10 * ldc); c11 = load(cp + 11 * ldc)
        }
        let ldb = p.bRowStride
        var a = A(p, row: i, depthStart: k0)
        var bp = p.b + k0 * ldb + j
        for _ in 0..<kc {
            let b0 = load(bp)
            M.accumulate(&c0, V(repeating: a.entry(0)), b0)
            M.accumulate(&c1, V(repeating: a.entry(1)), b0)
            M.accumulate(&c2, V(repeating: a.entry(2)), b0)
            M.accumulate(&c3, V(repeating: a.entry(3)), b0)
            M.accumulate(&c4, V(repeating: a.entry(4)), b0)
            M.accumulate(&c5, V(repeating: a.entry(5)), b0)
            M.accumulate(&c6, V(repeating: a.entry(6)), b0)
            M.accumulate(&c7, V(repeating: a.entry(7)), b0)
            M.accumulate(&c8, V(repeating: a.entry(8)), b0)
            M.accumulate(&c9, V(repeating: a.entry(9)), b0)
            M.accumulate(&c10, V(repeating: a.entry(10)), b0)
            M.accumulate(&c11, V(repeating: a.entry(11)), b0)
            a.advance()
            bp += ldb
        }
        emit(c0, p, e, i, j, last: last); emit(c1, p, e, i + 1, j, last: last)
        emit(c2, p, e, i + 2, j, last: last); emit(c3, p, e, i + 3, j, last: last)
        emit(c4, p, e, i + 4, j, last: last); emit(c5, p, e, i + 5, j, last: last)
        emit(c6, p, e, i + 6, j, last: last); emit(c7, p, e, i + 7, j, last: last)
        emit(c8, p, e, i + 8, j, last: last); emit(c9, p, e, i + 9, j, last: last)
        emit(c10, p, e, i + 10, j, last: last); emit(c11, p, e, i + 11, j, last: last)
    }

    /// Rows `i ..< i + 6`, columns `j ..< j + V.scalarCount`.
    @inlinable @inline(__always)
    static func oneVector<A: TileOperand, E: TileEpilogue>(_ p: MatrixProduct<Float>, _: A.Type, _ e: E, row i: Int, column j: Int, depthStart k0: Int,
                          depthCount kc: Int, first: Bool, last: Bool) {
        var c0 = V(), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0
        let ldc = p.cRowStride
        let cp = p.c + i * ldc + j
        if !first {
            c0 = load(cp); c1 = load(cp + ldc); c2 = load(cp + 2 * ldc)
            c3 = load(cp + 3 * ldc); c4 = load(cp + 4 * ldc); c5 = load(cp + 5 * ldc)
        }
        let ldb = p.bRowStride
        var a = A(p, row: i, depthStart: k0)
        var bp = p.b + k0 * ldb + j
        for _ in 0..<kc {
            let b0 = load(bp)
            M.accumulate(&c0, V(repeating: a.entry(0)), b0)
            M.accumulate(&c1, V(repeating: a.entry(1)), b0)
            M.accumulate(&c2, V(repeating: a.entry(2)), b0)
            M.accumulate(&c3, V(repeating: a.entry(3)), b0)
            M.accumulate(&c4, V(repeating: a.entry(4)), b0)
            M.accumulate(&c5, V(repeating: a.entry(5)), b0)
            a.advance()
            bp += ldb
        }
        emit(c0, p, e, i, j, last: last)
        emit(c1, p, e, i + 1, j, last: last)
        emit(c2, p, e, i + 2, j, last: last)
        emit(c3, p, e, i + 3, j, last: last)
        emit(c4, p, e, i + 4, j, last: last)
        emit(c5, p, e, i + 5, j, last: last)
    }
}
