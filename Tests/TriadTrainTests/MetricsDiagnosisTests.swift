import Glibc
import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

@Suite("Metrics: failure-mode diagnosis (representational collapse, cluster collapse, permutation)")
struct MetricsDiagnosisTests {
    /// Balanced true labels 0,1,0,1,...
    static func labels(_ n: Int) -> [Int] { (0..<n).map { $0 % 2 } }

    /// Embeddings at angle `angle[label]` with small angular jitter.
    static func embeddings(_ labels: [Int], angles: [Double], jitter: Double, using rng: inout TriadRandom) -> Matrix<Double> {
        var z = Matrix<Double>.zeros(rows: labels.count, columns: 2)
        for (i, y) in labels.enumerated() {
            let a = angles[y] + jitter * rng.gaussian(), r = rng.uniform(0.5, 2)
            z[i, 0] = r * cos(a)
            z[i, 1] = r * sin(a)
        }
        return z
    }

    /// Two-cluster probabilities: row `i` puts `confidence` on `clusters[i]`.
    static func probabilities(_ clusters: [Int], confidence: Double) -> Matrix<Double> {
        Matrix(clusters.map { $0 == 0 ? [confidence, 1 - confidence] : [1 - confidence, confidence] })
    }

    @Test("a healthy run (antipodal clusters, confident predictions equal to the manifolds) has no failure and NMI 1")
    func diagnosisHealthy() throws {
        var rng = TestSeed.generator("diagnosisHealthy", default: 71)
        let y = Self.labels(200)
        let d = try Diagnosis(embeddings: Self.embeddings(y, angles: [0, .pi], jitter: 0.05, using: &rng),
                              probabilities: Self.probabilities(y, confidence: 0.97), trueLabels: y)
        print("[diagnosisHealthy] \(d)")
        #expect(d.failureMode == .noFailure)
        #expect(d.nmi == 1)
        #expect(d.embeddingSpread > 0.9)
        #expect(d.clusterShares == [0.5, 0.5] && d.clusterShareEntropy == 1)
    }

    @Test("all embeddings in one direction is representational collapse, named before the cluster collapse it causes")
    func diagnosisRepresentationalCollapse() throws {
        var rng = TestSeed.generator("diagnosisRepresentationalCollapse", default: 72)
        let y = Self.labels(100)
        let z = Self.embeddings(y, angles: [1, 1], jitter: 1e-3, using: &rng)
        let d = try Diagnosis(embeddings: z, probabilities: Self.probabilities(Array(repeating: 0, count: 100), confidence: 0.7),
                              trueLabels: y)
        print("[diagnosisRepresentationalCollapse] \(d)")
        #expect(d.failureMode == .mode(.representationalCollapse))
        #expect(d.embeddingSpread < 0.01)
    }

    @Test("every point in one cluster with spread embeddings is cluster collapse (NMI 0)")
    func diagnosisClusterCollapse() throws {
        var rng = TestSeed.generator("diagnosisClusterCollapse", default: 73)
        let y = Self.labels(100)
        let d = try Diagnosis(embeddings: Self.embeddings(y, angles: [0, 2], jitter: 0.1, using: &rng),
                              probabilities: Self.probabilities(Array(repeating: 1, count: 100), confidence: 0.99),
                              trueLabels: y)
        #expect(d.failureMode == .mode(.clusterCollapse))
        #expect(d.largestClusterShare == 1 && d.nmi == 0)
    }

    @Test("balanced, confident clusters unrelated to the manifolds are a permutation")
    func diagnosisPermutation() throws {
        var rng = TestSeed.generator("diagnosisPermutation", default: 74)
        let y = Self.labels(400)
        let clusters = (0..<400).map { _ in Int(rng.next() % 2) }
        let d = try Diagnosis(embeddings: Self.embeddings(clusters, angles: [0, .pi], jitter: 0.05, using: &rng),
                              probabilities: Self.probabilities(clusters, confidence: 0.98), trueLabels: y)
        print("[diagnosisPermutation] \(d)")
        #expect(d.failureMode == .mode(.permutation))
        #expect(d.nmi < 0.05)
    }

    @Test("low NMI with unconfident predictions is a failure, but unclassified rather than a permutation")
    func diagnosisUnclassified() throws {
        var rng = TestSeed.generator("diagnosisUnclassified", default: 75)
        let y = Self.labels(400)
        let clusters = (0..<400).map { _ in Int(rng.next() % 2) }
        let d = try Diagnosis(embeddings: Self.embeddings(clusters, angles: [0, .pi], jitter: 0.05, using: &rng),
                              probabilities: Self.probabilities(clusters, confidence: 0.55), trueLabels: y)
        #expect(d.failureMode == .unclassified)
        #expect(isClose(d.meanPredictionEntropy, -(0.55 * log(0.55) + 0.45 * log(0.45)), absolute: 1e-14, relative: 1e-13))
    }

