import Glibc
import Testing
import TriadCore
import TriadTestSupport

/// `L_SwAV`: gradients with the codes held fixed, hand-computed values (including the direction of the
/// swap), the upper bounds of its documentation, every precision, the unweighted trainer formula
/// reproduced bit for bit, and rejected parameters.
@Suite("SwAV term: swapped prediction of Sinkhorn codes")
struct SwAVTermTests {
    @Test("Gradient with the codes held fixed equals central differences (Double, weighted batches with zero weights, T 0.1 to 1, 1 to 4 iterations)")
    func gradientMatchesCentralDifferences() throws {
        try SinkhornObjectiveChecks.checkGradient({ try SwAVTerm(temperature: $0, sinkhornIterations: $1) }, name: "SwAV", seed: 301)
    }

    @Test("The gradient is the codes-fixed one, not the total derivative of the value (whose codes move)")
    func gradientHoldsCodesFixed() {
        SinkhornObjectiveChecks.checkGradientHoldsCodesFixed(SwAVTerm(), name: "SwAV", seed: 302)
    }

    /// `σ(d) = 1 / (1 + e^{-d})`.
    static func sigmoid(_ d: Double) -> Double { 1 / (1 + Glibc.exp(-d)) }

    @Test("Hand-computed values: 0 at C = 1; -log C for one pair at equal scores; the symmetric 2 × 2 batch; and the swap's direction with one view's scores constant")
    func handComputedValues() throws {
        let term = SwAVTerm()
        // C = 1: log softmax ≡ 0.
        let single = TermBatch(logits: Matrix<Double>([[0.3], [-2]]), viewLogits: Matrix<Double>([[5], [1]]), partition: nil)
        #expect(term.value(single) == 0)
        #expect(term.gradient(single).logits.storage.allSatisfy { $0 == 0 })
        // One pair, scores equal across clusters: uniform codes and predictions, -log C.
        let flat = TermBatch(logits: Matrix<Double>([[0.2, 0.2, 0.2]]), viewLogits: Matrix<Double>([[-1, -1, -1]]), partition: nil)
        #expect(isClose(term.value(flat), -Glibc.log(3), absolute: 1e-15, relative: 1e-15))
        // s_a = s_b = [[x, y], [y, x]], equal weights: codes softmax((x, y)/eps) (see SinkhornKnoppTests),
        // predictions softmax((x, y)/T): L = σ_eps log σ_T + (1 - σ_eps) log(1 - σ_T).
        let (x, y) = (0.4, 0.1)
        let s = Matrix<Double>([[x, y], [y, x]])
        let qe = Self.sigmoid((x - y) / 0.05), pt = Self.sigmoid((x - y) / 0.1)
        let expected = qe * Glibc.log(pt) + (1 - qe) * Glibc.log(1 - pt)
        #expect(isClose(term.value(TermBatch(logits: s, viewLogits: s, partition: nil)), expected, absolute: 1e-15, relative: 1e-13))
        // s_b constant per row: its codes and predictions are uniform, so
        // L = ½ [q_a · log(1/C) + (1/C) Σ_y log softmax(s_a/T)_y] = ½ [-log 2 + ½ (log σ_T + log(1 - σ_T))]
        // whatever q_a is. (Self-labelling gives ½ [q_a · log p_a - log 2] instead.)
        let constant = Matrix<Double>([[0.3, 0.3], [-0.2, -0.2]])
        let swapped = (-Glibc.log(2) + (Glibc.log(pt) + Glibc.log(1 - pt)) / 2) / 2
        #expect(isClose(term.value(TermBatch(logits: s, viewLogits: constant, partition: nil)), swapped,
                        absolute: 1e-15, relative: 1e-13))
    }

    @Test("Never positive: L <= -½ Σ a [H(q_a) + H(q_b)] <= 0, strictly negative for C >= 2, 0 for C = 1")
    func neverPositive() { SinkhornObjectiveChecks.checkNeverPositive(SwAVTerm(), name: "SwAV", seed: 303) }

    @Test("Fewer pairs of positive weight than clusters (m < C): L <= -min a · log(C/m)")
    func boundBelowCoverage() { SinkhornObjectiveChecks.checkCoverageBound(SwAVTerm(), name: "SwAV", seed: 304) }

    @Test("Every cluster used (m >= C, labels unbalanced): the value rises to the supremum 0 as the score gaps grow, never reaching it")
    func supremumApproached() { SinkhornObjectiveChecks.checkSupremumApproached(SwAVTerm(), name: "SwAV", seed: 305) }

    @Test("One pair of positive weight: L <= -log C, attained at constant scores")
    func singlePair() { SinkhornObjectiveChecks.checkSinglePair(SwAVTerm(), name: "SwAV", seed: 306) }

    @Test("Cosine-range scores |s| <= 1: L <= -log(1 + (C - 1) e^{-2/T})")
    func boundedScores() { SinkhornObjectiveChecks.checkBoundedScores(SwAVTerm(), name: "SwAV", seed: 307) }

    @Test("Float agrees with Double within the rounding budget")
    func float() { SinkhornObjectiveChecks.checkPrecision(Float.self, SwAVTerm(), name: "SwAV", seed: 308) }

    #if arch(x86_64) || arch(i386)
    @Test("Float80 agrees with Double within Double's rounding budget")
    func float80() { SinkhornObjectiveChecks.checkPrecision(Float80.self, SwAVTerm(), name: "SwAV", seed: 309) }
    #endif

    @Test("Interval encloses the Double value and gradient")
    func interval() { SinkhornObjectiveChecks.checkPrecision(Interval.self, SwAVTerm(), name: "SwAV", seed: 310) }

    /// The trainer's unweighted loss before it moved to TriadCore (`SwAVLoss.swappedPrediction`,
    /// transcribed): `(loss, dL/ds_a, dL/ds_b)` for given codes.
    static func unweightedLoss<T: Real>(_ sa: Matrix<T>, _ sb: Matrix<T>, _ qa: Matrix<T>, _ qb: Matrix<T>, temperature: Double = 0.1)
        -> (loss: T, a: Matrix<T>, b: Matrix<T>)
    {
        let n = sa.rows, k = sa.columns, t = T(temperature)
        let logPA = sa.map { $0 / t }.rowLogSoftmax(), logPB = sb.map { $0 / t }.rowLogSoftmax()
        var loss = T.zero
        var gA = Matrix<T>.zeros(rows: n, columns: k), gB = gA
        let scale = T.one / (T(2 * n) * t)
        for i in 0..<n {
            var massA = T.zero, massB = T.zero
            for y in 0..<k {
                loss -= qa[i, y] * logPB[i, y] + qb[i, y] * logPA[i, y]
                massA += qa[i, y]
                massB += qb[i, y]
            }
            for y in 0..<k {
                gB[i, y] = scale * (T.exp(logPB[i, y]) * massA - qa[i, y])
                gA[i, y] = scale * (T.exp(logPA[i, y]) * massB - qb[i, y])
            }
        }
        return (loss / T(2 * n), gA, gB)
    }

    /// `0 - x`, the trainer's exact negation (an exact zero becomes `+0`).
    static func negated<U: Real>(_ x: U) -> U { U.zero - x }

    @Test("With equal weights 1/n the term is the trainer's former unweighted loss bit for bit: -value and 0 - gradient (Float and Double, n = 1, 41, 49, 400)")
    func equalWeightsReproduceTheTrainer() {
        var rng = TestSeed.generator("equalWeightsReproduceTheTrainer", default: 311)
        for n in [1, 41, 49, 400] {
            let sa = SinkhornKnoppTests.randomScores(n, 2, scale: 0.6, &rng), sb = SinkhornKnoppTests.randomScores(n, 2, scale: 0.6, &rng)
            func check<T: Real & BinaryFloatingPoint>(_: T.Type) {
                let a = sa.converted(to: T.self), b = sb.converted(to: T.self)
                let e = SwAVTerm().evaluate(TermBatch(logits: a, viewLogits: b, partition: nil))
                let qa = SinkhornKnoppTests.unweightedReference(a), qb = SinkhornKnoppTests.unweightedReference(b)
                let old = Self.unweightedLoss(a, b, qa, qb)
                let same = { (x: [T], y: [T]) in SinkhornKnoppTests.sameBits(x, y) }
                #expect(same(e.codes.storage, qa.storage) && same(e.viewCodes.storage, qb.storage), "\(T.self) n \(n): codes")
                #expect(same([Self.negated(e.value)], [old.loss]), "\(T.self) n \(n): loss \(Self.negated(e.value)) vs \(old.loss)")
                #expect(same(e.gradient.logits.storage.map(Self.negated), old.a.storage), "\(T.self) n \(n): dL/ds_a")
                #expect(same(e.gradient.viewLogits.storage.map(Self.negated), old.b.storage), "\(T.self) n \(n): dL/ds_b")
            }
            check(Double.self)
            check(Float.self)
        }
    }

    @Test("Bad parameters throw a TriadError naming the value")
    func badParameters() {
        expectRejection(["SwAV temperature", "0.0", "> 0"]) { _ = try SwAVTerm(temperature: 0) }
        expectRejection(["SwAV temperature", "nan"]) { _ = try SwAVTerm(temperature: .nan) }
        expectRejection(["SwAV temperature", "-inf"]) { _ = try SwAVTerm(temperature: -.infinity) }
        expectRejection(["Sinkhorn eps", "-1.0"]) { _ = try SwAVTerm(sinkhornEpsilon: -1) }
        expectRejection(["Sinkhorn iterations", "= 0"]) { _ = try SwAVTerm(sinkhornIterations: 0) }
        #expect(SwAVTerm().name == "L_SwAV")
        #expect(SwAVTerm().temperature == 0.1 && SwAVTerm().sinkhorn == SinkhornKnopp())
    }
}
