import Foundation
import Testing
import TriadCore
import TriadTestSupport

@Suite("DINO term: self-distillation at the fixed point, teacher and centre without gradient")
struct DINOTermTests {
    static let term = try! DINOTerm()

    /// Reason for the tolerance: the teacher is held fixed, so the function differentiated is a
    /// weighted sum of log-softmaxes of `l / tau_s`: `|f| <= 30` and `|f'''| <= 1/tau_s³ = 1e3` on
    /// these batches; at `h = 1e-6` the truncation error `h² |f'''| / 6` is below 2e-10 and the
    /// rounding error `u |f| / h` below 4e-9, so 1e-7 absolute plus 1e-6 relative holds with margin.
    @Test("The gradient equals central differences of the value with the teacher (and centre) held fixed, on random weighted batches including a weight 0, for three temperature pairs")
    func gradientMatchesCentralDifferencesWithTeacherFixed() throws {
        var rng = TestSeed.generator("gradientMatchesCentralDifferencesWithTeacherFixed", default: 301)
        var worst = 0.0
        for (trial, taus) in [(0.1, 0.04), (0.5, 0.2), (0.2, 1.0)].flatMap({ t in (0..<15).map { ($0, t) } }) {
            let term = try DINOTerm(studentTemperature: taus.0, teacherTemperature: taus.1)
            let batch = ObjectiveCheck.randomBatch(trial: trial, using: &rng)
            let teacher = term.teacher(batch)
            worst = max(worst, ObjectiveCheck.expectGradient(term.gradient(batch), batch, absolute: 1e-7, relative: 1e-6,
                                                             "DINO tau \(taus) trial \(trial)") { term.value($0, teacher: teacher) })
        }
        print("[DINO gradient] largest |analytic - central| = \(worst)")
    }

    @Test("The gradient is not that of the value through the teacher: DINO's stop-gradient is real (the two differ on a random batch)")
    func stopGradientDiffersFromFullDerivative() {
        var rng = TestSeed.generator("stopGradientDiffersFromFullDerivative", default: 302)
        // Logits of scale 0.05: the teacher softmax((l - c)/0.04) is soft, so its own derivative is large; at
        // scale 1 it can be one-hot to 1e-7 and the two gradients agree to that (TRIAD_SEED=2).
        let batch = ObjectiveCheck.randomBatch(n: 4, c: 3, scale: 0.05, using: &rng)
        let full = ObjectiveCheck.numericalGradient(batch) { Self.term.value($0) }
        let g = Self.term.gradient(batch)
        let gap = zip(g.logits.storage + g.viewLogits.storage, full.logits + full.viewLogits).map { abs($0 - $1) }.max()!
        // Central differences are accurate to ~1e-9 here (DINO gradient test).
        #expect(gap > 1e-3, "the teacher-fixed gradient equals the full derivative (gap \(gap))")
    }

    @Test("Collapsed batch, every logit equal: the teacher is uniform and the value is exactly -log C, whatever the weights")
    func everyLogitEqualGivesMinusLogC() {
        var rng = TestSeed.generator("everyLogitEqualGivesMinusLogC", default: 303)
        for c in 1...6 {
            let n = 1 + Int(rng.next() % 5), k = 4 * rng.gaussian()
            let w = (0..<n).map { _ in rng.uniform(0.1, 1) }, total = w.reduce(0, +)
            let l = Matrix<Double>(rows: n, columns: c, repeating: k)
            let batch = TermBatch(logits: l, viewLogits: l, weights: w.map { $0 / total }, partition: nil)
            let t = Self.term.teacher(batch)
            #expect((t.anchor.storage + t.view.storage).allSatisfy { abs($0 - 1 / Double(c)) < 1e-15 })
            // Rounding: the centre is a weighted sum of n equal values, so (l - c)/tau_t is a few ulps
            // of |k|/tau_t ≈ 300 from 0, moving the teacher by ~1e-13 at most.
            let v = Self.term.value(batch)
            #expect(isClose(v, -log(Double(c)), absolute: 1e-12, relative: 0), "C = \(c): \(v)")
        }
    }

