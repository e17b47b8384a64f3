import TriadCore

/// The running statistics of a batch-norm layer for evaluation mode, with PyTorch's rule:
/// after each training batch, `running = (1 - momentum) · running + momentum · batch`, where the
/// batch variance is the *unbiased* one, `var · n/(n-1)` (while normalisation in training uses the
/// biased one). Start: mean 0, variance 1; default momentum 0.1.
///
/// Evaluation normalises with the running values: `y = gamma (x - mean_run)/sqrt(var_run + eps) + beta`.
struct BatchNormRunningStatistics<T: Real>: Sendable {
    /// Running mean per feature.
    private(set) var mean: [T]
    /// Running (unbiased) variance per feature.
    private(set) var variance: [T]
    /// Weight of the newest batch.
    let momentum: Double

    /// Throws ``TriadError`` when `featureCount < 1` or `momentum ∉ (0, 1]`.
    init(featureCount: Int, momentum: Double = 0.1) throws {
        try require(featureCount >= 1, "feature count", featureCount, "must be >= 1")
        try require(momentum > 0 && momentum <= 1, "batch-norm momentum", momentum, "must be in (0, 1]")
        self.mean = Array(repeating: .zero, count: featureCount)
        self.variance = Array(repeating: .one, count: featureCount)
        self.momentum = momentum
    }

    /// Folds in the statistics of one training batch (its size is the forward pass's row count, >= 2).
    /// Preconditions: the forward pass has this object's feature count and equal row weights (the
    /// Bessel factor `n/(n-1)` is that of equal weights).
    mutating func update(with forward: BatchNormForward<T>) {
        let n = forward.normalized.rows
        triadPrecondition(forward.mean.count == mean.count, "batch-norm feature count", forward.mean.count,
                          "must equal the running statistics' \(mean.count)")
        triadPrecondition(forward.weights == nil, "batch-norm row weights", "given",
                          "must be equal (nil) for PyTorch's running statistics")
        let m = T(momentum), keep = T(1 - momentum), bessel = T(Double(n) / Double(n - 1))
        for j in mean.indices {
            mean[j] = keep * mean[j] + m * forward.mean[j]
            variance[j] = keep * variance[j] + m * forward.variance[j] * bessel
        }
    }

    /// Evaluation-mode normalisation of `x` (`n × k`, any `n >= 0`), with optional affine parameters
    /// (both or neither). Throws ``TriadError`` on a shape mismatch or a non-positive `eps`.
    func normalize(_ x: Matrix<T>, gamma: [T]? = nil, beta: [T]? = nil,
                          epsilon: Double = BatchNorm.defaultEpsilon) throws -> Matrix<T> {
        let k = mean.count
        try require(x.columns == k, "feature count", x.columns, "must equal the running statistics' \(k)")
        try require(epsilon.isFinite && epsilon > 0, "batch-norm eps", epsilon, "must be finite and > 0")
        try require((gamma == nil) == (beta == nil), "batch-norm affine parameters",
                    gamma == nil ? "beta only" : "gamma only", "gamma and beta must be given together")
        if let gamma, let beta {
            try require(gamma.count == k && beta.count == k, "affine parameter lengths",
                        "\(gamma.count), \(beta.count)", "must equal the feature count \(k)")
        }
        let inverseStd = variance.map { T.one / T.sqrt($0 + T(epsilon)) }
        var out = x
        for i in 0..<x.rows {
            for j in 0..<k {
                let xh = (x[i, j] - mean[j]) * inverseStd[j]
                out[i, j] = gamma.map { $0[j] * xh + beta![j] } ?? xh
            }
        }
        return out
    }
}
