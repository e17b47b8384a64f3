import TriadCore

/// The SwAV baseline (Caron et al. 2020) of `Proofs/model.md` §7.3, on the toy network:
///
/// 1. two views `x_a = x + N(0, s²)`, `x_b = x + N(0, s²)`, stacked into one `2n`-row batch;
/// 2. backbone `h = enc(x)` (the ``Network``'s backbone);
/// 3. projector with batch norm, SwAV's projection head `Linear, BatchNorm1d, ReLU, Linear`:
///    `z = W_2 relu(BN_{gamma,beta}(W_1 h + b_1)) + b_2` — the linear layers are the ``Network``'s
///    projector (`2 -> 4 -> 2`), the batch norm and its affine parameters `(gamma, beta)` belong to
///    this method (see "Design" below);
/// 4. cosine scores `s_v = cos(z_v, u_y)` against the network's prototypes (``ClusterHead`` at
///    temperature 1), Sinkhorn-Knopp codes `q_v` (3 iterations, `eps = 0.05`, no gradient) and the
///    swapped cross-entropy at temperature `T = 0.1`, all by ``SwAVLoss``, that is minus TriadCore's
///    ``SwAVTerm`` with equal weights:
///    `L = -(1/2n) Σ_i [q_a,i · log softmax(s_b,i/T) + q_b,i · log softmax(s_a,i/T)]`;
/// 5. one backward pass: ``SwAVLoss`` gives `dL/dz_a, dL/dz_b, dL/dU`; then the second projector
///    layer, the ReLU mask, ``BatchNorm/backward(_:outputGradient:)``, the first projector layer
///    and the backbone.
///
/// Design (where the batch norm lives): ``Network`` has no batch norm, and its projector is the
/// same `2 -> 4 -> 2` MLP SwAV needs around it. So the network keeps the linear layers and the
/// prototypes, which the ``Trainer`` optimises with its Adam through ``MethodStep/gradient``; the
/// method owns only what the network cannot hold: `gamma, beta` (PyTorch's initial 1 and 0),
/// optimised with the method's own ``Adam`` (same settings as the trainer's) inside
/// ``step(network:data:recordLoss:random:)``, and the running statistics for evaluation. The
/// network's head temperature `tau` is not used: SwAV has its own `T`.
///
/// Batch statistics: SwAV's reference code runs the crops of one resolution concatenated
/// (`torch.cat(inputs)` then the head), so the batch norm normalises over both views together
/// (`2n` rows), and the running statistics are updated once per step from that batch.
///
/// Left out of SwAV's reference recipe (none changes the loss or its gradient at a step): the
/// queue (the batch of 400 has enough samples per prototype), freezing the prototypes during the
/// first iterations, and renormalising the prototypes after each step (the cosine scores here
/// differentiate the prototype normalisation, see ``SwAVLoss``, so their scale is irrelevant).
///
/// Evaluation (PyTorch's `eval()` mode): the batch norm uses the running statistics; the logits
/// are `cos(z, u_y) / T` and the predicted cluster is their argmax.
final class SwAVMethod<T: TrainScalar> {
    /// `s`.
    let augmentationStd: Double
    /// `T` of the swapped prediction (0.1).
    let temperature: Double
    /// Sinkhorn-Knopp's `eps` (0.05) and number of iterations (3).
    let sinkhornEpsilon: Double
    let sinkhornIterations: Int
    /// The batch norm's scale `gamma` and shift `beta` (one per hidden unit of the projector).
    var batchNormScale: [T]
    var batchNormShift: [T]
    /// The batch norm's running statistics (momentum 0.1), used by ``evaluate(network:points:)``.
    private(set) var runningStatistics: BatchNormRunningStatistics<T>
    /// The optimiser of `gamma` (tensor 0) and `beta` (tensor 1).
    private(set) var optimizer: Adam<T>
    let backbone: MLPWorkspace<T>
    /// The projector's two layers, one workspace each (the batch norm sits between them).
    let hiddenLayer: MLPWorkspace<T>
    let outputLayer: MLPWorkspace<T>

