import TriadCore

/// The Barlow Twins baseline (Zbontar et al. 2021) of `Proofs/model.md` §7.3, on the toy network:
///
/// 1. two views `x_a = x + N(0, s²)`, `x_b = x + N(0, s²)`, stacked into one `2n`-row batch
///    (the MLPs act row by row, so stacking changes nothing but the speed);
/// 2. embeddings `z_v = proj(enc(x_v))` through the ``Network``'s backbone and projector
///    (`2 -> 100 -> 100 -> 2`, `2 -> 4 -> 2`); the cluster head is not used;
/// 3. TriadCore's ``BarlowTwinsTerm`` (equal weights): per-view batch normalisation without affine
///    parameters, the `k × k` cross-correlation `C = BN(z_a)ᵀ BN(z_b) / n`,
///    `L = Σ_i (1 - C_ii)² + 0.0051 Σ_{i≠j} C_ij²`, and `dL/dz_a`, `dL/dz_b` back through the batch
///    norms;
/// 4. one backward pass over the stacked batch through projector and backbone. The prototypes get
///    a zero gradient (Adam then leaves them exactly where they are).
///
/// Clusters ("the argmax of the 2-D embedding" leaves open which embedding), choice (`Proofs/model.md` §7.3): the argmax of the
/// batch-normalised projector output `BN(z)`, the batch norm in evaluation mode (running
/// statistics, as PyTorch's `eval()` would use the `affine=False` `BatchNorm1d` module of the
/// reference code). Why: in the Barlow Twins paper the *embedding* is the projector output (the
/// backbone output is the *representation*), and the loss sees the embedding only through its
/// per-dimension standardisation — it is invariant to any per-dimension shift and positive scale of
/// `z`, so the argmax of the raw `z` (or of the backbone output, two steps further from the loss)
/// depends on offsets the loss never constrains, while the argmax of `BN(z)` compares the
/// standardised, decorrelated features the loss trains. The running statistics (momentum 0.1) are
/// updated once per view per step, as a module called on each view in turn does.
final class BarlowTwinsMethod<T: TrainScalar> {
    /// `s`.
    let augmentationStd: Double
    /// `lambda` (0.0051).
    let offDiagonalWeight: Double
    /// The running statistics of the embedding's batch norm (momentum 0.1).
    private(set) var runningStatistics: BatchNormRunningStatistics<T>
    let workspace: NetworkWorkspace<T>

    /// Throws ``TriadError`` when the embedding width `k` is not the cluster count `C` (the clusters
    /// are the argmax over the embedding's `k` coordinates), `s` is negative or not finite, or
    /// `lambda` is negative or not finite. `kernels` says where the products run (vector unit,
    /// optional second thread: bit-identical results).
    init(network: Network<T>, augmentationStd: Double,
                offDiagonalWeight: Double = BarlowTwinsTerm.defaultOffDiagonalWeight, kernels: ProductKernels = ProductKernels()) throws {
        try require(network.projector.outputDimension == network.clusterCount, "Barlow Twins embedding width k",
                    network.projector.outputDimension,
                    "must equal the cluster count C = \(network.clusterCount) (clusters are the argmax of the embedding)")
        try require(augmentationStd.isFinite && augmentationStd >= 0, "augmentation std s", augmentationStd,
                    "must be finite and >= 0")
        try require(offDiagonalWeight.isFinite && offDiagonalWeight >= 0, "off-diagonal weight lambda",
                    offDiagonalWeight, "must be finite and >= 0")
        self.augmentationStd = augmentationStd
        self.offDiagonalWeight = offDiagonalWeight
        runningStatistics = try BatchNormRunningStatistics(featureCount: network.projector.outputDimension)
        workspace = NetworkWorkspace(for: network, kernels: kernels)
    }

    var name: String { "Barlow Twins (lambda \(offDiagonalWeight))" }

