import TriadCore
import TriadKernels

/// The buffers and passes of one ``MLP`` on a batch: forward with cached activations, and the
/// hand-derived backward giving the parameter gradients and the input gradient.
///
/// Layout (what lets every pass be one ``MatrixProduct``): activations are row-major, one sample
/// per row; rows are padded to a multiple of 6 and columns to a stride `P_l` (at least
/// `width_l + 1` and `roundUp(width_l, 6)`; 8 when that fits, else a multiple of 8 — 104 for the
/// 100-wide layers — except on the AVX2 unit, whose 16-column tiles leave an 8-column rest that
/// costs more than 8 padded columns: a multiple of 16 there, 112. Measured on AMD Zen 4 for the
/// 1200 × 100 × 100 product: AVX-512 226 µs at 104 against 235 µs at 112; AVX2 244 µs at 104
/// against 239 µs at 112). The padding changes no real entry: each is the same sum over the same
/// depth, so the units stay bit-identical. Padding entries are zero, except column
/// `width_l` of every layer input, which holds the constant 1 so that one product yields the
/// weights' gradient and the bias gradient together.
///
/// With `a_0 = x`, `z_l = a_{l-1} W_lᵀ + b_l`, `a_l = relu(z_l)` (`l < L`), `a_L = z_L`, and the
/// output gradient `g_L = ∂L/∂z_L`:
///
///     ∂L/∂W_l = g_lᵀ a_{l-1},   ∂L/∂b_l = Σ_rows g_l,       (one Aᵀ·B product with the 1-column)
///     g_{l-1} = (g_l W_l) ⊙ [a_{l-1} > 0]  (l > 1),   ∂L/∂x = g_1 W_1.
///
/// Padded rows carry zero output gradient, so they add nothing to the sums over the batch.
final class MLPWorkspace<T: TrainScalar> {
    /// `[in, h_1, ..., out]`.
    let widths: [Int]
    /// Column stride of each activation buffer.
    let strides: [Int]
    /// Rows of the current batch and the padded row count (a multiple of 6).
    private(set) var rows = 0
    private(set) var paddedRows = 0

    /// `a_l`, `paddedRows × strides[l]`.
    let activations: [KernelBuffer<T>]
    /// `g_l` (`∂L/∂z_l` for `l >= 1`; `∂L/∂x` for `l = 0`), `paddedRows × strides[l]`.
    let gradients: [KernelBuffer<T>]
    /// Forward operand of layer `l`: `W_lᵀ`, `in_l × strides[l]`, zero padded.
    let forwardWeights: [KernelBuffer<T>]
    /// Backward operand of layer `l`: `W_l`, `out_l × strides[l-1]`, zero padded.
    let backwardWeights: [KernelBuffer<T>]
    /// `b_l`, `strides[l]`, zero padded.
    let biases: [KernelBuffer<T>]
    /// `[∂L/∂W_l | ∂L/∂b_l]`, `roundUp(out_l, 6) × strides[l-1]`.
    let weightGradients: [KernelBuffer<T>]
    /// For the layers whose weight gradient is computed transposed (``computesTransposedWeightGradient(widths:strides:layer:)``):
    /// `[∂L/∂W_l | ∂L/∂b_l]ᵀ`, `roundUp(in_l + 1, 6) × strides[l]`; empty otherwise.
    let transposedWeightGradients: [KernelBuffer<T>]
    /// ``computesTransposedWeightGradient(widths:strides:layer:)`` per layer (`false` at 0).
    let weightGradientIsTransposed: [Bool]

    /// The column stride used for a width on a unit (see the type's documentation).
    static func columnStride(for width: Int, on isa: KernelISA) -> Int {
        let need = Swift.max(width + 1, roundUp(width, 6))
        return need <= 8 ? 8 : roundUp(need, isa == .avx2 ? 16 : 8)
    }

    @inlinable static func roundUp(_ n: Int, _ m: Int) -> Int { (n + m - 1) / m * m }

    /// Where the products run (vector unit, optional second thread: results do not depend on it).
    let kernels: ProductKernels

