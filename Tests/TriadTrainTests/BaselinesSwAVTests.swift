import Glibc
import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

/// Reference values: an independent NumPy implementation of SwAV's `distributed_sinkhorn` (direct
/// domain, `exp` then alternate row/column normalisation, 3 iterations, eps 0.05) and of the swapped
/// loss with a max-shifted log-softmax, run on the matrices below (NumPy 2.4, float64).
enum SwAVReference {
    static let scoresA = Matrix<Double>([[0.9, -0.2, 0.1], [0.8, 0.3, -0.5], [0.7, 0.6, 0.0], [-0.1, 0.2, 0.95], [0.5, -0.9, 0.4]])
    static let scoresB = Matrix<Double>([[0.1, 0.5, -0.3], [0.9, -0.6, 0.2], [0.2, 0.25, 0.3], [-0.7, 0.1, 0.6], [0.4, 0.4, -0.8]])
    static let codesA = Matrix<Double>([
        [0.9999986603435325, 1.0105683829422856e-06, 3.290880846629691e-07],
        [0.8587560425861771, 0.14124395740099274, 1.2830327047294223e-11],
        [0.002035444140422546, 0.9979645509100825, 4.949495024119107e-09],
        [2.5919515357965465e-10, 0.00037882502324269076, 0.9996211747175622],
        [0.7164538709527922, 1.794682510140317e-09, 0.28354612725252537],
    ])
    static let loss = 4.163329366418171
}

@Suite("Baselines: SwAV (Sinkhorn-Knopp codes, swapped prediction)")
struct BaselinesSwAVTests {
    @Test("Sinkhorn codes match an independent NumPy run of SwAV's distributed_sinkhorn")
    func sinkhornMatchesReference() throws {
        let q = try SinkhornKnopp.codes(scores: SwAVReference.scoresA)
        // Log-domain vs direct-domain evaluation of the same 3 iterations: each entry is a product of
        // ~10 rounded factors, so relative agreement ~1e-14; entries near 1e-11 carry the same
        // relative error, hence a relative tolerance and a negligible absolute one.
        for (a, b) in zip(q.storage, SwAVReference.codesA.storage) {
            #expect(isClose(a, b, absolute: 1e-20, relative: 1e-11), "code \(a) vs reference \(b)")
        }
    }