    /// What ``lossAndGradient(network:viewA:viewB:)`` returns.
    struct Result {
        /// `dL/dTheta` (backbone, projector; zero for the prototypes).
        var gradient: NetworkGradient<T>
        /// The loss `L >= 0`.
        var loss: T
        /// `C` (`k × k`).
        var crossCorrelation: Matrix<T>
        /// The embeddings `z_a`, `z_b` (`n × k` each), before the batch norm.
        var embeddingsA: Matrix<T>, embeddingsB: Matrix<T>
    }

    /// The deterministic part of a step: the loss and its gradient with respect to every network
    /// parameter, for given views (`n × D` each, `n >= 2`). Does not change the method's state.
    /// Throws ``TriadError`` on mismatched views, `n < 2`, or a non-finite embedding.
    func lossAndGradient(network: Network<T>, viewA: Matrix<T>, viewB: Matrix<T>) throws -> Result {
        let d = network.inputDimension
        try require(viewA.columns == d && viewB.columns == d, "view width", "\(viewA.columns), \(viewB.columns)",
                    "must equal the input dimension \(d)")
        try require(viewB.rows == viewA.rows && viewA.rows >= 2, "view rows", "\(viewA.rows), \(viewB.rows)",
                    "must be equal and >= 2 (batch statistics)")
        let n = viewA.rows
        workspace.load(network)
        let h = workspace.backbone.forward(stacking: [viewA, viewB])
        let z = workspace.projector.forward(stacking: [h])
        let za = z.rowBlock(0, n), zb = z.rowBlock(n, n)
        let bt = try BarlowTwinsTerm.evaluate(za, zb, offDiagonalWeight: offDiagonalWeight)
        let dh = workspace.projector.backward(outputGradient: Matrix.stacking(bt.gradientA, bt.gradientB),
                                              parameters: true, input: true)!
        workspace.backbone.backward(outputGradient: dh, parameters: true, input: false)
        let gradient = NetworkGradient(backbone: workspace.backbone.layerGradients(),
                                       projector: workspace.projector.layerGradients(),
                                       prototypes: .zeros(rows: network.head.prototypes.rows,
                                                          columns: network.head.prototypes.columns))
        return Result(gradient: gradient, loss: bt.loss, crossCorrelation: bt.crossCorrelation,
                      embeddingsA: za, embeddingsB: zb)
    }

    /// Folds both views' batch statistics into the running statistics (view A, then view B).
    /// Skipped when a gradient entry is not finite: the trainer then refuses the step.
    func applyOwnUpdate(_ result: Result) throws {
        guard result.gradient.isFinite else { return }
        let a = try BatchNorm.forward(result.embeddingsA), b = try BatchNorm.forward(result.embeddingsB)
        runningStatistics.update(with: a)
        runningStatistics.update(with: b)
    }

    /// Evaluation mode: the backbone output `enc(x)` (`n × h`) and the logits `BN(z)` (`n × k`,
    /// running statistics), whose argmax is the cluster (see the type's documentation). Runs on
    /// the method's workspace (the same kernels as training).
    func evaluate(network: Network<T>, points: Matrix<T>) -> (embeddings: Matrix<T>, logits: Matrix<T>) {
        workspace.load(network)
        let h = workspace.backbone.forward(stacking: [points])
        let z = workspace.projector.forward(stacking: [h])
        // Feature count fixed at init, no affine parameters, eps the default: cannot throw.
        return (h, try! runningStatistics.normalize(z))
    }
}

extension BarlowTwinsMethod: TrainingMethod, TwoViewMethod where T == Float {
    var lossName: String { "L_BT" }

    /// The loss and gradient, then the running statistics (view A, then view B).
    func train(network: Network<Float>, viewA: Matrix<Float>, viewB: Matrix<Float>)
        -> (gradient: NetworkGradient<Float>, loss: Float)?
    {
        guard let result = try? lossAndGradient(network: network, viewA: viewA, viewB: viewB),
              (try? applyOwnUpdate(result)) != nil else { return nil }
        return (result.gradient, result.loss)
    }
}