    /// A workspace for MLPs of the given widths (`[in, h_1, ..., out]`, at least two entries),
    /// its products running on `kernels`.
    init(widths: [Int], kernels: ProductKernels = ProductKernels()) {
        self.kernels = kernels
        triadPrecondition(widths.count >= 2 && widths.allSatisfy { $0 >= 1 }, "MLP widths", widths,
                          "must have >= 2 entries, each >= 1")
        self.widths = widths
        let strides = widths.map { Self.columnStride(for: $0, on: kernels.isa) }
        self.strides = strides
        let L = widths.count - 1
        activations = strides.map { _ in KernelBuffer(capacity: 0) }
        gradients = strides.map { _ in KernelBuffer(capacity: 0) }
        forwardWeights = (0...L).map { l in
            KernelBuffer(capacity: l == 0 ? 0 : widths[l - 1] * strides[l])
        }
        backwardWeights = (0...L).map { l in
            KernelBuffer(capacity: l == 0 ? 0 : widths[l] * strides[l - 1])
        }
        biases = (0...L).map { l in KernelBuffer(capacity: l == 0 ? 0 : strides[l]) }
        weightGradients = (0...L).map { l in
            KernelBuffer(capacity: l == 0 ? 0 : Self.roundUp(widths[l], 6) * strides[l - 1])
        }
        let transposed = (0...L).map { l in
            l > 0 && Self.computesTransposedWeightGradient(widths: widths, strides: strides, layer: l)
        }
        weightGradientIsTransposed = transposed
        transposedWeightGradients = (0...L).map { l in
            KernelBuffer(capacity: transposed[l] ? Self.roundUp(widths[l - 1] + 1, 6) * strides[l] : 0)
        }
    }

    /// Whether layer `l`'s weight gradient is computed as its transpose, `a_{l-1}ᵀ g_l`
    /// (`roundUp(in + 1, 6) × strides[l]`), and then copied into place: when the layer's input fits
    /// one 8-column block and its output is wide (the backbone's first layer, 2 → 100), the
    /// direct `g_lᵀ a_{l-1}` is a 102-row, 8-column product of which 3 columns are wanted, the
    /// transposed one 6 rows of 104 columns (measured on AMD Zen 4: 27 µs against 15 µs at 1200 rows).
    /// Same sums in the same order (`a · g` and `g · a` are the same fused multiply-add), so the
    /// same bits.
    static func computesTransposedWeightGradient(widths: [Int], strides: [Int], layer l: Int) -> Bool {
        strides[l - 1] == 8 && roundUp(widths[l - 1] + 1, 6) < roundUp(widths[l], 6)
    }

    var layerCount: Int { widths.count - 1 }

    /// Copies the parameters of `mlp` into the kernels' operand layouts.
    func load(_ mlp: MLP<T>) {
        triadPrecondition(mlp.widths == widths, "MLP widths", mlp.widths, "must equal the workspace widths \(widths)")
        for l in 1...layerCount {
            let layer = mlp.layers[l - 1]
            let nIn = widths[l - 1], nOut = widths[l]
            let fw = forwardWeights[l].pointer, bw = backwardWeights[l].pointer, bias = biases[l].pointer
            let sOut = strides[l], sIn = strides[l - 1]
            layer.weight.storage.withUnsafeBufferPointer { w in
                for o in 0..<nOut {
                    for j in 0..<nIn {
                        let v = w[o * nIn + j]
                        fw[j * sOut + o] = v
                        bw[o * sIn + j] = v
                    }
                }
            }
            for o in 0..<nOut { bias[o] = layer.bias[o] }
        }
    }

    /// Prepares the buffers for a batch of `rows` samples and returns the input buffer
    /// (`paddedRows × strides[0]`) with every entry zero except the 1-column of the real rows.
    /// The caller writes sample `i`'s coordinates at `[i * strides[0] ..< i * strides[0] + in]`.
    func prepareInput(rows n: Int) -> UnsafeMutablePointer<T> {
        triadPrecondition(n >= 0, "batch rows", n, "must be >= 0")
        rows = n
        paddedRows = Self.roundUp(Swift.max(n, 1), 6)
        for l in 0...layerCount {
            activations[l].reserve(paddedRows * strides[l])
            gradients[l].reserve(paddedRows * strides[l])
        }
        let x = activations[0].pointer, s = strides[0], d = widths[0]
        x.update(repeating: T.zero, count: paddedRows * s)
        for i in 0..<n { x[i * s + d] = T.one }
        return x
    }

