/// SwAV's swapped prediction (Caron et al. 2020, "Unsupervised Learning of Visual Features by
/// Contrasting Cluster Assignments", NeurIPS 2020, Eq. 1-3), on a weighted batch, *maximised* (minus
/// SwAV's loss):
///
///     q_a = Sinkhorn(s_a),  q_b = Sinkhorn(s_b)                         (constants: no gradient)
///     L_SwAV = ½ Σ_i ā_i [ q_a,i · log softmax(s_b,i / T) + q_b,i · log softmax(s_a,i / T) ]
///
/// reading `s_a = batch.logits` (the scores of `x_i` against the `C` prototypes) and
/// `s_b = batch.viewLogits` (those of `x'_i`); `ā_i = a_i / Σ_j a_j` (`= a_i` under the batch's contract
/// `Σ a_i = 1`); `T` the temperature (0.1); Sinkhorn is ``SinkhornKnopp`` (`eps = 0.05`, 3 iterations)
/// run on each view's scores *with the batch's weights*. Each view's code is the target of the other
/// view's prediction. The formula is ``CodePrediction`` with the pairs `(q_a, s_b)` and `(q_b, s_a)`.
///
/// Gradient (``gradient(_:)``): the codes held fixed, as SwAV computes them under `no_grad`:
/// `∂/∂s_b,iy = (ā_i / 2T)(q_a,iy − softmax(s_b,i/T)_y Σ_k q_a,ik)`, symmetrically for `s_a`. It is
/// *not* the derivative of ``value(_:)``, which also moves with the codes: a finite-difference check
/// must hold the codes fixed (``evaluate(_:codes:viewCodes:)``). The partition is not read (zero rows).
///
/// Domain and edges: any batch with `n >= 1` pairs, `C >= 1`, finite scores with `|s|/eps` and `|s|/T`
/// finite, weights `a_i >= 0` with a positive one. `C = 1`: the value is 0. A pair of weight 0 adds
/// nothing, has a zero gradient row, and changes no other pair's code. The value is invariant under
/// renaming the clusters, reordering the pairs, splitting a pair into two of half its weight, and
/// adding one constant to all scores of a view; it is *not* invariant under adding a constant to one
/// sample's scores (the log-softmax is, the codes are not after finitely many Sinkhorn iterations).
///
/// Upper bound. `m` = the number of pairs of positive weight, `C` the number of clusters; the supremum
/// is over all scores `(s_a, s_b)` for fixed weights, the codes moving with the scores.
/// - Always `L_SwAV <= −½ Σ_i ā_i [H(q_a,i) + H(q_b,i)] <= 0`: each `−q · log p` is a cross-entropy,
///   `>= H(q)` (Gibbs) `>= 0`. For `C >= 2` the value is `< 0` at every finite configuration (each
///   `softmax_y < 1` and each code row sums to 1): the bound 0 is never attained. `C = 1`: `≡ 0`.
/// - `m >= C`: `sup L_SwAV = 0`, approached, not attained. Give the positive-weight pairs labels
///   `y_i` that use every cluster (the labels need not be balanced) and set
///   `s_a,i = s_b,i = λ e_{y_i}`. As `λ → ∞` every code tends to `e_{y_i}` (each column's mass is
///   carried by the rows labelled with it, after any number of iterations) and `softmax(λ e_{y_i}/T)`
///   to `e_{y_i}`, so both cross-entropies tend to 0.
/// - `m < C`: `sup L_SwAV <= −min_{a_i > 0} ā_i · log(C/m) < 0`. After the last column step the plan `P`
///   has column sums `1/C`, and the codes are its normalised rows, `q_i = P_i / π_i`, `π_i = Σ_k P_ik`;
///   so `Σ_i π_i q_i` is uniform. The `m` rows' argmax columns miss at least `C − m` columns, which hold
///   mass `(C − m)/C <= Σ_i π_i (1 − max_k q_ik)`; hence some row has `max_k q_ik <= m/C` and entropy
///   `>= log(C/m)`, in each view.
/// - `m = 1`: the code is uniform whatever the scores, and `sup L_SwAV = −log C`, attained exactly when
///   both views' scores are constant across clusters.
/// - Bounded scores: if `|s| <= 1` (the trainer's cosine scores), every `log softmax(s/T)_y <=
///   −log(1 + (C − 1) e^{−2/T})`, so `L_SwAV <= −log(1 + (C − 1) e^{−2/T})` (−2.1e-9 for `C = 2`,
///   `T = 0.1`): the supremum 0 needs unbounded score gaps.
/// In floating point a value of size below the rounding of the logits can round to 0.
public struct SwAVTerm: CodePredictionTerm {
    /// SwAV's temperature of the prediction.
    public static let defaultTemperature = 0.1

    /// `T > 0`, dividing the scores in the log-softmax (not in Sinkhorn, which has its own `eps`).
    public let temperature: Double
    /// The equipartition computing the codes.
    public let sinkhorn: SinkhornKnopp

    /// Throws ``TriadError`` when `temperature` or `sinkhornEpsilon` is not finite and positive, or
    /// `sinkhornIterations < 1`.
    public init(temperature: Double = defaultTemperature, sinkhornEpsilon: Double = SinkhornKnopp.defaultEpsilon,
                sinkhornIterations: Int = SinkhornKnopp.defaultIterations) throws {
        try require(temperature.isFinite && temperature > 0, "SwAV temperature", temperature, "must be finite and > 0")
        sinkhorn = try SinkhornKnopp(epsilon: sinkhornEpsilon, iterations: sinkhornIterations)
        self.temperature = temperature
    }

    /// SwAV's setting: `T = 0.1`, `eps = 0.05`, 3 iterations.
    public init() {
        temperature = Self.defaultTemperature
        sinkhorn = SinkhornKnopp()
    }

    public var name: String { "L_SwAV" }

    /// The value and the gradient for *given* codes (constants; `n × C` each, rows of nonnegative
    /// entries): `codes` (`q_a`) is predicted from `batch.viewLogits`, `viewCodes` (`q_b`) from
    /// `batch.logits`. The gradient is the exact derivative of this value with the codes fixed.
    @inlinable public func evaluate<T: Real>(_ batch: TermBatch<T>, codes: Matrix<T>, viewCodes: Matrix<T>)
        -> CodePrediction.Evaluation<T>
    {
        let r = CodePrediction.evaluate((codes, batch.viewLogits), (viewCodes, batch.logits), weights: batch.weights,
                                        temperature: temperature)
        var g = TermGradient(zeroFor: batch)
        g.logits = r.secondScoreGradient
        g.viewLogits = r.firstScoreGradient
        return CodePrediction.Evaluation(value: r.value, gradient: g, codes: codes, viewCodes: viewCodes)
    }

    /// The supremum over all scores when every cluster can be used (`m >= C`, see the type's
    /// documentation): 0, approached and not attained for `C >= 2`.
    public static func upperBound<T: Real>(as: T.Type = T.self) -> T { T.zero }
}
