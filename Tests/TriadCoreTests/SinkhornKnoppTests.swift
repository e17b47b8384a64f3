import Glibc
import Testing
import TriadCore
import TriadTestSupport

/// The weighted Sinkhorn-Knopp equipartition: what holds exactly after finitely many iterations (the
/// row constraint; the column constraint right after a column step), what only in the limit (the
/// codes' column marginal), equal weights as SwAV's unweighted algorithm bit for bit, weights as
/// multiplicities, zero weights, invariances, hand-computed codes, every precision, rejections.
@Suite("Sinkhorn-Knopp: weighted equipartition codes")
struct SinkhornKnoppTests {
    /// SwAV's unweighted log-domain algorithm exactly as TriadTrain had it before it moved to TriadCore
    /// (`Baselines/SinkhornKnopp.swift`, transcribed): the reference for bit-for-bit equality.
    static func unweightedReference<T: Real>(_ scores: Matrix<T>, epsilon: Double = 0.05, iterations: Int = 3) -> Matrix<T> {
        let b = scores.rows, k = scores.columns
        let eps = T(epsilon)
        var logQ = scores.map { $0 / eps }
        let total: T = logSumExp(logQ.storage)
        for i in logQ.storage.indices { logQ.storage[i] = logQ.storage[i] - total }
        let logK = T.log(T(k)), logB = T.log(T(b))
        var column = [T](repeating: .zero, count: b)
        for _ in 0..<iterations {
            for c in 0..<k {
                for r in 0..<b { column[r] = logQ[r, c] }
                let shift: T = logSumExp(column) + logK
                for r in 0..<b { logQ[r, c] = logQ[r, c] - shift }
            }
            for r in 0..<b {
                let shift: T = logSumExp(logQ.storage[(r * k)..<((r + 1) * k)]) + logB
                for c in 0..<k { logQ[r, c] = logQ[r, c] - shift }
            }
        }
        return logQ.map { T.exp($0 + logB) }
    }

    /// Whether two floating-point values have the same bits (sign of zero included).
    static func sameBits<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> Bool {
        a.sign == b.sign && a.exponentBitPattern == b.exponentBitPattern && a.significandBitPattern == b.significandBitPattern
    }

    static func sameBits<T: BinaryFloatingPoint>(_ a: [T], _ b: [T]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { sameBits($0, $1) }
    }

    /// `n` weights summing to 1, entries uniform in `[0.05, 1)` before normalising; with `zeros`, each
    /// entry but one is exactly 0 with probability 1/3.
    static func randomWeights(_ n: Int, zeros: Bool, _ rng: inout TriadRandom) -> [Double] {
        var raw = (0..<n).map { _ in rng.uniform(0.05, 1) }
        if zeros { for i in 1..<max(n, 1) where rng.nextUnit() < 1.0 / 3 { raw[i] = 0 } }
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    }

    static func randomScores(_ n: Int, _ c: Int, scale: Double, _ rng: inout TriadRandom) -> Matrix<Double> {
        Matrix(rows: n, columns: c, storage: (0..<(n * c)).map { _ in scale * rng.gaussian() })
    }

    /// The size `M` of the log-domain quantities: `|s|/eps` on both sides of a difference plus the
    /// log masses. Every step subtracts a log-sum-exp of such quantities, each rounding costs at most
    /// `M u` in absolute terms, and an iteration has 4 such roundings per entry (`+ 2` for the kernel).
    static func logMagnitude(_ scores: Matrix<Double>, epsilon: Double, weights: [Double]) -> Double {
        let largest = scores.storage.map(abs).max() ?? 0
        let lightest = weights.filter { $0 > 0 }.min() ?? 1
        return 2 * largest / epsilon + Glibc.log(Double(scores.rows * scores.columns)) - Glibc.log(lightest) + 1
    }

    /// Absolute tolerance on a log code (or on a code, which is at most 1): `4 M (4 i + 2) u`, four
    /// times the rounding budget above.
    static func logTolerance(_ magnitude: Double, iterations: Int, unit: Double) -> Double {
        4 * magnitude * Double(4 * iterations + 2) * unit
    }

