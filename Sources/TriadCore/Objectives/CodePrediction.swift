/// The cross-entropy of *fixed* codes predicted from scores at a temperature, on a weighted batch, for
/// two (targets, scores) pairs at once: the one formula of ``SwAVTerm`` (each view's codes predicted
/// from the other view's scores) and of ``SelfLabellingTerm`` (each view's codes from its own scores).
///
///     V = ½ Σ_i ā_i [ q_i · log softmax(s_i / T) + r_i · log softmax(t_i / T) ],   ā_i = a_i / Σ_j a_j
///
/// with the pairs `(q, s)` and `(r, t)` (`n × C` each), `T > 0` the temperature, weights `a_i >= 0` (at
/// least one positive). `ā = a` under the batch's contract `Σ a_i = 1`; normalising makes the value
/// depend on the weights' ratios only. The log-softmax is ``Matrix/rowLogSoftmax()`` (finite for finite
/// `s / T`). The targets are constants; the gradient with respect to the scores is
///
///     ∂V/∂s_iy = (ā_i / 2T) (q_iy − softmax(s_i/T)_y · Σ_k q_ik),   and the same for `t` with `r`,
///
/// written with the targets' row mass `Σ_k q_ik` (1 for codes, up to rounding) so that it is exact for
/// any nonnegative targets.
///
/// Bounds: for targets that are distributions, each `−q · log p` is a cross-entropy `>= H(q) >= 0`
/// (Gibbs), so `V <= −½ Σ_i ā_i [H(q_i) + H(r_i)] <= 0`.
///
/// Arithmetic: the weights enter as `ρ_i = a_i / max_j a_j` with `ā_i = ρ_i / Σ_j ρ_j`, the value as
/// `(Σ_i Σ_y ρ_i [q_iy lp_iy + r_iy lt_iy]) / (2 Σ ρ)` summed in one pass, the gradient's factor as
/// `ρ_i / (2 Σ ρ · T)`. For equal weights `ρ_i = 1` and `Σ ρ = n` exactly, so this is, operation for
/// operation, the unweighted `(1/2n) Σ_{i,y} [...]` with the factor `1 / (2n T)`: the trainer's SwAV
/// loss did not change by a bit when it moved here. Pairs of weight exactly 0 are skipped: they add
/// nothing to the value and their gradient rows are exactly 0, whatever their scores and targets.
public enum CodePrediction {
    /// What ``SwAVTerm`` and ``SelfLabellingTerm`` return from one evaluation: the value, the gradient
    /// with the codes held fixed, and the codes of both views.
    public struct Evaluation<T: Real>: Sendable {
        /// The term's value.
        public var value: T
        /// Its gradient with respect to the batch's logits, the codes held fixed.
        public var gradient: TermGradient<T>
        /// The codes of `batch.logits` (view `x_i`) and of `batch.viewLogits` (view `x'_i`).
        public var codes: Matrix<T>, viewCodes: Matrix<T>

        @inlinable public init(value: T, gradient: TermGradient<T>, codes: Matrix<T>, viewCodes: Matrix<T>) {
            self.value = value
            self.gradient = gradient
            self.codes = codes
            self.viewCodes = viewCodes
        }
    }

    /// `V` and its gradients with respect to both pairs' scores (see the type's documentation).
    /// Precondition (trap): all four matrices of one shape `n × C` with `n, C >= 1`, `n` weights, not
    /// negative, at least one positive; `temperature` finite and positive.
    @inlinable public static func evaluate<T: Real>(
        _ first: (targets: Matrix<T>, scores: Matrix<T>), _ second: (targets: Matrix<T>, scores: Matrix<T>),
        weights: [T], temperature: Double
    ) -> (value: T, firstScoreGradient: Matrix<T>, secondScoreGradient: Matrix<T>) {
        let n = first.scores.rows, c = first.scores.columns
        triadPrecondition(n >= 1 && c >= 1, "score shape", "\(n)x\(c)", "must be at least 1x1")
        for m in [first.targets, second.targets, second.scores] {
            triadPrecondition(m.rows == n && m.columns == c, "target or score shape", "\(m.rows)x\(m.columns)",
                              "must be \(n)x\(c)")
        }
        triadPrecondition(weights.count == n, "weights count", weights.count, "must equal the batch size \(n)")
        triadPrecondition(temperature.isFinite && temperature > 0, "temperature", temperature, "must be finite and > 0")
        var largest = weights[0]
        for w in weights { largest = T.maximum(largest, w) }
        triadPrecondition(largest.upperBound > 0, "weights", "all 0", "must have a positive entry")
        var ratio = [T](repeating: T.zero, count: n)
        var ratioSum = T.zero
        for i in 0..<n where !(weights[i].upperBound == 0) {
            ratio[i] = weights[i] / largest
            ratioSum += ratio[i]
        }
        let t = T(temperature)
        let twiceTotal = T(2) * ratioSum
        let firstLog = first.scores.map { $0 / t }.rowLogSoftmax()
        let secondLog = second.scores.map { $0 / t }.rowLogSoftmax()
        var sum = T.zero
        var firstGradient = Matrix<T>.zeros(rows: n, columns: c), secondGradient = firstGradient
        for i in 0..<n where !(weights[i].upperBound == 0) {
            let factor = ratio[i] / (twiceTotal * t)
            var firstMass = T.zero, secondMass = T.zero
            for y in 0..<c {
                sum += ratio[i] * (first.targets[i, y] * firstLog[i, y] + second.targets[i, y] * secondLog[i, y])
                firstMass += first.targets[i, y]
                secondMass += second.targets[i, y]
            }
            for y in 0..<c {
                firstGradient[i, y] = factor * (first.targets[i, y] - T.exp(firstLog[i, y]) * firstMass)
                secondGradient[i, y] = factor * (second.targets[i, y] - T.exp(secondLog[i, y]) * secondMass)
            }
        }
        return (sum / twiceTotal, firstGradient, secondGradient)
    }
}
