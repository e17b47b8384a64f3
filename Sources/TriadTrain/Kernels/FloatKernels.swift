/// The Float kernel of ``MatrixProduct``: a register-blocked `6 × 16` tile (twelve `SIMD8<Float>`
/// accumulators; a `6 × 8` tile for the last eight columns), `A` broadcast one entry at a time,
/// `B` loaded eight lanes at a time, the epilogue applied in registers before the store.
///
/// - `A · B` (`aColumnStride == 1`): row tiles outside, column tiles inside, the whole depth in
///   one pass (the layers' depths are ~100).
/// - `Aᵀ · B` (weight gradients, depth = the batch): the depth is cut into blocks of
///   ``depthBlock`` so a tile's operands stay in L1; the partial sums go through `C` between
///   blocks, which changes nothing in the arithmetic (each lane's sum still runs in increasing
///   `k`, one multiply-add at a time).
///
/// Multiply-add: with the `TRIAD_FMA` compilation condition (set in `Package.swift` together
/// with `-target-cpu haswell`) the accumulation is a fused multiply-add (`addProduct`, one
/// `vfmadd` per eight lanes); without it, `c += a * b` (a multiply and an add: on a target
/// without FMA, `addProduct` would be a per-lane library call, ~100× slower).
/// Results are deterministic for a given build: no threads, a fixed order of operations.
enum FloatKernels {
    /// Depth of a block of the `Aᵀ · B` path.
    static let depthBlock = 32

    typealias Vector = SIMD8<Float>
    typealias Epilogue = MatrixProduct<Float>.Epilogue

