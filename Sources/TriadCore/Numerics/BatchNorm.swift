/// Batch normalisation in training mode (Ioffe and Szegedy 2015), with PyTorch's `BatchNorm1d`
/// semantics, generalised to weighted batches: per column `j` of an `n × k` batch with row weights
/// `w_i >= 0` (total `W = Σ_i w_i > 0`; all 1 when none are given),
///
///     mean_j = Σ_i w_i x_ij / W,   var_j = Σ_i w_i (x_ij - mean_j)² / W   (biased),
///     x̂_ij = (x_ij - mean_j) / sqrt(var_j + eps),   y_ij = gamma_j x̂_ij + beta_j   (affine)
///     or y_ij = x̂_ij (no affine parameters).
///
/// With equal weights this is PyTorch's layer; a ``TermBatch``'s weights `a_i` (summing to 1) give the
/// `a`-weighted statistics of the population form. Used by ``BarlowTwinsTerm`` (no affine
/// parameters) and by the trainer's SwAV projector (affine). The backward pass (hand-derived,
/// gradient-checked in the tests), with `ã_i = w_i / W` and `invstd_j = 1/sqrt(var_j + eps)`, is
///
///     dx̂_ij = dy_ij · gamma_j   (or dy_ij),
///     dx_ij = invstd_j · (dx̂_ij - ã_i Σ_l dx̂_lj - ã_i x̂_ij Σ_l dx̂_lj x̂_lj),
///     dgamma_j = Σ_i dy_ij x̂_ij,   dbeta_j = Σ_i dy_ij,
///
/// (`(1/n) invstd (n dx̂ - Σ dx̂ - x̂ Σ dx̂ x̂)` at equal weights). Edges: a column that is constant
/// over the rows of positive weight has variance 0 and `x̂ = 0` there (up to the rounding of its
/// mean), normalised by `1/sqrt(eps)`, and passes no gradient through its mean; a row of weight 0
/// does not move the statistics and gets `dx = invstd · dx̂` (0 when `dx̂` is 0, as for a weighted
/// loss).
///
/// Operation order: every statistic is accumulated as `Σ_i w_i (...)` and divided by `W` once. At
/// weights all 1 (`weights: nil`), `1 · v` and `W = n` are exact, so the results are bit for bit
/// those of the unweighted formulas `(Σ_i ...)/n`.
public enum BatchNorm {
    /// PyTorch's default `eps`.
    public static let defaultEpsilon = 1e-5

    /// The forward pass, validated. `gamma` and `beta` must be given together (affine) or both
    /// omitted; `weights` (one per row) default to 1 each. Throws ``TriadError`` when `n < 2`
    /// (PyTorch refuses one value per channel in training mode), `k < 1`, an affine vector has the
    /// wrong length or a non-finite entry, `eps` is not positive and finite, an entry is not
    /// finite, or a weight is negative or not finite, or they sum to 0.
    @inlinable public static func forward<T: Real>(
        _ x: Matrix<T>, weights: [T]? = nil, gamma: [T]? = nil, beta: [T]? = nil, epsilon: Double = defaultEpsilon
    ) throws -> BatchNormForward<T> {
        let n = x.rows, k = x.columns
        try require(n >= 2, "batch size", n, "must be >= 2 for batch statistics")
        try require(k >= 1, "feature count", k, "must be >= 1")
        try require(epsilon.isFinite && epsilon > 0, "batch-norm eps", epsilon, "must be finite and > 0")
        try require((gamma == nil) == (beta == nil), "batch-norm affine parameters",
                    gamma == nil ? "beta only" : "gamma only", "gamma and beta must be given together")
        if let gamma, let beta {
            try require(gamma.count == k, "gamma length", gamma.count, "must equal the feature count \(k)")
            try require(beta.count == k, "beta length", beta.count, "must equal the feature count \(k)")
            for j in 0..<k {
                try require(gamma[j].isFinite, "gamma[\(j)]", gamma[j], "must be finite")
                try require(beta[j].isFinite, "beta[\(j)]", beta[j], "must be finite")
            }
        }
        if let weights {
            try require(weights.count == n, "batch-norm weights count", weights.count, "must equal the batch size \(n)")
            for (i, w) in weights.enumerated() {
                try require(w.isFinite && w >= T.zero, "batch-norm weight[\(i)]", w, "must be finite and >= 0")
            }
            try require(!(weights.allSatisfy { $0.upperBound == 0 }), "batch-norm weights", "all 0", "must not all be 0")
        }
        for (i, v) in x.storage.enumerated() {
            try require(v.isFinite, "batch-norm input[\(i / k), \(i % k)]", v, "must be finite")
        }
        return normalize(x, weights: weights, gamma: gamma, beta: beta, epsilon: T(epsilon))
    }

    /// The row weights `w` (all 1 for `nil`) and their total `W`, summed in row order.
    @inlinable public static func rowWeights<T: Real>(_ weights: [T]?, rows n: Int) -> (weights: [T], total: T) {
        let w = weights ?? [T](repeating: T.one, count: n)
        var total = T.zero
        for v in w { total += v }
        return (w, total)
    }

