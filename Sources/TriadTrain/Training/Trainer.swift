import TriadCore

/// Trains a ``Network`` with a ``TrainingMethod`` and Adam (`Proofs/model.md` §7.1), in Float.
///
/// Determinism: everything random comes from `random` given to ``init(configuration:box:random:)``,
/// split once into independent streams (network initialisation, the method's own state such as the
/// replay buffer, and the per-step noise) — so the same seed, configuration and data stream give
/// bit-identical parameters. With `threads = 2` the large products are split by output rows over
/// two threads (``KernelPool``), which changes no result.
public final class Trainer {
    let configuration: TrainingConfiguration
    private(set) var network: Network<Float>
    let method: any TrainingMethod
    /// Times each step's phases when set (``StepProfile``; GEDI's method marks its own parts,
    /// other methods' steps count as ``StepPhase/methodRest``). Results do not depend on it.
    var profile: StepProfile? {
        didSet { (method as? GEDIMethod<Float>)?.profile = profile }
    }
    private(set) var optimizer: Adam<Float>
    /// Steps taken so far.
    private(set) var iteration = 0
    var stepRandom: TriadRandom

    /// One recorded step.
    public struct Record: Sendable {
        public var iteration: Int
        public var loss: Double
        public var terms: [String: Double]
        var gradientMagnitude: Double
    }

    /// Builds the network (PyTorch default initialisation), the method and Adam.
    /// Throws ``TriadError`` for an invalid configuration or a box whose dimension is not the input's.
    init(configuration: TrainingConfiguration, box: BoundingBox, random: inout TriadRandom) throws {
        try configuration.validate()
        var initRandom = random.split()
        var methodRandom = random.split()
        stepRandom = random.split()
        self.configuration = configuration
        let kernels = ProductKernels(isa: configuration.kernelISA, threads: configuration.threads)
        network = try Network<Float>.pytorchDefault(
            backboneWidths: configuration.backboneWidths, projectorWidths: configuration.projectorWidths,
            clusterCount: configuration.clusterCount, temperature: configuration.temperature, random: &initRandom)
        optimizer = try Adam(learningRate: configuration.learningRate, beta1: configuration.adamBeta1,
                             beta2: configuration.adamBeta2, epsilon: configuration.adamEpsilon,
                             isa: configuration.kernelISA)
        switch configuration.method {
        case .gedi, .noGen, .noInv, .noUnif, .jem:
            method = try GEDIMethod<Float>(network: network, weights: configuration.weights,
                                           augmentationStd: configuration.augmentationStd,
                                           langevin: configuration.langevin, batchSize: configuration.batchSize,
                                           box: box, kernels: kernels,
                                           random: &methodRandom)
        case .swav:
            // gamma and beta of the projector's batch norm: the method's own Adam, same settings.
            method = try SwAVMethod<Float>(network: network, augmentationStd: configuration.augmentationStd,
                                           optimizer: Adam(learningRate: configuration.learningRate,
                                                           beta1: configuration.adamBeta1,
                                                           beta2: configuration.adamBeta2,
                                                           epsilon: configuration.adamEpsilon,
                                                           isa: configuration.kernelISA),
                                           kernels: kernels)
        case .barlow:
            method = try BarlowTwinsMethod<Float>(network: network, augmentationStd: configuration.augmentationStd,
                                                  kernels: kernels)
        }
    }

    /// Moves every parameter by one unit in the last place, up or down as `random` decides: a
    /// perturbation at the level of one rounding, for the rounding twin of a run (the same run
    /// but for rounding). Changes nothing else (optimiser state, streams).
    func nudgeParametersByOneULP(random: inout TriadRandom) {
        let zero = NetworkGradient<Float>.zero(like: network)
        network.updateTensors(with: zero) { _, p, _ in
            for i in p.indices { p[i] = random.next() & 1 == 0 ? p[i].nextUp : p[i].nextDown }
        }
    }

    /// Whether step `t` (1-based) records its loss.
    func records(_ t: Int) -> Bool {
        configuration.recordEvery > 0 && (t % configuration.recordEvery == 0 || t == configuration.iterations)
    }

