import Foundation
import Testing
import TriadCore
import TriadTestSupport

@Suite("SCAN term: neighbour consistency plus the entropy of the anchors' marginal")
struct SCANTermTests {
    static let term = try! SCANTerm()

    /// Logits `scale · e_y` for the given clusters.
    static func oneHot(_ ys: [Int], c: Int, scale: Double) -> Matrix<Double> {
        var l = Matrix<Double>.zeros(rows: ys.count, columns: c)
        for (i, y) in ys.enumerated() { l[i, y] = scale }
        return l
    }

    /// Reason for the tolerance: `|L| <= 20 + 5 log 5` and `|L'''|` is of order `w / min q <= 1e3` on
    /// these batches; at `h = 1e-6` the truncation error `h² |L'''| / 6` is below 2e-10 and the rounding
    /// error `u |L| / h` below 4e-9: 1e-7 absolute plus 1e-6 relative.
    @Test("The gradient (both sides of the consistency, and the entropy through the marginal) equals central differences on random weighted batches including a weight 0, for w = 0, 1, 5")
    func gradientMatchesCentralDifferences() throws {
        var rng = TestSeed.generator("SCAN gradientMatchesCentralDifferences", default: 321)
        var worst = 0.0
        for w in [0.0, 1, 5] {
            let term = try SCANTerm(entropyWeight: w)
            for trial in 0..<15 {
                let batch = ObjectiveCheck.randomBatch(trial: trial, using: &rng)
                worst = max(worst, ObjectiveCheck.expectGradient(term.gradient(batch), batch, absolute: 1e-7, relative: 1e-6,
                                                                 "SCAN w \(w) trial \(trial)") { term.value($0) })
            }
        }
        print("[SCAN gradient] largest |analytic - central| = \(worst)")
    }

    @Test("Hand-computed values: Σ a_i log Σ_y p_y p'_y + w H(Σ a_i p_i) from the softmaxes, on random weighted batches")
    func valueMatchesDirectFormula() {
        var rng = TestSeed.generator("SCAN valueMatchesDirectFormula", default: 322)
        for trial in 0..<30 {
            let b = ObjectiveCheck.randomBatch(trial: trial, using: &rng)
            let p = b.logits.rowSoftmax(), q = b.viewLogits.rowSoftmax()
            var consistency = 0.0
            var marginal = [Double](repeating: 0, count: b.clusterCount)
            for i in 0..<b.count {
                consistency += b.weights[i] * log((0..<b.clusterCount).reduce(0.0) { $0 + p[i, $1] * q[i, $1] })
                for y in 0..<b.clusterCount { marginal[y] += b.weights[i] * p[i, y] }
            }
            let expected = consistency + 5 * Information.entropy(marginal)
            // ~n C roundings of O(1) terms, log of a sum >= e^-40: 1e-12.
            #expect(isClose(Self.term.value(b), expected, absolute: 1e-12, relative: 1e-12), "trial \(trial)")
        }
    }

    @Test("Equal one-hot predictions, C clusters of equal weight: value = w log C (the bound, within e^-40); uniform predictions: (w - 1) log C")
    func boundAndUniform() throws {
        for c in 2...6 {
            for w in [0.0, 1, 5] {
                let term = try SCANTerm(entropyWeight: w)
                let l = Self.oneHot((0..<(2 * c)).map { $0 % c }, c: c, scale: 40)
                let v = term.value(TermBatch(logits: l, viewLogits: l, partition: nil))
                #expect(isClose(v, w * log(Double(c)), absolute: 1e-13, relative: 0), "C = \(c), w = \(w): \(v)")
                #expect(isClose(term.upperBound(clusterCount: c, as: Double.self), w * log(Double(c)), absolute: 1e-15, relative: 0))
                let u = Matrix<Double>(rows: 3, columns: c, repeating: -0.7)
                let vu = term.value(TermBatch(logits: u, viewLogits: u, weights: [0.2, 0.5, 0.3], partition: nil))
                #expect(isClose(vu, (w - 1) * log(Double(c)), absolute: 1e-14, relative: 1e-14), "C = \(c), w = \(w): \(vu)")
            }
        }
    }

    @Test("The marginal is the anchors' only: changing the views' logits leaves the entropy part unchanged")
    func marginalIsTheAnchors() {
        var rng = TestSeed.generator("SCAN marginalIsTheAnchors", default: 323)
        let b = ObjectiveCheck.randomBatch(n: 4, c: 3, scale: 2, using: &rng)
        var other = b
        for k in other.viewLogits.storage.indices { other.viewLogits.storage[k] = 3 * rng.gaussian() }
        #expect(SCANTerm.marginalEntropy(b) == SCANTerm.marginalEntropy(other))
        #expect(SCANTerm.consistency(b) != SCANTerm.consistency(other))
    }

