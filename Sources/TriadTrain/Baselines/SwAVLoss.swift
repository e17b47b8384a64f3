import TriadCore

/// SwAV's swapped-prediction loss (Caron et al. 2020), two views, a baseline of `Proofs/model.md` §7.3:
/// minus TriadCore's ``SwAVTerm`` on the batch of the two views' scores with equal weights `1/n`,
///
///     q_a = SinkhornKnopp(s_a), q_b = SinkhornKnopp(s_b)        (constants: no gradient)
///     L = -L_SwAV = -(1/2n) Σ_i [ q_a,i · log softmax(s_b,i / T) + q_b,i · log softmax(s_a,i / T) ]
///
/// with `s_v` the `n × K` cosine scores of view `v` against the prototypes, `T = 0.1`. The formula,
/// the codes and the score gradient (the codes held fixed) are the term's; this type only validates
/// the trainer's input, negates (exactly), and carries the scores' gradient through the cosine head.
/// With equal weights the term performs the operations of the unweighted formula in the same order,
/// so the trainer's numbers are those it had before the formula moved to TriadCore, bit for bit.
///
/// Cosine scores and their gradients with respect to embeddings and prototypes go through TriadCore's
/// ``ClusterHead`` at temperature 1 (`cos(z, u)` with the norm floor of `Proofs/model.md` §1.3), so both normalisations
/// are differentiated. (SwAV itself keeps unit prototypes by renormalising the weights after each step
/// and differentiates the plain product; the two gradients differ only along the prototype, a
/// direction the renormalisation removes.)
enum SwAVLoss {
    /// SwAV's temperature of the swapped prediction.
    static let defaultTemperature = SwAVTerm.defaultTemperature

    /// `0 − x`: minus `x`, exactly, with an exact zero mapped to `+0` (not `-x`, which gives `-0`): the
    /// unweighted formula computed `+0` where a code equals its prediction, so the trainer's bits,
    /// signed zeros included, are unchanged.
    @inlinable static func negated<T: Real>(_ x: T) -> T { T.zero - x }

    /// Throws ``TriadError`` unless the four matrices (those present) share one shape `n × K` with
    /// `n, K >= 1` and finite entries.
    @inlinable static func requireScores<T: Real>(_ named: [(String, Matrix<T>)]) throws {
        let n = named[0].1.rows, k = named[0].1.columns
        try require(n >= 1 && k >= 1, "score shape", "\(n)x\(k)", "must be at least 1x1")
        for (name, m) in named.dropFirst() {
            try require(m.rows == n && m.columns == k, "\(name) shape", "\(m.rows)x\(m.columns)", "must be \(n)x\(k)")
        }
        for (name, m) in named {
            for v in m.storage { try require(v.isFinite, name + " entry", v, "must be finite") }
        }
    }

    /// The loss and its gradient with respect to the scores for *given* codes (pure; the codes are
    /// constants): minus ``SwAVTerm/evaluate(_:codes:viewCodes:)``. Throws ``TriadError`` on
    /// mismatched shapes, `n < 1`, non-finite entries, or a temperature that is not finite and positive.
    @inlinable static func swappedPrediction<T: Real>(
        scoresA: Matrix<T>, scoresB: Matrix<T>, codesA: Matrix<T>, codesB: Matrix<T>,
        temperature: Double = defaultTemperature
    ) throws -> (loss: T, scoreGradientA: Matrix<T>, scoreGradientB: Matrix<T>) {
        try requireScores([("scores A", scoresA), ("scores B", scoresB), ("codes A", codesA), ("codes B", codesB)])
        let term = try SwAVTerm(temperature: temperature)
        let r = term.evaluate(TermBatch(logits: scoresA, viewLogits: scoresB, partition: nil), codes: codesA,
                              viewCodes: codesB)
        return (negated(r.value), r.gradient.logits.map(negated), r.gradient.viewLogits.map(negated))
    }

    /// The full loss from two views' scores: minus ``SwAVTerm/evaluate(_:)`` (codes by
    /// ``SinkhornKnopp``, no gradient). Throws ``TriadError`` on mismatched shapes, `n < 1`, non-finite
    /// scores, or invalid parameters.
    @inlinable static func evaluate<T: Real>(
        scoresA: Matrix<T>, scoresB: Matrix<T>, temperature: Double = defaultTemperature,
        sinkhornEpsilon: Double = SinkhornKnopp.defaultEpsilon,
        sinkhornIterations: Int = SinkhornKnopp.defaultIterations
    ) throws -> SwAVResult<T> {
        try requireScores([("scores A", scoresA), ("scores B", scoresB)])
        let term = try SwAVTerm(temperature: temperature, sinkhornEpsilon: sinkhornEpsilon,
                                sinkhornIterations: sinkhornIterations)
        let eps = T(sinkhornEpsilon)
        for v in scoresA.storage + scoresB.storage {
            try require((v / eps).isFinite, "score / Sinkhorn eps", v, "must be finite")
        }
        let r = term.evaluate(TermBatch(logits: scoresA, viewLogits: scoresB, partition: nil))
        return SwAVResult(loss: negated(r.value), codesA: r.codes, codesB: r.viewCodes,
                          scoreGradientA: r.gradient.logits.map(negated), scoreGradientB: r.gradient.viewLogits.map(negated),
                          embeddingGradientA: nil, embeddingGradientB: nil, prototypeGradient: nil)
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
