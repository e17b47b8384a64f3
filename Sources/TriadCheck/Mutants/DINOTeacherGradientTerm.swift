import TriadCore

/// Gradient mutant of ``DINOTerm``: the stop-gradient on the teacher is forgotten, so the gradient
/// also flows through `t_v = softmax((l_v - c)/tau_t)` (the centre stays detached), adding
/// `½ a_i t_b,i ⊙ (log s_a,i - t_b,i · log s_a,i) / tau_t` to `∂/∂l(x'_i)` and the mirror term to
/// `∂/∂l(x_i)`. Same value; the gradient now also pushes the teacher towards the student.
struct DINOTeacherGradientTerm: ObjectiveTerm {
    static let id = "dino-gradient-through-teacher"
    static let summary = "DINO's gradient flows through the teacher as well (stop-gradient forgotten): same value, wrong gradient"

    var reference = try! DINOTerm()
    var name: String { "L_DINO (gradient through the teacher)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T { reference.value(b) }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> {
        let t = reference.teacher(b)
        var g = reference.gradient(b, teacher: t)
        let la = reference.logStudent(b.logits), lb = reference.logStudent(b.viewLogits)
        let tau = T(reference.teacherTemperature)
        for i in 0..<b.count {
            var meanA = T.zero, meanB = T.zero
            for y in 0..<b.clusterCount {
                meanA += t.view[i, y] * la[i, y]
                meanB += t.anchor[i, y] * lb[i, y]
            }
            let f = b.weights[i] / (T(2) * tau)
            for y in 0..<b.clusterCount {
                g.viewLogits[i, y] += f * t.view[i, y] * (la[i, y] - meanA)
                g.logits[i, y] += f * t.anchor[i, y] * (lb[i, y] - meanB)
            }
        }
        return g
    }
}

extension DINOTeacherGradientTerm: StopGradientObjective {
    func value<T: Real>(_ b: TermBatch<T>, targetsFrom r: TermBatch<T>) -> T { reference.value(b, targetsFrom: r) }
}
