import Foundation
import Testing
import TriadCore
import TriadTestSupport

@Suite("IIC term: mutual information of the symmetrised joint of the two views' clusters")
struct IICTermTests {
    static let term = IICTerm()

    /// An independent reference in probability space (no logs until the end): `P` as a plain sum of
    /// outer products of both orders, halved, and `Σ P log(P / (m m'))` over its positive entries.
    static func reference(_ b: TermBatch<Double>) -> Double {
        let p = b.logits.rowSoftmax(), q = b.viewLogits.rowSoftmax()
        let c = b.clusterCount
        var joint = Matrix<Double>.zeros(rows: c, columns: c)
        for i in 0..<b.count {
            for y in 0..<c { for z in 0..<c { joint[y, z] += b.weights[i] * (p[i, y] * q[i, z] + q[i, y] * p[i, z]) / 2 } }
        }
        let m = (0..<c).map { y in (0..<c).reduce(0.0) { $0 + joint[y, $1] } }
        var mi = 0.0
        for y in 0..<c { for z in 0..<c where joint[y, z] > 0 { mi += joint[y, z] * log(joint[y, z] / (m[y] * m[z])) } }
        return mi
    }

    /// Logits `scale · e_y` for the given clusters.
    static func oneHot(_ ys: [Int], c: Int, scale: Double) -> Matrix<Double> {
        var l = Matrix<Double>.zeros(rows: ys.count, columns: c)
        for (i, y) in ys.enumerated() { l[i, y] = scale }
        return l
    }

    /// Reason for the tolerance: `|I| <= log 5` and its third derivatives in the logits are of order
    /// `1/min P` (`P` entries >= 1e-4 on these batches, so `|f'''| <~ 1e4`); at `h = 1e-6` the truncation
    /// error `h² |f'''| / 6` is below 2e-9 and the rounding error `u |f| / h` below 1e-9: 1e-7 absolute
    /// plus 1e-6 relative.
    @Test("The gradient (through the joint, its symmetrisation and its marginals) equals central differences on random weighted batches including a weight 0")
    func gradientMatchesCentralDifferences() {
        var rng = TestSeed.generator("IIC gradientMatchesCentralDifferences", default: 311)
        var worst = 0.0
        for trial in 0..<45 {
            let batch = ObjectiveCheck.randomBatch(trial: trial, scales: [0.5, 1, 2], using: &rng)
            worst = max(worst, ObjectiveCheck.expectGradient(Self.term.gradient(batch), batch, absolute: 1e-7, relative: 1e-6,
                                                             "IIC trial \(trial)") { Self.term.value($0) })
        }
        print("[IIC gradient] largest |analytic - central| = \(worst)")
    }

    @Test("The value equals an independent probability-space computation of the mutual information on random weighted batches")
    func valueMatchesProbabilitySpaceReference() {
        var rng = TestSeed.generator("IIC valueMatchesProbabilitySpaceReference", default: 312)
        for trial in 0..<40 {
            let batch = ObjectiveCheck.randomBatch(trial: trial, using: &rng)
            // Both are ~C² n roundings of O(1) quantities: 1e-13 absolute.
            #expect(isClose(Self.term.value(batch), Self.reference(batch), absolute: 1e-13, relative: 1e-12), "trial \(trial)")
        }
    }

    @Test("Equal one-hot predictions on both views, C clusters of equal weight: I = log C (the bound, approached within e^-40)")
    func balancedAgreeingOneHotGivesLogC() {
        for c in 2...6 {
            let ys = (0..<(2 * c)).map { $0 % c }
            let l = Self.oneHot(ys, c: c, scale: 40)
            let v = Self.term.value(TermBatch(logits: l, viewLogits: l, partition: nil))
            #expect(isClose(v, log(Double(c)), absolute: 1e-13, relative: 0), "C = \(c): \(v)")
            #expect(isClose(IICTerm.upperBound(clusterCount: c, as: Double.self), log(Double(c)), absolute: 0, relative: 0))
        }
    }

    @Test("Views that disagree consistently (one pair, p = e_1, p' = e_2, C = 2) also reach log 2: the symmetrised joint is Π/2 for the swap Π")
    func consistentDisagreementAlsoMaximises() {
        let v = Self.term.value(TermBatch(logits: Self.oneHot([0], c: 2, scale: 40), viewLogits: Self.oneHot([1], c: 2, scale: 40),
                                          weights: [1], partition: nil))
        #expect(isClose(v, log(2.0), absolute: 1e-13, relative: 0), "\(v)")
    }

    @Test("Unbalanced agreeing one-hot predictions give the entropy of the cluster masses, H(M) < log C")
    func unbalancedGivesEntropyOfMasses() {
        let l = Self.oneHot([0, 1, 2, 0], c: 3, scale: 40)
        let w = [0.4, 0.25, 0.15, 0.2]
        let v = Self.term.value(TermBatch(logits: l, viewLogits: l, weights: w, partition: nil))
        let masses = [0.6, 0.25, 0.15]
        #expect(isClose(v, Information.entropy(masses), absolute: 1e-13, relative: 0), "\(v)")
    }

