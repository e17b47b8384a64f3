import Foundation
import Testing
import TriadCore
import TriadTestSupport

@Suite("Barlow Twins term: cross-correlation of the a-weighted batch-normalised views")
struct BarlowTwinsTermTests {
    static let term = try! BarlowTwinsTerm()
    static let eps = BatchNorm.defaultEpsilon

    /// Reason for the tolerance: `|L| <= k + lambda k² <= 7` here and the batch norm's third
    /// derivatives scale as `1/sd³` (standard deviations >= ~0.2 on these batches, so `|f'''| <~ 1e3`);
    /// at `h = 1e-6` the truncation error `h² |f'''| / 6` is below 2e-10 and the rounding error
    /// `u |f| / h` below 1e-9: 1e-7 absolute plus 1e-6 relative.
    @Test("The gradient (through the cross-correlation and both weighted batch norms) equals central differences on random weighted batches including a weight 0, for lambda = 0.0051 and 0.3")
    func gradientMatchesCentralDifferences() throws {
        var rng = TestSeed.generator("Barlow gradientMatchesCentralDifferences", default: 331)
        var worst = 0.0
        for lambda in [0.0051, 0.3] {
            let term = try BarlowTwinsTerm(offDiagonalWeight: lambda)
            for trial in 0..<20 {
                let n = 3 + Int(rng.next() % 5), k = 2 + Int(rng.next() % 3)
                let batch = ObjectiveCheck.randomBatch(n: n, c: k, scale: [0.5, 1, 2][trial % 3],
                                                       zeroAt: trial % 3 == 0 ? Int(rng.next() % UInt64(n)) : nil, using: &rng)
                worst = max(worst, ObjectiveCheck.expectGradient(term.gradient(batch), batch, absolute: 1e-7, relative: 1e-6,
                                                                 "Barlow lambda \(lambda) trial \(trial)") { term.value($0) })
            }
        }
        print("[Barlow gradient] largest |analytic - central| = \(worst)")
    }

    @Test("Hand-computed weighted pair, k = 1, z = (0, 1) on both views, weights (1/4, 3/4): mean 3/4, variance 3/16, C = v/(v + eps), value = -(eps/(v + eps))²")
    func handComputedWeightedPair() {
        let z = Matrix<Double>([[0], [1]])
        let batch = TermBatch(logits: z, viewLogits: z, weights: [0.25, 0.75], partition: nil)
        let r = Self.term.evaluate(z, z, weights: batch.weights)
        #expect(r.forwardA.mean == [0.75] && r.forwardA.variance == [3.0 / 16])
        let v = 3.0 / 16
        #expect(isClose(r.crossCorrelation[0, 0], v / (v + Self.eps), absolute: 0, relative: 1e-15))
        let expected = -(Self.eps / (v + Self.eps)) * (Self.eps / (v + Self.eps))
        // (1 - C)² with 1 - C ≈ 5e-5: cancellation costs ~4 digits: 1e-10 relative.
        #expect(isClose(Self.term.value(batch), expected, absolute: 0, relative: 1e-10), "\(Self.term.value(batch)) vs \(expected)")
    }

    @Test("Orthogonal unit-variance views scaled by M: C = M²/(M² + eps) I, value -2(eps/(M² + eps))², tending to the supremum 0; one pair gives -k")
    func approachesSupremumAndOnePairGivesMinusK() {
        let base = Matrix<Double>([[1, 1], [-1, 1], [1, -1], [-1, -1]])
        for m in [1.0, 10, 100] {
            let z = base.map { m * $0 }
            let v = Self.term.value(TermBatch(logits: z, viewLogits: z, partition: nil))
            let d = Self.eps / (m * m + Self.eps)
            // 1 - C = d is computed from C, with an error of ~u = 1.1e-16 against d down to 1e-9:
            // 1e-7 relative on d, 2e-7 on d².
            #expect(isClose(v, -2 * d * d, absolute: 0, relative: 1e-6), "M = \(m): \(v)")
            #expect(v < 0)
        }
        let one = Matrix<Double>([[0.3, -2, 7]])
        #expect(Self.term.value(TermBatch(logits: one, viewLogits: one.map { $0 + 1 }, partition: nil)) == -3)
    }

