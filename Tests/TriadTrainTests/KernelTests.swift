import Testing
import TriadCore
import TriadKernels
import TriadTestSupport
@testable import TriadTrain

/// The Float kernels of every vector unit this CPU has against the reference (plain loops in
/// Double on the same Float inputs), and against each other.
@Suite("Kernels")
struct KernelTests {
    /// The units this machine can run (`portable` always; the AVX units where the CPU has them).
    static let units = KernelISA.allCases.filter(\.isSupported)

    /// One product of random Float operands, run by `isa`'s kernel and by ``ReferenceKernels``
    /// in Double. Tolerance: each sum has `depth` products of magnitude <= 1 (plus a bias <= 1),
    /// accumulated in Float with or without fused multiply-add; every partial sum is at most
    /// `depth + 1`, so the worst-case error is `(depth + 1)² · 2^-24`, which is below the stated
    /// absolute tolerance `1e-5 · depth` for every depth used here (<= 150); relative `1e-5`.
    func check(_ isa: KernelISA, rows: Int, columns: Int, depth: Int, transposedA: Bool, epilogue: Int,
               random: inout TriadRandom) {
        // Strides wider than the product, so that the columns past `columns` must stay untouched.
        let operands = ProductOperands(rows: rows, columns: columns, depth: depth, transposedA: transposedA,
                                       bStride: columns + 8, cStride: columns + 16, random: &random)
        let cStride = operands.cStride
        let cFloat: [Float] = operands.product(epilogue: epilogue) { Float.runProduct($0, on: isa) }
        let cDouble: [Double] = operands.product(epilogue: epilogue) { ReferenceKernels.run($0) }
        var worst = 0.0
        for i in 0..<rows {
            for j in 0..<columns {
                let got = Double(cFloat[i * cStride + j]), want = cDouble[i * cStride + j]
                worst = max(worst, abs(got - want))
                #expect(isClose(got, want, absolute: 1e-5 * Double(max(depth, 1)), relative: 1e-5),
                        "\(isa): C[\(i), \(j)] = \(got), reference \(want) (\(rows)x\(columns)x\(depth), Aᵀ \(transposedA), epilogue \(epilogue))")
            }
            // Columns past `columns` are never written.
            for j in columns..<cStride { #expect(cFloat[i * cStride + j].isNaN) }
        }
    }

    @Test("Every unit's Float kernel equals the reference product: A·B, Aᵀ·B (blocked depth), every epilogue, every tile width",
          arguments: KernelTests.units)
    func floatKernelMatchesReference(isa: KernelISA) {
        var random = TestSeed.generator("Kernels/floatKernelMatchesReference", default: 11)
        // Column counts reach every tile of every unit: 2-vector tiles, a 1-vector tile, and
        // the 8-column rest of the 16-lane unit (8, 24, 40, 104 = 3·32 + 8, 112 = 3·32 + 16).
        for (rows, columns, depth) in [(6, 8, 1), (6, 16, 3), (12, 24, 7), (6, 40, 5), (18, 104, 100), (6, 8, 0),
                                       (102, 104, 150), (12, 112, 33)] {
            for transposed in [false, true] {
                for epilogue in 0...3 {
                    check(isa, rows: rows, columns: columns, depth: depth, transposedA: transposed, epilogue: epilogue,
                          random: &random)
                }
            }
        }
    }

    /// The product of random operands on `isa`, `C` initialised to NaN.
    func product(_ isa: KernelISA, rows: Int, columns: Int, depth: Int, transposedA: Bool, epilogue: Int,
                 seed: UInt64) -> [Float] {
        var random = TriadRandom(seed: seed)
        let operands = ProductOperands(rows: rows, columns: columns, depth: depth, transposedA: transposedA,
                                       bStride: columns, cStride: columns, random: &random)
        return operands.product(epilogue: epilogue) { Float.runProduct($0, on: isa) }
    }

