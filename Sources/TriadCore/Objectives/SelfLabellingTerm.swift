/// Self-labelling with equipartitioned pseudo-labels: SeLa (Asano, Rupprecht & Vedaldi 2020,
/// "Self-labelling via simultaneous clustering and representation learning", ICLR 2020), in a
/// batch-level, soft-code form (codes recomputed on every batch, as SwAV does; the SeLa-v2 /
/// DeepCluster-v2 family of Caron et al. 2020), on a weighted batch, *maximised*. Each input is coded
/// from its **own** scores (not swapped, unlike ``SwAVTerm``):
///
///     q_a = Sinkhorn(s_a),  q_b = Sinkhorn(s_b)                         (constants: no gradient)
///     L_SeLa = ½ Σ_i ā_i [ q_a,i · log softmax(s_a,i / T) + q_b,i · log softmax(s_b,i / T) ]
///
/// reading `s_a = batch.logits`, `s_b = batch.viewLogits`, `ā_i = a_i / Σ_j a_j` (`= a_i` under the
/// batch's contract), ``SinkhornKnopp`` with the batch's weights. The formula is ``CodePrediction``
/// with the pairs `(q_a, s_a)` and `(q_b, s_b)`.
///
/// Parameters and why these defaults (`T = 0.1`, `eps = 0.05`, 3 iterations, SwAV's): SeLa's own
/// procedure is not a batch objective — it runs Sinkhorn-Knopp over the whole data set every few epochs
/// on `softmax(l)^λ` with `λ = 25` (i.e. `eps = 1/25` on the logits at `T = 1`) until convergence, keeps
/// the argmax as a hard label, and trains a plain cross-entropy at `T = 1` (reference code
/// `yukimasano/self-label`, `--lamb 25`). None of that fixes a batch objective's constants, so this
/// term takes SwAV's, for one more reason: then the only difference between this term and
/// ``SwAVTerm`` is which view's codes each prediction targets (the failure-mode matrix compares
/// exactly that). SeLa's
/// own constants are available as `SelfLabellingTerm(temperature: 1, sinkhornEpsilon: 0.04,
/// sinkhornIterations: n)` with `n` large (at convergence, `softmax(l)^λ` and `exp(λ l)` give the same
/// codes; after finitely many iterations they differ by the rows' normalisers).
///
/// Gradient (``gradient(_:)``): the codes held fixed, `∂/∂s_a,iy = (ā_i / 2T)(q_a,iy −
/// softmax(s_a,i/T)_y Σ_k q_a,ik)`, likewise for `s_b`. It is not the derivative of ``value(_:)``
/// (the codes move with the scores): check it with the codes held fixed
/// (``evaluate(_:codes:viewCodes:)``). The partition is not read.
///
/// Domain and edges: as ``SwAVTerm`` (finite scores, `|s|/eps` and `|s|/T` finite, weights `>= 0` with a
/// positive one; `C = 1` gives 0; a zero-weight pair adds nothing, has a zero gradient row and changes no
/// other pair's code). The two views enter separately: the value does not read the pairing
/// `(x_i, x'_i)` at all, and with equal weights re-pairing the views (FM3) leaves it unchanged.
///
/// Upper bound (`m` pairs of positive weight, `C` clusters, supremum over all scores for fixed weights):
/// - Always `L_SeLa <= −½ Σ_i ā_i [H(q_a,i) + H(q_b,i)] <= 0` (Gibbs); `< 0` at every finite
///   configuration when `C >= 2`; `≡ 0` when `C = 1`.
/// - `m >= C`: `sup L_SeLa = 0`, approached, not attained: each view separately, labels `y_i` using every
///   cluster and `s_i = λ e_{y_i}`, `λ → ∞` (see ``SwAVTerm``; here the views need not agree).
/// - `m < C`: `sup L_SeLa <= −min_{a_i > 0} ā_i · log(C/m) < 0` (the same argument: the codes' mixture by
///   the last column step's row masses is uniform, so some code has entropy `>= log(C/m)` in each view).
/// - `m = 1`: the codes are uniform, `sup = −log C`, attained exactly at constant scores in both views.
/// - Scores bounded by 1 in absolute value: `L_SeLa <= −log(1 + (C − 1) e^{−2/T})`.
public struct SelfLabellingTerm: CodePredictionTerm {
    /// The temperature of the prediction (SwAV's, see the type's documentation).
    public static let defaultTemperature = SwAVTerm.defaultTemperature

    /// `T > 0`, dividing the scores in the log-softmax.
    public let temperature: Double
    /// The equipartition computing the pseudo-labels (codes).
    public let sinkhorn: SinkhornKnopp

    /// Throws ``TriadError`` when `temperature` or `sinkhornEpsilon` is not finite and positive, or
    /// `sinkhornIterations < 1`.
    public init(temperature: Double = defaultTemperature, sinkhornEpsilon: Double = SinkhornKnopp.defaultEpsilon,
                sinkhornIterations: Int = SinkhornKnopp.defaultIterations) throws {
        try require(temperature.isFinite && temperature > 0, "SeLa temperature", temperature, "must be finite and > 0")
        sinkhorn = try SinkhornKnopp(epsilon: sinkhornEpsilon, iterations: sinkhornIterations)
        self.temperature = temperature
    }

    /// The defaults: `T = 0.1`, `eps = 0.05`, 3 iterations.
    public init() {
        temperature = Self.defaultTemperature
        sinkhorn = SinkhornKnopp()
    }

    public var name: String { "L_SeLa" }

    /// The value and the gradient for *given* codes (constants): `codes` is predicted from
    /// `batch.logits`, `viewCodes` from `batch.viewLogits`. The gradient is the exact derivative of this
    /// value with the codes fixed.
    @inlinable public func evaluate<T: Real>(_ batch: TermBatch<T>, codes: Matrix<T>, viewCodes: Matrix<T>)
        -> CodePrediction.Evaluation<T>
    {
        let r = CodePrediction.evaluate((codes, batch.logits), (viewCodes, batch.viewLogits), weights: batch.weights,
                                        temperature: temperature)
        var g = TermGradient(zeroFor: batch)
        g.logits = r.firstScoreGradient
        g.viewLogits = r.secondScoreGradient
        return CodePrediction.Evaluation(value: r.value, gradient: g, codes: codes, viewCodes: viewCodes)
    }

    /// The supremum over all scores when every cluster can be used (`m >= C`): 0, approached and not
    /// attained for `C >= 2`.
    public static func upperBound<T: Real>(as: T.Type = T.self) -> T { T.zero }
}