    /// Throws ``TriadError`` when the projector does not have exactly one hidden layer (SwAV's head
    /// `Linear, BN, ReLU, Linear`), `s` is negative or not finite, `T` or `eps` is not finite and
    /// positive, or the iterations are fewer than 1. `optimizer` updates `gamma` and `beta`;
    /// `kernels` says where the products run (the second thread, if any, serves the backbone's
    /// large products; bit-identical results).
    init(network: Network<T>, augmentationStd: Double, optimizer: Adam<T>,
                temperature: Double = SwAVLoss.defaultTemperature,
                sinkhornEpsilon: Double = SinkhornKnopp.defaultEpsilon,
                sinkhornIterations: Int = SinkhornKnopp.defaultIterations, kernels: ProductKernels = ProductKernels()) throws {
        try require(network.projector.layers.count == 2, "SwAV projector layer count", network.projector.layers.count,
                    "must be 2 (Linear, BatchNorm, ReLU, Linear)")
        try require(augmentationStd.isFinite && augmentationStd >= 0, "augmentation std s", augmentationStd,
                    "must be finite and >= 0")
        // The loss's own validation (temperature, eps, iterations): TriadCore's term.
        _ = try SwAVTerm(temperature: temperature, sinkhornEpsilon: sinkhornEpsilon, sinkhornIterations: sinkhornIterations)
        self.augmentationStd = augmentationStd
        self.temperature = temperature
        self.sinkhornEpsilon = sinkhornEpsilon
        self.sinkhornIterations = sinkhornIterations
        let hidden = network.projector.widths[1]
        batchNormScale = [T](repeating: T.one, count: hidden)
        batchNormShift = [T](repeating: T.zero, count: hidden)
        runningStatistics = try BatchNormRunningStatistics(featureCount: hidden)
        self.optimizer = optimizer
        backbone = MLPWorkspace(widths: network.backbone.widths, kernels: kernels)
        hiddenLayer = MLPWorkspace(widths: Array(network.projector.widths[0...1]), kernels: ProductKernels(isa: kernels.isa))
        outputLayer = MLPWorkspace(widths: Array(network.projector.widths[1...2]), kernels: ProductKernels(isa: kernels.isa))
    }

    var name: String { "SwAV (T \(temperature), Sinkhorn eps \(sinkhornEpsilon), \(sinkhornIterations) iterations)" }

    /// What ``lossAndGradient(network:viewA:viewB:)`` returns.
    struct Result {
        /// `dL/dTheta` for the network's parameters (backbone, projector layers, prototypes).
        var gradient: NetworkGradient<T>
        /// `dL/dgamma`, `dL/dbeta`.
        var scaleGradient: [T], shiftGradient: [T]
        /// The swapped-prediction loss `L`.
        var loss: T
        /// The Sinkhorn codes of each view (`n × C`, constants of the step).
        var codesA: Matrix<T>, codesB: Matrix<T>
        /// The batch norm's forward pass over both views (what the running statistics fold in).
        var batchNorm: BatchNormForward<T>
    }

    /// The split of the network's projector around the batch norm (its two layers as one-layer MLPs).
    func loadProjector(_ network: Network<T>) {
        // One layer each, finite entries (the network's own): cannot throw.
        hiddenLayer.load(try! MLP(layers: [network.projector.layers[0]]))
        outputLayer.load(try! MLP(layers: [network.projector.layers[1]]))
    }

