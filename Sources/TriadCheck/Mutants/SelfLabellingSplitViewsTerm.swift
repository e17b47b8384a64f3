import TriadCore

/// Equivalent of `L_SeLa`: each view evaluated on its own, as the batch `(s, s)` whose two halves are
/// that view's term, and the two averaged; same value and gradient up to rounding.
struct SelfLabellingSplitViewsTerm: ObjectiveTerm {
    static let id = "sela-views-evaluated-separately"
    static let summary = "SeLa as ½ [L(s_a, s_a) + L(s_b, s_b)], each view on its own batch (a correct refactor: the views never meet)"
    let reference = SelfLabellingTerm()
    var name: String { "L_SeLa (views separately)" }

    func alone<T: Real>(_ b: TermBatch<T>, _ scores: Matrix<T>) -> CodePrediction.Evaluation<T> {
        reference.evaluate(TermBatch(logits: scores, viewLogits: scores, weights: b.weights, partition: nil))
    }

    func value<T: Real>(_ b: TermBatch<T>) -> T {
        (alone(b, b.logits).value + alone(b, b.viewLogits).value) / T(2)
    }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> {
        let ga = alone(b, b.logits).gradient, gb = alone(b, b.viewLogits).gradient
        var g = TermGradient(zeroFor: b)
        let half = T.one / T(2)
        for k in g.logits.storage.indices {
            g.logits.storage[k] = half * (ga.logits.storage[k] + ga.viewLogits.storage[k])
            g.viewLogits.storage[k] = half * (gb.logits.storage[k] + gb.viewLogits.storage[k])
        }
        return g
    }
}

extension SelfLabellingSplitViewsTerm: StopGradientObjective {
    func value<T: Real>(_ b: TermBatch<T>, targetsFrom r: TermBatch<T>) -> T {
        func alone(_ scores: Matrix<T>, _ reference: Matrix<T>) -> T {
            self.reference.value(TermBatch(logits: scores, viewLogits: scores, weights: b.weights, partition: nil),
                                 targetsFrom: TermBatch(logits: reference, viewLogits: reference, weights: r.weights, partition: nil))
        }
        return (alone(b.logits, r.logits) + alone(b.viewLogits, r.viewLogits)) / T(2)
    }
}
