import TriadCore

/// The GEDI training step (`Proofs/model.md` §7.2) and its ablations, by the weights of TriadCore's
/// ``GEDIObjective``:
///
/// 1. the data batch `x` (`n × D`); the views `x' = x + N(0, s²)` (skipped when `lambda_INV = 0`);
/// 2. SGLD samples `x~` (`m × D`) from the persistent buffer (skipped entirely when
///    `lambda_GEN = 0`: the "no gen" ablation runs no sampler);
/// 3. one forward pass over the stacked batch `[x; x'; x~]` gives the three logit blocks;
/// 4. `TermBatch(logits: l(x), viewLogits: l(x'), partition: .sampled(l(x~), weights: 1/m each))`;
///    the objective's terms give `∂L_GEDI/∂l` through ``GEDIObjective/gradient(_:)`` itself
///    (inlinable, so it specialises for `T`); the trainer never re-derives a term:
///    `L_GEN`'s sampled partition is exactly Eq. 11's surrogate
///    `mean_i LSE l(x_i) - mean_j LSE l(x~_j)`);
/// 5. the loss is `-L_GEDI`, so `-∂L_GEDI/∂l` is propagated back through the head, projector and
///    backbone in one backward pass over the stacked batch.
///
/// JEM is the same step with weights `(1, 0, 0)` and JEM's sampler.
final class GEDIMethod<T: TrainScalar> {
    let objective: GEDIObjective
    /// `s`.
    let augmentationStd: Double
    /// `nil` when `lambda_GEN = 0`.
    private(set) var sampler: LangevinSampler<T>?
    /// Samples per step (`m`).
    let sampleCount: Int
    /// One workspace for the sampler and the stacked pass (they run one after the other).
    let workspace: NetworkWorkspace<T>

    /// Times the step's phases when set (``StepProfile``).
    var profile: StepProfile?

    var weights: GEDIObjective.Weights { objective.weights }
    var usesViews: Bool { objective.weights.invariance != 0 }
    var usesSamples: Bool { objective.weights.generative != 0 }

    /// Throws ``TriadError`` for invalid weights, a negative or non-finite `s`, or (when
    /// `lambda_GEN > 0`) an invalid sampler configuration or box. `random` initialises the buffer.
    /// `kernels` says where the products run (vector unit, optional second thread: bit-identical results).
    init(network: Network<T>, weights: GEDIObjective.Weights, augmentationStd: Double,
                langevin: LangevinConfiguration, batchSize: Int, box: BoundingBox,
                kernels: ProductKernels = ProductKernels(), random: inout TriadRandom) throws {
        objective = try GEDIObjective(weights: weights)
        try require(augmentationStd.isFinite && augmentationStd >= 0, "augmentation std s", augmentationStd,
                    "must be finite and >= 0")
        self.augmentationStd = augmentationStd
        sampleCount = langevin.sampleCount ?? batchSize
        if weights.generative != 0 {
            sampler = try LangevinSampler(configuration: langevin, box: box, inputDimension: network.inputDimension,
                                          random: &random)
        }
        workspace = NetworkWorkspace(for: network, kernels: kernels)
    }

    var name: String {
        let w = objective.weights
        return "GEDI (lambda_GEN \(w.generative), lambda_INV \(w.invariance), lambda_PRIOR \(w.prior))"
    }

    /// `x + N(0, s²)` entrywise, one normal per entry in row order (``GaussianViews/view(of:std:random:)``,
    /// the baselines' augmentation too).
    func augment(_ x: Matrix<T>, random: inout TriadRandom) -> Matrix<T> {
        GaussianViews.view(of: x, std: augmentationStd, random: &random)
    }

    /// Runs the sampler (the network must be loaded in ``workspace``): `m` samples.
    func drawSamples(network: Network<T>, random: inout TriadRandom) -> Matrix<T>? {
        guard sampler != nil else { return nil }
        return sampler!.sample(count: sampleCount, workspace: workspace, head: network.head, random: &random)
    }