    /// One optimisation step on a data batch (`n × D`). Returns the record when the step records.
    /// Throws ``TriadError`` when the batch is not `D` wide, or when the gradient is not finite
    /// (the step is then not applied).
    @discardableResult
    func step(batch: Matrix<Float>, recordLoss: Bool? = nil) throws -> Record? {
        try require(batch.columns == network.inputDimension, "batch dimension", batch.columns,
                    "must equal the input dimension \(network.inputDimension)")
        let t = iteration + 1
        let record = recordLoss ?? records(t)
        profile?.start()
        let result = method.step(network: network, data: batch, recordLoss: record, random: &stepRandom)
        profile?.mark(.methodRest)
        try require(result.gradient.isFinite, "gradient at step \(t)", "non-finite", "must be finite")
        profile?.mark(.check)
        optimizer.step(&network, gradient: result.gradient)
        profile?.mark(.optimizer)
        profile?.finish()
        iteration = t
        guard record, let loss = result.loss else { return nil }
        return Record(iteration: t, loss: loss, terms: result.terms,
                      gradientMagnitude: Double(result.gradient.maximumMagnitude))
    }

    /// Fits the network to the true labels before self-supervised training (the stability test of
    /// the toy experiment): `steps` Adam steps (its own optimiser, learning rate `learningRate`;
    /// the trainer's optimiser and iteration count are untouched) on the cross-entropy
    /// `-mean_i log p(y_i|x_i)` of labelled batches from `source`, whose gradient with respect to
    /// the logits is `(p(·|x_i) - onehot(y_i)) / n`. Only the network's parameters move (not a
    /// method's own state). Throws ``TriadError`` for a non-positive step count or learning rate, a
    /// label outside `0..<C`, or a non-finite gradient.
    func supervisedWarmStart<S: LabelledBatchSource>(source: inout S, steps: Int, learningRate: Double = 1e-3) throws {
        try require(steps >= 1, "warm-start steps", steps, "must be >= 1")
        var adam = try Adam<Float>(learningRate: learningRate)
        let workspace = NetworkWorkspace(for: network, kernels: ProductKernels(isa: configuration.kernelISA))
        let c = network.clusterCount
        for _ in 0..<steps {
            let (points, labels) = source.nextLabelledBatch()
            try require(labels.allSatisfy { (0..<c).contains($0) }, "true labels", labels.first { !(0..<c).contains($0) } ?? -1,
                        "must be in 0..<\(c)")
            workspace.load(network)
            workspace.setInput(points.converted(to: Float.self))
            let p = workspace.forward(head: network.head).rowSoftmax()
            var g = p
            let n = Float(labels.count)
            for i in 0..<labels.count {
                for y in 0..<c { g[i, y] = (p[i, y] - (y == labels[i] ? 1 : 0)) / n }
            }
            let gradient = workspace.backward(head: network.head, logitGradient: g, parameters: true, input: false)!
            try require(gradient.isFinite, "warm-start gradient", "non-finite", "must be finite")
            adam.step(&network, gradient: gradient)
        }
    }

    /// Runs the configured number of iterations on batches from `source`, calling `progress`
    /// with every record. Returns the records.
    func train<S: BatchSource>(source: inout S, progress: ((Record) -> Void)? = nil) throws -> [Record] {
        var records: [Record] = []
        while iteration < configuration.iterations {
            let batch = source.nextTrainingBatch().converted(to: Float.self)
            if let r = try step(batch: batch) {
                records.append(r)
                progress?(r)
            }
        }
        return records
    }

    /// The method's representation and cluster logits at `points` (``TrainingMethod/evaluation(network:points:)``).
    func evaluation(_ points: Matrix<Double>) -> MethodEvaluation {
        method.evaluation(network: network, points: points.converted(to: Float.self))
    }

    /// `argmax_y p(y|x)` for each row of `points` (ties: the lowest `y`).
    func predictions(_ points: Matrix<Double>) -> [Int] {
        let logits = evaluation(points).logits
        return (0..<logits.rows).map { i in
            var best = 0
            for y in 1..<logits.columns where logits[i, y] > logits[i, best] { best = y }
            return best
        }
    }
}