    @Test("Collapsed batch, every row equal but not constant: the teacher is uniform and the value is mean_y log softmax(v/tau_s)_y, below -log C")
    func equalRowsGiveUniformTeacher() {
        var rng = TestSeed.generator("equalRowsGiveUniformTeacher", default: 304)
        for c in 2...5 {
            let v = (0..<c).map { _ in rng.gaussian() }
            let l = Matrix(rows: 3, columns: c, storage: v + v + v)
            let batch = TermBatch(logits: l, viewLogits: l, weights: [0.5, 0.3, 0.2], partition: nil)
            let m = v.map { $0 / 0.1 }.max()!
            let lse = m + log(v.map { exp($0 / 0.1 - m) }.reduce(0, +))
            let expected = v.map { $0 / 0.1 - lse }.reduce(0, +) / Double(c)
            let got = Self.term.value(batch)
            #expect(isClose(got, expected, absolute: 1e-12, relative: 1e-13), "C = \(c): \(got) vs \(expected)")
            #expect(got < -log(Double(c)))
        }
    }

    @Test("Hand-computed pair: l(x) = (1, 0), l(x') = (0, 0), defaults: centre (1/2, 0), value = ½[(1-σ)(-L) + σ(-10-L) - log 2], σ = 1/(1+e^-12.5), L = log(1+e^-10)")
    func handComputedPair() {
        let batch = TermBatch(logits: Matrix<Double>([[1, 0]]), viewLogits: Matrix<Double>([[0, 0]]), weights: [1], partition: nil)
        #expect(DINOTerm.centre(batch) == [0.5, 0])
        let sigma = 1 / (1 + exp(-12.5)), bigL = log1p(exp(-10.0))
        let expected = 0.5 * ((1 - sigma) * -bigL + sigma * (-10 - bigL) - log(2.0))
        #expect(isClose(Self.term.value(batch), expected, absolute: 0, relative: 1e-14), "\(Self.term.value(batch)) vs \(expected)")
        // The gradient: ½ (t_b - s_a) / tau_s and ½ (t_a - s_b) / tau_s.
        let g = Self.term.gradient(batch)
        let sa0 = 1 / (1 + exp(-10.0))
        #expect(isClose(g.logits[0, 0], 0.5 * ((1 - sigma) - sa0) / 0.1, absolute: 1e-15, relative: 1e-13))
        #expect(isClose(g.viewLogits[0, 0], 0.5 * (sigma - 0.5) / 0.1, absolute: 1e-15, relative: 1e-13))
    }

    @Test("The centre is the a-weighted mean over both views; at equal weights it is the plain mean ½(mean l(x) + mean l(x'))")
    func centreIsTheWeightedMean() {
        var rng = TestSeed.generator("centreIsTheWeightedMean", default: 305)
        let batch = ObjectiveCheck.randomBatch(n: 5, c: 3, scale: 2, zeroAt: 1, using: &rng)
        let c = DINOTerm.centre(batch)
        for y in 0..<3 {
            let expected = (0..<5).reduce(0.0) { $0 + batch.weights[$1] * (batch.logits[$1, y] + batch.viewLogits[$1, y]) } / 2
            #expect(isClose(c[y], expected, absolute: 1e-15, relative: 1e-14))
        }
        let equal = TermBatch(logits: batch.logits, viewLogits: batch.viewLogits, partition: nil)
        let ce = DINOTerm.centre(equal)
        for y in 0..<3 {
            let plain = ((0..<5).reduce(0.0) { $0 + equal.logits[$1, y] } / 5 + (0..<5).reduce(0.0) { $0 + equal.viewLogits[$1, y] } / 5) / 2
            #expect(isClose(ce[y], plain, absolute: 1e-15, relative: 1e-14))
        }
    }

    @Test("Weighting: a pair of weight 2a counts as two pairs of weight a, and a pair of weight 0 changes nothing and gets gradient 0")
    func weightedStatisticsAreTheExpandedBatchs() {
        var rng = TestSeed.generator("DINO weightedStatisticsAreTheExpandedBatchs", default: 306)
        for trial in 0..<12 {
            let batch = ObjectiveCheck.randomBatch(n: 2 + trial % 4, c: 2 + trial % 3, scale: [0.5, 2, 4][trial % 3], using: &rng)
            ObjectiveCheck.expectWeighting(Self.term, batch, relative: 1e-12, "DINO trial \(trial)", using: &rng)
        }
    }

