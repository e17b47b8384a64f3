import TriadCore

/// The search for GEDI's lost settings (`Proofs/model.md` §7.5), by successive halving: every
/// candidate is trained on both data sets over a few seeds, the best ``Rung/keep`` go on to the next
/// rung with more seeds, and so on, so that seeds are spent on the settings that matter. The seeds
/// (``firstSeed`` onwards) are not the seeds `triad reproduce` reports, so no reported run chooses a
/// setting.
///
/// A candidate's score after a rung is taken over all its seeds so far: the *worse* data set's share
/// of seeds that reach NMI ≥ ``EmpiricalClaim/recoveredNMI`` (one setting must serve both data sets),
/// then the worse data set's median NMI, then the earlier candidate. The winner is the best candidate
/// of the last rung.
///
/// `triad sweep` runs ``standard`` and writes `Reports/sweep.md` (``SweepReport``);
/// ``ExperimentPresets/configuration(_:seed:)`` takes GEDI's defaults from ``ExperimentPresets/chosen``,
/// and a test checks that the winner in the committed report is that setting.
public struct Sweep: Sendable, Equatable {
    /// A candidate setting: overrides of ``ExperimentPresets/start(seed:)``.
    public struct Candidate: Sendable, Equatable {
        public var overrides: TrainingOverrides
        init(_ overrides: TrainingOverrides) { self.overrides = overrides }
    }

    /// One rung of the halving: every surviving candidate is trained until it has `seeds` seeds per
    /// data set; then the best `keep` survive to the next rung (ignored on the last rung).
    public struct Rung: Sendable, Equatable {
        public var seeds: Int
        public var keep: Int
    }

    public var candidates: [Candidate]
    public var datasets: [ToyDataKind]
    public var rungs: [Rung]
    /// Seeds are `firstSeed, firstSeed + 1, ...`; a candidate's rung-`r` seeds extend its earlier ones.
    public var firstSeed: UInt64
    var testCount: Int
    /// The data protocol of every run.
    var dataProtocol: TrainingDataProtocol

    init(candidates: [Candidate], datasets: [ToyDataKind] = ToyDataKind.allCases, rungs: [Rung],
         firstSeed: UInt64, testCount: Int = 2_000, dataProtocol: TrainingDataProtocol = .fresh) {
        self.candidates = candidates
        self.datasets = datasets
        self.rungs = rungs
        self.firstSeed = firstSeed
        self.testCount = testCount
        self.dataProtocol = dataProtocol
    }

    /// The levels the standard sweep draws from: augmentation `s` (data units), `tau`, `λ_GEN`
    /// (`λ_INV = λ_PRIOR = 1`) and the SGLD step `α`.
    public static let levels = (s: [0.03, 0.1, 0.3], tau: [0.1, 0.2, 0.5, 1.0],
                                generativeWeight: [0.03, 0.1, 0.3, 1.0], sgldStep: [0.003, 0.01, 0.03, 0.1])

    /// The standard sweep: the starting point, the previous sweep's choice (`s = 0.3`, `tau = 0.2`,
    /// unit weights, `α = 0.01`), and 22 candidates of a Latin hypercube over ``levels`` (each level
    /// of each setting equally often, combined by a seeded shuffle); 2 seeds per data set for all,
    /// 6 for the best 8, 20 for the best 3. Seeds from 1000 on (`triad reproduce` reports 0-19).
    public static let standard: Sweep = {
        var c = [Candidate(TrainingOverrides()),
                 Candidate(TrainingOverrides(augmentationStd: 0.3, weights: .unit, temperature: 0.2, sgldStep: 0.01))]
        c += latinHypercube(count: 22, seed: standardDesignSeed).settings.map(Candidate.init)
        return Sweep(candidates: c, rungs: [Rung(seeds: 2, keep: 8), Rung(seeds: 6, keep: 3), Rung(seeds: 20, keep: 1)],
                     firstSeed: 1_000)
    }()

    /// The seed of the standard sweep's Latin hypercube.
    static let standardDesignSeed: UInt64 = 0x5357_4545_5031

