import TriadCore

/// SwAV's swapped-prediction loss (Caron et al. 2020), two views, a baseline of `Proofs/model.md` §7.3:
///
///     q_a = SinkhornKnopp(s_a), q_b = SinkhornKnopp(s_b)        (constants: no gradient)
///     L = -(1/2n) Σ_i [ q_a,i · log softmax(s_b,i / T) + q_b,i · log softmax(s_a,i / T) ]
///
/// with `s_v` the `n × K` cosine scores of view `v` against the prototypes, `T = 0.1`. Each view's
/// code is the target for the other view's prediction. The log-softmax is TriadCore's
/// ``Matrix/rowLogSoftmax()``. Gradient with respect to the scores (the codes held fixed):
///
///     dL/ds_b,i = (1/2n)(1/T) (softmax(s_b,i/T) · Σ_y q_a,iy - q_a,i),   and symmetrically for s_a.
///
/// Cosine scores and their gradients with respect to embeddings and prototypes go through TriadCore's
/// ``ClusterHead`` at temperature 1 (`cos(z, u)` with the norm floor of `Proofs/model.md` §1.3), so both normalisations
/// are differentiated. (SwAV itself keeps unit prototypes by renormalising the weights after each step
/// and differentiates the plain product; the two gradients differ only along the prototype, a
/// direction the renormalisation removes.)
enum SwAVLoss {
    /// SwAV's temperature of the swapped prediction.
    static let defaultTemperature = 0.1

    /// The loss and its gradient with respect to the scores for *given* codes (pure; the codes are
    /// constants). Throws ``TriadError`` on mismatched shapes, `n < 1`, non-finite entries, or a
    /// temperature that is not finite and positive.
    @inlinable static func swappedPrediction<T: Real>(
        scoresA: Matrix<T>, scoresB: Matrix<T>, codesA: Matrix<T>, codesB: Matrix<T>,
        temperature: Double = defaultTemperature
    ) throws -> (loss: T, scoreGradientA: Matrix<T>, scoreGradientB: Matrix<T>) {
        let n = scoresA.rows, k = scoresA.columns
        try require(n >= 1 && k >= 1, "score shape", "\(n)x\(k)", "must be at least 1x1")
        for (name, m) in [("scores B", scoresB), ("codes A", codesA), ("codes B", codesB)] {
            try require(m.rows == n && m.columns == k, "\(name) shape", "\(m.rows)x\(m.columns)", "must be \(n)x\(k)")
        }
        for (name, m) in [("scores A", scoresA), ("scores B", scoresB), ("codes A", codesA), ("codes B", codesB)] {
            for v in m.storage { try require(v.isFinite, name + " entry", v, "must be finite") }
        }
        try require(temperature.isFinite && temperature > 0, "SwAV temperature", temperature, "must be finite and > 0")
        let t = T(temperature)
        let logPA = scoresA.map { $0 / t }.rowLogSoftmax()
        let logPB = scoresB.map { $0 / t }.rowLogSoftmax()
        var loss = T.zero
        var gA = Matrix<T>.zeros(rows: n, columns: k), gB = Matrix<T>.zeros(rows: n, columns: k)
        let scale = T.one / (T(2 * n) * t)
        for i in 0..<n {
            var massA = T.zero, massB = T.zero
            for y in 0..<k {
                // q_a predicts from view b, q_b from view a.
                loss -= codesA[i, y] * logPB[i, y] + codesB[i, y] * logPA[i, y]
                massA += codesA[i, y]
                massB += codesB[i, y]
            }
            for y in 0..<k {
                gB[i, y] = scale * (T.exp(logPB[i, y]) * massA - codesA[i, y])
                gA[i, y] = scale * (T.exp(logPA[i, y]) * massB - codesB[i, y])
            }
        }
        return (loss / T(2 * n), gA, gB)
    }