    @Test("The value never exceeds w log C on random batches of every scale, and the consistency never exceeds 0")
    func valueBelowBound() throws {
        var rng = TestSeed.generator("SCAN valueBelowBound", default: 324)
        for trial in 0..<60 {
            let term = try SCANTerm(entropyWeight: rng.uniform(0, 10))
            let b = ObjectiveCheck.randomBatch(trial: trial, scales: [0.5, 5, 50, 500], using: &rng)
            #expect(term.value(b) <= term.upperBound(clusterCount: b.clusterCount, as: Double.self) + 1e-12, "trial \(trial)")
            #expect(SCANTerm.consistency(b) <= 0)
        }
    }

    @Test("Extreme logits (±1000, disagreeing views): finite value and gradient, no NaN")
    func extremeLogitsAreSafe() {
        var l = Self.oneHot([0, 1, 2], c: 3, scale: 1000), v = Self.oneHot([1, 1, 0], c: 3, scale: 1000)
        l.storage = l.storage.map { $0 == 0 ? -1000 : $0 }
        v.storage = v.storage.map { $0 == 0 ? -1000 : $0 }
        let b = TermBatch(logits: l, viewLogits: v, partition: nil)
        let value = Self.term.value(b), g = Self.term.gradient(b)
        // Pairs 0 and 2 disagree: ⟨p, p'⟩ = 2 e^-2000 + e^-4000, log ≈ -2000 + log 2 each; q is uniform.
        #expect(isClose(value, 2 * (-2000 + log(2.0)) / 3 + 5 * log(3.0), absolute: 1e-9, relative: 1e-12), "\(value)")
        #expect((g.logits.storage + g.viewLogits.storage).allSatisfy { $0.isFinite })
    }

    @Test("Weighting: a pair of weight 2a counts as two pairs of weight a, and a pair of weight 0 changes nothing and gets gradient 0")
    func weightedStatisticsAreTheExpandedBatchs() {
        var rng = TestSeed.generator("SCAN weightedStatisticsAreTheExpandedBatchs", default: 325)
        for trial in 0..<12 {
            let batch = ObjectiveCheck.randomBatch(n: 2 + trial % 4, c: 2 + trial % 3, scale: [0.5, 2, 4][trial % 3], using: &rng)
            ObjectiveCheck.expectWeighting(Self.term, batch, relative: 1e-12, "SCAN trial \(trial)", using: &rng)
        }
    }

    /// Reasons for the tolerances. Float: the logits rounded to Float move by `u_F |l| ≈ 6e-8 · 12`, and
    /// the value (`|L| <~ 30`, Lipschitz constant `O(1 + w)` per logit) and gradient by about `n C (1 + w)`
    /// times that, plus `O(n C)` roundings at `u_F` (measured: 5e-7): 2e-5 absolute plus 1e-5 relative. Float80 against
    /// Double: the same at `u = 1.1e-16`: 1e-12 absolute plus 1e-12 relative. Interval: below 1e-10 relative.
    @Test("Every precision: Float and Float80 agree with Double (value and gradient), Interval encloses the value")
    func precisionsAgree() {
        var rng = TestSeed.generator("SCAN precisionsAgree", default: 326)
        var worst = (float: 0.0, double: 0.0)
        for trial in 0..<12 {
            let batch = ObjectiveCheck.randomBatch(trial: trial, using: &rng)
            let w = ObjectiveCheck.expectPrecisions(Self.term, batch, float: (2e-5, 1e-5), double: (1e-12, 1e-12),
                                                    maxWidth: 1e-10, "SCAN trial \(trial)")
            worst = (max(worst.float, w.float), max(worst.double, w.double))
        }
        print("[SCAN precisions] largest |Float - Double| = \(worst.float), |\(ObjectiveReference.self) - Double| = \(worst.double)")
    }

    @Test("A bad entropy weight throws a TriadError naming the parameter and the value; the default is SCAN's 5")
    func badEntropyWeightThrows() {
        for bad in [-1.0, -1e-300, .nan, .infinity] {
            expectRejection(["entropy weight w", "\(bad)"]) { _ = try SCANTerm(entropyWeight: bad) }
        }
        #expect(Self.term.entropyWeight == 5 && Self.term.name == "L_SCAN")
        #expect(throws: Never.self) { try SCANTerm(entropyWeight: 0) }
    }
}
