import Glibc
import TriadCore

/// The failure-mode diagnosis of one run on held-out data (`Proofs/model.md` §4 and §7.6): what was measured
/// and the verdict.
///
/// The verdict is decided in this order (the first that applies):
/// 1. FM1 (``FailureMode/representationalCollapse``) when ``embeddingSpread`` < `collapsedSpread`
///    (FM1 makes every prediction equal, so it would also show as cluster collapse: the cause is named);
/// 2. FM2 (``FailureMode/clusterCollapse``) when ``largestClusterShare`` >= `collapsedClusterShare`;
/// 3. when ``nmi`` < `lowNMI`: FM3 (``FailureMode/permutation``) if the clusters are balanced
///    (``clusterShareEntropy`` >= `balancedClusterEntropy`) and confident
///    (``normalizedPredictionEntropy`` <= `confidentPredictionEntropy`), else
///    ``DiagnosedFailure/unclassified``;
/// 4. ``DiagnosedFailure/noFailure``.
public struct Diagnosis: Sendable, Equatable, CustomStringConvertible {
    /// The verdict.
    public let failureMode: DiagnosedFailure
    /// Number of points measured.
    let sampleCount: Int
    /// Number of clusters `C` (columns of the probabilities).
    let clusterCount: Int
    /// RMS distance of the L2-normalised embeddings to their mean, in `[0, 1]`
    /// (see ``Diagnosis/embeddingSpread(_:)``).
    public let embeddingSpread: Double
    /// Share of points whose argmax prediction is cluster `y`, for every `y < C` (sums to 1).
    let clusterShares: [Double]
    /// `max_y clusterShares[y]`, in `[1/C, 1]`.
    public let largestClusterShare: Double
    /// Entropy of ``clusterShares`` divided by `log C`, in `[0, 1]`; 1 for equal shares.
    public let clusterShareEntropy: Double
    /// Mean over points of `H(p(·|x))`, in nats, in `[0, log C]`.
    public let meanPredictionEntropy: Double
    /// ``meanPredictionEntropy`` divided by `log C`, in `[0, 1]`.
    public let normalizedPredictionEntropy: Double
    /// NMI (arithmetic) of the argmax predictions against the true labels.
    let nmi: Double
    /// The thresholds the verdict used.
    let thresholds: DiagnosisThresholds

    /// Measures and judges a run.
    ///
    /// - Parameters:
    ///   - embeddings: `n × k`, the representation to test for FM1 (the backbone output `enc(x)` in the
    ///     paper's Definition 1; any `k >= 1`).
    ///   - probabilities: `n × C` with `C >= 2`, row `i` is `p(·|x_i)`: finite, non-negative, each row
    ///     summing to 1 within 1e-4 (room for Float softmax rows, whose sums err by a few 1e-7).
    ///   - trueLabels: the manifold of each point.
    /// Predictions are the argmax of each row; ties go to the lowest index.
    /// Throws ``TriadError`` on empty input, mismatched row counts, or invalid probabilities.
    init<T: Real>(embeddings: Matrix<T>, probabilities: Matrix<T>, trueLabels: [Int],
                         thresholds: DiagnosisThresholds = .standard) throws {
        let n = trueLabels.count
        try require(n >= 1, "sample count", n, "must be >= 1")
        try require(embeddings.rows == n, "embedding rows", embeddings.rows, "must equal the label count \(n)")
        try require(probabilities.rows == n, "probability rows", probabilities.rows, "must equal the label count \(n)")
        try require(embeddings.columns >= 1, "embedding dimension", embeddings.columns, "must be >= 1")
        try require(probabilities.columns >= 2, "cluster count C", probabilities.columns, "must be >= 2")
        let p = probabilities.converted(to: Double.self)
        let z = embeddings.converted(to: Double.self)
        for v in z.storage { try require(v.isFinite, "embedding entry", v, "must be finite") }
        for i in 0..<n {
            var sum = 0.0
            for y in 0..<p.columns {
                let v = p[i, y]
                try require(v.isFinite && v >= 0, "probability p[\(i), \(y)]", v, "must be finite and >= 0")
                sum += v
            }
            try require(abs(sum - 1) <= 1e-4, "probability row \(i) sum", sum, "must be 1 within 1e-4")
        }
        let C = p.columns
        let logC = log(Double(C))
        let predictions = Self.argmax(p)
        var sizes = Array(repeating: 0, count: C)
        for y in predictions { sizes[y] += 1 }
        let shares = sizes.map { Double($0) / Double(n) }
        var entropySum = 0.0
        for i in 0..<n { entropySum += Information.entropy(p.row(i)) }

        self.sampleCount = n
        self.clusterCount = C
        self.embeddingSpread = Self.embeddingSpread(z)
        self.clusterShares = shares
        self.largestClusterShare = shares.max()!
        self.clusterShareEntropy = Information.entropy(shares) / logC
        self.meanPredictionEntropy = entropySum / Double(n)
        self.normalizedPredictionEntropy = meanPredictionEntropy / logC
        self.nmi = try ClusteringMetrics.normalizedMutualInformation(trueLabels: trueLabels, predicted: predictions)
        self.thresholds = thresholds
        self.failureMode = Self.verdict(
            spread: embeddingSpread, largestShare: largestClusterShare, shareEntropy: clusterShareEntropy,
            predictionEntropy: normalizedPredictionEntropy, nmi: nmi, thresholds: thresholds)
    }

