import TriadCore

/// Batch normalisation in training mode (Ioffe and Szegedy 2015), with PyTorch's `BatchNorm1d`
/// semantics: per column `j` of an `n × k` batch,
///
///     mean_j = (1/n) Σ_i x_ij,   var_j = (1/n) Σ_i (x_ij - mean_j)²   (biased),
///     x̂_ij = (x_ij - mean_j) / sqrt(var_j + eps),   y_ij = gamma_j x̂_ij + beta_j   (affine)
///     or y_ij = x̂_ij (no affine parameters).
///
/// Used by SwAV's projector and, without affine parameters, by Barlow Twins (`Proofs/model.md` §7.3).
/// The backward pass (hand-derived, gradient-checked in the tests) is
///
///     dx̂_ij = dy_ij · gamma_j   (or dy_ij),
///     dx_ij = (1/n) · invstd_j · (n dx̂_ij - Σ_l dx̂_lj - x̂_ij Σ_l dx̂_lj x̂_lj),
///     dgamma_j = Σ_i dy_ij x̂_ij,   dbeta_j = Σ_i dy_ij,
///
/// with `invstd_j = 1/sqrt(var_j + eps)`. A constant column has `x̂ = 0` and passes no gradient
/// through its mean.
enum BatchNorm {
    /// PyTorch's default `eps`.
    static let defaultEpsilon = 1e-5

    /// The forward pass. `gamma` and `beta` must be given together (affine) or both omitted.
    /// Throws ``TriadError`` when `n < 2` (PyTorch refuses one value per channel in training mode),
    /// `k < 1`, an affine vector has the wrong length, `eps` is not positive and finite, or an entry
    /// is not finite.
    @inlinable static func forward<T: Real>(
        _ x: Matrix<T>, gamma: [T]? = nil, beta: [T]? = nil, epsilon: Double = defaultEpsilon
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
        for (i, v) in x.storage.enumerated() {
            try require(v.isFinite, "batch-norm input[\(i / k), \(i % k)]", v, "must be finite")
        }
        let nT = T(n), eps = T(epsilon)
        var mean = [T](repeating: .zero, count: k)
        var variance = [T](repeating: .zero, count: k)
        for i in 0..<n { for j in 0..<k { mean[j] += x[i, j] } }
        for j in 0..<k { mean[j] = mean[j] / nT }
        for i in 0..<n { for j in 0..<k { let d = x[i, j] - mean[j]; variance[j] += d * d } }
        for j in 0..<k { variance[j] = variance[j] / nT }
        let inverseStd = variance.map { T.one / T.sqrt($0 + eps) }
        var normalized = x
        for i in 0..<n { for j in 0..<k { normalized[i, j] = (x[i, j] - mean[j]) * inverseStd[j] } }
        var output = normalized
        if let gamma, let beta {
            for i in 0..<n { for j in 0..<k { output[i, j] = gamma[j] * normalized[i, j] + beta[j] } }
        }
        return BatchNormForward(output: output, normalized: normalized, mean: mean, variance: variance,
                                inverseStd: inverseStd, gamma: gamma)
    }

    /// The backward pass: gradients of a scalar `L` with respect to the input and (when the forward
    /// pass was affine) `gamma` and `beta`, given `dL/dy`. Precondition: `outputGradient` has the
    /// forward output's shape.
    @inlinable static func backward<T: Real>(
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
        let nT = T(n)
        var dx = dy
        for i in 0..<n {
            for j in 0..<k {
                dx[i, j] = forward.inverseStd[j] / nT * (nT * dxh[i, j] - sum[j] - xh[i, j] * sumDot[j])
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

/// What ``BatchNorm/forward(_:gamma:beta:epsilon:)`` returns: the output and what the backward pass
/// and the running statistics need.
struct BatchNormForward<T: Real>: Sendable {
    /// `y` (`n × k`).
    let output: Matrix<T>
    /// `x̂` (`n × k`).
    let normalized: Matrix<T>
    /// Batch mean per feature.
    let mean: [T]
    /// Biased batch variance per feature (the one used to normalise).
    let variance: [T]
    /// `1/sqrt(var + eps)` per feature.
    let inverseStd: [T]
    /// The scale used, `nil` without affine parameters.
    let gamma: [T]?

    @inlinable init(output: Matrix<T>, normalized: Matrix<T>, mean: [T], variance: [T], inverseStd: [T], gamma: [T]?) {
        self.output = output
        self.normalized = normalized
        self.mean = mean
        self.variance = variance
        self.inverseStd = inverseStd
        self.gamma = gamma
    }
}

/// Gradients from ``BatchNorm/backward(_:outputGradient:)``.
struct BatchNormGradients<T: Real>: Sendable {
    /// `dL/dx` (`n × k`).
    let input: Matrix<T>
    /// `dL/dgamma`, `nil` without affine parameters.
    let gamma: [T]?
    /// `dL/dbeta`, `nil` without affine parameters.
    let beta: [T]?

    @inlinable init(input: Matrix<T>, gamma: [T]?, beta: [T]?) {
        self.input = input
        self.gamma = gamma
        self.beta = beta
    }
}
