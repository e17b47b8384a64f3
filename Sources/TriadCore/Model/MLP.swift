/// A multilayer perceptron `x -> W_L relu(... relu(W_1 x + b_1) ...) + b_L`: affine layers with
/// ReLU between them and none after the last. The backbone `2 -> 100 -> 100 -> 2` and the projector
/// `2 -> 4 -> 2` of the paper's toy experiments (`Proofs/model.md` §7.1) are MLPs; the exact model evaluates
/// the same type on world coordinates that the trainer trains.
public struct MLP<Scalar: Real>: Encoder {
    /// One affine layer: `weight` is `out × in` (PyTorch's layout), `bias` has `out` entries.
    public struct Layer: Sendable {
        public var weight: Matrix<Scalar>
        public var bias: [Scalar]
        public init(weight: Matrix<Scalar>, bias: [Scalar]) {
            triadPrecondition(bias.count == weight.rows, "bias length", bias.count,
                              "must equal the layer's output width \(weight.rows)")
            self.weight = weight
            self.bias = bias
        }
        @inlinable public var inputWidth: Int { weight.columns }
        @inlinable public var outputWidth: Int { weight.rows }
    }

    public var layers: [Layer]

    /// Throws when there are no layers, the widths do not chain, or an entry is NaN or infinite.
    public init(layers: [Layer]) throws {
        try require(!layers.isEmpty, "MLP layer count", 0, "must be >= 1")
        for (l, layer) in layers.enumerated() {
            if l > 0 {
                try require(layer.inputWidth == layers[l - 1].outputWidth, "MLP layer \(l) input width",
                            layer.inputWidth, "must equal layer \(l - 1)'s output width \(layers[l - 1].outputWidth)")
            }
            for v in layer.weight.storage + layer.bias {
                try require(v.isFinite, "MLP layer \(l) parameter", v, "must be finite")
            }
        }
        self.layers = layers
    }

    /// Layer widths, input first: `[2, 100, 100, 2]`.
    /// (A closure, not the key path `\.outputWidth`: on a generic type a key path is instantiated
    /// at run time on every call, which cost the trainer ~1% of a step checking its widths.)
    public var widths: [Int] { [layers[0].inputWidth] + layers.map { $0.outputWidth } }
    public var outputDimension: Int { layers[layers.count - 1].outputWidth }
    public var kind: String { "MLP " + widths.map(String.init).joined(separator: "-") }

    /// `x W^T + b` for a batch `x` (`n × in`).
    @inlinable public static func affine(_ x: Matrix<Scalar>, _ layer: Layer) -> Matrix<Scalar> {
        triadPrecondition(x.columns == layer.inputWidth, "MLP input width", x.columns,
                          "must equal \(layer.inputWidth)")
        var out = Matrix<Scalar>.zeros(rows: x.rows, columns: layer.outputWidth)
        for i in 0..<x.rows {
            for o in 0..<layer.outputWidth {
                var s = layer.bias[o]
                for j in 0..<layer.inputWidth { s += x[i, j] * layer.weight[o, j] }
                out[i, o] = s
            }
        }
        return out
    }

    /// `relu(v) = max(v, 0)`.
    @inlinable public static func relu(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        x.map { Scalar.maximum($0, Scalar.zero) }
    }

    public func encode(_ points: Matrix<Scalar>) -> Matrix<Scalar> {
        var h = points
        for (l, layer) in layers.enumerated() {
            h = Self.affine(h, layer)
            if l < layers.count - 1 { h = Self.relu(h) }
        }
        return h
    }
}