    @Test("the verdict follows the documented order and thresholds at their boundaries")
    func verdictBoundaries() {
        let t = DiagnosisThresholds.standard
        func v(_ spread: Double, _ share: Double, _ shareH: Double, _ predH: Double, _ nmi: Double) -> DiagnosedFailure {
            Diagnosis.verdict(spread: spread, largestShare: share, shareEntropy: shareH, predictionEntropy: predH,
                              nmi: nmi, thresholds: t)
        }
        #expect(v(0.049, 1, 0, 0, 0) == .mode(.representationalCollapse))
        #expect(v(0.05, 0.9, 0.47, 0, 0) == .mode(.clusterCollapse))
        #expect(v(0.05, 0.89, 0.9, 0.5, 0.49) == .mode(.permutation))
        #expect(v(0.05, 0.89, 0.89, 0.5, 0.49) == .unclassified)
        #expect(v(0.05, 0.89, 0.9, 0.51, 0.49) == .unclassified)
        #expect(v(0.05, 0.89, 0.9, 0.5, 0.5) == .noFailure)
    }

    @Test("the diagnosis speaks the theorem's vocabulary: every FailureMode (FM1-FM3) is one outcome, and only none and unclassified are outside it")
    func diagnosisUsesTheoremModes() {
        let modes = DiagnosedFailure.allCases.compactMap(\.theoremMode)
        #expect(modes == FailureMode.allCases)
        #expect(modes.map(\.rawValue) == ["FM1", "FM2", "FM3"])
        #expect(DiagnosedFailure.allCases.filter { $0.theoremMode == nil } == [.noFailure, .unclassified])
        #expect(DiagnosedFailure.allCases.map(\.description)
                == ["none", "representational collapse", "cluster collapse", "permutation", "unclassified"])
    }

    @Test("embedding spread of two balanced directions at angle φ is sin(φ/2); zero embeddings count as one point")
    func spreadClosedForm() {
        for phi in [0.0, 0.3, 1.0, Double.pi] {
            let z = Matrix<Double>((0..<10).map { i in i % 2 == 0 ? [2, 0] : [0.5 * cos(phi), 0.5 * sin(phi)] })
            #expect(isClose(Diagnosis.embeddingSpread(z), sin(phi / 2), absolute: 1e-15, relative: 1e-13), "phi = \(phi)")
        }
        #expect(Diagnosis.embeddingSpread(Matrix<Double>.zeros(rows: 5, columns: 3)) == 0)
    }

    @Test("logits are accepted through the stable row softmax and agree with the probability entry point")
    func diagnosisLogits() throws {
        var rng = TestSeed.generator("diagnosisLogits", default: 76)
        let y = Self.labels(50)
        let z = Self.embeddings(y, angles: [0, 2], jitter: 0.2, using: &rng)
        var logits = Matrix<Double>.zeros(rows: 50, columns: 3)
        for i in logits.storage.indices { logits.storage[i] = 5 * rng.gaussian() }
        let a = try Diagnosis(embeddings: z, logits: logits, trueLabels: y)
        let b = try Diagnosis(embeddings: z, probabilities: logits.rowSoftmax(), trueLabels: y)
        #expect(a == b)
        #expect(a.clusterCount == 3 && abs(a.clusterShares.reduce(0, +) - 1) < 1e-12)
    }

    @Test("invalid input throws a TriadError: mismatched rows, one cluster, bad probabilities, NaN embedding")
    func invalidInput() {
        let z = Matrix<Double>([[1, 0], [0, 1]])
        #expect(throws: TriadError.self) { try Diagnosis(embeddings: z, probabilities: Matrix([[0.5, 0.5]]), trueLabels: [0, 1]) }
        #expect(throws: TriadError.self) { try Diagnosis(embeddings: z, probabilities: Matrix([[1], [1]]), trueLabels: [0, 1]) }
        #expect(throws: TriadError.self) { try Diagnosis(embeddings: z, probabilities: Matrix([[0.6, 0.6], [0.5, 0.5]]), trueLabels: [0, 1]) }
        #expect(throws: TriadError.self) { try Diagnosis(embeddings: z, probabilities: Matrix([[1.5, -0.5], [0.5, 0.5]]), trueLabels: [0, 1]) }
        #expect(throws: TriadError.self) {
            try Diagnosis(embeddings: Matrix([[.nan, 0], [0, 1]]), probabilities: Matrix([[0.5, 0.5], [0.5, 0.5]]), trueLabels: [0, 1])
        }
        #expect(throws: TriadError.self) { try Diagnosis(embeddings: z, logits: Matrix([[.infinity, 0], [0, 1]]), trueLabels: [0, 1]) }
    }
}
