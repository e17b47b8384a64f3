import Glibc
import Testing
import TriadCore
import TriadTestSupport

/// The shared cross-entropy of fixed codes: exact gradient for any nonnegative targets, weights used
/// through their ratios, zero-weight pairs inert, hand-computed value at uniform predictions.
@Suite("Code prediction: weighted cross-entropy of fixed codes")
struct CodePredictionTests {
    static func randomTargets(_ n: Int, _ c: Int, _ rng: inout TriadRandom) -> Matrix<Double> {
        Matrix(rows: n, columns: c, storage: (0..<(n * c)).map { _ in rng.uniform(0, 2) })
    }

    /// Reason for the tolerance: as for the terms (`SinkhornObjectiveChecks.checkGradient`), with
    /// target rows of mass up to `2C <= 8` multiplying the derivatives: truncation `<= 2e-7` at
    /// `h = 1e-5`, rounding `<= 2e-9`; `1e-6` absolute plus `1e-6` relative.
    @Test("The gradient equals central differences for any nonnegative targets, rows not summing to 1 (the row-mass factor)")
    func gradientForAnyTargets() {
        let seed = TestSeed.seed(501)
        var rng = TestSeed.generator("gradientForAnyTargets", default: 501)
        for trial in 0..<20 {
            let n = 1 + Int(rng.next() % 5), c = 1 + Int(rng.next() % 4), t = [0.1, 0.7][trial % 2]
            let q = Self.randomTargets(n, c, &rng), r = Self.randomTargets(n, c, &rng)
            let s = SinkhornKnoppTests.randomScores(n, c, scale: 0.5, &rng), u = SinkhornKnoppTests.randomScores(n, c, scale: 0.5, &rng)
            let w = SinkhornKnoppTests.randomWeights(n, zeros: true, &rng)
            let e = CodePrediction.evaluate((q, s), (r, u), weights: w, temperature: t)
            for (label, base, analytic, first) in [("s", s, e.firstScoreGradient, true), ("t", u, e.secondScoreGradient, false)] {
                for k in base.storage.indices {
                    var plus = base, minus = base
                    plus.storage[k] += 1e-5
                    minus.storage[k] -= 1e-5
                    func value(_ m: Matrix<Double>) -> Double {
                        first ? CodePrediction.evaluate((q, m), (r, u), weights: w, temperature: t).value
                              : CodePrediction.evaluate((q, s), (r, m), weights: w, temperature: t).value
                    }
                    let numeric = (value(plus) - value(minus)) / 2e-5
                    #expect(isClose(analytic.storage[k], numeric, absolute: 1e-6, relative: 1e-6),
                            "trial \(trial) ∂/∂\(label)[\(k)]: \(analytic.storage[k]) vs \(numeric); replay: TRIAD_SEED=\(seed)")
                }
            }
        }
    }

    @Test("Only the weights' ratios matter: doubling every weight changes nothing bit for bit, a factor 3 nothing beyond rounding")
    func weightsEnterThroughTheirRatios() {
        var rng = TestSeed.generator("weightsEnterThroughTheirRatios", default: 502)
        let q = Self.randomTargets(5, 3, &rng), r = Self.randomTargets(5, 3, &rng)
        let s = SinkhornKnoppTests.randomScores(5, 3, scale: 1, &rng), u = SinkhornKnoppTests.randomScores(5, 3, scale: 1, &rng)
        let w = SinkhornKnoppTests.randomWeights(5, zeros: true, &rng)
        let base = CodePrediction.evaluate((q, s), (r, u), weights: w, temperature: 0.1)
        let doubled = CodePrediction.evaluate((q, s), (r, u), weights: w.map { 2 * $0 }, temperature: 0.1)
        #expect(base.value == doubled.value && base.firstScoreGradient == doubled.firstScoreGradient
                && base.secondScoreGradient == doubled.secondScoreGradient)
        let tripled = CodePrediction.evaluate((q, s), (r, u), weights: w.map { 3 * $0 }, temperature: 0.1)
        #expect(isClose(base.value, tripled.value, absolute: 0, relative: 1e-14))
    }

    @Test("A zero-weight pair adds nothing and has a zero gradient row, whatever its scores and targets (NaN included)")
    func zeroWeightPairIsInert() {
        var rng = TestSeed.generator("zeroWeightPairIsInert", default: 503)
        var q = Self.randomTargets(4, 3, &rng), s = SinkhornKnoppTests.randomScores(4, 3, scale: 1, &rng)
        let r = Self.randomTargets(4, 3, &rng), u = SinkhornKnoppTests.randomScores(4, 3, scale: 1, &rng)
        let w = [0.5, 0, 0.25, 0.25]
        let base = CodePrediction.evaluate((q, s), (r, u), weights: w, temperature: 0.1)
        for y in 0..<3 {
            q[1, y] = .nan
            s[1, y] = 1e6 * Double(y)
        }
        let changed = CodePrediction.evaluate((q, s), (r, u), weights: w, temperature: 0.1)
        #expect(base.value == changed.value)
        #expect(changed.firstScoreGradient.row(1).allSatisfy { $0 == 0 } && changed.secondScoreGradient.row(1).allSatisfy { $0 == 0 })
    }

    @Test("Uniform predictions cost log C per unit of target mass: V = -½ Σ a_i (|q_i| + |r_i|) log C at zero scores")
    func uniformPredictions() {
        var rng = TestSeed.generator("uniformPredictions", default: 504)
        let q = Self.randomTargets(4, 5, &rng), r = Self.randomTargets(4, 5, &rng)
        let zero = Matrix<Double>.zeros(rows: 4, columns: 5), w = [0.1, 0.2, 0.3, 0.4]
        let v = CodePrediction.evaluate((q, zero), (r, zero), weights: w, temperature: 0.1).value
        var expected = 0.0
        for i in 0..<4 {
            let mass: Double = q.row(i).reduce(0, +) + r.row(i).reduce(0, +)
            expected -= w[i] * mass * Glibc.log(5.0) / 2
        }
        #expect(isClose(v, expected, absolute: 1e-15, relative: 1e-14), "\(v) vs \(expected)")
    }
}