    @Test("The AVX-512 and AVX2 kernels agree bit for bit (same fused sums in the same order), every shape and epilogue",
          .enabled(if: KernelISA.avx512.isSupported && KernelISA.avx2.isSupported,
                   "needs a CPU with AVX-512 (this one has \(KernelISA.widest))"))
    func fusedUnitsAreBitIdentical() {
        let seed = TestSeed.seed(13)
        print("[Kernels/fusedUnitsAreBitIdentical] seed \(seed) — replay: TRIAD_SEED=\(seed) swift test --filter fusedUnitsAreBitIdentical")
        for (rows, columns, depth) in [(6, 8, 1), (12, 24, 7), (6, 40, 100), (102, 104, 150), (18, 112, 1200)] {
            for transposed in [false, true] {
                for epilogue in 0...3 {
                    let wide = product(.avx512, rows: rows, columns: columns, depth: depth, transposedA: transposed,
                                       epilogue: epilogue, seed: seed)
                    let narrow = product(.avx2, rows: rows, columns: columns, depth: depth, transposedA: transposed,
                                         epilogue: epilogue, seed: seed)
                    let differing = zip(wide, narrow).filter { $0.bitPattern != $1.bitPattern }.count
                    #expect(differing == 0, "\(differing) of \(wide.count) entries differ: \(rows)x\(columns)x\(depth), Aᵀ \(transposed), epilogue \(epilogue) (seed \(seed))")
                }
            }
        }
    }

    @Test("The backbone's first weight gradient, computed transposed, equals the direct product g1ᵀ·a0 bit for bit on every unit",
          arguments: KernelTests.units)
    func transposedWeightGradientIsExact(isa: KernelISA) throws {
        var random = TestSeed.generator("Kernels/transposedWeightGradientIsExact", default: 15)
        let widths = [2, 100, 100, 2], n = 1200
        let workspace = MLPWorkspace<Float>(widths: widths, kernels: ProductKernels(isa: isa))
        #expect(workspace.weightGradientIsTransposed == [false, true, false, false])
        let layers = (1..<widths.count).map { l in
            MLP<Float>.Layer(weight: Matrix(rows: widths[l], columns: widths[l - 1],
                                                storage: (0..<(widths[l] * widths[l - 1])).map { _ in Float(random.uniform(-0.3, 0.3)) }),
                                 bias: (0..<widths[l]).map { _ in Float(random.uniform(-0.1, 0.1)) })
        }
        workspace.load(try MLP(layers: layers))
        let x = workspace.prepareInput(rows: n)
        for i in 0..<n { for d in 0..<2 { x[i * workspace.strides[0] + d] = Float(random.uniform(-2, 2)) } }
        workspace.forward()
        let g = workspace.prepareOutputGradient()
        for i in 0..<n { for o in 0..<2 { g[i * workspace.strides[3] + o] = Float(random.uniform(-1, 1)) } }
        workspace.backward(parameters: true, input: false)
        let got = workspace.layerGradients()[0]
        // The direct product, as the other layers compute theirs.
        let (s0, s1) = (workspace.strides[0], workspace.strides[1])
        var direct = [Float](repeating: .nan, count: 102 * s0)
        direct.withUnsafeMutableBufferPointer { c in
            Float.runProduct(MatrixProduct(rows: 102, columns: s0, depth: workspace.paddedRows,
                                           a: workspace.gradients[1].pointer, aRowStride: 1, aColumnStride: s1,
                                           b: workspace.activations[0].pointer, bRowStride: s0,
                                           c: c.baseAddress!, cRowStride: s0), on: isa)
        }
        for o in 0..<100 {
            for j in 0..<2 {
                #expect(got.weight[o, j].bitPattern == direct[o * s0 + j].bitPattern, "\(isa): dW1[\(o), \(j)]")
            }
            #expect(got.bias[o].bitPattern == direct[o * s0 + 2].bitPattern, "\(isa): db1[\(o)]")
        }
    }

    @Test("The portable kernel rounds each multiply and add separately on x86-64: it differs from the fused units in the last bits",
          .enabled(if: KernelISA.avx2.isSupported, "needs a CPU with AVX2"))
    func portableKernelIsNotFused() {
        // A check that the units really are what KernelISA says (not, say, one kernel behind
        // three names): over a depth of 100 some sums must differ in their last bits.
        let seed = TestSeed.seed(14)
        print("[Kernels/portableKernelIsNotFused] seed \(seed) — replay: TRIAD_SEED=\(seed) swift test --filter portableKernelIsNotFused")
        let fused = product(.avx2, rows: 12, columns: 24, depth: 100, transposedA: false, epilogue: 0, seed: seed)
        let separate = product(.portable, rows: 12, columns: 24, depth: 100, transposedA: false, epilogue: 0, seed: seed)
        #if arch(x86_64)
        #expect(zip(fused, separate).contains { $0.bitPattern != $1.bitPattern }, "seed \(seed)")
        #endif
    }