    /// The forward pass over the prepared input; returns the output buffer
    /// (`paddedRows × strides[L]`, sample `i`'s outputs at `[i * strides[L] ..< ... + out]`).
    @discardableResult
    func forward() -> UnsafeMutablePointer<T> {
        let L = layerCount
        for l in 1...L {
            let bias = UnsafePointer(biases[l].pointer)
            kernels.run(MatrixProduct(rows: paddedRows, columns: strides[l], depth: widths[l - 1],
                          a: activations[l - 1].pointer, aRowStride: strides[l - 1], aColumnStride: 1,
                          b: forwardWeights[l].pointer, bRowStride: strides[l],
                          c: activations[l].pointer, cRowStride: strides[l],
                          epilogue: l < L ? .biasReLU(bias) : .bias(bias)))
            if l < L {
                let a = activations[l].pointer, s = strides[l], w = widths[l]
                for i in 0..<rows { a[i * s + w] = T.one }
            }
        }
        return activations[L].pointer
    }

    /// The output-gradient buffer `g_L` (`paddedRows × strides[L]`), zeroed; the caller writes
    /// `∂L/∂output` of the real rows before calling ``backward(parameters:input:)``.
    func prepareOutputGradient() -> UnsafeMutablePointer<T> {
        let L = layerCount
        let g = gradients[L].pointer
        g.update(repeating: T.zero, count: paddedRows * strides[L])
        return g
    }

    /// The backward pass from the output gradient. With `parameters`, fills the weight and bias
    /// gradients (read them with ``layerGradients()``); with `input`, returns `∂L/∂x`
    /// (`paddedRows × strides[0]`).
    @discardableResult
    func backward(parameters: Bool, input: Bool) -> UnsafeMutablePointer<T>? {
        let L = layerCount
        for l in stride(from: L, through: 1, by: -1) {
            if parameters && weightGradientIsTransposed[l] {
                let t = transposedWeightGradients[l].pointer, sIn = strides[l - 1], sOut = strides[l]
                kernels.run(MatrixProduct(rows: Self.roundUp(widths[l - 1] + 1, 6), columns: sOut, depth: paddedRows,
                              a: activations[l - 1].pointer, aRowStride: 1, aColumnStride: sIn,
                              b: gradients[l].pointer, bRowStride: sOut,
                              c: t, cRowStride: sOut))
                let g = weightGradients[l].pointer
                for o in 0..<widths[l] {
                    for j in 0...widths[l - 1] { g[o * sIn + j] = t[j * sOut + o] }
                }
            } else if parameters {
                kernels.run(MatrixProduct(rows: Self.roundUp(widths[l], 6), columns: strides[l - 1], depth: paddedRows,
                              a: gradients[l].pointer, aRowStride: 1, aColumnStride: strides[l],
                              b: activations[l - 1].pointer, bRowStride: strides[l - 1],
                              c: weightGradients[l].pointer, cRowStride: strides[l - 1]))
            }
            if l > 1 || input {
                kernels.run(MatrixProduct(rows: paddedRows, columns: strides[l - 1], depth: widths[l],
                              a: gradients[l].pointer, aRowStride: strides[l], aColumnStride: 1,
                              b: backwardWeights[l].pointer, bRowStride: strides[l - 1],
                              c: gradients[l - 1].pointer, cRowStride: strides[l - 1],
                              epilogue: l > 1 ? .reluMask(activations[l - 1].pointer, stride: strides[l - 1]) : .none))
            }
        }
        return input ? gradients[0].pointer : nil
    }

    /// The parameter gradients of the last ``backward(parameters:input:)``, as MLP layers.
    func layerGradients() -> [MLP<T>.Layer] {
        (1...layerCount).map { l in
            let nIn = widths[l - 1], nOut = widths[l], s = strides[l - 1]
            let g = weightGradients[l].pointer
            var w = [T](repeating: T.zero, count: nOut * nIn)
            var b = [T](repeating: T.zero, count: nOut)
            for o in 0..<nOut {
                for j in 0..<nIn { w[o * nIn + j] = g[o * s + j] }
                b[o] = g[o * s + nIn]
            }
            return MLP<T>.Layer(weight: Matrix(rows: nOut, columns: nIn, storage: w), bias: b)
        }
    }

    /// The activations of layer `l` (`0` = input) as a matrix of the real rows and widths.
    func activationMatrix(_ l: Int) -> Matrix<T> {
        let w = widths[l], s = strides[l], a = activations[l].pointer
        var out = Matrix<T>.zeros(rows: rows, columns: w)
        for i in 0..<rows { for j in 0..<w { out[i, j] = a[i * s + j] } }
        return out
    }
}