    @Test("Uniform predictions (every logit equal) give I = 0")
    func uniformPredictionsGiveZero() {
        let l = Matrix<Double>(rows: 4, columns: 3, repeating: 1.5)
        let v = Self.term.value(TermBatch(logits: l, viewLogits: l, partition: nil))
        #expect(abs(v) < 1e-15, "\(v)")
    }

    @Test("Underflowing joint entries (logits ±1000): value log C within rounding, finite gradient, no NaN, where a probability-space computation gives NaN")
    func underflowIsSafe() {
        let c = 3
        let ys = [0, 1, 2, 0, 1, 2]
        var l = Self.oneHot(ys, c: c, scale: 1000)
        l.storage = l.storage.map { $0 == 0 ? -1000 : $0 }
        let batch = TermBatch(logits: l, viewLogits: l, partition: nil)
        let v = Self.term.value(batch), g = Self.term.gradient(batch)
        #expect(isClose(v, log(3.0), absolute: 1e-14, relative: 0), "\(v)")
        #expect((g.logits.storage + g.viewLogits.storage).allSatisfy { $0.isFinite && abs($0) < 1e-12 })
        // Mixed: one pair spread, the rest extreme.
        var mixed = batch
        mixed.viewLogits[0, 1] = 999.5
        let vm = Self.term.value(mixed), gm = Self.term.gradient(mixed)
        #expect(vm.isFinite && vm >= -1e-15 && vm <= log(3.0))
        #expect((gm.logits.storage + gm.viewLogits.storage).allSatisfy { $0.isFinite })
        #expect(gm.viewLogits.storage.contains { abs($0) > 1e-3 })
    }

    @Test("The value lies in [0, log C] on random batches of every scale")
    func valueWithinBounds() {
        var rng = TestSeed.generator("IIC valueWithinBounds", default: 313)
        for trial in 0..<60 {
            let batch = ObjectiveCheck.randomBatch(trial: trial, scales: [0.5, 5, 50, 500], using: &rng)
            let v = Self.term.value(batch)
            #expect(v >= -1e-14 && v <= IICTerm.upperBound(clusterCount: batch.clusterCount, as: Double.self) + 1e-14,
                    "trial \(trial): \(v)")
        }
    }

    @Test("The joint is exactly symmetric, its marginal is the average of the two views' a-weighted marginals, and at equal weights the plain averages")
    func jointAndMarginal() {
        var rng = TestSeed.generator("IIC jointAndMarginal", default: 314)
        let batch = ObjectiveCheck.randomBatch(n: 5, c: 4, scale: 2, zeroAt: 2, using: &rng)
        for b in [batch, TermBatch(logits: batch.logits, viewLogits: batch.viewLogits, partition: nil)] {
            let lj = IICTerm.logJoint(b)
            for y in 0..<4 { for z in 0..<4 { #expect(lj[y, z] == lj[z, y]) } }
            let m = IICTerm.logMarginal(logJoint: lj).map { exp($0) }
            let p = b.logits.rowSoftmax(), q = b.viewLogits.rowSoftmax()
            for y in 0..<4 {
                let expected = (0..<5).reduce(0.0) { $0 + b.weights[$1] * (p[$1, y] + q[$1, y]) } / 2
                #expect(isClose(m[y], expected, absolute: 1e-15, relative: 1e-13))
            }
        }
    }

    @Test("Weighting: a pair of weight 2a counts as two pairs of weight a, and a pair of weight 0 changes nothing and gets gradient 0")
    func weightedStatisticsAreTheExpandedBatchs() {
        var rng = TestSeed.generator("IIC weightedStatisticsAreTheExpandedBatchs", default: 315)
        for trial in 0..<12 {
            let batch = ObjectiveCheck.randomBatch(n: 2 + trial % 4, c: 2 + trial % 3, scale: [0.5, 2, 4][trial % 3], using: &rng)
            ObjectiveCheck.expectWeighting(Self.term, batch, relative: 1e-12, "IIC trial \(trial)", using: &rng)
        }
    }

    /// Reasons for the tolerances. Float: the logits rounded to Float move by `u_F |l| ≈ 6e-8 · 12`, and
    /// the value and gradient (both `O(1)`, Lipschitz in the logits with constant `O(1)`) by about
    /// `C² n` times that, plus `O(C² n)` roundings at `u_F`: 1e-5 absolute plus 1e-5 relative. Float80
    /// against Double: the same at `u = 1.1e-16`: 1e-13. Interval: below 1e-10 relative.
    @Test("Every precision: Float and Float80 agree with Double (value and gradient), Interval encloses the value")
    func precisionsAgree() {
        var rng = TestSeed.generator("IIC precisionsAgree", default: 316)
        var worst = (float: 0.0, double: 0.0)
        for trial in 0..<12 {
            let batch = ObjectiveCheck.randomBatch(trial: trial, using: &rng)
            let w = ObjectiveCheck.expectPrecisions(Self.term, batch, float: (1e-5, 1e-5), double: (1e-13, 1e-13),
                                                    maxWidth: 1e-10, "IIC trial \(trial)")
            worst = (max(worst.float, w.float), max(worst.double, w.double))
        }
        print("[IIC precisions] largest |Float - Double| = \(worst.float), |\(ObjectiveReference.self) - Double| = \(worst.double)")
    }
}
