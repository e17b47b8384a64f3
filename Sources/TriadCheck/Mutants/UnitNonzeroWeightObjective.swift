import TriadCore

/// Mutant of the weighting of `L_GEDI`: the value is right, but the gradient treats every non-zero
/// loss weight as 1 (`Σ_k [lambda_k ≠ 0] ∂L_k/∂l`). Exact at the weights 0 and 1, so every check with
/// unit weights (and every ablation) passes; a sweep at `lambda_GEN = 0.1` would train with 1.
struct UnitNonzeroWeightObjective: ObjectiveTerm {
    let objective: GEDIObjective
    var name: String { "L_GEDI (gradient with non-zero weights as 1)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T { objective.value(b) }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> {
        var g = TermGradient(zeroFor: b)
        for (_, term) in objective.weightedTerms { g.add(term.gradient(b), scaledBy: T.one) }
        return g
    }
}
