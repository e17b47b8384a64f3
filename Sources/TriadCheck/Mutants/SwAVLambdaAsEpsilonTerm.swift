import TriadCore

/// Value mutant of `L_SwAV`: Sinkhorn given SeLa's `λ = 1/eps` as its `eps` (`exp(s·eps)` for
/// `exp(s/eps)`), so the codes are nearly uniform; the gradient is this value's own (codes fixed).
struct SwAVLambdaAsEpsilonTerm: ObjectiveTerm {
    static let id = "swav-sinkhorn-lambda-as-eps"
    static let summary = "SwAV's Sinkhorn run with eps = 1/0.05 = 20 (SeLa's lambda convention confused with eps): nearly uniform codes"
    let reference = SwAVTerm()
    var name: String { "L_SwAV (Sinkhorn eps 1/eps)" }

    func evaluate<T: Real>(_ b: TermBatch<T>) -> CodePrediction.Evaluation<T> {
        // 1/0.05 is finite and positive and the iterations are the reference's: cannot throw.
        let wrong = try! SinkhornKnopp(epsilon: 1 / reference.sinkhorn.epsilon, iterations: reference.sinkhorn.iterations)
        return reference.evaluate(b, codes: wrong.codes(scores: b.logits, weights: b.weights),
                                  viewCodes: wrong.codes(scores: b.viewLogits, weights: b.weights))
    }

    func value<T: Real>(_ b: TermBatch<T>) -> T { evaluate(b).value }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { evaluate(b).gradient }
}

extension SwAVLambdaAsEpsilonTerm: StopGradientObjective {
    func value<T: Real>(_ b: TermBatch<T>, targetsFrom r: TermBatch<T>) -> T {
        let wrong = try! SinkhornKnopp(epsilon: 1 / reference.sinkhorn.epsilon, iterations: reference.sinkhorn.iterations)
        return reference.evaluate(b, codes: wrong.codes(scores: r.logits, weights: r.weights),
                                  viewCodes: wrong.codes(scores: r.viewLogits, weights: r.weights)).value
    }
}