    /// The deterministic part of a step: the loss and its gradient with respect to every trained
    /// parameter, for given views (`n × D` each). Does not change the method's state. Throws
    /// ``TriadError`` on mismatched views, `n < 1`, or a non-finite activation (batch norm and the
    /// loss refuse them).
    func lossAndGradient(network: Network<T>, viewA: Matrix<T>, viewB: Matrix<T>) throws -> Result {
        let d = network.inputDimension
        try require(viewA.columns == d && viewB.columns == d, "view width", "\(viewA.columns), \(viewB.columns)",
                    "must equal the input dimension \(d)")
        try require(viewB.rows == viewA.rows && viewA.rows >= 1, "view rows", "\(viewA.rows), \(viewB.rows)",
                    "must be equal and >= 1")
        let n = viewA.rows
        backbone.load(network.backbone)
        loadProjector(network)
        let h = backbone.forward(stacking: [viewA, viewB])
        let p = hiddenLayer.forward(stacking: [h])
        let bn = try BatchNorm.forward(p, gamma: batchNormScale, beta: batchNormShift)
        let r = MLP<T>.relu(bn.output)
        let z = outputLayer.forward(stacking: [r])
        let swav = try SwAVLoss.evaluate(embeddingsA: z.rowBlock(0, n), embeddingsB: z.rowBlock(n, n),
                                         prototypes: network.head.prototypes, temperature: temperature,
                                         sinkhornEpsilon: sinkhornEpsilon, sinkhornIterations: sinkhornIterations)
        let dz = Matrix.stacking(swav.embeddingGradientA!, swav.embeddingGradientB!)
        var dy = outputLayer.backward(outputGradient: dz, parameters: true, input: true)!
        for i in dy.storage.indices where !(r.storage[i] > T.zero) { dy.storage[i] = T.zero }
        let bnBack = BatchNorm.backward(bn, outputGradient: dy)
        let dh = hiddenLayer.backward(outputGradient: bnBack.input, parameters: true, input: true)!
        backbone.backward(outputGradient: dh, parameters: true, input: false)
        let gradient = NetworkGradient(backbone: backbone.layerGradients(),
                                       projector: hiddenLayer.layerGradients() + outputLayer.layerGradients(),
                                       prototypes: swav.prototypeGradient!)
        return Result(gradient: gradient, scaleGradient: bnBack.gamma!, shiftGradient: bnBack.beta!, loss: swav.loss,
                      codesA: swav.codesA, codesB: swav.codesB, batchNorm: bn)
    }

    /// Applies the method's own part of a step: Adam on `gamma` and `beta`, and the running
    /// statistics. Skipped (nothing changes) when a gradient entry is not finite: the trainer then
    /// refuses the step as a whole.
    func applyOwnUpdate(_ result: Result) {
        guard result.gradient.isFinite,
              (result.scaleGradient + result.shiftGradient).allSatisfy({ $0.isFinite }) else { return }
        optimizer.beginStep()
        optimizer.update(tensor: 0, parameters: &batchNormScale, gradient: result.scaleGradient)
        optimizer.update(tensor: 1, parameters: &batchNormShift, gradient: result.shiftGradient)
        runningStatistics.update(with: result.batchNorm)
    }

    /// Evaluation mode: the backbone output `enc(x)` (`n × h`) and the logits `cos(z, u_y) / T`
    /// (`n × C`), the batch norm using the running statistics and the learnt `gamma, beta`. Runs on
    /// the method's workspaces (the same kernels as training).
    func evaluate(network: Network<T>, points: Matrix<T>) -> (embeddings: Matrix<T>, logits: Matrix<T>) {
        backbone.load(network.backbone)
        loadProjector(network)
        let h = backbone.forward(stacking: [points])
        let p = hiddenLayer.forward(stacking: [h])
        // Shapes fixed at init (feature count, gamma and beta lengths), eps the default: cannot throw.
        let y = try! runningStatistics.normalize(p, gamma: batchNormScale, beta: batchNormShift)
        let z = outputLayer.forward(stacking: [MLP<T>.relu(y)])
        return (h, ClusterHead.cosineLogits(z, prototypes: network.head.prototypes, temperature: T(temperature)))
    }
}

extension SwAVMethod: TrainingMethod, TwoViewMethod where T == Float {
    var lossName: String { SwAVTerm().name }

    /// The loss and gradient, then the method's own update (`gamma`, `beta`, running statistics).
    func train(network: Network<Float>, viewA: Matrix<Float>, viewB: Matrix<Float>)
        -> (gradient: NetworkGradient<Float>, loss: Float)?
    {
        guard let result = try? lossAndGradient(network: network, viewA: viewA, viewB: viewB) else { return nil }
        applyOwnUpdate(result)
        return (result.gradient, result.loss)
    }
}