    /// As ``init(embeddings:probabilities:trueLabels:thresholds:)`` with `p(·|x) = softmax(logits)`
    /// (TriadCore's stable ``Matrix/rowSoftmax()``). Throws also on non-finite logits.
    init<T: Real>(embeddings: Matrix<T>, logits: Matrix<T>, trueLabels: [Int],
                         thresholds: DiagnosisThresholds = .standard) throws {
        for v in logits.storage { try require(v.isFinite, "logit", v, "must be finite") }
        try self.init(embeddings: embeddings, probabilities: logits.rowSoftmax(), trueLabels: trueLabels,
                      thresholds: thresholds)
    }

    /// The verdict from the measurements (the order of the type's documentation).
    static func verdict(spread: Double, largestShare: Double, shareEntropy: Double,
                               predictionEntropy: Double, nmi: Double,
                               thresholds t: DiagnosisThresholds) -> DiagnosedFailure {
        if spread < t.collapsedSpread { return .mode(.representationalCollapse) }
        if largestShare >= t.collapsedClusterShare { return .mode(.clusterCollapse) }
        if nmi < t.lowNMI {
            let balanced = shareEntropy >= t.balancedClusterEntropy
            let confident = predictionEntropy <= t.confidentPredictionEntropy
            return balanced && confident ? .mode(.permutation) : .unclassified
        }
        return .noFailure
    }

    /// The index of the largest entry of each row (the lowest index among ties).
    static func argmax(_ p: Matrix<Double>) -> [Int] {
        (0..<p.rows).map { i in
            var best = 0
            for y in 1..<max(p.columns, 1) where p[i, y] > p[i, best] { best = y }
            return best
        }
    }

    /// The spread of the L2-normalised embeddings: `sqrt(mean_i |ẑ_i - m|²)` with
    /// `ẑ_i = z_i / max(|z_i|, 1e-12)` (the norm floor of `Proofs/model.md` §1.3, so a zero embedding stays
    /// zero) and `m = mean_i ẑ_i`. In `[0, 1]`; 0 exactly when all normalised embeddings coincide
    /// (FM1, `Proofs/model.md` §4.1); equal to `sqrt(1 - |m|²)` when no embedding is zero.
    static func embeddingSpread(_ z: Matrix<Double>) -> Double {
        let n = z.rows, k = z.columns
        guard n > 0 else { return 0 }
        var normalized = z
        var mean = Array(repeating: 0.0, count: k)
        for i in 0..<n {
            var s = 0.0
            for c in 0..<k { s += z[i, c] * z[i, c] }
            let norm = max(s.squareRoot(), ClusterHead<Double>.normFloor)
            for c in 0..<k {
                normalized[i, c] = z[i, c] / norm
                mean[c] += normalized[i, c] / Double(n)
            }
        }
        var sq = 0.0
        for i in 0..<n {
            for c in 0..<k { let d = normalized[i, c] - mean[c]; sq += d * d }
        }
        return min((sq / Double(n)).squareRoot(), 1)
    }

    public var description: String {
        func f(_ x: Double) -> String { SVGFormat.fixed(x, digits: 3) }
        return "\(failureMode): NMI \(f(nmi)), spread \(f(embeddingSpread)), largest cluster "
            + "\(f(largestClusterShare)), share entropy \(f(clusterShareEntropy)), "
            + "prediction entropy \(f(normalizedPredictionEntropy)) (n = \(sampleCount), C = \(clusterCount))"
    }
}