    @Test("A dimension constant in both views costs exactly -1 and gets gradient exactly 0; constant in one view only, its gradient is 2 a_i B_ip / sqrt(eps)")
    func constantDimension() {
        var rng = TestSeed.generator("Barlow constantDimension", default: 332)
        let n = 6
        var za = Matrix<Double>.zeros(rows: n, columns: 2), zb = za
        for i in 0..<n { za[i, 0] = rng.gaussian(); zb[i, 0] = za[i, 0] + 0.3 * rng.gaussian() }
        let w = (0..<n).map { _ in rng.uniform(0.1, 1) }, total = w.reduce(0, +)
        let batch = TermBatch(logits: za, viewLogits: zb, weights: w.map { $0 / total }, partition: nil)
        let r = Self.term.evaluate(za, zb, weights: batch.weights)
        #expect(r.crossCorrelation[1, 1] == 0 && r.crossCorrelation[0, 1] == 0 && r.crossCorrelation[1, 0] == 0)
        let c00 = r.crossCorrelation[0, 0]
        #expect(isClose(Self.term.value(batch), -((1 - c00) * (1 - c00) + 1), absolute: 1e-15, relative: 1e-15))
        let g = Self.term.gradient(batch)
        for i in 0..<n { #expect(g.logits[i, 1] == 0 && g.viewLogits[i, 1] == 0) }
        // View b's dimension 1 now varies: view a's gradient there is 2 a_i B_i1 / (W sqrt(eps)).
        var varied = batch
        for i in 0..<n { varied.viewLogits[i, 1] = rng.gaussian() }
        let rv = Self.term.evaluate(varied.logits, varied.viewLogits, weights: varied.weights)
        let gv = Self.term.gradient(varied)
        let sumW = varied.weights.reduce(0, +)
        for i in 0..<n {
            let expected = 2 * varied.weights[i] * rv.forwardB.normalized[i, 1] / (sumW * Self.eps.squareRoot())
            #expect(isClose(gv.logits[i, 1], expected, absolute: 1e-12, relative: 1e-10), "pair \(i): \(gv.logits[i, 1]) vs \(expected)")
        }
    }

    @Test("At equal weights the term is the trainer's unweighted loss: value = -loss of evaluate(weights: nil), gradient = minus its gradients (rounding only)")
    func equalWeightsAreTheTrainersLoss() throws {
        var rng = TestSeed.generator("Barlow equalWeightsAreTheTrainersLoss", default: 333)
        for trial in 0..<10 {
            let batch0 = ObjectiveCheck.randomBatch(n: 4 + trial, c: 2 + trial % 3, scale: 1, using: &rng)
            let batch = TermBatch(logits: batch0.logits, viewLogits: batch0.viewLogits, partition: nil)
            let r = try BarlowTwinsTerm.evaluate(batch.logits, batch.viewLogits)
            let g = Self.term.gradient(batch)
            // Σ (1/n) x vs (Σ x)/n: a few ulps per statistic.
            #expect(isClose(Self.term.value(batch), -r.loss, absolute: 1e-14, relative: 1e-12))
            for (a, b) in zip(g.logits.storage + g.viewLogits.storage, r.gradientA.storage + r.gradientB.storage) {
                #expect(isClose(a, -b, absolute: 1e-14, relative: 1e-11))
            }
            // Weights given as all 1 are the nil weights, bit for bit (1 · x and W = n are exact).
            let ones = try BarlowTwinsTerm.evaluate(batch.logits, batch.viewLogits, weights: [Double](repeating: 1, count: batch.count))
            #expect(ones.loss.bitPattern == r.loss.bitPattern && ones.gradientA == r.gradientA && ones.gradientB == r.gradientB)
        }
    }

    @Test("Weighting: a pair of weight 2a counts as two pairs of weight a, and a pair of weight 0 changes nothing and gets gradient 0")
    func weightedStatisticsAreTheExpandedBatchs() {
        var rng = TestSeed.generator("Barlow weightedStatisticsAreTheExpandedBatchs", default: 334)
        for trial in 0..<12 {
            let batch = ObjectiveCheck.randomBatch(n: 3 + trial % 4, c: 2 + trial % 3, scale: [0.5, 2, 4][trial % 3], using: &rng)
            ObjectiveCheck.expectWeighting(Self.term, batch, relative: 1e-11, "Barlow trial \(trial)", using: &rng)
        }
    }

    @Test("The value never exceeds the bound 0 and the cross-correlation entries stay in [-1, 1], on random batches of every scale")
    func valueBelowBound() {
        var rng = TestSeed.generator("Barlow valueBelowBound", default: 335)
        for trial in 0..<40 {
            let b = ObjectiveCheck.randomBatch(trial: trial, scales: [0.01, 1, 100], using: &rng)
            #expect(Self.term.value(b) < BarlowTwinsTerm.upperBound(as: Double.self), "trial \(trial)")
            let c = Self.term.evaluate(b.logits, b.viewLogits, weights: b.weights).crossCorrelation
            #expect(c.storage.allSatisfy { abs($0) <= 1 + 1e-12 })
        }
    }

    /// Reasons for the tolerances. Float: the batch norm divides by standard deviations >= ~0.2 and the
    /// loss squares correlations, so the logits rounded to Float (`u_F |z| ≈ 6e-8 · 12`) and `O(n k²)`
    /// roundings move the value and gradient by ~1e-5 relative to their size (`|L| <= 7`, gradient
    /// entries up to ~10): 2e-4 absolute plus 1e-4 relative. Float80 against Double: the same chain at
    /// `u = 1.1e-16`, where 3-pair batches have standard deviations down to ~0.05 and the gradient
    /// amplifies roundings by up to `1/sd²` (measured: 4e-13): 1e-11 absolute plus 1e-11 relative.
    /// Interval: below 1e-9 relative.
    @Test("Every precision: Float and Float80 agree with Double (value and gradient), Interval encloses the value")
    func precisionsAgree() {
        var rng = TestSeed.generator("Barlow precisionsAgree", default: 336)
        var worst = (float: 0.0, double: 0.0)
        for trial in 0..<12 {
            let n = 3 + trial % 5
            let batch = ObjectiveCheck.randomBatch(n: n, c: 2 + trial % 3, scale: [0.5, 2, 4][trial % 3],
                                                   zeroAt: trial % 3 == 0 ? 1 : nil, using: &rng)
            let w = ObjectiveCheck.expectPrecisions(Self.term, batch, float: (2e-4, 1e-4), double: (1e-11, 1e-11),
                                                    maxWidth: 1e-9, "Barlow trial \(trial)")
            worst = (max(worst.float, w.float), max(worst.double, w.double))
        }
        print("[Barlow precisions] largest |Float - Double| = \(worst.float), |\(ObjectiveReference.self) - Double| = \(worst.double)")
    }

    @Test("Bad parameters and inputs throw a TriadError naming the value: lambda, eps, weights, shapes")
    func badParametersThrow() {
        for bad in [-1.0, .nan, .infinity] {
            expectRejection(["off-diagonal weight lambda", "\(bad)"]) { _ = try BarlowTwinsTerm(offDiagonalWeight: bad) }
        }
        for bad in [0.0, -1e-5, .nan, .infinity] {
            expectRejection(["batch-norm eps", "\(bad)"]) { _ = try BarlowTwinsTerm(epsilon: bad) }
        }
        let z = Matrix<Double>([[1, 2], [3, 5], [0, 1]])
        expectRejection(["batch-norm weight[1]", "-0.5"]) { _ = try BarlowTwinsTerm.evaluate(z, z, weights: [1, -0.5, 0.5]) }
        expectRejection(["batch-norm weight[2]", "nan"]) { _ = try BarlowTwinsTerm.evaluate(z, z, weights: [1, 0.5, .nan]) }
        expectRejection(["batch-norm weights", "all 0"]) { _ = try BarlowTwinsTerm.evaluate(z, z, weights: [0, 0, 0]) }
        expectRejection(["batch-norm weights count", "2"]) { _ = try BarlowTwinsTerm.evaluate(z, z, weights: [0.5, 0.5]) }
        expectRejection(["view B shape", "3x1"]) { _ = try BarlowTwinsTerm.evaluate(z, Matrix<Double>([[1], [2], [3]])) }
        #expect(Self.term.offDiagonalWeight == 0.0051 && Self.term.epsilon == 1e-5 && Self.term.name == "L_BT")
    }
}
