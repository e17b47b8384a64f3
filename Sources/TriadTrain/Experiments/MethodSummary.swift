import TriadCore

/// The runs of one method on one data set over several seeds, summarised.
struct MethodSummary: Sendable, Equatable {
    let method: MethodKind
    let dataset: ToyDataKind
    /// `(seed, NMI)` in seed order.
    let nmiBySeed: [(seed: UInt64, nmi: Double)]
    /// The diagnosis of each run, in seed order.
    let failures: [DiagnosedFailure]
    let meanNMI: Double
    /// The sample standard deviation (`n - 1`); 0 for one run.
    let stdNMI: Double
    /// The most frequent diagnosis (ties: the first in ``DiagnosedFailure/allCases`` order).
    let commonFailure: DiagnosedFailure
    /// Means over seeds of the diagnosis measurements.
    let meanSpread: Double, meanLargestShare: Double, meanPredictionEntropy: Double

    /// Summarises `results`, which must all be of one method and one data set. Throws
    /// ``TriadError`` when `results` is empty or mixed.
    init(_ results: [ToyExperimentResult]) throws {
        try require(!results.isEmpty, "result count", 0, "must be >= 1")
        let first = results[0].experiment
        for r in results {
            try require(r.experiment.configuration.method == first.configuration.method
                        && r.experiment.dataset == first.dataset, "result",
                        "\(r.experiment.configuration.method)/\(r.experiment.dataset)",
                        "must be \(first.configuration.method)/\(first.dataset) like the first")
        }
        let sorted = results.sorted { $0.experiment.configuration.seed < $1.experiment.configuration.seed }
        method = first.configuration.method
        dataset = first.dataset
        nmiBySeed = sorted.map { ($0.experiment.configuration.seed, $0.nmi) }
        failures = sorted.map(\.diagnosis.failureMode)
        let n = Double(sorted.count)
        func mean(_ f: (Diagnosis) -> Double) -> Double { sorted.reduce(0) { $0 + f($1.diagnosis) } / n }
        meanNMI = mean(\.nmi)
        let m = meanNMI
        stdNMI = sorted.count > 1
            ? (sorted.reduce(0) { $0 + ($1.nmi - m) * ($1.nmi - m) } / (n - 1)).squareRoot() : 0
        meanSpread = mean(\.embeddingSpread)
        meanLargestShare = mean(\.largestClusterShare)
        meanPredictionEntropy = mean(\.normalizedPredictionEntropy)
        let counts = Dictionary(grouping: failures, by: { $0 }).mapValues(\.count)
        commonFailure = DiagnosedFailure.allCases.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }!
    }

    static func == (a: MethodSummary, b: MethodSummary) -> Bool {
        a.method == b.method && a.dataset == b.dataset && a.failures == b.failures
            && a.nmiBySeed.map(\.seed) == b.nmiBySeed.map(\.seed) && a.nmiBySeed.map(\.nmi) == b.nmiBySeed.map(\.nmi)
    }

    /// `"0.912 ± 0.031"`.
    var nmiText: String { "NMI \(SVGFormat.fixed(meanNMI, digits: 3)) ± \(SVGFormat.fixed(stdNMI, digits: 3))" }

    /// `"permutation (4/5)"`: the most frequent diagnosis and how many runs had it.
    var failureText: String {
        "\(commonFailure) (\(failures.filter { $0 == commonFailure }.count)/\(failures.count))"
    }
}
