import Testing
@testable import TriadCheck
import TriadCore
import TriadTestSupport

/// The Sinkhorn objectives' mutants (not catalogued) are what their documentation says: a value mutant
/// changes the value, a gradient mutant only the gradient, an equivalent neither beyond rounding.
@Suite("Sinkhorn objectives' mutants do what they claim")
struct SinkhornMutantTests {
    static func batch(_ rng: inout TriadRandom) -> TermBatch<Double> {
        let n = 6, c = 3
        func scores() -> Matrix<Double> { Matrix(rows: n, columns: c, storage: (0..<(n * c)).map { _ in 0.5 * rng.gaussian() }) }
        let raw = [0.3, 0, 0.1, 0.25, 0.2, 0.15]
        return TermBatch(logits: scores(), viewLogits: scores(), weights: raw, partition: nil)
    }

    static func largestGap(_ a: TermGradient<Double>, _ b: TermGradient<Double>) -> Double {
        zip(a.logits.storage + a.viewLogits.storage, b.logits.storage + b.viewLogits.storage).map { abs($0 - $1) }.max()!
    }

    @Test("Value mutants change the value; gradient mutants keep it bit for bit and change the gradient; equivalents agree in both within 1e-12")
    func mutantsDoWhatTheyClaim() {
        var rng = TestSeed.generator("mutantsDoWhatTheyClaim", default: 601)
        let b = Self.batch(&rng)
        let swav = SwAVTerm(), sela = SelfLabellingTerm()
        let cases: [(id: String, summary: String, kind: String, reference: any ObjectiveTerm, variant: any ObjectiveTerm)] = [
            (SwAVLambdaAsEpsilonTerm.id, SwAVLambdaAsEpsilonTerm.summary, "value", swav, SwAVLambdaAsEpsilonTerm()),
            (SwAVExchangedGradientTerm.id, SwAVExchangedGradientTerm.summary, "gradient", swav, SwAVExchangedGradientTerm()),
            (SwAVHandLogSoftmaxTerm.id, SwAVHandLogSoftmaxTerm.summary, "equivalent", swav, SwAVHandLogSoftmaxTerm()),
            (SelfLabellingPlanTargetsTerm.id, SelfLabellingPlanTargetsTerm.summary, "value", sela, SelfLabellingPlanTargetsTerm()),
            (SelfLabellingUntemperedGradientTerm.id, SelfLabellingUntemperedGradientTerm.summary, "gradient", sela,
             SelfLabellingUntemperedGradientTerm()),
            (SelfLabellingSplitViewsTerm.id, SelfLabellingSplitViewsTerm.summary, "equivalent", sela, SelfLabellingSplitViewsTerm()),
        ]
        #expect(Set(cases.map(\.id)).count == cases.count && cases.allSatisfy { !$0.summary.isEmpty })
        for c in cases {
            let (v, w) = (c.reference.value(b), c.variant.value(b))
            let gap = Self.largestGap(c.reference.gradient(b), c.variant.gradient(b))
            print("[\(c.id)] value \(w) vs \(v), largest gradient difference \(gap)")
            switch c.kind {
            case "value": #expect(abs(v - w) > 1e-2 * abs(v), "\(c.id) does not change the value")
            case "gradient": #expect(v == w && gap > 1e-2, "\(c.id): value \(w) vs \(v), gradient gap \(gap)")
            default: #expect(isClose(v, w, absolute: 0, relative: 1e-12) && gap < 1e-12, "\(c.id): \(w) vs \(v), gap \(gap)")
            }
        }
    }
}
