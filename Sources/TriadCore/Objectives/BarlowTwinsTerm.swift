/// Barlow Twins (J. Zbontar, L. Jing, I. Misra, Y. LeCun, S. Deny, "Barlow Twins: Self-Supervised
/// Learning via Redundancy Reduction", ICML 2021), on a weighted batch, maximised:
///
///     A = BN(z_a), B = BN(z_b)        per-view batch norm (training mode, no affine, eps 1e-5,
///                                     a-weighted mean and biased variance: ``BatchNorm``)
///     C = Σ_i a_i A_i B_iᵀ            (k × k cross-correlation; Aᵀ B / n at a_i = 1/n)
///     L_BT = -[Σ_p (1 - C_pp)² + lambda Σ_{p≠q} C_pq²],   lambda = 0.0051
///
/// As an ``ObjectiveTerm`` the embeddings are the logits: `z_a = l(x_i)`, `z_b = l(x'_i)`, `k = C`
/// (the trainer's Barlow Twins uses a `C`-dimensional embedding and clusters = argmax). The trainer
/// (`BarlowTwinsMethod`) calls ``evaluate(_:_:weights:offDiagonalWeight:epsilon:)`` with equal
/// weights: the one implementation of the formula.
///
/// Gradient (hand-derived, gradient-checked in the tests): with `G = d loss/dC`, `G_pp = 2(C_pp - 1)`,
/// `G_pq = 2 lambda C_pq`, the normalised views get `dA_i = a_i G B_i / W` and
/// `dB_i = a_i Gᵀ A_i / W` (`W = Σ a_i`), and ``BatchNorm/backward(_:outputGradient:)`` carries them to
/// `z_a` and `z_b`; the term's gradient is minus that.
///
/// **Bound.** `L_BT <= 0`, with equality iff `C = I`. With `eps > 0` it is never attained: by
/// Cauchy-Schwarz `|C_pq| <= sqrt(v^a_p/(v^a_p + eps) · v^b_q/(v^b_q + eps)) < 1` (`v` the batch
/// variances), so `C_pp < 1`. The supremum `0` is approached iff, for every dimension `p`, the two
/// normalised views become perfectly positively correlated over the pairs of positive weight
/// (`A_p = B_p` there) with variance large against `eps` (`v_p/(v_p + eps) -> 1`), and distinct
/// dimensions become uncorrelated (`C_pq -> 0`). The columns of `A`, restricted to the pairs of
/// positive weight, then tend to `k` vectors orthonormal in the `a`-weighted inner product and
/// orthogonal to the constant vector (they are centred), so this needs at least `k + 1` such pairs; with fewer the supremum is below 0 (`C` has rank at most the number of such pairs minus
/// one; one pair: `A = B = 0` and `L_BT = -k`, up to the rounding of the means).
///
/// **Constant dimension.** A dimension `p` constant over the batch (variance 0, e.g. a collapsed
/// embedding) has `A_p = 0` (up to the rounding of its mean) and `eps` alone in the normaliser, so
/// `C_pp = 0` and row `p` of `C` is 0 (column `p` too when it is constant in both views): its diagonal
/// term costs exactly `-1` in the value. If it is constant in view `a` only, the value's gradient
/// there is `2 a_i B_ip / (W sqrt(eps))` (`W = Σ a_i`), finite but scaled by `1/sqrt(eps) ≈ 316`,
/// pulling it towards the other view; if it is constant in both views the gradient on it is 0
/// (`dA_ip = Σ_q G_pq B_iq a_i / W` with `B_ip = 0` and `G_pq = 2 lambda C_pq = 0`; exactly 0 when the
/// computed mean is exact): a dimension collapsed in both views is a stationary direction the loss
/// does not revive.
public struct BarlowTwinsTerm: ObjectiveTerm {
    /// The off-diagonal weight of the paper, `0.0051`.
    public static let defaultOffDiagonalWeight = 0.0051

    /// `lambda`.
    public let offDiagonalWeight: Double
    /// The batch norm's `eps`.
    public let epsilon: Double

