/// An objective that predicts Sinkhorn codes of the batch's two views (``SwAVTerm``,
/// ``SelfLabellingTerm``): the codes of both views from their own scores with the batch's weights
/// (constants: no gradient), then ``CodePrediction`` on the pairs the term chooses. The conforming
/// type says only which codes each view's scores predict (``evaluate(_:codes:viewCodes:)``); the
/// codes, the one-pass evaluation, the value, the stop-gradient gradient and the stop-gradient
/// value are shared, here.
public protocol CodePredictionTerm: StopGradientObjective {
    /// The equipartition computing the codes.
    var sinkhorn: SinkhornKnopp { get }
    /// The value and the gradient for *given* codes (constants; `n × C` each): `codes` are those of
    /// `batch.logits`, `viewCodes` those of `batch.viewLogits`. The gradient is the exact derivative
    /// of this value with the codes fixed.
    func evaluate<T: Real>(_ batch: TermBatch<T>, codes: Matrix<T>, viewCodes: Matrix<T>) -> CodePrediction.Evaluation<T>
}

extension CodePredictionTerm {
    /// The Sinkhorn codes of both views, with the batch's weights: those of `batch.logits`, then of
    /// `batch.viewLogits`.
    @inlinable public func codes<T: Real>(_ batch: TermBatch<T>) -> (codes: Matrix<T>, viewCodes: Matrix<T>) {
        (sinkhorn.codes(scores: batch.logits, weights: batch.weights),
         sinkhorn.codes(scores: batch.viewLogits, weights: batch.weights))
    }

    /// The codes, the value and the gradient in one pass (what the trainer calls).
    @inlinable public func evaluate<T: Real>(_ batch: TermBatch<T>) -> CodePrediction.Evaluation<T> {
        let q = codes(batch)
        return evaluate(batch, codes: q.codes, viewCodes: q.viewCodes)
    }

    @inlinable public func value<T: Real>(_ batch: TermBatch<T>) -> T { evaluate(batch).value }

    /// The gradient with the codes held fixed: not the derivative of ``value(_:)``, which also moves
    /// with the codes, but that of ``value(_:targetsFrom:)``.
    @inlinable public func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T> { evaluate(batch).gradient }

    /// The value on `batch` with the codes computed from `reference`: the function whose derivative
    /// ``gradient(_:)`` is.
    @inlinable public func value<T: Real>(_ batch: TermBatch<T>, targetsFrom reference: TermBatch<T>) -> T {
        let q = codes(reference)
        return evaluate(batch, codes: q.codes, viewCodes: q.viewCodes).value
    }
}
