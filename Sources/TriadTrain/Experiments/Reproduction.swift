import TriadCore

/// The paper's toy experiment (`Proofs/model.md` §7): every method on every data set under every
/// data protocol over many seeds, each run with its preset configuration
/// (``ExperimentPresets/configuration(_:seed:)``), evaluated on held-out data (and, under the pool
/// protocol, on its training set). `triad reproduce` runs it and renders ``EmpiricalReport``.
///
/// Seeds: GEDI and "no gen", whose claims are the question, run on every seed of ``seeds``; the
/// other methods on the first ``otherSeedCount``. The standard seeds 0-19 are disjoint from the
/// sweep's (100-102), so the seeds that chose the settings are never the seeds reported.
public struct Reproduction: Sendable, Equatable {
    public var methods: [MethodKind]
    var datasets: [ToyDataKind]
    /// The seeds of GEDI and "no gen".
    public var seeds: [UInt64]
    /// How many of ``seeds`` (the first ones) the other methods run.
    public var otherSeedCount: Int
    /// The data protocols, each run on every method, data set and seed.
    public var protocols: [TrainingDataProtocol]
    /// Overrides the presets' iteration count (e.g. for a quick look); `nil` keeps the presets.
    public var iterations: Int?
    var testCount: Int
    /// Figures are rendered for this seed's runs under the first protocol (one set per method and data set).
    public var figureSeed: UInt64?
    /// Grid cells per side of the figures.
    var figureResolution: Int

    /// The full reproduction: all methods, both data sets, both protocols (fresh, a pool of 2 000),
    /// seeds 0-19 for GEDI and "no gen", 0-9 for the others.
    public static let standard = Reproduction(methods: MethodKind.allCases, datasets: ToyDataKind.allCases,
                                              seeds: Array(0..<20), otherSeedCount: 10,
                                              protocols: [.fresh, .pool(size: TrainingDataProtocol.defaultPoolSize)])

    /// The methods that run on every seed.
    static let primaryMethods: Set<MethodKind> = [.gedi, .noGen]

    init(methods: [MethodKind], datasets: [ToyDataKind], seeds: [UInt64], otherSeedCount: Int? = nil,
                protocols: [TrainingDataProtocol] = [.fresh], iterations: Int? = nil,
                testCount: Int = 2_000, figureSeed: UInt64? = 0, figureResolution: Int = 48) {
        self.methods = methods
        self.datasets = datasets
        self.seeds = seeds
        self.otherSeedCount = otherSeedCount ?? seeds.count
        self.protocols = protocols
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

    /// The seeds `method` runs on.
    func seeds(for method: MethodKind) -> [UInt64] {
        Self.primaryMethods.contains(method) ? seeds : Array(seeds.prefix(otherSeedCount))
    }

    /// Every run, in report order: method, data set, protocol, seed.
    public var experiments: [ToyExperiment] {
        methods.flatMap { m in
            datasets.flatMap { d in
                protocols.flatMap { p in
                    seeds(for: m).map { s in
                        ToyExperiment(configuration: configuration(m, seed: s), dataset: d, testCount: testCount,
                                      dataProtocol: p)
                    }
                }
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
        try require(otherSeedCount >= 1 && otherSeedCount <= seeds.count, "seed count of the other methods",
                    otherSeedCount, "must be in 1...\(seeds.count)")
        try require(!protocols.isEmpty && Set(protocols).count == protocols.count, "data protocols",
                    protocols.map(\.description).joined(separator: ","), "must be non-empty and distinct")
        try require(testCount >= 2, "test count", testCount, "must be >= 2")
        for m in methods {
            let c = configuration(m, seed: seeds[0])
            try c.validate()
            for p in protocols { try p.validate(batchSize: c.batchSize) }
        }
    }

    /// Runs everything on `workers` threads; `finished` sees each result as it completes.
    public func run(workers: Int, finished: (@Sendable (ToyExperimentResult) -> Void)? = nil) throws
        -> [ToyExperimentResult]
    {
        try validate()
        let figureSeed = figureSeed, resolution = figureResolution
        let figureProtocol = protocols[0]
        return try ParallelRuns.map(experiments, workers: workers, body: { experiment in
            let figures = experiment.configuration.seed == figureSeed && experiment.dataProtocol == figureProtocol
            return try experiment.run(figures: figures ? resolution : nil)
        }, finished: { _, result in finished?(result) })
    }
}