    /// Throws ``TriadError`` when `lambda` is negative or not finite, or `eps` is not positive and finite.
    public init(offDiagonalWeight: Double = defaultOffDiagonalWeight, epsilon: Double = BatchNorm.defaultEpsilon) throws {
        try require(offDiagonalWeight.isFinite && offDiagonalWeight >= 0, "off-diagonal weight lambda",
                    offDiagonalWeight, "must be finite and >= 0")
        try require(epsilon.isFinite && epsilon > 0, "batch-norm eps", epsilon, "must be finite and > 0")
        self.offDiagonalWeight = offDiagonalWeight
        self.epsilon = epsilon
    }

    public var name: String { "L_BT" }

    /// The loss (minimised, `>= 0`), the cross-correlation and the gradients with respect to both
    /// embedding batches (`n × k` each, `n >= 2`), validated: the trainer's entry point. `weights`
    /// (one per row, `nil` for equal weights) are normalised by their sum. Throws ``TriadError`` on
    /// mismatched shapes, non-finite entries, `n < 2`, a negative or non-finite `lambda`, a bad `eps`
    /// or bad weights.
    @inlinable public static func evaluate<T: Real>(
        _ za: Matrix<T>, _ zb: Matrix<T>, weights: [T]? = nil, offDiagonalWeight: Double = defaultOffDiagonalWeight,
        epsilon: Double = BatchNorm.defaultEpsilon
    ) throws -> BarlowTwinsResult<T> {
        try require(zb.rows == za.rows && zb.columns == za.columns, "view B shape", "\(zb.rows)x\(zb.columns)",
                    "must equal view A's \(za.rows)x\(za.columns)")
        let term = try BarlowTwinsTerm(offDiagonalWeight: offDiagonalWeight, epsilon: epsilon)
        let fa = try BatchNorm.forward(za, weights: weights, epsilon: epsilon)
        let fb = try BatchNorm.forward(zb, weights: weights, epsilon: epsilon)
        return term.result(fa, fb)
    }

    /// ``evaluate(_:_:weights:offDiagonalWeight:epsilon:)`` without validation, for input valid by
    /// construction (a ``TermBatch``: `n >= 1`, weights summing to a positive total). Non-finite
    /// entries give NaN. Precondition: equal shapes.
    @inlinable public func evaluate<T: Real>(_ za: Matrix<T>, _ zb: Matrix<T>, weights: [T]?) -> BarlowTwinsResult<T> {
        triadPrecondition(zb.rows == za.rows && zb.columns == za.columns, "view B shape", "\(zb.rows)x\(zb.columns)",
                          "must equal view A's \(za.rows)x\(za.columns)")
        return result(BatchNorm.normalize(za, weights: weights, epsilon: T(epsilon)),
                      BatchNorm.normalize(zb, weights: weights, epsilon: T(epsilon)))
    }

    /// `Σ_p (1 - C_pp)² + lambda Σ_{p≠q} C_pq²` (the loss, minimised), summed in row-major order.
    @inlinable public func loss<T: Real>(crossCorrelation c: Matrix<T>) -> T {
        let lambda = T(offDiagonalWeight)
        var loss = T.zero
        for p in 0..<c.rows {
            for q in 0..<c.columns {
                if p == q {
                    let d = T.one - c[p, p]
                    loss += d * d
                } else {
                    loss += lambda * c[p, q] * c[p, q]
                }
            }
        }
        return loss
    }

