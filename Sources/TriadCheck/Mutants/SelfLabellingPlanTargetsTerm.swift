import TriadCore

/// Value mutant of `L_SeLa`: the transport plan's rows (mass `ā_i`) used as targets instead of the
/// codes `Q_i / ā_i` (SwAV's final `Q *= B` forgotten); the gradient is this value's own (targets fixed).
struct SelfLabellingPlanTargetsTerm: StopGradientObjective {
    static let id = "sela-plan-not-renormalised"
    static let summary = "SeLa's pseudo-labels not renormalised per row: the plan rows Q_i (summing to a_i) as targets instead of Q_i / a_i"
    let reference = SelfLabellingTerm()
    var name: String { "L_SeLa (plan rows as targets)" }

    func evaluate<T: Real>(_ b: TermBatch<T>) -> CodePrediction.Evaluation<T> { evaluate(b, targetsFrom: b) }

    func value<T: Real>(_ b: TermBatch<T>, targetsFrom r: TermBatch<T>) -> T { evaluate(b, targetsFrom: r).value }

    func evaluate<T: Real>(_ b: TermBatch<T>, targetsFrom r: TermBatch<T>) -> CodePrediction.Evaluation<T> {
        let q = reference.codes(r)
        var total = T.zero
        for w in b.weights { total += w }
        var (qa, qb) = (q.codes, q.viewCodes)
        for i in 0..<b.count {
            let mass = b.weights[i] / total
            for y in 0..<b.clusterCount {
                qa[i, y] = qa[i, y] * mass
                qb[i, y] = qb[i, y] * mass
            }
        }
        return reference.evaluate(b, codes: qa, viewCodes: qb)
    }

    func value<T: Real>(_ b: TermBatch<T>) -> T { evaluate(b).value }
    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { evaluate(b).gradient }
}