    @Test("Near the supremum 0: logits 20 e_y on both views, two clusters used, give a value within 1e-12 below 0; one cluster for every pair (full collapse) stays below -log C")
    func supremumNeedsTwoClusters() {
        for c in 2...5 {
            let ys = [0, 1, 1, 0, 1]
            var l = Matrix<Double>.zeros(rows: ys.count, columns: c)
            for (i, y) in ys.enumerated() { l[i, y] = 20 }
            let batch = TermBatch(logits: l, viewLogits: l, weights: [0.1, 0.3, 0.2, 0.15, 0.25], partition: nil)
            let v = Self.term.value(batch)
            #expect(v <= 0 && v > -1e-12, "C = \(c): \(v)")
            var collapsed = Matrix<Double>.zeros(rows: 5, columns: c)
            for i in 0..<5 { collapsed[i, 0] = 20 }
            let vc = Self.term.value(TermBatch(logits: collapsed, viewLogits: collapsed, weights: batch.weights, partition: nil))
            #expect(vc <= -log(Double(c)), "C = \(c), collapsed: \(vc)")
        }
    }

    @Test("The value never exceeds the bound 0 on random batches (any temperatures)")
    func valueBelowBound() throws {
        var rng = TestSeed.generator("DINO valueBelowBound", default: 307)
        for trial in 0..<60 {
            let term = try DINOTerm(studentTemperature: rng.uniform(0.01, 2), teacherTemperature: rng.uniform(0.01, 2))
            let v = term.value(ObjectiveCheck.randomBatch(trial: trial, scales: [0.5, 5, 50], using: &rng))
            #expect(v <= DINOTerm.upperBound(as: Double.self), "trial \(trial): \(v)")
        }
    }

    /// Reasons for the tolerances. Float: rounding the logits to Float moves each by `u_F |l| ≈ 6e-8 · 12`;
    /// through the teacher's `1/tau_t = 25` and the student's `1/tau_s = 10` this moves `exp` arguments
    /// by ~2e-5 relative, and the value (`|L| <= 300`) and gradient (`<= 5`) by about that relative
    /// amount: 2e-4 absolute plus 1e-4 relative. Float80 against Double: Double's own rounding, the same
    /// chain at `u = 1.1e-16`: 1e-12 absolute plus 1e-12 relative. Interval: widths grow with the
    /// `1/tau` amplification, below 1e-9 relative.
    @Test("Every precision: Float and Float80 agree with Double (value and gradient), Interval encloses the value")
    func precisionsAgree() {
        var rng = TestSeed.generator("DINO precisionsAgree", default: 308)
        var worst = (float: 0.0, double: 0.0)
        for trial in 0..<12 {
            let batch = ObjectiveCheck.randomBatch(trial: trial, using: &rng)
            let w = ObjectiveCheck.expectPrecisions(Self.term, batch, float: (2e-4, 1e-4), double: (1e-12, 1e-12),
                                                    maxWidth: 1e-9, "DINO trial \(trial)")
            worst = (max(worst.float, w.float), max(worst.double, w.double))
        }
        print("[DINO precisions] largest |Float - Double| = \(worst.float), |\(ObjectiveReference.self) - Double| = \(worst.double)")
    }

    @Test("Bad temperatures throw a TriadError naming the parameter and the value")
    func badTemperaturesThrow() {
        for bad in [0.0, -0.1, .nan, .infinity] {
            expectRejection(["student temperature tau_s", "\(bad)"]) { _ = try DINOTerm(studentTemperature: bad) }
            expectRejection(["teacher temperature tau_t", "\(bad)"]) { _ = try DINOTerm(teacherTemperature: bad) }
        }
        #expect(throws: Never.self) { try DINOTerm(studentTemperature: 0.04, teacherTemperature: 0.1) }
    }

    @Test("Defaults are DINO's: tau_s = 0.1, tau_t = 0.04")
    func defaultsAreDINOs() {
        #expect(Self.term.studentTemperature == 0.1 && Self.term.teacherTemperature == 0.04)
        #expect(Self.term.name == "L_DINO")
    }
}
