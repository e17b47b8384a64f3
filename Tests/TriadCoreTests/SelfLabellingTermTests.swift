import Glibc
import Testing
import TriadCore
import TriadTestSupport

/// `L_SeLa`: gradients with the codes held fixed, hand-computed values, its blindness to the pairing,
/// the upper bounds of its documentation, every precision, and rejected parameters.
@Suite("Self-labelling term: each view predicts its own Sinkhorn codes")
struct SelfLabellingTermTests {
    @Test("Gradient with the codes held fixed equals central differences (Double, weighted batches with zero weights, T 0.1 to 1, 1 to 4 iterations)")
    func gradientMatchesCentralDifferences() throws {
        try SinkhornObjectiveChecks.checkGradient({ try SelfLabellingTerm(temperature: $0, sinkhornIterations: $1) },
                                                  name: "SeLa", seed: 401)
    }

    @Test("The gradient is the codes-fixed one, not the total derivative of the value (whose codes move)")
    func gradientHoldsCodesFixed() {
        SinkhornObjectiveChecks.checkGradientHoldsCodesFixed(SelfLabellingTerm(), name: "SeLa", seed: 402)
    }

    @Test("Hand-computed values: 0 at C = 1; -log C for one pair at equal scores; the symmetric 2 × 2 batch; each view's own codes with the other view constant")
    func handComputedValues() {
        let term = SelfLabellingTerm()
        let single = TermBatch(logits: Matrix<Double>([[0.3], [-2]]), viewLogits: Matrix<Double>([[5], [1]]), partition: nil)
        #expect(term.value(single) == 0)
        let flat = TermBatch(logits: Matrix<Double>([[0.2, 0.2, 0.2]]), viewLogits: Matrix<Double>([[-1, -1, -1]]), partition: nil)
        #expect(isClose(term.value(flat), -Glibc.log(3), absolute: 1e-15, relative: 1e-15))
        // s_a = [[x, y], [y, x]]: codes softmax((x, y)/eps), predictions softmax((x, y)/T); s_b constant
        // per row: uniform codes and predictions, -log 2. L = ½ [σ_eps log σ_T + (1 - σ_eps) log(1 - σ_T) - log 2].
        let (x, y) = (0.4, 0.1)
        let s = Matrix<Double>([[x, y], [y, x]]), constant = Matrix<Double>([[0.3, 0.3], [-0.2, -0.2]])
        let qe = SwAVTermTests.sigmoid((x - y) / 0.05), pt = SwAVTermTests.sigmoid((x - y) / 0.1)
        let own = qe * Glibc.log(pt) + (1 - qe) * Glibc.log(1 - pt)
        #expect(isClose(term.value(TermBatch(logits: s, viewLogits: s, partition: nil)), own, absolute: 1e-15, relative: 1e-13))
        #expect(isClose(term.value(TermBatch(logits: s, viewLogits: constant, partition: nil)), (own - Glibc.log(2)) / 2,
                        absolute: 1e-15, relative: 1e-13))
    }

    @Test("Identical views: self-labelling and SwAV coincide bit for bit (the swap is then invisible)")
    func identicalViewsMatchSwAV() {
        var rng = TestSeed.generator("identicalViewsMatchSwAV", default: 403)
        for trial in 0..<10 {
            var batch = SinkhornObjectiveChecks.randomBatch(2 + trial % 5, 2 + trial % 3, scale: 0.7, zeros: trial % 2 == 0, &rng)
            batch.viewLogits = batch.logits
            let sela = SelfLabellingTerm().evaluate(batch), swav = SwAVTerm().evaluate(batch)
            #expect(sela.value == swav.value && sela.gradient.logits == swav.gradient.logits
                    && sela.gradient.viewLogits == swav.gradient.viewLogits, "trial \(trial)")
        }
    }

    @Test("Blind to the pairing: with equal weights, re-pairing the views (FM3) leaves the value unchanged, where SwAV's changes")
    func blindToThePairing() {
        let seed = TestSeed.seed(404)
        var rng = TestSeed.generator("blindToThePairing", default: 404)
        var swavMoved = 0.0
        for trial in 0..<20 {
            let n = 3 + Int(rng.next() % 5)
            let batch = TermBatch(logits: SinkhornKnoppTests.randomScores(n, 3, scale: 0.7, &rng),
                                  viewLogits: SinkhornKnoppTests.randomScores(n, 3, scale: 0.7, &rng), partition: nil)
            var permutation = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) { permutation.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            let repaired = batch.repaired(by: permutation)
            let (v, w) = (SelfLabellingTerm().value(batch), SelfLabellingTerm().value(repaired))
            // The same numbers summed in another order (Sinkhorn's column sums, the value's sum).
            let tol = SinkhornKnoppTests.logTolerance(SinkhornKnoppTests.logMagnitude(batch.logits, epsilon: 0.05, weights: batch.weights),
                                                      iterations: 3, unit: Double.ulpOfOne) * max(1, abs(v))
            #expect(abs(v - w) <= tol, "trial \(trial): \(v) vs re-paired \(w); replay: TRIAD_SEED=\(seed)")
            swavMoved = max(swavMoved, abs(SwAVTerm().value(batch) - SwAVTerm().value(repaired)))
        }
        #expect(swavMoved > 1e-3, "re-pairing should move SwAV's value")
    }

    @Test("Never positive: L <= -½ Σ a [H(q_a) + H(q_b)] <= 0, strictly negative for C >= 2, 0 for C = 1")
    func neverPositive() { SinkhornObjectiveChecks.checkNeverPositive(SelfLabellingTerm(), name: "SeLa", seed: 405) }

    @Test("Fewer pairs of positive weight than clusters (m < C): L <= -min a · log(C/m)")
    func boundBelowCoverage() { SinkhornObjectiveChecks.checkCoverageBound(SelfLabellingTerm(), name: "SeLa", seed: 406) }

    @Test("Every cluster used (m >= C, labels unbalanced): the value rises to the supremum 0 as the score gaps grow, never reaching it")
    func supremumApproached() { SinkhornObjectiveChecks.checkSupremumApproached(SelfLabellingTerm(), name: "SeLa", seed: 407) }

    @Test("One pair of positive weight: L <= -log C, attained at constant scores")
    func singlePair() { SinkhornObjectiveChecks.checkSinglePair(SelfLabellingTerm(), name: "SeLa", seed: 408) }

    @Test("Cosine-range scores |s| <= 1: L <= -log(1 + (C - 1) e^{-2/T})")
    func boundedScores() { SinkhornObjectiveChecks.checkBoundedScores(SelfLabellingTerm(), name: "SeLa", seed: 409) }

    @Test("Float agrees with Double within the rounding budget")
    func float() { SinkhornObjectiveChecks.checkPrecision(Float.self, SelfLabellingTerm(), name: "SeLa", seed: 410) }

    #if arch(x86_64) || arch(i386)
    @Test("Float80 agrees with Double within Double's rounding budget")
    func float80() { SinkhornObjectiveChecks.checkPrecision(Float80.self, SelfLabellingTerm(), name: "SeLa", seed: 411) }
    #endif

    @Test("Interval encloses the Double value and gradient")
    func interval() { SinkhornObjectiveChecks.checkPrecision(Interval.self, SelfLabellingTerm(), name: "SeLa", seed: 412) }

    @Test("Bad parameters throw a TriadError naming the value")
    func badParameters() {
        expectRejection(["SeLa temperature", "0.0", "> 0"]) { _ = try SelfLabellingTerm(temperature: 0) }
        expectRejection(["SeLa temperature", "inf"]) { _ = try SelfLabellingTerm(temperature: .infinity) }
        expectRejection(["Sinkhorn eps", "0.0"]) { _ = try SelfLabellingTerm(sinkhornEpsilon: 0) }
        expectRejection(["Sinkhorn iterations", "= -1"]) { _ = try SelfLabellingTerm(sinkhornIterations: -1) }
        #expect(SelfLabellingTerm().name == "L_SeLa")
        #expect(SelfLabellingTerm().temperature == 0.1 && SelfLabellingTerm().sinkhorn == SinkhornKnopp())
    }
}