    @Test("Sinkhorn codes: every row sums to 1, and a constant shift of all scores changes nothing")
    func sinkhornRowsAndShiftInvariance() throws {
        var rng = TestSeed.generator("sinkhornRowsAndShiftInvariance", default: 31)
        let s = BaselineGradientCheck.gaussianMatrix(rows: 40, columns: 4, scale: 0.5, using: &rng)
        let q = try SinkhornKnopp.codes(scores: s)
        let shifted = try SinkhornKnopp.codes(scores: s.map { $0 + 0.7 })
        for r in 0..<40 {
            #expect(isClose(q.row(r).reduce(0, +), 1, absolute: 1e-14, relative: 0))
            for c in 0..<4 { #expect(isClose(q[r, c], shifted[r, c], absolute: 1e-15, relative: 1e-12)) }
        }
    }

    @Test("Sinkhorn spreads the mass over prototypes when every sample prefers the same one (equipartition)")
    func sinkhornEquipartition() throws {
        var rng = TestSeed.generator("sinkhornEquipartition", default: 32)
        // Every sample prefers prototype 0, by a margin of 0.3 ± 0.07 (6 ± 1.4 in units of eps).
        var s = Matrix<Double>.zeros(rows: 60, columns: 2)
        for r in 0..<60 { s[r, 0] = 0.55 + 0.05 * rng.gaussian(); s[r, 1] = 0.25 + 0.05 * rng.gaussian() }
        let q = try SinkhornKnopp.codes(scores: s)
        let soft = s.map { $0 / SinkhornKnopp.defaultEpsilon }.rowSoftmax()
        let massQ = (0..<60).reduce(0.0) { $0 + q[$1, 1] }, massSoft = (0..<60).reduce(0.0) { $0 + soft[$1, 1] }
        // The plain softmax gives prototype 1 almost nothing; the codes move it close to the target 30.
        print("[sinkhornEquipartition] mass on prototype 1: softmax \(massSoft), codes \(massQ), target 30")
        #expect(massSoft < 3)
        #expect(abs(massQ - 30) < 3)
    }

    @Test("Sinkhorn stays finite for scores far outside the cosine range (no overflow of exp(s/eps))")
    func sinkhornLargeScores() throws {
        let q = try SinkhornKnopp.codes(scores: SwAVReference.scoresA.map { $0 * 1000 })
        #expect(q.storage.allSatisfy { $0.isFinite && $0 >= 0 })
        for r in 0..<q.rows { #expect(isClose(q.row(r).reduce(0, +), 1, absolute: 1e-14, relative: 0)) }
    }

    @Test("swapped prediction with equal scores across prototypes costs exactly log K whatever the codes")
    func swappedPredictionUniformScores() throws {
        var rng = TestSeed.generator("swappedPredictionUniformScores", default: 33)
        let k = 3, n = 4
        let zero = Matrix<Double>.zeros(rows: n, columns: k)
        var codes = Matrix<Double>.zeros(rows: n, columns: k)
        for r in 0..<n {
            let w = (0..<k).map { _ in rng.nextUnit() + 0.01 }
            let total = w.reduce(0, +)
            for c in 0..<k { codes[r, c] = w[c] / total }
        }
        let r = try SwAVLoss.swappedPrediction(scoresA: zero, scoresB: zero, codesA: codes, codesB: codes)
        #expect(isClose(r.loss, Glibc.log(3), absolute: 1e-15, relative: 1e-15))
    }

    @Test("the full SwAV loss on two views matches the NumPy reference")
    func lossMatchesReference() throws {
        let r = try SwAVLoss.evaluate(scoresA: SwAVReference.scoresA, scoresB: SwAVReference.scoresB)
        // A sum of 30 terms of size up to ~10 evaluated in a different order: 1e-13 relative.
        #expect(isClose(r.loss, SwAVReference.loss, absolute: 0, relative: 1e-12))
    }

    @Test("score gradients (codes held fixed) match central differences")
    func gradientCheckScores() throws {
        var rng = TestSeed.generator("gradientCheckScores", default: 34)
        let sa = BaselineGradientCheck.gaussianMatrix(rows: 6, columns: 3, scale: 0.4, using: &rng)
        let sb = BaselineGradientCheck.gaussianMatrix(rows: 6, columns: 3, scale: 0.4, using: &rng)
        let r = try SwAVLoss.evaluate(scoresA: sa, scoresB: sb)
        func loss(_ a: Matrix<Double>, _ b: Matrix<Double>) throws -> Double {
            try SwAVLoss.swappedPrediction(scoresA: a, scoresB: b, codesA: r.codesA, codesB: r.codesB).loss
        }
        BaselineGradientCheck.expectMatch(r.scoreGradientA.storage,
            try BaselineGradientCheck.numericalGradient(sa) { try loss($0, sb) }.storage, "SwAV d/d scores A")
        BaselineGradientCheck.expectMatch(r.scoreGradientB.storage,
            try BaselineGradientCheck.numericalGradient(sb) { try loss(sa, $0) }.storage, "SwAV d/d scores B")
    }

    @Test("embedding and prototype gradients (codes held fixed) match central differences")
    func gradientCheckEmbeddingsAndPrototypes() throws {
        var rng = TestSeed.generator("gradientCheckEmbeddingsAndPrototypes", default: 35)
        let za = BaselineGradientCheck.gaussianMatrix(rows: 5, columns: 2, using: &rng)
        let zb = BaselineGradientCheck.gaussianMatrix(rows: 5, columns: 2, using: &rng)
        let u = BaselineGradientCheck.gaussianMatrix(rows: 3, columns: 2, using: &rng)
        let r = try SwAVLoss.evaluate(embeddingsA: za, embeddingsB: zb, prototypes: u)
        func loss(_ a: Matrix<Double>, _ b: Matrix<Double>, _ p: Matrix<Double>) throws -> Double {
            let head = try ClusterHead(prototypes: p, temperature: 1.0)
            return try SwAVLoss.swappedPrediction(scoresA: head.logits(a), scoresB: head.logits(b),
                                                  codesA: r.codesA, codesB: r.codesB).loss
        }
        BaselineGradientCheck.expectMatch(try #require(r.embeddingGradientA).storage,
            try BaselineGradientCheck.numericalGradient(za) { try loss($0, zb, u) }.storage, "SwAV d/d z_a")
        BaselineGradientCheck.expectMatch(try #require(r.embeddingGradientB).storage,
            try BaselineGradientCheck.numericalGradient(zb) { try loss(za, $0, u) }.storage, "SwAV d/d z_b")
        BaselineGradientCheck.expectMatch(try #require(r.prototypeGradient).storage,
            try BaselineGradientCheck.numericalGradient(u) { try loss(za, zb, $0) }.storage, "SwAV d/d prototypes")
    }

    @Test("the embedding entry point gives the loss of the cosine scores")
    func embeddingEntryPointUsesCosineScores() throws {
        var rng = TestSeed.generator("embeddingEntryPointUsesCosineScores", default: 36)
        let za = BaselineGradientCheck.gaussianMatrix(rows: 7, columns: 2, using: &rng)
        let zb = BaselineGradientCheck.gaussianMatrix(rows: 7, columns: 2, using: &rng)
        let u = BaselineGradientCheck.gaussianMatrix(rows: 2, columns: 2, using: &rng)
        let r = try SwAVLoss.evaluate(embeddingsA: za, embeddingsB: zb, prototypes: u)
        // Cosines written out here, independently of ClusterHead.
        func cosines(_ z: Matrix<Double>) -> Matrix<Double> {
            var s = Matrix<Double>.zeros(rows: z.rows, columns: u.rows)
            for i in 0..<z.rows {
                for y in 0..<u.rows {
                    let dot = z[i, 0] * u[y, 0] + z[i, 1] * u[y, 1]
                    s[i, y] = dot / ((z[i, 0] * z[i, 0] + z[i, 1] * z[i, 1]).squareRoot()
                                     * (u[y, 0] * u[y, 0] + u[y, 1] * u[y, 1]).squareRoot())
                }
            }
            return s
        }
        let direct = try SwAVLoss.evaluate(scoresA: cosines(za), scoresB: cosines(zb))
        #expect(isClose(r.loss, direct.loss, absolute: 1e-13, relative: 1e-12))
    }

    @Test("invalid input throws a TriadError: shape mismatch, zero temperature, NaN score, no iterations")
    func invalidInputThrows() {
        let s = SwAVReference.scoresA
        #expect(throws: TriadError.self) {
            try SwAVLoss.evaluate(scoresA: s, scoresB: Matrix<Double>.zeros(rows: 4, columns: 3))
        }
        #expect(throws: TriadError.self) { try SwAVLoss.evaluate(scoresA: s, scoresB: s, temperature: 0) }
        var bad = s
        bad[0, 0] = .nan
        #expect(throws: TriadError.self) { try SinkhornKnopp.codes(scores: bad) }
        #expect(throws: TriadError.self) { try SinkhornKnopp.codes(scores: s, iterations: 0) }
    }
}
