import TriadCore

/// Matrix-in, matrix-out passes of an ``MLPWorkspace``, for the baselines (``SwAVMethod``,
/// ``BarlowTwinsMethod``) whose layers are interleaved with operations on whole batches (batch
/// normalisation, per-view losses) and so cannot hand one padded buffer from MLP to MLP.
/// The arithmetic is the workspace's own (``MLPWorkspace/forward()``,
/// ``MLPWorkspace/backward(parameters:input:)``); these only copy into and out of its layout.
extension MLPWorkspace {
    /// The forward pass over the rows of `blocks` stacked in order (each `n_b × in`); returns the
    /// output (`Σ n_b × out`). Precondition: every block is `in` wide.
    func forward(stacking blocks: [Matrix<T>]) -> Matrix<T> {
        let d = widths[0], s = strides[0]
        let x = prepareInput(rows: blocks.reduce(0) { $0 + $1.rows })
        var row = 0
        for block in blocks {
            triadPrecondition(block.columns == d, "MLP input width", block.columns, "must equal \(d)")
            block.storage.withUnsafeBufferPointer { b in
                for i in 0..<block.rows { for k in 0..<d { x[(row + i) * s + k] = b[i * d + k] } }
            }
            row += block.rows
        }
        forward()
        return activationMatrix(layerCount)
    }

    /// The backward pass from `∂L/∂output` (`rows × out`) of the last forward pass. With
    /// `parameters`, ``layerGradients()`` then holds the parameter gradients; with `input`, returns
    /// `∂L/∂input` (`rows × in`). Precondition: `outputGradient` has the last output's shape.
    @discardableResult
    func backward(outputGradient g: Matrix<T>, parameters: Bool, input: Bool) -> Matrix<T>? {
        let L = layerCount, k = widths[L], s = strides[L]
        triadPrecondition(g.rows == rows && g.columns == k, "MLP output gradient shape", "\(g.rows)x\(g.columns)",
                          "must be \(rows)x\(k)")
        let out = prepareOutputGradient()
        g.storage.withUnsafeBufferPointer { b in
            for i in 0..<rows { for j in 0..<k { out[i * s + j] = b[i * k + j] } }
        }
        guard let gx = backward(parameters: parameters, input: input) else { return nil }
        let d = widths[0], sx = strides[0]
        var result = Matrix<T>.zeros(rows: rows, columns: d)
        result.storage.withUnsafeMutableBufferPointer { r in
            for i in 0..<rows { for j in 0..<d { r[i * d + j] = gx[i * sx + j] } }
        }
        return result
    }
}

extension Matrix where Scalar: Real {
    /// Rows `start ..< start + count` (a contiguous block of a stacked batch).
    func rowBlock(_ start: Int, _ count: Int) -> Matrix {
        Matrix(rows: count, columns: columns, storage: Array(storage[(start * columns)..<((start + count) * columns)]))
    }

    /// The rows of `a` followed by those of `b`. Precondition: equal widths.
    static func stacking(_ a: Matrix, _ b: Matrix) -> Matrix {
        triadPrecondition(a.columns == b.columns, "stacked widths", "\(a.columns), \(b.columns)", "must be equal")
        return Matrix(rows: a.rows + b.rows, columns: a.columns, storage: a.storage + b.storage)
    }
}

extension NetworkGradient {
    /// A gradient of `network`'s shapes with every entry NaN: what a baseline step returns when its
    /// loss cannot be evaluated (a non-finite activation), so that ``Trainer/step(batch:recordLoss:)``
    /// refuses the step with its non-finite-gradient ``TriadError`` instead of applying it.
    static func notANumber(like network: Network<T>) -> NetworkGradient {
        var g = NetworkGradient.zero(like: network)
        for l in g.backbone.indices {
            g.backbone[l].weight = g.backbone[l].weight.map { _ in T.nan }
            g.backbone[l].bias = g.backbone[l].bias.map { _ in T.nan }
        }
        for l in g.projector.indices {
            g.projector[l].weight = g.projector[l].weight.map { _ in T.nan }
            g.projector[l].bias = g.projector[l].bias.map { _ in T.nan }
        }
        g.prototypes = g.prototypes.map { _ in T.nan }
        return g
    }
}
