import TriadCore

/// Equivalent of ``IICTerm``: the symmetrised joint computed in probability space as one sum over
/// both orders, `P = Σ_i (a_i/2) [p_i p'_iᵀ + p'_i p_iᵀ]`, its marginal as row sums, and the mutual
/// information as `KL(P || m ⊗ m)` (``Information/kullbackLeibler(_:_:)``, `0 log 0 = 0`). Same
/// mathematics (it underflows where the reference does not, far outside ordinary logits); the
/// reference gradient.
struct IICOneSumJointTerm: ObjectiveTerm {
    static let id = "iic-joint-one-sum"
    static let summary = "IIC's symmetrised joint as one probability-space sum over both orders, the MI as KL(P || m ⊗ m)"

    var name: String { "L_IIC (one-sum joint)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T {
        let p = b.logits.rowSoftmax(), q = b.viewLogits.rowSoftmax()
        let c = b.clusterCount
        var joint = [T](repeating: T.zero, count: c * c)
        for i in 0..<b.count {
            let half = b.weights[i] / T(2)
            for y in 0..<c {
                for z in 0..<c { joint[y * c + z] += half * (p[i, y] * q[i, z] + q[i, y] * p[i, z]) }
            }
        }
        var m = [T](repeating: T.zero, count: c)
        for y in 0..<c { for z in 0..<c { m[y] += joint[y * c + z] } }
        var product = [T](repeating: T.zero, count: c * c)
        for y in 0..<c { for z in 0..<c { product[y * c + z] = m[y] * m[z] } }
        return Information.kullbackLeibler(joint, product)
    }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { IICTerm().gradient(b) }
}