    /// The forward pass without validation, for callers whose input is valid by construction (an
    /// ``ObjectiveTerm`` on a ``TermBatch``): any `n >= 1`, weights summing to a positive total,
    /// `eps > 0`. Non-finite entries propagate as NaN. Preconditions: the shapes.
    @inlinable public static func normalize<T: Real>(
        _ x: Matrix<T>, weights: [T]?, gamma: [T]? = nil, beta: [T]? = nil, epsilon eps: T
    ) -> BatchNormForward<T> {
        let n = x.rows, k = x.columns
        triadPrecondition(n >= 1, "batch size", n, "must be >= 1")
        triadPrecondition(weights == nil || weights!.count == n, "batch-norm weights count", weights?.count ?? 0,
                          "must equal the batch size \(n)")
        triadPrecondition((gamma == nil) == (beta == nil) && (gamma?.count ?? k) == k && (beta?.count ?? k) == k,
                          "batch-norm affine parameter lengths", "\(gamma?.count ?? 0), \(beta?.count ?? 0)",
                          "must both be \(k) or both absent")
        let (w, total) = rowWeights(weights, rows: n)
        var mean = [T](repeating: .zero, count: k)
        var variance = [T](repeating: .zero, count: k)
        for i in 0..<n { for j in 0..<k { mean[j] += w[i] * x[i, j] } }
        for j in 0..<k { mean[j] = mean[j] / total }
        for i in 0..<n { for j in 0..<k { let d = x[i, j] - mean[j]; variance[j] += w[i] * (d * d) } }
        for j in 0..<k { variance[j] = variance[j] / total }
        let inverseStd = variance.map { T.one / T.sqrt($0 + eps) }
        var normalized = x
        for i in 0..<n { for j in 0..<k { normalized[i, j] = (x[i, j] - mean[j]) * inverseStd[j] } }
        var output = normalized
        if let gamma, let beta {
            for i in 0..<n { for j in 0..<k { output[i, j] = gamma[j] * normalized[i, j] + beta[j] } }
        }
        return BatchNormForward(output: output, normalized: normalized, mean: mean, variance: variance,
                                inverseStd: inverseStd, gamma: gamma, weights: weights)
    }

    /// The backward pass: gradients of a scalar `L` with respect to the input and (when the forward
    /// pass was affine) `gamma` and `beta`, given `dL/dy`. Precondition: `outputGradient` has the
    /// forward output's shape.
    @inlinable public static func backward<T: Real>(
        _ forward: BatchNormForward<T>, outputGradient dy: Matrix<T>
    ) -> BatchNormGradients<T> {
        let xh = forward.normalized
        let n = xh.rows, k = xh.columns
        triadPrecondition(dy.rows == n && dy.columns == k, "batch-norm output gradient shape",
                          "\(dy.rows)x\(dy.columns)", "must be \(n)x\(k)")
        var dxh = dy
        if let gamma = forward.gamma {
            for i in 0..<n { for j in 0..<k { dxh[i, j] = dy[i, j] * gamma[j] } }
        }
        var sum = [T](repeating: .zero, count: k)
        var sumDot = [T](repeating: .zero, count: k)
        for i in 0..<n {
            for j in 0..<k {
                sum[j] += dxh[i, j]
                sumDot[j] += dxh[i, j] * xh[i, j]
            }
        }
        let (w, total) = rowWeights(forward.weights, rows: n)
        var dx = dy
        for i in 0..<n {
            for j in 0..<k {
                // invstd (dx̂ - ã Σ dx̂ - ã x̂ Σ dx̂ x̂) with ã = w/W, written over W so that w = 1 gives
                // the unweighted (1/n) invstd (n dx̂ - Σ dx̂ - x̂ Σ dx̂ x̂) bit for bit.
                dx[i, j] = forward.inverseStd[j] / total
                    * (total * dxh[i, j] - w[i] * sum[j] - w[i] * xh[i, j] * sumDot[j])
            }
        }
        guard forward.gamma != nil else { return BatchNormGradients(input: dx, gamma: nil, beta: nil) }
        var dGamma = [T](repeating: .zero, count: k)
        var dBeta = [T](repeating: .zero, count: k)
        for i in 0..<n {
            for j in 0..<k {
                dGamma[j] += dy[i, j] * xh[i, j]
                dBeta[j] += dy[i, j]
            }
        }
        return BatchNormGradients(input: dx, gamma: dGamma, beta: dBeta)
    }
}

/// What ``BatchNorm/forward(_:weights:gamma:beta:epsilon:)`` returns: the output and what the
/// backward pass and the trainer's running statistics need.
public struct BatchNormForward<T: Real>: Sendable {
    /// `y` (`n × k`).
    public let output: Matrix<T>
    /// `x̂` (`n × k`).
    public let normalized: Matrix<T>
    /// Weighted batch mean per feature.
    public let mean: [T]
    /// Weighted biased batch variance per feature (the one used to normalise).
    public let variance: [T]
    /// `1/sqrt(var + eps)` per feature.
    public let inverseStd: [T]
    /// The scale used, `nil` without affine parameters.
    public let gamma: [T]?
    /// The row weights used, `nil` for equal weights.
    public let weights: [T]?

    @inlinable public init(output: Matrix<T>, normalized: Matrix<T>, mean: [T], variance: [T], inverseStd: [T],
                           gamma: [T]?, weights: [T]?) {
        self.output = output
        self.normalized = normalized
        self.mean = mean
        self.variance = variance
        self.inverseStd = inverseStd
        self.gamma = gamma
        self.weights = weights
    }
}

/// Gradients from ``BatchNorm/backward(_:outputGradient:)``.
public struct BatchNormGradients<T: Real>: Sendable {
    /// `dL/dx` (`n × k`).
    public let input: Matrix<T>
    /// `dL/dgamma`, `nil` without affine parameters.
    public let gamma: [T]?
    /// `dL/dbeta`, `nil` without affine parameters.
    public let beta: [T]?

    @inlinable public init(input: Matrix<T>, gamma: [T]?, beta: [T]?) {
        self.input = input
        self.gamma = gamma
        self.beta = beta
    }
}
