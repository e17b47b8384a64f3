import TriadCore

/// Equivalent of ``DINOTerm``: each cross-entropy written as `CE(t, s) = H(t) + KL(t || s)`, both
/// from log-probabilities (the teacher's log-softmax of the centred, sharpened logits), so
/// `L_DINO = -½ Σ_i a_i [H(t_b,i) + KL(t_b,i || s_a,i) + H(t_a,i) + KL(t_a,i || s_b,i)]`. Same
/// mathematics, another operation order; the reference gradient.
struct DINOEntropyPlusKLTerm: StopGradientObjective {
    static let id = "dino-entropy-plus-kl"
    static let summary = "DINO's cross-entropies written as H(t) + KL(t || s) from log-probabilities"

    var reference = try! DINOTerm()
    var name: String { "L_DINO (H + KL)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T { value(b, targetsFrom: b) }

    func value<T: Real>(_ b: TermBatch<T>, targetsFrom r: TermBatch<T>) -> T {
        let c = DINOTerm.centre(r), tau = T(reference.teacherTemperature)
        func logTeacher(_ l: Matrix<T>) -> Matrix<T> {
            var out = l
            for i in 0..<l.rows { for y in 0..<l.columns { out[i, y] = (l[i, y] - c[y]) / tau } }
            return out.rowLogSoftmax()
        }
        let lta = logTeacher(r.logits), ltb = logTeacher(r.viewLogits)
        let lsa = reference.logStudent(b.logits), lsb = reference.logStudent(b.viewLogits)
        var total = T.zero
        for i in 0..<b.count {
            let ce = Information.entropy(logProbabilities: ltb.row(i))
                + Information.kullbackLeibler(logA: ltb.row(i), logB: lsa.row(i))
                + Information.entropy(logProbabilities: lta.row(i))
                + Information.kullbackLeibler(logA: lta.row(i), logB: lsb.row(i))
            total -= b.weights[i] * ce
        }
        return total / T(2)
    }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { reference.gradient(b) }
}