    /// The full loss from two views' scores: codes by ``SinkhornKnopp`` (no gradient), then
    /// ``swappedPrediction(scoresA:scoresB:codesA:codesB:temperature:)``.
    @inlinable static func evaluate<T: Real>(
        scoresA: Matrix<T>, scoresB: Matrix<T>, temperature: Double = defaultTemperature,
        sinkhornEpsilon: Double = SinkhornKnopp.defaultEpsilon,
        sinkhornIterations: Int = SinkhornKnopp.defaultIterations
    ) throws -> SwAVResult<T> {
        let codesA = try SinkhornKnopp.codes(scores: scoresA, epsilon: sinkhornEpsilon, iterations: sinkhornIterations)
        let codesB = try SinkhornKnopp.codes(scores: scoresB, epsilon: sinkhornEpsilon, iterations: sinkhornIterations)
        let r = try swappedPrediction(scoresA: scoresA, scoresB: scoresB, codesA: codesA, codesB: codesB,
                                      temperature: temperature)
        return SwAVResult(loss: r.loss, codesA: codesA, codesB: codesB, scoreGradientA: r.scoreGradientA,
                          scoreGradientB: r.scoreGradientB, embeddingGradientA: nil, embeddingGradientB: nil,
                          prototypeGradient: nil)
    }

    /// The full loss from two views' embeddings (`n × k` each) and the prototypes (`K × k`, one per
    /// row, `K >= 2`): cosine scores through ``ClusterHead`` at temperature 1, then
    /// ``evaluate(scoresA:scoresB:temperature:sinkhornEpsilon:sinkhornIterations:)``, then the
    /// gradients with respect to both embeddings and the prototypes (summed over the two views).
    @inlinable static func evaluate<T: Real>(
        embeddingsA: Matrix<T>, embeddingsB: Matrix<T>, prototypes: Matrix<T>,
        temperature: Double = defaultTemperature, sinkhornEpsilon: Double = SinkhornKnopp.defaultEpsilon,
        sinkhornIterations: Int = SinkhornKnopp.defaultIterations
    ) throws -> SwAVResult<T> {
        try require(embeddingsB.rows == embeddingsA.rows && embeddingsB.columns == embeddingsA.columns,
                    "embeddings B shape", "\(embeddingsB.rows)x\(embeddingsB.columns)",
                    "must equal embeddings A's \(embeddingsA.rows)x\(embeddingsA.columns)")
        try require(prototypes.columns == embeddingsA.columns, "prototype dimension", prototypes.columns,
                    "must equal the embedding dimension \(embeddingsA.columns)")
        for v in embeddingsA.storage + embeddingsB.storage { try require(v.isFinite, "embedding entry", v, "must be finite") }
        let head = try ClusterHead(prototypes: prototypes, temperature: T.one)
        let r = try evaluate(scoresA: head.logits(embeddingsA), scoresB: head.logits(embeddingsB),
                             temperature: temperature, sinkhornEpsilon: sinkhornEpsilon,
                             sinkhornIterations: sinkhornIterations)
        let backA = head.backward(embeddingsA, logitGradient: r.scoreGradientA)
        let backB = head.backward(embeddingsB, logitGradient: r.scoreGradientB)
        return SwAVResult(loss: r.loss, codesA: r.codesA, codesB: r.codesB, scoreGradientA: r.scoreGradientA,
                          scoreGradientB: r.scoreGradientB, embeddingGradientA: backA.embeddings,
                          embeddingGradientB: backB.embeddings, prototypeGradient: backA.prototypes + backB.prototypes)
    }
}

/// What ``SwAVLoss`` returns. Gradients are of the loss (to be minimised).
struct SwAVResult<T: Real>: Sendable {
    /// The swapped-prediction loss.
    let loss: T
    /// The Sinkhorn codes of each view (`n × K`, constants).
    let codesA: Matrix<T>, codesB: Matrix<T>
    /// `dL/ds` for each view's scores.
    let scoreGradientA: Matrix<T>, scoreGradientB: Matrix<T>
    /// `dL/dz` for each view's embeddings (`nil` when the loss was given scores).
    let embeddingGradientA: Matrix<T>?, embeddingGradientB: Matrix<T>?
    /// `dL/dU` for the prototypes (`nil` when the loss was given scores).
    let prototypeGradient: Matrix<T>?

    @inlinable init(loss: T, codesA: Matrix<T>, codesB: Matrix<T>, scoreGradientA: Matrix<T>,
                    scoreGradientB: Matrix<T>, embeddingGradientA: Matrix<T>?, embeddingGradientB: Matrix<T>?,
                    prototypeGradient: Matrix<T>?) {
        self.loss = loss
        self.codesA = codesA
        self.codesB = codesB
        self.scoreGradientA = scoreGradientA
        self.scoreGradientB = scoreGradientB
        self.embeddingGradientA = embeddingGradientA
        self.embeddingGradientB = embeddingGradientB
        self.prototypeGradient = prototypeGradient
    }
}
