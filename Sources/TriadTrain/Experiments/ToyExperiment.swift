import TriadCore

/// One training run on a toy data set, evaluated on held-out data (`Proofs/model.md` §7.4): what
/// `triad train` runs once and `triad reproduce` runs for every method, data set and seed.
///
/// Determinism: one ``TriadRandom`` seeded with `configuration.seed` drives everything — the held-out
/// set and the training stream (``ToyDataSplit``), then the trainer (initialisation, the method's
/// state, per-step noise). The same experiment gives bit-identical parameters and results on the
/// same binary, whatever else runs concurrently.
public struct ToyExperiment: Sendable, Equatable {
    public var configuration: TrainingConfiguration
    public var dataset: ToyDataKind
    /// Held-out points for NMI and the diagnosis.
    public var testCount: Int
    /// Where the batches come from (``TrainingDataProtocol``).
    public var dataProtocol: TrainingDataProtocol
    /// Steps of a supervised warm start on the true labels before training (the stability test;
    /// GEDI-objective methods only), or `nil` for none.
    public var warmStartSteps: Int?

    public init(configuration: TrainingConfiguration, dataset: ToyDataKind, testCount: Int = 2_000,
                dataProtocol: TrainingDataProtocol = .fresh, warmStartSteps: Int? = nil) {
        self.configuration = configuration
        self.dataset = dataset
        self.testCount = testCount
        self.dataProtocol = dataProtocol
        self.warmStartSteps = warmStartSteps
    }

    /// Trains and evaluates. `progress` sees every recorded step. With `figures`, also renders the
    /// run's figures (``ToyExperimentFigures``) on a `resolution × resolution` grid over the data box.
    /// Throws ``TriadError`` for an invalid configuration or test count (``ToyDataSplit``), or a
    /// non-finite gradient during training.
    public func run(figures resolution: Int? = nil, progress: ((Trainer.Record) -> Void)? = nil) throws
        -> ToyExperimentResult
    {
        try run(figures: resolution, progress: progress, nudgeSeed: nil)
    }

    /// ``run(figures:progress:)``; with a `nudgeSeed`, the run's rounding twin: the same run with every
    /// initial parameter moved by one ulp, up or down by a stream seeded with `nudgeSeed`
    /// (``Trainer/nudgeParametersByOneULP(random:)``).
    func run(figures resolution: Int? = nil, progress: ((Trainer.Record) -> Void)? = nil, nudgeSeed: UInt64?) throws
        -> ToyExperimentResult
    {
        var random = TriadRandom(seed: configuration.seed)
        var data = try ToyDataSplit(dataset, batchSize: configuration.batchSize, testCount: testCount,
                                    protocol: dataProtocol, using: &random)
        let trainer = try Trainer(configuration: configuration, box: dataset.boundingBox, random: &random)
        if let nudgeSeed {
            var nudge = TriadRandom(seed: nudgeSeed)
            trainer.nudgeParametersByOneULP(random: &nudge)
        }
        var warmStartDiagnosis: Diagnosis? = nil
        if let steps = warmStartSteps {
            try require(configuration.method.usesGEDIObjective, "warm-started method", configuration.method,
                        "must train GEDI's objective (its network is the whole model)")
            try trainer.supervisedWarmStart(source: &data, steps: steps)
            let e = trainer.evaluation(data.test.points)
            warmStartDiagnosis = try Diagnosis(embeddings: e.embeddings, logits: e.logits, trueLabels: data.test.labels)
        }
        let clock = ContinuousClock()
        let started = clock.now
        let records = try trainer.train(source: &data, progress: progress)
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18

        let test = data.test
        let evaluation = trainer.evaluation(test.points)
        let diagnosis = try Diagnosis(embeddings: evaluation.embeddings, logits: evaluation.logits,
                                      trueLabels: test.labels)
        let poolDiagnosis = try data.pool.map { pool in
            let e = trainer.evaluation(pool.points)
            return try Diagnosis(embeddings: e.embeddings, logits: e.logits, trueLabels: pool.labels)
        }
        let rendered = try resolution.map { try ToyExperimentFigures(trainer: trainer, test: test, resolution: $0) }
        return ToyExperimentResult(experiment: self, diagnosis: diagnosis, poolDiagnosis: poolDiagnosis,
                                   warmStartDiagnosis: warmStartDiagnosis, records: records, seconds: seconds,
                                   figures: rendered)
    }
}

/// What a ``ToyExperiment`` measured.
public struct ToyExperimentResult: Sendable {
    public var experiment: ToyExperiment
    /// NMI, the failure-mode verdict and its measurements, on the held-out set.
    public var diagnosis: Diagnosis
    /// The same on the training pool (the `pool` protocol only).
    public var poolDiagnosis: Diagnosis?
    /// The same right after the supervised warm start, before self-supervised training (when the
    /// experiment has one).
    public var warmStartDiagnosis: Diagnosis?
    /// The recorded steps (loss and its terms).
    public var records: [Trainer.Record]
    /// Wall-clock training time (not part of any deterministic output).
    public var seconds: Double
    /// The rendered figures, when asked for.
    public var figures: ToyExperimentFigures?

    /// Held-out NMI of `argmax_y p(y|x)` against the manifolds.
    public var nmi: Double { diagnosis.nmi }
    /// The same on the training pool (the `pool` protocol only).
    public var poolNMI: Double? { poolDiagnosis?.nmi }
}