    /// `count` settings over ``levels``: for each setting, its levels repeated to `count` entries and
    /// shuffled by a generator seeded with `seed`; a combination already drawn (or one of the two fixed
    /// candidates) is replaced by the next unused one of the full grid in shuffled order. Returns the
    /// settings and how many were replaced (each replacement may unbalance each setting by one).
    static func latinHypercube(count: Int, seed: UInt64) -> (settings: [TrainingOverrides], replaced: Int) {
        var rng = TriadRandom(seed: seed)
        func column(_ values: [Double]) -> [Double] {
            var out = (0..<count).map { values[$0 % values.count] }
            rng.shuffle(&out)
            return out
        }
        let s = column(levels.s), tau = column(levels.tau), g = column(levels.generativeWeight),
            alpha = column(levels.sgldStep)
        func overrides(_ s: Double, _ tau: Double, _ g: Double, _ alpha: Double) -> TrainingOverrides {
            TrainingOverrides(augmentationStd: s, weights: GEDIObjective.Weights(generative: g), temperature: tau,
                              sgldStep: alpha)
        }
        var grid = levels.s.flatMap { s in levels.tau.flatMap { t in levels.generativeWeight.flatMap { g in
            levels.sgldStep.map { a in overrides(s, t, g, a) } } } }
        rng.shuffle(&grid)
        var taken: [TrainingOverrides] = [overrides(0.1, 0.5, 1, 0.01), overrides(0.3, 0.2, 1, 0.01)]
        var out: [TrainingOverrides] = [], replaced = 0
        for k in 0..<count {
            var o = overrides(s[k], tau[k], g[k], alpha[k])
            if taken.contains(o) {
                o = grid.first { !taken.contains($0) }!
                replaced += 1
            }
            taken.append(o)
            out.append(o)
        }
        return (out, replaced)
    }

    /// The seeds of rung `r` that a survivor has not run yet.
    func newSeeds(rung r: Int) -> [UInt64] {
        let before = r == 0 ? 0 : rungs[r - 1].seeds
        return (before..<rungs[r].seeds).map { firstSeed + UInt64($0) }
    }

    /// The runs of `candidate` on the seeds `seeds`: data set, then seed.
    func experiments(_ candidate: Candidate, seeds: [UInt64]) -> [ToyExperiment] {
        datasets.flatMap { d in
            seeds.map { s in
                ToyExperiment(configuration: candidate.overrides.applied(to: ExperimentPresets.start(seed: s)),
                              dataset: d, testCount: testCount, dataProtocol: dataProtocol)
            }
        }
    }

    /// The number of runs of the whole halving.
    public var runCount: Int {
        var alive = candidates.count, total = 0
        for (r, rung) in rungs.enumerated() {
            total += alive * datasets.count * newSeeds(rung: r).count
            alive = min(alive, rung.keep)
        }
        return total
    }

    /// Throws ``TriadError`` for an empty or duplicated list, rungs whose seeds do not grow or keep
    /// nobody, or an invalid candidate.
    func validate() throws {
        try require(!candidates.isEmpty, "sweep candidates", 0, "must be >= 1")
        try require(Set(candidates.map(\.overrides.description)).count == candidates.count, "sweep candidates",
                    candidates.map(\.overrides.description).joined(separator: "; "), "must be distinct")
        try require(!datasets.isEmpty && Set(datasets).count == datasets.count, "sweep data sets",
                    datasets.map(\.rawValue).joined(separator: ","), "must be non-empty and distinct")
        try require(!rungs.isEmpty, "sweep rungs", 0, "must be >= 1")
        var previous = 0
        for (r, rung) in rungs.enumerated() {
            try require(rung.seeds > previous, "seeds of sweep rung \(r + 1)", rung.seeds, "must exceed the previous rung's \(previous)")
            try require(rung.keep >= 1, "survivors of sweep rung \(r + 1)", rung.keep, "must be >= 1")
            previous = rung.seeds
        }
        for cand in candidates { try cand.overrides.applied(to: ExperimentPresets.start(seed: firstSeed)).validate() }
    }

    /// Runs every rung on `workers` threads; `finished` sees each run as it completes.
    public func run(workers: Int, finished: (@Sendable (ToyExperimentResult) -> Void)? = nil) throws -> SweepReport {
        try validate()
        var report = SweepReport(sweep: self)
        var alive = Array(candidates.indices)
        for r in rungs.indices {
            let seeds = newSeeds(rung: r)
            let jobs = alive.flatMap { k in experiments(candidates[k], seeds: seeds).map { (k, $0) } }
            let results = try ParallelRuns.map(jobs, workers: workers, body: { try $0.1.run() },
                                               finished: { _, result in finished?(result) })
            for (job, result) in zip(jobs, results) { report.record(result, candidate: job.0, rung: r) }
            alive = report.ranking(of: alive).prefix(rungs[r].keep).map { $0 }
        }
        return report
    }
}