    @Test("Every code row sums to 1 after any number of iterations — the last step is the row step — zero-weight rows included")
    func rowsSumToOne() {
        let seed = TestSeed.seed(201)
        var rng = TestSeed.generator("rowsSumToOne", default: 201)
        var worst = 0.0
        for trial in 0..<60 {
            let n = 1 + Int(rng.next() % 8), k = 1 + Int(rng.next() % 5), iterations = 1 + trial % 5
            let scale = [0.3, 1, 5][trial % 3]
            let s = Self.randomScores(n, k, scale: scale, &rng)
            let w = Self.randomWeights(n, zeros: trial % 2 == 1, &rng)
            let sinkhorn = try! SinkhornKnopp(iterations: iterations)
            let q = sinkhorn.codes(scores: s, weights: w)
            let tol = Self.logTolerance(Self.logMagnitude(s, epsilon: 0.05, weights: w), iterations: iterations,
                                        unit: Double.ulpOfOne)
            for r in 0..<n {
                let sum = q.row(r).reduce(0, +)
                worst = max(worst, abs(sum - 1) / tol)
                #expect(abs(sum - 1) <= tol && q.row(r).allSatisfy { $0 >= 0 && $0.isFinite },
                        "trial \(trial) row \(r) (weight \(w[r])): sum \(sum), tol \(tol); replay: TRIAD_SEED=\(seed)")
            }
        }
        print("[rowsSumToOne] largest |row sum - 1| = \(worst) tolerances")
    }

    @Test("Right after a column step every prototype holds exactly 1/K of the plan; right after a row step sample i holds a_i / Σa; zero-weight rows hold nothing")
    func stepsBalanceTheirConstraint() {
        let seed = TestSeed.seed(202)
        var rng = TestSeed.generator("stepsBalanceTheirConstraint", default: 202)
        for trial in 0..<30 {
            let n = 1 + Int(rng.next() % 7), k = 1 + Int(rng.next() % 5)
            let s = Self.randomScores(n, k, scale: 1, &rng)
            let w = Self.randomWeights(n, zeros: trial % 2 == 0, &rng)
            let tol = Self.logTolerance(Self.logMagnitude(s, epsilon: 0.05, weights: w), iterations: 3, unit: Double.ulpOfOne)
            for steps in 0...6 {
                let plan = SinkhornKnopp().logPlan(scores: s, weights: w, normalisations: steps)
                #expect(abs(logSumExp(plan.storage) as Double) <= tol, "trial \(trial) steps \(steps): total mass ≠ 1")
                for r in 0..<n where w[r] == 0 { #expect(plan.row(r).allSatisfy { $0 == -.infinity }) }
                if steps % 2 == 1 {
                    for c in 0..<k {
                        let mass: Double = logSumExp((0..<n).map { plan[$0, c] })
                        #expect(abs(mass + Glibc.log(Double(k))) <= tol,
                                "trial \(trial) steps \(steps) column \(c): log mass \(mass) vs -log K; replay: TRIAD_SEED=\(seed)")
                    }
                } else if steps > 0 {
                    for r in 0..<n where w[r] > 0 {
                        let mass: Double = logSumExp(plan.row(r))
                        #expect(abs(mass - Glibc.log(w[r])) <= tol,
                                "trial \(trial) steps \(steps) row \(r): log mass \(mass) vs log a \(Glibc.log(w[r])); replay: TRIAD_SEED=\(seed)")
                    }
                }
            }
        }
    }

    /// `max_k |Σ_i ā_i q_ik - 1/K|`.
    static func marginalGap(_ q: Matrix<Double>, _ w: [Double]) -> Double {
        (0..<q.columns).map { c in abs((0..<q.rows).reduce(0.0) { $0 + w[$1] * q[$1, c] } - 1 / Double(q.columns)) }.max()!
    }

    @Test("The codes' column marginal Σ a_i q_ik is 1/K only in the limit: off after SwAV's 3 iterations, within 1e-12 once converged")
    func codeMarginalOnlyInTheLimit() throws {
        var rng = TestSeed.generator("codeMarginalOnlyInTheLimit", default: 203)
        let s = Self.randomScores(12, 3, scale: 0.5, &rng)
        let w = Self.randomWeights(12, zeros: true, &rng)
        let three = Self.marginalGap(SinkhornKnopp().codes(scores: s, weights: w), w)
        // eps = 0.5: kernel entries within a factor e^{±4} or so, so Sinkhorn contracts fast.
        let converged = Self.marginalGap(try SinkhornKnopp(epsilon: 0.5, iterations: 500).codes(scores: s, weights: w), w)
        print("[codeMarginalOnlyInTheLimit] max |marginal - 1/K|: 3 iterations \(three), eps 0.5 × 500 iterations \(converged)")
        #expect(three > 1e-4)
        #expect(converged < 1e-12)
    }

    @Test("Equal weights, whatever their value, reproduce SwAV's unweighted algorithm bit for bit (Double and Float, B = 1, 41, 49, 400)")
    func equalWeightsBitForBit() throws {
        var rng = TestSeed.generator("equalWeightsBitForBit", default: 204)
        for n in [1, 41, 49, 400] {
            let s = Self.randomScores(n, 3, scale: 0.6, &rng)
            func check<T: Real & BinaryFloatingPoint>(_: T.Type) throws {
                let st = s.converted(to: T.self)
                let reference = Self.unweightedReference(st)
                for w in [T.one / T(n), T(0.3), T.one] {
                    let q = SinkhornKnopp().codes(scores: st, weights: [T](repeating: w, count: n))
                    #expect(Self.sameBits(q.storage, reference.storage),
                            "\(T.self) B = \(n), weight \(w): not bit-identical")
                }
                let unweighted: Matrix<T> = try SinkhornKnopp.codes(scores: st)
                #expect(Self.sameBits(unweighted.storage, reference.storage))
            }
            try check(Double.self)
            try check(Float.self)
        }
    }

    @Test("Weights are multiplicities: a pair of weight 2w gets the code of two copies of weight w, and no other code changes")
    func splitPairIsTwoCopies() {
        let seed = TestSeed.seed(205)
        var rng = TestSeed.generator("splitPairIsTwoCopies", default: 205)
        for trial in 0..<30 {
            let n = 2 + Int(rng.next() % 6), k = 2 + Int(rng.next() % 4)
            let s = Self.randomScores(n, k, scale: 0.7, &rng)
            let w = Self.randomWeights(n, zeros: false, &rng)
            let j = Int(rng.next() % UInt64(n))
            var split = w
            split[j] = w[j] / 2
            split.append(w[j] / 2)
            let splitScores = Matrix(rows: n + 1, columns: k, storage: s.storage + s.row(j))
            let q = SinkhornKnopp().codes(scores: s, weights: w)
            let qs = SinkhornKnopp().codes(scores: splitScores, weights: split)
            let tol = Self.logTolerance(Self.logMagnitude(splitScores, epsilon: 0.05, weights: split), iterations: 3,
                                        unit: Double.ulpOfOne)
            for r in 0..<n {
                for c in 0..<k {
                    #expect(abs(q[r, c] - qs[r, c]) <= tol, "trial \(trial) code[\(r), \(c)]: \(q[r, c]) vs \(qs[r, c]); replay: TRIAD_SEED=\(seed)")
                }
            }
            for c in 0..<k { #expect(abs(q[j, c] - qs[n, c]) <= tol, "trial \(trial): the copy's code differs") }
        }
    }

    @Test("A zero-weight pair changes no other code, bit for bit, and gets the code of a vanishing weight (finite, rows summing to 1)")
    func zeroWeightPair() {
        let seed = TestSeed.seed(206)
        var rng = TestSeed.generator("zeroWeightPair", default: 206)
        for trial in 0..<30 {
            let n = 2 + Int(rng.next() % 6), k = 1 + Int(rng.next() % 4)
            let s = Self.randomScores(n, k, scale: 0.7, &rng)
            var w = Self.randomWeights(n, zeros: false, &rng)
            let j = Int(rng.next() % UInt64(n))
            w[j] = 0
            let others = (0..<n).filter { $0 != j }
            let q = SinkhornKnopp().codes(scores: s, weights: w)
            let without = SinkhornKnopp().codes(scores: s.selectingRows(others), weights: others.map { w[$0] })
            for (row, r) in others.enumerated() {
                #expect(q.row(r) == without.row(row), "trial \(trial): the zero-weight pair moved code \(r); replay: TRIAD_SEED=\(seed)")
            }
            var tiny = w
            tiny[j] = 1e-300  // far enough from 0 that exp(score range / eps) <= e^100 cannot amplify it
            let limit = SinkhornKnopp().codes(scores: s, weights: tiny)
            for c in 0..<k {
                #expect(q[j, c].isFinite && abs(q[j, c] - limit[j, c]) <= 1e-10,
                        "trial \(trial): code \(q.row(j)) vs vanishing weight \(limit.row(j)); replay: TRIAD_SEED=\(seed)")
            }
        }
    }

    @Test("Codes are unchanged by a constant added to every score or to one prototype's column, but changed by a constant added to one sample's scores — an invariance of the converged equipartition only")
    func shiftInvariances() throws {
        let seed = TestSeed.seed(207)
        var rng = TestSeed.generator("shiftInvariances", default: 207)
        var sampleShiftEffect = 0.0
        for trial in 0..<20 {
            let n = 3 + Int(rng.next() % 6), k = 2 + Int(rng.next() % 3)
            let s = Self.randomScores(n, k, scale: 0.5, &rng)
            let w = Self.randomWeights(n, zeros: trial % 2 == 0, &rng)
            let q = SinkhornKnopp().codes(scores: s, weights: w)
            let d = rng.uniform(-2, 2), c0 = Int(rng.next() % UInt64(k)), r0 = Int(rng.next() % UInt64(n))
            var all = s, column = s, sample = s
            for r in 0..<n {
                for c in 0..<k { all[r, c] += d }
                column[r, c0] += d
            }
            for c in 0..<k { sample[r0, c] += d }
            let tol = Self.logTolerance(Self.logMagnitude(all, epsilon: 0.05, weights: w), iterations: 3, unit: Double.ulpOfOne)
            for (label, shifted) in [("all scores", all), ("prototype \(c0)", column)] {
                let qs = SinkhornKnopp().codes(scores: shifted, weights: w)
                let gap = zip(q.storage, qs.storage).map { abs($0 - $1) }.max()!
                #expect(gap <= tol, "trial \(trial): shifting \(label) by \(d) moved a code by \(gap); replay: TRIAD_SEED=\(seed)")
            }
            let qs = SinkhornKnopp().codes(scores: sample, weights: w)
            sampleShiftEffect = max(sampleShiftEffect, zip(q.storage, qs.storage).map { abs($0 - $1) }.max()!)
        }
        // Converged (eps 1, 2000 iterations: fast contraction), a sample's constant is absorbed too.
        var s = Self.randomScores(6, 3, scale: 1, &rng)
        let w = Self.randomWeights(6, zeros: false, &rng)
        let converged = try SinkhornKnopp(epsilon: 1, iterations: 2000)
        let q = converged.codes(scores: s, weights: w)
        for c in 0..<3 { s[2, c] += 1.5 }
        let convergedEffect = zip(q.storage, converged.codes(scores: s, weights: w).storage).map { abs($0 - $1) }.max()!
        print("[shiftInvariances] largest code change from one sample's shift: 3 iterations \(sampleShiftEffect), converged \(convergedEffect)")
        #expect(sampleShiftEffect > 1e-3, "a sample's shift should move codes after 3 iterations")
        #expect(convergedEffect < 1e-12)
    }

    @Test("Hand-computed codes: one sample is coded uniformly; a symmetric 2 × 2 batch gets softmax(s/eps); a weighted 2 × 2 batch after one iteration gets (2/3, 1/3) and (2/5, 3/5)")
    func handComputed() throws {
        // B = 1: after the column step every entry is 1/K, whatever the scores.
        let one = SinkhornKnopp().codes(scores: Matrix<Double>([[3.0, -1.0, 0.25, 7.0]]), weights: [0.4])
        for v in one.storage { #expect(isClose(v, 0.25, absolute: 1e-15, relative: 0)) }
        // [[x, y], [y, x]]: both columns have equal sums at every step, so each row stays its own
        // softmax at temperature eps.
        let (x, y) = (0.3, -0.1)
        let symmetric = SinkhornKnopp().codes(scores: Matrix<Double>([[x, y], [y, x]]), weights: [0.5, 0.5])
        let p = 1 / (1 + Glibc.exp((y - x) / 0.05))
        #expect(isClose(symmetric[0, 0], p, absolute: 1e-15, relative: 1e-13))
        #expect(isClose(symmetric[1, 1], p, absolute: 1e-15, relative: 1e-13))
        #expect(isClose(symmetric[0, 1], 1 - p, absolute: 1e-15, relative: 1e-13))
        // Weights (1/4, 3/4), scores [[eps log 3, 0], [0, 0]], one iteration: the weighted kernel
        // [[3/4, 1/4], [3/4, 3/4]] has column sums (3/2, 1); the column step gives rows
        // (1/4)(1, 1/2) and (3/4)(1/3, 1/2); normalised: (2/3, 1/3) and (2/5, 3/5).
        let weighted = try SinkhornKnopp(iterations: 1).codes(scores: Matrix<Double>([[0.05 * Glibc.log(3), 0], [0, 0]]),
                                                               weights: [0.25, 0.75])
        for (v, e) in zip(weighted.storage, [2.0 / 3, 1.0 / 3, 0.4, 0.6]) {
            #expect(isClose(v, e, absolute: 1e-15, relative: 1e-14), "code \(v), expected \(e)")
        }
    }

    /// Log codes in `T` for Double scores and weights.
    static func logCodes<T: Real>(_ s: Matrix<Double>, _ w: [Double], as _: T.Type) -> Matrix<T> {
        SinkhornKnopp().logCodes(scores: s.converted(to: T.self), weights: w.map { T($0) })
    }

    /// Float and Float80 log codes agree with Double's within the rounding budget of the lower
    /// precision, `4 M (4·3 + 2) u_T` (see ``logTolerance(_:iterations:unit:)``), plus the same for
    /// Double and for the inputs' rounding to `T` (`|s|/eps · u_T` per score: inside the budget).
    static func checkPrecision<T: Real>(_: T.Type, seed: UInt64) {
        var rng = TestSeed.generator("Sinkhorn precision \(T.typeName)", default: seed)
        var worst = 0.0
        for trial in 0..<20 {
            let n = 1 + Int(rng.next() % 6), k = 1 + Int(rng.next() % 4)
            let s = Self.randomScores(n, k, scale: 0.5, &rng)
            let w = Self.randomWeights(n, zeros: trial % 2 == 1, &rng)
            let reference = Self.logCodes(s, w, as: Double.self), low = Self.logCodes(s, w, as: T.self)
            let magnitude = Self.logMagnitude(s, epsilon: 0.05, weights: w)
            let tol = Self.logTolerance(magnitude, iterations: 3, unit: max(T.unitRoundoff, Double.ulpOfOne))
                + Self.logTolerance(magnitude, iterations: 3, unit: Double.ulpOfOne)
            for (d, v) in zip(reference.storage, low.storage) {
                if T.isCertified {
                    // The enclosure contains the exact value; Double is within its own budget of it.
                    #expect(v.lowerBound - tol <= d && d <= v.upperBound + tol, "Interval \(v) misses Double \(d) (trial \(trial))")
                    #expect(v.upperBound - v.lowerBound < 1e-9, "Interval \(v) too wide to mean anything (trial \(trial))")
                } else {
                    worst = max(worst, abs(v.midpoint - d) / tol)
                    #expect(abs(v.midpoint - d) <= tol, "\(T.typeName) log code \(v) vs Double \(d), tol \(tol) (trial \(trial))")
                }
            }
        }
        print("[Sinkhorn precision \(T.typeName)] largest deviation from Double: \(worst) tolerances")
    }

    @Test("Float log codes agree with Double within the rounding budget")
    func float() { Self.checkPrecision(Float.self, seed: 208) }

    #if arch(x86_64) || arch(i386)
    @Test("Float80 log codes agree with Double within Double's rounding budget")
    func float80() { Self.checkPrecision(Float80.self, seed: 209) }
    #endif

    @Test("Interval log codes enclose Double's (within Double's own rounding) and stay narrow")
    func interval() { Self.checkPrecision(Interval.self, seed: 210) }

    @Test("Bad parameters and input throw a TriadError naming the value")
    func badParameters() {
        expectRejection(["Sinkhorn eps", "0.0", "> 0"]) { _ = try SinkhornKnopp(epsilon: 0) }
        expectRejection(["Sinkhorn eps", "-0.05"]) { _ = try SinkhornKnopp(epsilon: -0.05) }
        expectRejection(["Sinkhorn eps", "nan"]) { _ = try SinkhornKnopp(epsilon: .nan) }
        expectRejection(["Sinkhorn eps", "inf"]) { _ = try SinkhornKnopp(epsilon: .infinity) }
        expectRejection(["Sinkhorn iterations", "= 0", ">= 1"]) { _ = try SinkhornKnopp(iterations: 0) }
        let s = Matrix<Double>([[0.1, 0.2], [0.3, -0.4]])
        expectRejection(["sample count B", "= 0"]) { _ = try SinkhornKnopp.codes(scores: Matrix<Double>.zeros(rows: 0, columns: 2)) }
        expectRejection(["score[1, 0]", "nan"]) { _ = try SinkhornKnopp.codes(scores: Matrix<Double>([[0.1, 0.2], [.nan, 0]])) }
        expectRejection(["score[0, 1]", "1e+308", "divided by eps"]) {
            _ = try SinkhornKnopp.codes(scores: Matrix<Double>([[0.1, 1e308], [0, 0]]))
        }
        expectRejection(["weight a[1]", "-0.5", ">= 0"]) { _ = try SinkhornKnopp.codes(scores: s, weights: [1.5, -0.5]) }
        expectRejection(["weight a[0]", "inf"]) { _ = try SinkhornKnopp.codes(scores: s, weights: [.infinity, 0.5]) }
        expectRejection(["weights", "all 0", "positive"]) { _ = try SinkhornKnopp.codes(scores: s, weights: [0, 0]) }
        expectRejection(["weights count", "= 3"]) { _ = try SinkhornKnopp.codes(scores: s, weights: [0.2, 0.3, 0.5]) }
    }
}