    /// A full step: views, samples, then ``lossAndGradient(network:data:views:samples:recordLoss:)``.
    /// Random stream: the augmentation normals, then the sampler's draws.
    func fullStep(network: Network<T>, data: Matrix<T>, recordLoss: Bool, random: inout TriadRandom)
        -> (gradient: NetworkGradient<T>, loss: T?, terms: [String: Double])
    {
        workspace.load(network)
        profile?.mark(.load)
        let views = usesViews ? augment(data, random: &random) : nil
        profile?.mark(.views)
        let samples = drawSamples(network: network, random: &random)
        profile?.mark(.sampling)
        return lossAndGradient(network: network, data: data, views: views, samples: samples, recordLoss: recordLoss,
                               loaded: true)
    }

    /// The deterministic part of a step: the gradient of `loss = -L_GEDI` with respect to every
    /// parameter, for given data, views and samples. `views` must be given iff `lambda_INV > 0`,
    /// `samples` iff `lambda_GEN > 0`. With `recordLoss`, also the loss and each weighted term's
    /// value (keyed by the term's name).
    func lossAndGradient(network: Network<T>, data: Matrix<T>, views: Matrix<T>?, samples: Matrix<T>?,
                                recordLoss: Bool, loaded: Bool = false)
        -> (gradient: NetworkGradient<T>, loss: T?, terms: [String: Double])
    {
        triadPrecondition((views != nil) == usesViews, "views", views == nil ? "nil" : "given",
                          "must be given iff lambda_INV > 0")
        triadPrecondition((samples != nil) == usesSamples, "samples", samples == nil ? "nil" : "given",
                          "must be given iff lambda_GEN > 0")
        if !loaded { workspace.load(network) }
        let n = data.rows, nv = views?.rows ?? 0, m = samples?.rows ?? 0
        let d = network.inputDimension, c = network.clusterCount
        let (input, s) = workspace.prepareInput(rows: n + nv + m)
        var row = 0
        for block in [data, views, samples] {
            guard let block else { continue }
            triadPrecondition(block.columns == d, "input dimension", block.columns, "must equal \(d)")
            block.storage.withUnsafeBufferPointer { b in
                for i in 0..<block.rows { for k in 0..<d { input[(row + i) * s + k] = b[i * d + k] } }
            }
            row += block.rows
        }
        profile?.mark(.assembly)
        let logits = workspace.forward(head: network.head)
        profile?.mark(.forward)
        func rows(_ start: Int, _ count: Int) -> Matrix<T> {
            Matrix(rows: count, columns: c, storage: Array(logits.storage[(start * c)..<((start + count) * c)]))
        }
        let l = rows(0, n)
        let lv = views != nil ? rows(n, nv) : l
        let partition: Partition<T>? = samples != nil
            ? .sampled(rows(n + nv, m), weights: [T](repeating: T.one / T(m), count: m)) : nil
        let batch = TermBatch(logits: l, viewLogits: lv, partition: partition)
        let g = objective.gradient(batch)
        // loss = -L_GEDI: descend -∂L/∂l.
        var stacked = [T](repeating: T.zero, count: (n + nv + m) * c)
        for i in 0..<(n * c) { stacked[i] = -g.logits.storage[i] }
        if views != nil { for i in 0..<(nv * c) { stacked[n * c + i] = -g.viewLogits.storage[i] } }
        if samples != nil { for i in 0..<(m * c) { stacked[(n + nv) * c + i] = -g.partitionLogits.storage[i] } }
        profile?.mark(.objective)
        let gradient = workspace.backward(head: network.head,
                                          logitGradient: Matrix(rows: n + nv + m, columns: c, storage: stacked),
                                          parameters: true, input: false)!
        profile?.mark(.backward)
        guard recordLoss else { return (gradient, nil, [:]) }
        let values = objective.weightedValues(batch)
        var terms: [String: Double] = [:]
        for t in values { terms[t.name] = t.value.midpoint }
        profile?.mark(.record)
        return (gradient, -GEDIObjective.total(values), terms)
    }
}

extension GEDIMethod: TrainingMethod where T == Float {
    func step(network: Network<Float>, data: Matrix<Float>, recordLoss: Bool,
                     random: inout TriadRandom) -> MethodStep {
        let r = fullStep(network: network, data: data, recordLoss: recordLoss, random: &random)
        return MethodStep(gradient: r.gradient, loss: r.loss.map(Double.init), terms: r.terms)
    }

    func evaluation(network: Network<Float>, points: Matrix<Float>) -> MethodEvaluation {
        MethodEvaluation(embeddings: network.backbone.encode(points), logits: network.logits(points))
    }
}