    static func run(_ p: MatrixProduct<Float>) {
        if p.rows == 0 || p.columns == 0 { return }
        if p.aColumnStride == 1 || p.depth <= depthBlock {
            for i in stride(from: 0, to: p.rows, by: 6) {
                var j = 0
                while j + 16 <= p.columns {
                    tile16(p, row: i, column: j, depthStart: 0, depthCount: p.depth, first: true, last: true)
                    j += 16
                }
                if j < p.columns {
                    tile8(p, row: i, column: j, depthStart: 0, depthCount: p.depth, first: true, last: true)
                }
            }
        } else {
            var k0 = 0
            while k0 < p.depth {
                let kc = Swift.min(depthBlock, p.depth - k0)
                let first = k0 == 0, last = k0 + kc == p.depth
                var j = 0
                while j + 16 <= p.columns {
                    for i in stride(from: 0, to: p.rows, by: 6) {
                        tile16(p, row: i, column: j, depthStart: k0, depthCount: kc, first: first, last: last)
                    }
                    j += 16
                }
                if j < p.columns {
                    for i in stride(from: 0, to: p.rows, by: 6) {
                        tile8(p, row: i, column: j, depthStart: k0, depthCount: kc, first: first, last: last)
                    }
                }
                k0 += kc
            }
        }
    }

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
    }

    @inline(__always) static func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
    }

    /// `c += a * b`, fused when the build targets FMA (see the type's documentation).
    @inline(__always) static func multiplyAdd(_ c: inout Vector, _ a: Vector, _ b: Vector) {
        #if TRIAD_FMA
        c.addProduct(a, b)
        #else
        c += a * b
        #endif
    }

    /// Applies the epilogue to the sums of row `i`, columns `j ..< j + 8`, and stores them.
    @inline(__always) static func emit(_ v: Vector, _ p: MatrixProduct<Float>, _ i: Int, _ j: Int, last: Bool) {
        var out = v
        if last {
            switch p.epilogue {
            case .none: break
            case .bias(let bias): out += load(bias + j)
            case .biasReLU(let bias):
                out += load(bias + j)
                out.replace(with: 0, where: out .< 0)
            case .reluMask(let h, let stride): out.replace(with: 0, where: load(h + i * stride + j) .<= 0)
            }
        }
        store(out, p.c + i * p.cRowStride + j)
    }

    @inline(__always)
    static func tile16(_ p: MatrixProduct<Float>, row i: Int, column j: Int, depthStart k0: Int, depthCount kc: Int,
                       first: Bool, last: Bool) {
        var c0 = Vector(), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0
        var d0 = c0, d1 = c0, d2 = c0, d3 = c0, d4 = c0, d5 = c0
        let ldc = p.cRowStride
        let cp = p.c + i * ldc + j
        if !first {
            c0 = load(cp); c1 = load(cp + ldc); c2 = load(cp + 2 * ldc)
            c3 = load(cp + 3 * ldc); c4 = load(cp + 4 * ldc); c5 = load(cp + 5 * ldc)
            d0 = load(cp + 8); d1 = load(cp + ldc + 8); d2 = load(cp + 2 * ldc + 8)
            d3 = load(cp + 3 * ldc + 8); d4 = load(cp + 4 * ldc + 8); d5 = load(cp + 5 * ldc + 8)
        }
        let ar = p.aRowStride, ac = p.aColumnStride, ldb = p.bRowStride
        var ap = p.a + i * ar + k0 * ac
        var bp = p.b + k0 * ldb + j
        for _ in 0..<kc {
            let b0 = load(bp), b1 = load(bp + 8)
            var s = Vector(repeating: ap[0]); multiplyAdd(&c0, s, b0); multiplyAdd(&d0, s, b1)
            s = Vector(repeating: ap[ar]); multiplyAdd(&c1, s, b0); multiplyAdd(&d1, s, b1)
            s = Vector(repeating: ap[2 * ar]); multiplyAdd(&c2, s, b0); multiplyAdd(&d2, s, b1)
            s = Vector(repeating: ap[3 * ar]); multiplyAdd(&c3, s, b0); multiplyAdd(&d3, s, b1)
            s = Vector(repeating: ap[4 * ar]); multiplyAdd(&c4, s, b0); multiplyAdd(&d4, s, b1)
            s = Vector(repeating: ap[5 * ar]); multiplyAdd(&c5, s, b0); multiplyAdd(&d5, s, b1)
            ap += ac
            bp += ldb
        }
        emit(c0, p, i, j, last: last); emit(d0, p, i, j + 8, last: last)
        emit(c1, p, i + 1, j, last: last); emit(d1, p, i + 1, j + 8, last: last)
        emit(c2, p, i + 2, j, last: last); emit(d2, p, i + 2, j + 8, last: last)
        emit(c3, p, i + 3, j, last: last); emit(d3, p, i + 3, j + 8, last: last)
        emit(c4, p, i + 4, j, last: last); emit(d4, p, i + 4, j + 8, last: last)
        emit(c5, p, i + 5, j, last: last); emit(d5, p, i + 5, j + 8, last: last)
    }

    @inline(__always)
    static func tile8(_ p: MatrixProduct<Float>, row i: Int, column j: Int, depthStart k0: Int, depthCount kc: Int,
                      first: Bool, last: Bool) {
        var c0 = Vector(), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0
        let ldc = p.cRowStride
        let cp = p.c + i * ldc + j
        if !first {
            c0 = load(cp); c1 = load(cp + ldc); c2 = load(cp + 2 * ldc)
            c3 = load(cp + 3 * ldc); c4 = load(cp + 4 * ldc); c5 = load(cp + 5 * ldc)
        }
        let ar = p.aRowStride, ac = p.aColumnStride, ldb = p.bRowStride
        var ap = p.a + i * ar + k0 * ac
        var bp = p.b + k0 * ldb + j
        for _ in 0..<kc {
            let b0 = load(bp)
            multiplyAdd(&c0, Vector(repeating: ap[0]), b0)
            multiplyAdd(&c1, Vector(repeating: ap[ar]), b0)
            multiplyAdd(&c2, Vector(repeating: ap[2 * ar]), b0)
            multiplyAdd(&c3, Vector(repeating: ap[3 * ar]), b0)
            multiplyAdd(&c4, Vector(repeating: ap[4 * ar]), b0)
            multiplyAdd(&c5, Vector(repeating: ap[5 * ar]), b0)
            ap += ac
            bp += ldb
        }
        emit(c0, p, i, j, last: last)
        emit(c1, p, i + 1, j, last: last)
        emit(c2, p, i + 2, j, last: last)
        emit(c3, p, i + 3, j, last: last)
        emit(c4, p, i + 4, j, last: last)
        emit(c5, p, i + 5, j, last: last)
    }
}
