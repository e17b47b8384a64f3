import TriadCore

/// The runs of one method on one data set under one data protocol over several seeds, summarised
/// with statistics that fit bimodal outcomes: the share of seeds that reach the manifolds (NMI ≥
/// ``EmpiricalClaim/recoveredNMI``) with its Wilson interval, the median NMI, and how often each
/// diagnosis occurred. Mean ± standard deviation are kept for the per-seed table only.
struct MethodSummary: Sendable, Equatable {
    let method: MethodKind
    let dataset: ToyDataKind
    let dataProtocol: TrainingDataProtocol
    /// `(seed, NMI)` in seed order (held-out NMI).
    let nmiBySeed: [(seed: UInt64, nmi: Double)]
    /// The NMI on the training pool, in seed order (the `pool` protocol only).
    let poolNMIBySeed: [Double]?
    /// The diagnosis of each run, in seed order.
    let failures: [DiagnosedFailure]
    let meanNMI: Double
    /// The sample standard deviation (`n - 1`); 0 for one run.
    let stdNMI: Double
    /// The median held-out NMI (the mean of the middle two for an even count).
    let medianNMI: Double
    /// Seeds whose held-out NMI reaches ``EmpiricalClaim/recoveredNMI``.
    let successRate: SuccessRate
    /// The same on the training pool (the `pool` protocol only).
    let poolSuccessRate: SuccessRate?
    let poolMedianNMI: Double?
    /// The most frequent diagnosis (ties: the first in ``DiagnosedFailure/allCases`` order).
    let commonFailure: DiagnosedFailure
    /// Means over seeds of the diagnosis measurements.
    let meanSpread: Double, meanLargestShare: Double, meanPredictionEntropy: Double

    /// Summarises `results`, which must all be of one method, data set and protocol. Throws
    /// ``TriadError`` when `results` is empty or mixed.
    init(_ results: [ToyExperimentResult]) throws {
        try require(!results.isEmpty, "result count", 0, "must be >= 1")
        let first = results[0].experiment
        for r in results {
            try require(r.experiment.configuration.method == first.configuration.method
                        && r.experiment.dataset == first.dataset && r.experiment.dataProtocol == first.dataProtocol,
                        "result", "\(r.experiment.configuration.method)/\(r.experiment.dataset)/\(r.experiment.dataProtocol)",
                        "must be \(first.configuration.method)/\(first.dataset)/\(first.dataProtocol) like the first")
        }
        let sorted = results.sorted { $0.experiment.configuration.seed < $1.experiment.configuration.seed }
        method = first.configuration.method
        dataset = first.dataset
        dataProtocol = first.dataProtocol
        nmiBySeed = sorted.map { ($0.experiment.configuration.seed, $0.nmi) }
        failures = sorted.map(\.diagnosis.failureMode)
        let n = Double(sorted.count)
        func mean(_ f: (Diagnosis) -> Double) -> Double { sorted.reduce(0) { $0 + f($1.diagnosis) } / n }
        meanNMI = mean(\.nmi)
        let m = meanNMI
        stdNMI = sorted.count > 1
            ? (sorted.reduce(0) { $0 + ($1.nmi - m) * ($1.nmi - m) } / (n - 1)).squareRoot() : 0
        medianNMI = Self.median(sorted.map(\.nmi))
        successRate = try SuccessRate(values: sorted.map(\.nmi), threshold: EmpiricalClaim.recoveredNMI)
        let pool = sorted.compactMap(\.poolNMI)
        if pool.count == sorted.count {
            poolNMIBySeed = pool
            poolSuccessRate = try SuccessRate(values: pool, threshold: EmpiricalClaim.recoveredNMI)
            poolMedianNMI = Self.median(pool)
        } else {
            (poolNMIBySeed, poolSuccessRate, poolMedianNMI) = (nil, nil, nil)
        }
        meanSpread = mean(\.embeddingSpread)
        meanLargestShare = mean(\.largestClusterShare)
        meanPredictionEntropy = mean(\.normalizedPredictionEntropy)
        let counts = Dictionary(grouping: failures, by: { $0 }).mapValues(\.count)
        commonFailure = DiagnosedFailure.allCases.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }!
    }

    /// The median of a non-empty list (the mean of the middle two for an even count).
    static func median(_ values: [Double]) -> Double {
        let s = values.sorted(), k = s.count / 2
        return s.count % 2 == 1 ? s[k] : (s[k - 1] + s[k]) / 2
    }

    static func == (a: MethodSummary, b: MethodSummary) -> Bool {
        a.method == b.method && a.dataset == b.dataset && a.dataProtocol == b.dataProtocol && a.failures == b.failures
            && a.nmiBySeed.map(\.seed) == b.nmiBySeed.map(\.seed) && a.nmiBySeed.map(\.nmi) == b.nmiBySeed.map(\.nmi)
            && a.poolNMIBySeed == b.poolNMIBySeed
    }

    /// How many runs had each diagnosis, most frequent first: `"ok 12 · U 5 · P 3"`.
    var distributionText: String { Self.distribution(failures) }

    /// How many of `failures` had each diagnosis, most frequent first: `"ok 12 · U 5 · P 3"`.
    static func distribution(_ failures: [DiagnosedFailure]) -> String {
        let counts = Dictionary(grouping: failures, by: { $0 }).mapValues(\.count)
        return DiagnosedFailure.allCases.filter { counts[$0] != nil }
            .sorted { counts[$0]! > counts[$1]! }
            .map { "\(EmpiricalReport.shortName($0)) \(counts[$0]!)" }.joined(separator: " · ")
    }

    /// `"12/20 seeds (60%, 95% CI 39-78%), median NMI 0.931"`.
    var successText: String {
        "\(successRate.successes)/\(successRate.trials) seeds reach NMI ≥ \(EmpiricalClaim.fmt(EmpiricalClaim.recoveredNMI)) "
            + "(\(Self.percent(successRate)), 95% CI \(Self.interval(successRate))), median NMI \(SVGFormat.fixed(medianNMI, digits: 3))"
    }

    static func percent(_ r: SuccessRate) -> String { "\(Int((100 * r.rate).rounded()))%" }
    static func interval(_ r: SuccessRate) -> String {
        let w = r.wilson()
        return "\(Int((100 * w.lower).rounded()))-\(Int((100 * w.upper).rounded()))%"
    }

    /// `"0.912 ± 0.031"`.
    var nmiText: String { "NMI \(SVGFormat.fixed(meanNMI, digits: 3)) ± \(SVGFormat.fixed(stdNMI, digits: 3))" }

    /// `"permutation (4/5)"`: the most frequent diagnosis and how many runs had it.
    var failureText: String {
        "\(commonFailure) (\(failures.filter { $0 == commonFailure }.count)/\(failures.count))"
    }
}
