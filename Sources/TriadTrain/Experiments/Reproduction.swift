import TriadCore

/// The paper's toy experiment (`Proofs/model.md` §7): every method on every data set over several
/// seeds, each with its preset configuration (``ExperimentPresets/configuration(_:seed:)``), evaluated
/// on held-out data. `triad reproduce` runs it and renders ``EmpiricalReport``.
public struct Reproduction: Sendable, Equatable {
    public var methods: [MethodKind]
    var datasets: [ToyDataKind]
    public var seeds: [UInt64]
    /// Overrides the presets' iteration count (e.g. for a quick look); `nil` keeps the presets.
    public var iterations: Int?
    var testCount: Int
    /// Figures are rendered for this seed's runs (one set per method and data set).
    public var figureSeed: UInt64?
    /// Grid cells per side of the figures.
    var figureResolution: Int

    /// The full reproduction: all methods, both data sets, seeds 0-4.
    public static let standard = Reproduction(methods: MethodKind.allCases, datasets: ToyDataKind.allCases,
                                              seeds: Array(0..<5))

    init(methods: [MethodKind], datasets: [ToyDataKind], seeds: [UInt64], iterations: Int? = nil,
                testCount: Int = 2_000, figureSeed: UInt64? = 0, figureResolution: Int = 48) {
        self.methods = methods
        self.datasets = datasets
        self.seeds = seeds
        self.iterations = iterations
        self.testCount = testCount
        self.figureSeed = figureSeed
        self.figureResolution = figureResolution
    }

    /// The configuration of `method`'s run with `seed`.
    func configuration(_ method: MethodKind, seed: UInt64) -> TrainingConfiguration {
        var c = ExperimentPresets.configuration(method, seed: seed)
        if let iterations { c.iterations = iterations }
        return c
    }

    /// Every run, in report order: method, then data set, then seed.
    public var experiments: [ToyExperiment] {
        methods.flatMap { m in
            datasets.flatMap { d in
                seeds.map { s in ToyExperiment(configuration: configuration(m, seed: s), dataset: d, testCount: testCount) }
            }
        }
    }

    /// Throws ``TriadError`` when a list is empty or holds duplicates, or a run's setting is invalid.
    public func validate() throws {
        try require(!methods.isEmpty && Set(methods).count == methods.count, "methods",
                    methods.map(\.rawValue).joined(separator: ","), "must be non-empty and distinct")
        try require(!datasets.isEmpty && Set(datasets).count == datasets.count, "data sets",
                    datasets.map(\.rawValue).joined(separator: ","), "must be non-empty and distinct")
        try require(!seeds.isEmpty && Set(seeds).count == seeds.count, "seeds",
                    seeds.map(String.init).joined(separator: ","), "must be non-empty and distinct")
        try require(testCount >= 2, "test count", testCount, "must be >= 2")
        for m in methods { try configuration(m, seed: seeds[0]).validate() }
    }

    /// Runs everything on `workers` threads; `finished` sees each result as it completes.
    public func run(workers: Int, finished: (@Sendable (ToyExperimentResult) -> Void)? = nil) throws
        -> [ToyExperimentResult]
    {
        try validate()
        let figureSeed = figureSeed, resolution = figureResolution
        return try ParallelRuns.map(experiments, workers: workers, body: { experiment in
            try experiment.run(figures: experiment.configuration.seed == figureSeed ? resolution : nil)
        }, finished: { _, result in finished?(result) })
    }
}
