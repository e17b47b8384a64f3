import TriadCore

/// The trained model of the toy experiments (`Proofs/model.md` §1 and §7.1): a backbone MLP
/// (`2 -> 100 -> 100 -> 2`, ReLU), a projector MLP (`2 -> 4 -> 2`, ReLU) and the cosine head
/// `l_y(x) = cos(proj(enc(x)), u_y) / tau` of TriadCore (``ClusterHead``), with
/// `Theta = (enc, proj, U)`.
///
/// The parameters live in TriadCore's own types (``MLP``, ``ClusterHead``), so a trained network is
/// directly a model of the exact world. ``NetworkWorkspace`` runs the passes.
struct Network<T: TrainScalar>: Sendable {
    var backbone: MLP<T>
    var projector: MLP<T>
    var head: ClusterHead<T>

    /// Throws ``TriadError`` when the parts do not chain: the projector must read the backbone's
    /// output, and the head the projector's.
    init(backbone: MLP<T>, projector: MLP<T>, head: ClusterHead<T>) throws {
        try require(projector.widths[0] == backbone.outputDimension, "projector input width", projector.widths[0],
                    "must equal the backbone output width \(backbone.outputDimension)")
        try require(head.dimension == projector.outputDimension, "prototype dimension k", head.dimension,
                    "must equal the projector output width \(projector.outputDimension)")
        self.backbone = backbone
        self.projector = projector
        self.head = head
    }

    /// The input dimension `D`.
    var inputDimension: Int { backbone.widths[0] }
    /// The number of clusters `C`.
    var clusterCount: Int { head.clusterCount }

    /// The parameter tensors in a fixed order: for each backbone layer its weight then its bias,
    /// the same for the projector, then the prototypes.
    var tensors: [[T]] {
        backbone.layers.flatMap { [$0.weight.storage, $0.bias] }
            + projector.layers.flatMap { [$0.weight.storage, $0.bias] }
            + [head.prototypes.storage]
    }

    /// The number of scalar parameters.
    var parameterCount: Int { tensors.reduce(0) { $0 + $1.count } }

    /// Every parameter in ``tensors`` order.
    var flattenedParameters: [T] { tensors.flatMap { $0 } }

    /// Calls `body(index, parameters, gradient)` for every tensor in ``tensors`` order, with the
    /// matching tensor of `gradient`, letting `body` update the parameters in place.
    mutating func updateTensors(with gradient: NetworkGradient<T>, _ body: (Int, inout [T], [T]) -> Void) {
        triadPrecondition(gradient.backbone.count == backbone.layers.count
                          && gradient.projector.count == projector.layers.count,
                          "gradient layer count", gradient.backbone.count + gradient.projector.count,
                          "must match the network")
        var index = 0
        for l in backbone.layers.indices {
            body(index, &backbone.layers[l].weight.storage, gradient.backbone[l].weight.storage)
            body(index + 1, &backbone.layers[l].bias, gradient.backbone[l].bias)
            index += 2
        }
        for l in projector.layers.indices {
            body(index, &projector.layers[l].weight.storage, gradient.projector[l].weight.storage)
            body(index + 1, &projector.layers[l].bias, gradient.projector[l].bias)
            index += 2
        }
        body(index, &head.prototypes.storage, gradient.prototypes.storage)
    }

    /// Replaces every parameter, in ``flattenedParameters`` order. Precondition: the count matches.
    mutating func setFlattenedParameters(_ values: [T]) {
        triadPrecondition(values.count == parameterCount, "parameter count", values.count,
                          "must equal \(parameterCount)")
        var offset = 0
        let zero = NetworkGradient<T>.zero(like: self)
        updateTensors(with: zero) { _, p, _ in
            for i in p.indices { p[i] = values[offset + i] }
            offset += p.count
        }
    }

    /// The network in another precision (entrywise through `Double`).
    func converted<U: TrainScalar>(to: U.Type = U.self) -> Network<U> {
        func convert(_ m: MLP<T>) -> MLP<U> {
            // Same widths, finite entries: cannot throw.
            try! MLP<U>(layers: m.layers.map {
                MLP<U>.Layer(weight: $0.weight.converted(to: U.self), bias: $0.bias.map { U($0.midpoint) })
            })
        }
        return try! Network<U>(
            backbone: convert(backbone), projector: convert(projector),
            head: ClusterHead<U>(prototypes: head.prototypes.converted(to: U.self),
                                 temperature: U(head.temperature.midpoint)))
    }

    /// The logits `l(x)` of a batch (`n × D` -> `n × C`), through a fresh ``NetworkWorkspace``.
    /// For repeated calls keep a workspace instead.
    func logits(_ x: Matrix<T>) -> Matrix<T> {
        let workspace = NetworkWorkspace<T>(for: self)
        workspace.load(self)
        workspace.setInput(x)
        return workspace.forward(head: head)
    }
}
