import TriadCore

extension Network {
    /// A network with PyTorch's default initialisation (`torch.nn.Linear.reset_parameters`):
    /// `kaiming_uniform_(a = sqrt(5))` gives weights `U(-1/sqrt(fan_in), 1/sqrt(fan_in))`, and the
    /// bias is `U(-1/sqrt(fan_in), 1/sqrt(fan_in))`.
    ///
    /// Prototypes (choice): initialised like `nn.Linear(k, C, bias=False)`, i.e. each entry
    /// `U(-1/sqrt(k), 1/sqrt(k))`. The cosine only sees their directions; this keeps the PyTorch
    /// convention (and its scale, which sets the angular step size of a gradient update). A draw
    /// of the zero vector has probability 0; the head's norm floor would make it harmless anyway.
    ///
    /// Draw order (so a seed replays): layer by layer, backbone then projector, each layer's
    /// weights row-major then its bias, then the prototypes row-major; one `nextUnit()` each.
    /// Throws ``TriadError`` for widths below 1, fewer than 2 entries per MLP, a mismatch
    /// between the backbone output and the projector input, `C < 2`, or `tau` not finite and > 0.
    static func pytorchDefault(
        backboneWidths: [Int] = [2, 100, 100, 2], projectorWidths: [Int] = [2, 4, 2], clusterCount: Int = 2,
        temperature: Double, random: inout TriadRandom
    ) throws -> Network {
        for (name, widths) in [("backbone widths", backboneWidths), ("projector widths", projectorWidths)] {
            try require(widths.count >= 2, name, widths, "must have >= 2 entries")
            try require(widths.allSatisfy { $0 >= 1 }, name, widths, "must all be >= 1")
        }
        try require(clusterCount >= 2, "cluster count C", clusterCount, "must be >= 2")
        try require(temperature.isFinite && temperature > 0, "temperature tau", temperature, "must be finite and > 0")
        func uniformMatrix(rows: Int, columns: Int, bound: Double) -> Matrix<T> {
            var m = Matrix<T>.zeros(rows: rows, columns: columns)
            for i in m.storage.indices { m.storage[i] = T(random.uniform(-bound, bound)) }
            return m
        }
        func mlp(_ widths: [Int]) throws -> MLP<T> {
            var layers: [MLP<T>.Layer] = []
            for l in 1..<widths.count {
                let bound = 1 / Double(widths[l - 1]).squareRoot()
                let w = uniformMatrix(rows: widths[l], columns: widths[l - 1], bound: bound)
                let b = (0..<widths[l]).map { _ in T(random.uniform(-bound, bound)) }
                layers.append(MLP<T>.Layer(weight: w, bias: b))
            }
            return try MLP<T>(layers: layers)
        }
        let backbone = try mlp(backboneWidths)
        let projector = try mlp(projectorWidths)
        let k = projectorWidths.last!
        let prototypes = uniformMatrix(rows: clusterCount, columns: k, bound: 1 / Double(k).squareRoot())
        return try Network(backbone: backbone, projector: projector,
                           head: ClusterHead(prototypes: prototypes, temperature: T(temperature)))
    }
}
