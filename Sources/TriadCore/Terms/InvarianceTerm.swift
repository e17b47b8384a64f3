/// The invariance term `L_INV = E_p(x,x')[Σ_y p(y|x') log p(y|x)] = -E[CE(p(·|x'), p(·|x))]`
/// (Eq. 4). Choice (`Proofs/model.md` §2.2): the augmented view is the target and gradients flow into both sides.
/// The ``Form/symmetrised`` variant averages both directions,
/// `-½ E[CE(p(·|x'), p(·|x)) + CE(p(·|x), p(·|x'))]`, with the same bound and maximisers.
/// Upper bound `0`, attained iff every pair's predictions are equal and one-hot.
public struct InvarianceTerm: ObjectiveTerm {
    public enum Form: String, Sendable { case viewAsTarget, symmetrised }
    public let form: Form

    public init(form: Form = .viewAsTarget) { self.form = form }

    public var name: String { form == .viewAsTarget ? "L_INV" : "L_INV (symmetrised)" }

    /// `Σ_i a_i Σ_y softmax(t_i)_y log softmax(s_i)_y`: the target `t` scored by the source `s`.
    @inlinable static func crossTerm<T: Real>(target t: Matrix<T>, source s: Matrix<T>, weights: [T]) -> T {
        let pt = t.rowSoftmax(), ls = s.rowLogSoftmax()
        var total = T.zero
        for i in 0..<t.rows {
            var row = T.zero
            for y in 0..<t.columns { row += pt[i, y] * ls[i, y] }
            total += weights[i] * row
        }
        return total
    }

    /// Gradients of ``crossTerm(target:source:weights:)``: with `p' = softmax(t_i)`, `p = softmax(s_i)`,
    /// `ls = log p`: `∂/∂s_i = a_i (p' - p)` and `∂/∂t_iy = a_i p'_y (ls_y - Σ_k p'_k ls_k)`.
    /// (`t` given by its softmax, `s` by its ``RowSoftmax``.)
    @inlinable static func crossGradient<T: Real>(target pt: Matrix<T>, source s: RowSoftmax<T>, weights: [T])
        -> (target: Matrix<T>, source: Matrix<T>)
    {
        let ps = s.probabilities, ls = s.logProbabilities
        var gt = Matrix<T>.zeros(rows: pt.rows, columns: pt.columns), gs = gt
        for i in 0..<pt.rows {
            var mean = T.zero
            for y in 0..<pt.columns { mean += pt[i, y] * ls[i, y] }
            for y in 0..<pt.columns {
                gs[i, y] = weights[i] * (pt[i, y] - ps[i, y])
                gt[i, y] = weights[i] * pt[i, y] * (ls[i, y] - mean)
            }
        }
        return (gt, gs)
    }

    @inlinable public func value<T: Real>(_ batch: TermBatch<T>) -> T {
        let forward = Self.crossTerm(target: batch.viewLogits, source: batch.logits, weights: batch.weights)
        switch form {
        case .viewAsTarget:
            return forward
        case .symmetrised:
            let backward = Self.crossTerm(target: batch.logits, source: batch.viewLogits, weights: batch.weights)
            return (forward + backward) / T(2)
        }
    }

    @inlinable public func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T> {
        gradient(batch, softmaxes: BatchSoftmaxes(batch))
    }

    /// ``gradient(_:)`` reading the softmaxes from `softmaxes` (a cache of `batch`'s, shared with
    /// other terms of the same batch).
    @inlinable public func gradient<T: Real>(_ batch: TermBatch<T>, softmaxes: BatchSoftmaxes<T>) -> TermGradient<T> {
        var g = TermGradient(zeroFor: batch)
        // The symmetrised form also needs the views' log-softmax: take both in one pass first, so the
        // views' probabilities are not computed twice.
        let viewTarget = form == .symmetrised ? softmaxes.viewLogits.probabilities : softmaxes.viewProbabilities
        let f = Self.crossGradient(target: viewTarget, source: softmaxes.logits, weights: batch.weights)
        switch form {
        case .viewAsTarget:
            g.logits = f.source
            g.viewLogits = f.target
        case .symmetrised:
            let b = Self.crossGradient(target: softmaxes.logits.probabilities, source: softmaxes.viewLogits,
                                       weights: batch.weights)
            let half = T.one / T(2)
            for k in g.logits.storage.indices {
                g.logits.storage[k] = half * (f.source.storage[k] + b.target.storage[k])
                g.viewLogits.storage[k] = half * (f.target.storage[k] + b.source.storage[k])
            }
        }
        return g
    }

    /// The upper bound `0` (Eq. 4).
    public static func upperBound<T: Real>(as: T.Type = T.self) -> T { T.zero }
}
