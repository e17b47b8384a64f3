import TriadCore

/// Value mutant of ``IICTerm``: the product of marginals taken from the anchors only,
/// `Σ P_yy' [log P_yy' - log q_y - log q_y']` with `q = Σ_i a_i p(·|x_i)` instead of the joint's own
/// marginal `m = ½ Σ_i a_i (p(·|x_i) + p(·|x'_i))`. Equal to the mutual information when the two
/// views have the same marginal; otherwise it is `KL(P || q ⊗ q)`, which exceeds `log C` (without
/// bound) when the views put mass where the anchors put none. The gradient is the reference's.
struct IICAnchorMarginalsTerm: ObjectiveTerm {
    static let id = "iic-anchor-marginals"
    static let summary = "IIC's product of marginals taken from the anchors' marginal only: exceeds log C when the views' marginal differs"

    var name: String { "L_IIC (anchors' marginals)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T {
        let lj = IICTerm.logJoint(b)
        let lq = PriorTerm.logMarginal(logits: b.logits, weights: b.weights)
        var total = T.zero
        for y in 0..<lj.rows {
            for z in 0..<lj.columns where lj[y, z].upperBound > -Double.infinity {
                total += T.exp(lj[y, z]) * (lj[y, z] - lq[y] - lq[z])
            }
        }
        return total
    }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { IICTerm().gradient(b) }
}
