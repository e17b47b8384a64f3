import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

/// The Float kernel against the reference (plain loops in Double on the same Float inputs).
@Suite("Kernels")
struct KernelTests {
    /// One product of random Float operands, run by ``FloatKernels`` and by ``ReferenceKernels``
    /// in Double. Tolerance: each sum has `depth` products of magnitude <= 1 (plus a bias <= 1),
    /// accumulated in Float with or without fused multiply-add; every partial sum is at most
    /// `depth + 1`, so the worst-case error is `(depth + 1)² · 2^-24`, which is below the stated
    /// absolute tolerance `1e-5 · depth` for every depth used here (<= 150); relative `1e-5`.
    func check(rows: Int, columns: Int, depth: Int, transposedA: Bool, epilogue: Int, random: inout TriadRandom) {
        let aCount = rows * depth + 8, bStride = columns + 8, cStride = columns + 16
        let a = (0..<aCount).map { _ in Float(random.uniform(-1, 1)) }
        let b = (0..<(depth * bStride)).map { _ in Float(random.uniform(-1, 1)) }
        let bias = (0..<columns).map { _ in Float(random.uniform(-1, 1)) }
        let h = (0..<(rows * cStride)).map { _ in Float(random.uniform(-1, 1)) }
        var cFloat = [Float](repeating: .nan, count: rows * cStride)
        var cDouble = [Double](repeating: .nan, count: rows * cStride)
        let ad = a.map(Double.init), bd = b.map(Double.init), biasd = bias.map(Double.init), hd = h.map(Double.init)
        let (ar, ac) = transposedA ? (1, rows) : (depth, 1)
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in bias.withUnsafeBufferPointer { bias in
            h.withUnsafeBufferPointer { h in cFloat.withUnsafeMutableBufferPointer { c in
                let e: MatrixProduct<Float>.Epilogue = switch epilogue {
                case 1: .bias(bias.baseAddress!)
                case 2: .biasReLU(bias.baseAddress!)
                case 3: .reluMask(h.baseAddress!, stride: cStride)
                default: .none
                }
                MatrixProduct(rows: rows, columns: columns, depth: depth, a: a.baseAddress!, aRowStride: ar,
                              aColumnStride: ac, b: b.baseAddress!, bRowStride: bStride, c: c.baseAddress!,
                              cRowStride: cStride, epilogue: e).run()
            }}}}}
        ad.withUnsafeBufferPointer { a in bd.withUnsafeBufferPointer { b in biasd.withUnsafeBufferPointer { bias in
            hd.withUnsafeBufferPointer { h in cDouble.withUnsafeMutableBufferPointer { c in
                let e: MatrixProduct<Double>.Epilogue = switch epilogue {
                case 1: .bias(bias.baseAddress!)
                case 2: .biasReLU(bias.baseAddress!)
                case 3: .reluMask(h.baseAddress!, stride: cStride)
                default: .none
                }
                ReferenceKernels.run(MatrixProduct(rows: rows, columns: columns, depth: depth, a: a.baseAddress!,
                                                   aRowStride: ar, aColumnStride: ac, b: b.baseAddress!,
                                                   bRowStride: bStride, c: c.baseAddress!, cRowStride: cStride,
                                                   epilogue: e))
            }}}}}
        var worst = 0.0
        for i in 0..<rows {
            for j in 0..<columns {
                let got = Double(cFloat[i * cStride + j]), want = cDouble[i * cStride + j]
                worst = max(worst, abs(got - want))
                #expect(isClose(got, want, absolute: 1e-5 * Double(max(depth, 1)), relative: 1e-5),
                        "C[\(i), \(j)] = \(got), reference \(want) (\(rows)x\(columns)x\(depth), Aᵀ \(transposedA), epilogue \(epilogue))")
            }
            // Columns past `columns` are never written.
            for j in columns..<cStride { #expect(cFloat[i * cStride + j].isNaN) }
        }
    }

    @Test("Float kernel equals the reference product: A·B, Aᵀ·B (blocked depth), every epilogue, edge tiles")
    func floatKernelMatchesReference() {
        var random = TestSeed.generator("Kernels/floatKernelMatchesReference", default: 11)
        for (rows, columns, depth) in [(6, 8, 1), (6, 16, 3), (12, 24, 7), (18, 104, 100), (6, 8, 0), (102, 104, 150)] {
            for transposed in [false, true] {
                for epilogue in 0...3 {
                    check(rows: rows, columns: columns, depth: depth, transposedA: transposed, epilogue: epilogue,
                          random: &random)
                }
            }
        }
    }

    @Test("Blocking the depth does not change a single bit: Aᵀ·B with depth 150 equals the sum of its 64-blocks")
    func depthBlockingIsExact() {
        var random = TestSeed.generator("Kernels/depthBlockingIsExact", default: 12)
        let rows = 6, columns = 16, depth = 150
        let a = (0..<(rows * depth)).map { _ in Float(random.uniform(-1, 1)) }
        let b = (0..<(depth * columns)).map { _ in Float(random.uniform(-1, 1)) }
        var blocked = [Float](repeating: 0, count: rows * columns)
        var single = blocked
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in
            blocked.withUnsafeMutableBufferPointer { c in
                // Aᵀ·B: depth > depthBlock takes the blocked path.
                MatrixProduct(rows: rows, columns: columns, depth: depth, a: a.baseAddress!, aRowStride: 1,
                              aColumnStride: rows, b: b.baseAddress!, bRowStride: columns, c: c.baseAddress!,
                              cRowStride: columns).run()
            }
            // The same sums as A·B on the explicit transpose: one pass over the whole depth.
            var at = [Float](repeating: 0, count: rows * depth)
            for k in 0..<depth { for i in 0..<rows { at[i * depth + k] = a[k * rows + i] } }
            at.withUnsafeBufferPointer { at in single.withUnsafeMutableBufferPointer { c in
                MatrixProduct(rows: rows, columns: columns, depth: depth, a: at.baseAddress!, aRowStride: depth,
                              aColumnStride: 1, b: b.baseAddress!, bRowStride: columns, c: c.baseAddress!,
                              cRowStride: columns).run()
            }}
        }}
        #expect(FloatKernels.depthBlock < depth)
        #expect(blocked == single)
    }
}