    /// The loss and gradients from the two batch-norm forward passes (which carry the weights).
    @inlinable func result<T: Real>(_ fa: BatchNormForward<T>, _ fb: BatchNormForward<T>) -> BarlowTwinsResult<T> {
        let a = fa.normalized, b = fb.normalized
        let n = a.rows, k = a.columns
        let (w, total) = BatchNorm.rowWeights(fa.weights, rows: n)
        let lambda = T(offDiagonalWeight)
        var c = Matrix<T>.zeros(rows: k, columns: k)
        for i in 0..<n {
            for p in 0..<k {
                let waip = w[i] * a[i, p]
                for q in 0..<k { c[p, q] += waip * b[i, q] }
            }
        }
        var g = Matrix<T>.zeros(rows: k, columns: k)
        for p in 0..<k {
            for q in 0..<k {
                c[p, q] = c[p, q] / total
                g[p, q] = p == q ? T(2) * (c[p, p] - T.one) : T(2) * lambda * c[p, q]
            }
        }
        var dA = Matrix<T>.zeros(rows: n, columns: k), dB = Matrix<T>.zeros(rows: n, columns: k)
        for i in 0..<n {
            for p in 0..<k {
                for q in 0..<k {
                    // dL/dA[i,p] = Σ_q G[p,q] B[i,q] w_i / W ;  dL/dB[i,q] = Σ_p A[i,p] G[p,q] w_i / W
                    dA[i, p] += g[p, q] * b[i, q] * w[i] / total
                    dB[i, q] += a[i, p] * g[p, q] * w[i] / total
                }
            }
        }
        return BarlowTwinsResult(loss: loss(crossCorrelation: c), crossCorrelation: c,
                                 gradientA: BatchNorm.backward(fa, outputGradient: dA).input,
                                 gradientB: BatchNorm.backward(fb, outputGradient: dB).input,
                                 normalizedGradientA: dA, normalizedGradientB: dB, forwardA: fa, forwardB: fb)
    }

    /// `-loss` on the batch's logits (`z_a = l(x_i)`, `z_b = l(x'_i)`) with its weights.
    @inlinable public func value<T: Real>(_ batch: TermBatch<T>) -> T {
        -evaluate(batch.logits, batch.viewLogits, weights: batch.weights).loss
    }

    /// `-d loss/dz_a` and `-d loss/dz_b`.
    @inlinable public func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T> {
        let r = evaluate(batch.logits, batch.viewLogits, weights: batch.weights)
        var g = TermGradient(zeroFor: batch)
        for k in g.logits.storage.indices {
            g.logits.storage[k] = -r.gradientA.storage[k]
            g.viewLogits.storage[k] = -r.gradientB.storage[k]
        }
        return g
    }

    /// The upper bound `0` (the supremum when the batch has more than `k` pairs of positive weight;
    /// never attained at `eps > 0`).
    public static func upperBound<T: Real>(as: T.Type = T.self) -> T { T.zero }
}

/// What ``BarlowTwinsTerm/evaluate(_:_:weights:offDiagonalWeight:epsilon:)`` returns.
public struct BarlowTwinsResult<T: Real>: Sendable {
    /// The loss (to be minimised), `>= 0`; ``BarlowTwinsTerm``'s value is its negative.
    public let loss: T
    /// `C = Σ_i a_i A_i B_iᵀ / Σ_i a_i` (`k × k`).
    public let crossCorrelation: Matrix<T>
    /// `dL/dz_a` and `dL/dz_b` (`n × k` each).
    public let gradientA: Matrix<T>, gradientB: Matrix<T>
    /// `dL/dA` and `dL/dB`, the gradients with respect to the normalised views (`n × k` each).
    public let normalizedGradientA: Matrix<T>, normalizedGradientB: Matrix<T>
    /// The two batch-norm forward passes.
    public let forwardA: BatchNormForward<T>, forwardB: BatchNormForward<T>

    @inlinable public init(loss: T, crossCorrelation: Matrix<T>, gradientA: Matrix<T>, gradientB: Matrix<T>,
                           normalizedGradientA: Matrix<T>, normalizedGradientB: Matrix<T>,
                           forwardA: BatchNormForward<T>, forwardB: BatchNormForward<T>) {
        self.loss = loss
        self.crossCorrelation = crossCorrelation
        self.gradientA = gradientA
        self.gradientB = gradientB
        self.normalizedGradientA = normalizedGradientA
        self.normalizedGradientB = normalizedGradientB
        self.forwardA = forwardA
        self.forwardB = forwardB
    }
}
