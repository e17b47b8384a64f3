import TriadCore

/// The documented search for the settings the paper's tables lost (`Proofs/model.md` §7.5): candidate
/// overrides of GEDI's starting configuration, each trained on both data sets over a few seeds
/// that the reproduction does not use (so the settings are not chosen on the reported runs), and
/// ranked by the *worse* of the two data sets' mean NMI — one setting must serve both.
///
/// `triad sweep` runs ``standard`` and writes `Reports/sweep.md` (``SweepReport``);
/// ``ExperimentPresets/configuration(_:seed:)`` takes GEDI's defaults from ``ExperimentPresets/chosen``, and a test
/// checks that the sweep's winner in the committed report is that setting.
public struct Sweep: Sendable, Equatable {
    /// A named candidate setting.
    public struct Candidate: Sendable, Equatable {
        /// What the candidate varies, for the report (e.g. `"s"`, `"λ_GEN × s"`).
        var group: String
        public var overrides: TrainingOverrides
        init(_ group: String, _ overrides: TrainingOverrides) {
            self.group = group
            self.overrides = overrides
        }
    }

    public var candidates: [Candidate]
    public var datasets: [ToyDataKind]
    public var seeds: [UInt64]
    var testCount: Int

    init(candidates: [Candidate], datasets: [ToyDataKind] = ToyDataKind.allCases, seeds: [UInt64],
                testCount: Int = 2_000) {
        self.candidates = candidates
        self.datasets = datasets
        self.seeds = seeds
        self.testCount = testCount
    }

    /// Stage 1 of the standard sweep: the starting point, then a grid over the three settings that
    /// moved NMI most in exploratory runs — `tau`, `lambda_GEN` and `s`.
    public static let standard: Sweep = {
        var c: [Candidate] = [Candidate("start", TrainingOverrides())]
        for tau in [0.5, 0.2, 0.1] {
            for g in [1.0, 0.3, 0.1, 0.03] {
                for s in [0.2, 0.3] {
                    c.append(Candidate("tau × λ_GEN × s", TrainingOverrides(
                        augmentationStd: s, weights: GEDIObjective.Weights(generative: g), temperature: tau)))
                }
            }
        }
        return Sweep(candidates: c, seeds: [100, 101, 102])
    }()

    /// Stage 2: one-at-a-time changes around stage 1's winner `base` — the SGLD step, the learning
    /// rate, the iteration count, and `lambda_INV`, `lambda_PRIOR` against the other two.
    public static func refinements(around base: TrainingOverrides) -> [Candidate] {
        func with(_ change: (inout TrainingOverrides) -> Void) -> TrainingOverrides {
            var o = base
            change(&o)
            return o
        }
        let w = base.weights ?? .unit
        var c: [Candidate] = []
        for alpha in [0.1, 1.0] { c.append(Candidate("SGLD step α", with { $0.sgldStep = alpha })) }
        for lr in [3e-4, 3e-3] { c.append(Candidate("learning rate", with { $0.learningRate = lr })) }
        for it in [3_000, 15_000] { c.append(Candidate("iterations", with { $0.iterations = it })) }
        c.append(Candidate("λ_INV", with {
            $0.weights = GEDIObjective.Weights(generative: w.generative, invariance: 3 * w.invariance, prior: w.prior)
        }))
        c.append(Candidate("λ_PRIOR", with {
            $0.weights = GEDIObjective.Weights(generative: w.generative, invariance: w.invariance, prior: 3 * w.prior)
        }))
        return c
    }

    /// Every run: candidate, then data set, then seed.
    var experiments: [ToyExperiment] {
        candidates.flatMap { cand in
            datasets.flatMap { d in
                seeds.map { s in
                    ToyExperiment(configuration: cand.overrides.applied(to: ExperimentPresets.start(seed: s)), dataset: d,
                                  testCount: testCount)
                }
            }
        }
    }

    /// Throws ``TriadError`` for an empty or duplicated list, or an invalid candidate.
    func validate() throws {
        try require(!candidates.isEmpty, "sweep candidates", 0, "must be >= 1")
        try require(!seeds.isEmpty && Set(seeds).count == seeds.count, "sweep seeds",
                    seeds.map(String.init).joined(separator: ","), "must be non-empty and distinct")
        try require(!datasets.isEmpty && Set(datasets).count == datasets.count, "sweep data sets",
                    datasets.map(\.rawValue).joined(separator: ","), "must be non-empty and distinct")
        for cand in candidates { try cand.overrides.applied(to: ExperimentPresets.start(seed: seeds[0])).validate() }
    }

    /// Runs stage 1 (``candidates``) and then stage 2 (``refinements(around:)`` its winner) on
    /// `workers` threads.
    public func run(workers: Int, finished: (@Sendable (ToyExperimentResult) -> Void)? = nil) throws -> SweepReport {
        try validate()
        let first = try SweepReport(sweep: self, stage: 1, results: ParallelRuns.map(
            experiments, workers: workers, body: { try $0.run() }, finished: { _, r in finished?(r) }))
        var second = self
        second.candidates = Self.refinements(around: first.winner.candidate.overrides)
        try second.validate()
        let refined = try SweepReport(sweep: second, stage: 2, results: ParallelRuns.map(
            second.experiments, workers: workers, body: { try $0.run() }, finished: { _, r in finished?(r) }))
        return first.followed(by: refined)
    }
}
