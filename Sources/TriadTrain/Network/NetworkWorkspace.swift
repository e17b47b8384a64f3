import TriadCore

/// The buffers and passes of a ``Network`` on a batch: backbone and projector through
/// ``MLPWorkspace``, the cosine head through TriadCore's ``ClusterHead/logits(_:)`` and
/// ``ClusterHead/backward(_:logitGradient:)``.
///
/// Use: ``load(_:)`` the parameters (after every optimiser step), write the batch with
/// ``setInput(_:)`` or ``prepareInput(rows:)``, ``forward(head:)``, then
/// ``backward(head:logitGradient:parameters:input:)``.
final class NetworkWorkspace<T: TrainScalar> {
    let backbone: MLPWorkspace<T>
    let projector: MLPWorkspace<T>
    /// The projector outputs `z` of the last forward pass (`n × k`), which the head reads.
    private(set) var embeddings: Matrix<T> = .zeros(rows: 0, columns: 0)

    /// Buffers for `network`'s widths; with a ``KernelPool`` the large products use two threads
    /// (bit-identical results).
    init(for network: Network<T>, kernels: ProductKernels = ProductKernels()) {
        backbone = MLPWorkspace(widths: network.backbone.widths, kernels: kernels)
        projector = MLPWorkspace(widths: network.projector.widths, kernels: kernels)
    }

    /// Copies the backbone and projector parameters into the kernels' layouts.
    func load(_ network: Network<T>) {
        backbone.load(network.backbone)
        projector.load(network.projector)
    }

    /// The rows of the current batch.
    var rows: Int { backbone.rows }
    /// The input dimension `D`.
    var inputDimension: Int { backbone.widths[0] }

    /// Prepares a batch of `rows` samples; returns the input buffer and its row stride. Write
    /// sample `i`'s coordinates at `[i * stride ..< i * stride + D]`.
    func prepareInput(rows n: Int) -> (pointer: UnsafeMutablePointer<T>, stride: Int) {
        (backbone.prepareInput(rows: n), backbone.strides[0])
    }

    /// Sets the batch to the rows of `x` (`n × D`).
    func setInput(_ x: Matrix<T>) {
        triadPrecondition(x.columns == inputDimension, "input dimension", x.columns, "must equal \(inputDimension)")
        let (p, s) = prepareInput(rows: x.rows)
        for i in 0..<x.rows { for d in 0..<x.columns { p[i * s + d] = x[i, d] } }
    }

    /// The logits `l(x)` of the prepared batch (`n × C`).
    func forward(head: ClusterHead<T>) -> Matrix<T> {
        let n = backbone.rows
        let h = backbone.forward()
        let hw = backbone.widths.last!, hs = backbone.strides.last!
        let (p, ps) = (projector.prepareInput(rows: n), projector.strides[0])
        for i in 0..<n { for j in 0..<hw { p[i * ps + j] = h[i * hs + j] } }
        let z = projector.forward()
        let k = projector.widths.last!, zs = projector.strides.last!
        var e = Matrix<T>.zeros(rows: n, columns: k)
        e.storage.withUnsafeMutableBufferPointer { out in
            for i in 0..<n { for j in 0..<k { out[i * k + j] = z[i * zs + j] } }
        }
        embeddings = e
        return head.logits(e)
    }

    /// The backward pass from `G = ∂L/∂l` (`n × C`) of the last forward pass. Returns the
    /// parameter gradient when `parameters` is set; with `input`, ``inputGradient`` then holds
    /// `∂L/∂x`.
    @discardableResult
    func backward(head: ClusterHead<T>, logitGradient: Matrix<T>, parameters: Bool, input: Bool)
        -> NetworkGradient<T>?
    {
        let n = backbone.rows
        triadPrecondition(logitGradient.rows == n, "logit gradient rows", logitGradient.rows, "must equal the batch rows \(n)")
        let (dz, du) = head.backward(embeddings, logitGradient: logitGradient)
        let k = projector.widths.last!, zs = projector.strides.last!
        let gz = projector.prepareOutputGradient()
        dz.storage.withUnsafeBufferPointer { g in
            for i in 0..<n { for j in 0..<k { gz[i * zs + j] = g[i * k + j] } }
        }
        let gp = projector.backward(parameters: parameters, input: true)!
        let hw = backbone.widths.last!, hs = backbone.strides.last!, ps = projector.strides[0]
        let gh = backbone.prepareOutputGradient()
        for i in 0..<n { for j in 0..<hw { gh[i * hs + j] = gp[i * ps + j] } }
        backbone.backward(parameters: parameters, input: input)
        guard parameters else { return nil }
        return NetworkGradient(backbone: backbone.layerGradients(), projector: projector.layerGradients(),
                               prototypes: du)
    }

    /// `∂L/∂x` of the last backward pass with `input: true`: row `i`, coordinate `d` at
    /// `pointer[i * stride + d]`.
    var inputGradient: (pointer: UnsafePointer<T>, stride: Int) {
        (UnsafePointer(backbone.gradients[0].pointer), backbone.strides[0])
    }

    /// `∂L/∂x` of the last backward pass with `input: true`, as an `n × D` matrix.
    func inputGradientMatrix() -> Matrix<T> {
        let (g, s) = inputGradient
        var out = Matrix<T>.zeros(rows: rows, columns: inputDimension)
        for i in 0..<rows { for d in 0..<inputDimension { out[i, d] = g[i * s + d] } }
        return out
    }
}