    @Test("Blocking the depth does not change a single bit: Aᵀ·B with depth 150 equals A·B on the transpose",
          arguments: KernelTests.units)
    func depthBlockingIsExact(isa: KernelISA) {
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
                              cRowStride: columns).run(on: isa)
            }
            // The same sums as A·B on the explicit transpose: one pass over the whole depth.
            var at = [Float](repeating: 0, count: rows * depth)
            for k in 0..<depth { for i in 0..<rows { at[i * depth + k] = a[k * rows + i] } }
            at.withUnsafeBufferPointer { at in single.withUnsafeMutableBufferPointer { c in
                MatrixProduct(rows: rows, columns: columns, depth: depth, a: at.baseAddress!, aRowStride: depth,
                              aColumnStride: 1, b: b.baseAddress!, bRowStride: columns, c: c.baseAddress!,
                              cRowStride: columns).run(on: isa)
            }}
        }}
        #expect(RegisterTileKernel<SIMD8<Float>, NamingOnly>.depthBlock < depth)
        #expect(blocked == single)
    }
}

/// Random operands of one product (entries uniform in [-1, 1], drawn in Float), laid out with the
/// given strides: `A` (`rows × depth`, or its transpose), `B` (`depth × bStride`), a bias, and a
/// ReLU-mask source `H` (`rows × cStride`).
struct ProductOperands {
    let rows: Int, columns: Int, depth: Int, transposedA: Bool, bStride: Int, cStride: Int
    let a: [Float], b: [Float], bias: [Float], h: [Float]

    init(rows: Int, columns: Int, depth: Int, transposedA: Bool, bStride: Int, cStride: Int,
         random: inout TriadRandom) {
        (self.rows, self.columns, self.depth, self.transposedA) = (rows, columns, depth, transposedA)
        (self.bStride, self.cStride) = (bStride, cStride)
        a = (0..<(rows * depth)).map { _ in Float(random.uniform(-1, 1)) }
        b = (0..<(depth * bStride)).map { _ in Float(random.uniform(-1, 1)) }
        bias = (0..<columns).map { _ in Float(random.uniform(-1, 1)) }
        h = (0..<(rows * cStride)).map { _ in Float(random.uniform(-1, 1)) }
    }

    /// `C` (`rows × cStride`, NaN where not written) computed by `kernel` in `T` on these operands
    /// with epilogue 0 none, 1 bias, 2 bias + ReLU, 3 ReLU mask of `H`.
    func product<T: BinaryFloatingPoint>(epilogue: Int, kernel: (MatrixProduct<T>) -> Void) -> [T] {
        let a = self.a.map { T($0) }, b = self.b.map { T($0) }, bias = self.bias.map { T($0) }, h = self.h.map { T($0) }
        var c = [T](repeating: .nan, count: rows * cStride)
        let (ar, ac) = transposedA ? (1, rows) : (depth, 1)
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in bias.withUnsafeBufferPointer { bias in
            h.withUnsafeBufferPointer { h in c.withUnsafeMutableBufferPointer { c in
                let e: MatrixProduct<T>.Epilogue = switch epilogue {
                case 1: .bias(bias.baseAddress!)
                case 2: .biasReLU(bias.baseAddress!)
                case 3: .reluMask(h.baseAddress!, stride: cStride)
                default: .none
                }
                kernel(MatrixProduct(rows: rows, columns: columns, depth: depth, a: a.baseAddress!, aRowStride: ar,
                                     aColumnStride: ac, b: b.baseAddress!, bRowStride: bStride, c: c.baseAddress!,
                                     cRowStride: cStride, epilogue: e))
            }}}}}
        return c
    }
}

extension MatrixProduct where T == Float {
    /// Runs the product on `isa` (the tests' entry point to one unit).
    func run(on isa: KernelISA) { Float.runProduct(self, on: isa) }
}

/// A ``MultiplyAdd`` for naming a kernel instantiation's constants in the tests (never run).
enum NamingOnly: MultiplyAdd {
    static func accumulate<V: SIMD>(_ c: inout V, _ a: V, _ b: V) where V.Scalar: BinaryFloatingPoint { c += a * b }
}
