import Glibc
import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

/// Reference NMI values from scikit-learn 1.9.1, `normalized_mutual_info_score(labels_true, labels_pred)`
/// (default `average_method="arithmetic"`), on labelings made by the generator below, which the Python
/// side reproduces exactly:
///
///     s = (s * 6364136223846793005 + 1442695040888963407) mod 2^64, draw = s >> 33
///     for each point: a = draw % kTrue; r = draw % 100; b = draw % kPred
///                     true = a; pred = (r < agree) ? a % kPred : b
enum NMIReference {
    struct Case: Sendable { let seed: UInt64, n: Int, kTrue: Int, kPred: Int, agree: UInt64, nmi: Double }

    static let cases: [Case] = [
        Case(seed: 1, n: 1000, kTrue: 2, kPred: 2, agree: 0, nmi: 1.5820765394953375e-07),
        Case(seed: 2, n: 500, kTrue: 3, kPred: 5, agree: 0, nmi: 0.012567862636573427),
        Case(seed: 3, n: 400, kTrue: 2, kPred: 2, agree: 80, nmi: 0.510066873214446),
        Case(seed: 4, n: 777, kTrue: 4, kPred: 3, agree: 60, nmi: 0.2552435051249119),
        Case(seed: 5, n: 64, kTrue: 5, kPred: 5, agree: 95, nmi: 0.966558174654837),
        Case(seed: 6, n: 300, kTrue: 2, kPred: 4, agree: 50, nmi: 0.21598298420697698),
        Case(seed: 7, n: 200, kTrue: 3, kPred: 3, agree: 100, nmi: 1.0),
    ]

    static func labels(_ c: Case) -> (truth: [Int], predicted: [Int]) {
        var s = c.seed
        func draw() -> UInt64 {
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return s >> 33
        }
        var truth: [Int] = [], predicted: [Int] = []
        for _ in 0..<c.n {
            let a = Int(draw() % UInt64(c.kTrue)), r = draw() % 100, b = Int(draw() % UInt64(c.kPred))
            truth.append(a)
            predicted.append(r < c.agree ? a % c.kPred : b)
        }
        return (truth, predicted)
    }
}

@Suite("Metrics: normalised mutual information (arithmetic mean, as scikit-learn)")
struct MetricsNMITests {
    static func nmi(_ t: [Int], _ p: [Int]) throws -> Double {
        try ClusteringMetrics.normalizedMutualInformation(trueLabels: t, predicted: p)
    }

    @Test("a hand-computed case: NMI([0,0,1,1], [0,0,0,1]) = 0.75 log(4/3) / ((log 2 + log 4 - 0.75 log 3) / 2)")
    func handComputed() throws {
        // Cells (0,0)=2, (1,0)=1, (1,1)=1; rows 2, 2; columns 3, 1.
        // I = ½ log(4·2/(2·3)) + ¼ log(4·1/(2·3)) + ¼ log(4·1/(2·1)) = ¾ log(4/3).
        let mi = 0.75 * log(4.0 / 3)
        let hTrue = log(2.0), hPred = log(4.0) - 0.75 * log(3.0)
        #expect(isClose(try Self.nmi([0, 0, 1, 1], [0, 0, 0, 1]), mi / ((hTrue + hPred) / 2), absolute: 0, relative: 1e-14))
        let table = try ContingencyTable(trueLabels: [0, 0, 1, 1], predicted: [0, 0, 0, 1])
        #expect(isClose(ClusteringMetrics.mutualInformation(table), mi, absolute: 0, relative: 1e-14))
    }

    @Test("matches scikit-learn 1.9.1 on generated labelings (tiny, partial and perfect agreement)")
    func matchesScikitLearn() throws {
        for c in NMIReference.cases {
            let (t, p) = NMIReference.labels(c)
            let v = try Self.nmi(t, p)
            print("[matchesScikitLearn] seed \(c.seed): \(v) vs scikit-learn \(c.nmi)")
            // Same per-cell formula, possibly another summation order. The smallest value, 1.6e-7, is a
            // sum of terms ~1e-4 that cancel, so only ~9 of its digits are meaningful: relative 1e-8.
            #expect(isClose(v, c.nmi, absolute: 1e-15, relative: 1e-8), "seed \(c.seed)")
        }
    }

    @Test("matches scikit-learn on its documented examples and an imbalanced case")
    func matchesScikitLearnSmallCases() throws {
        #expect(try Self.nmi([0, 0, 1, 1], [0, 0, 1, 1]) == 1)
        #expect(try Self.nmi([0, 0, 1, 1], [1, 1, 0, 0]) == 1)
        #expect(try Self.nmi([0, 0, 0, 0], [0, 1, 2, 3]) == 0)
        #expect(isClose(try Self.nmi([0, 1, 1, 0, 1, 0], [0, 1, 0, 0, 1, 1]), 0.08170416594551037, absolute: 0, relative: 1e-13))
        #expect(isClose(try Self.nmi([1] + Array(repeating: 0, count: 99), [1, 1] + Array(repeating: 0, count: 98)),
                        0.5471100179169898, absolute: 0, relative: 1e-13))
    }

    @Test("special cases as scikit-learn: both single-class gives 1, one single-class gives 0, both empty gives 1, independence gives 0")
    func specialCases() throws {
        #expect(try Self.nmi([3, 3, 3], [7, 7, 7]) == 1)
        #expect(try Self.nmi([0, 1, 0, 1], [5, 5, 5, 5]) == 0)   // a collapsed clustering
        #expect(try Self.nmi([5, 5, 5, 5], [0, 1, 0, 1]) == 0)
        #expect(try Self.nmi([], []) == 1)
        #expect(try Self.nmi([0, 0, 1, 1], [0, 1, 0, 1]) == 0)   // exactly independent: MI = 0
        #expect(throws: TriadError.self) { try Self.nmi([0, 1], [0]) }
    }

    @Test("label names do not matter: arbitrary integers, negative ones and renamings give the same NMI")
    func relabelingInvariance() throws {
        let c = NMIReference.cases[3]
        let (t, p) = NMIReference.labels(c)
        let names = [-7, 3, 42, 1000]
        let renamed = try Self.nmi(t.map { names[$0] }, p.map { names[$0] * 5 })
        // scikit-learn gives the same value for this renaming (checked: 0.2552435051249119).
        #expect(renamed == (try Self.nmi(t, p)))
        #expect(isClose(renamed, c.nmi, absolute: 1e-15, relative: 1e-8))
    }

    @Test("NMI is symmetric and in [0, 1] on random labelings")
    func symmetryAndRange() throws {
        var rng = TestSeed.generator("symmetryAndRange", default: 61)
        for _ in 0..<TestSeed.cases(50) {
            let n = 1 + Int(rng.next() % 60), kt = 1 + Int(rng.next() % 4), kp = 1 + Int(rng.next() % 4)
            let t = (0..<n).map { _ in Int(rng.next() % UInt64(kt)) }
            let p = (0..<n).map { _ in Int(rng.next() % UInt64(kp)) }
            let a = try Self.nmi(t, p), b = try Self.nmi(p, t)
            #expect(isClose(a, b, absolute: 1e-15, relative: 1e-13), "t=\(t) p=\(p)")
            #expect(a >= 0 && a <= 1 + 1e-12, "t=\(t) p=\(p)")
        }
    }
}
