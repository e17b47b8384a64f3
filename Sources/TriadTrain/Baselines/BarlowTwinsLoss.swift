import TriadCore

/// The Barlow Twins loss (Zbontar et al. 2021), a baseline of `Proofs/model.md` §7.3:
///
///     A = BN(z_a), B = BN(z_b)              (per-view batch norm, training mode, no affine, eps 1e-5)
///     C = Aᵀ B / n                          (k × k cross-correlation)
///     L = Σ_i (1 - C_ii)² + lambda Σ_{i≠j} C_ij²,   lambda = 0.0051
///
/// Gradient (hand-derived, gradient-checked in the tests): with `G = dL/dC`, `G_ii = 2(C_ii - 1)`,
/// `G_ij = 2 lambda C_ij`, the normalised views get `dA = B Gᵀ / n` and `dB = A G / n`, and
/// ``BatchNorm/backward(_:outputGradient:)`` carries them to `z_a` and `z_b`.
enum BarlowTwinsLoss {
    /// The off-diagonal weight of the paper.
    static let defaultOffDiagonalWeight = 0.0051

    /// The loss, the cross-correlation matrix, and the gradients with respect to both embedding
    /// batches (`n × k` each, `n >= 2`). Throws ``TriadError`` on mismatched shapes, non-finite
    /// entries, `n < 2`, or a negative or non-finite weight.
    @inlinable static func evaluate<T: Real>(
        _ za: Matrix<T>, _ zb: Matrix<T>, offDiagonalWeight: Double = defaultOffDiagonalWeight,
        epsilon: Double = BatchNorm.defaultEpsilon
    ) throws -> BarlowTwinsResult<T> {
        try require(zb.rows == za.rows && zb.columns == za.columns, "view B shape", "\(zb.rows)x\(zb.columns)",
                    "must equal view A's \(za.rows)x\(za.columns)")
        try require(offDiagonalWeight.isFinite && offDiagonalWeight >= 0, "off-diagonal weight lambda",
                    offDiagonalWeight, "must be finite and >= 0")
        let fa = try BatchNorm.forward(za, epsilon: epsilon)
        let fb = try BatchNorm.forward(zb, epsilon: epsilon)
        let a = fa.normalized, b = fb.normalized
        let n = za.rows, k = za.columns
        let nT = T(n), lambda = T(offDiagonalWeight)
        var c = Matrix<T>.zeros(rows: k, columns: k)
        for i in 0..<n {
            for p in 0..<k {
                let aip = a[i, p]
                for q in 0..<k { c[p, q] += aip * b[i, q] }
            }
        }
        var loss = T.zero
        var g = Matrix<T>.zeros(rows: k, columns: k)
        for p in 0..<k {
            for q in 0..<k {
                c[p, q] = c[p, q] / nT
                if p == q {
                    let d = T.one - c[p, p]
                    loss += d * d
                    g[p, p] = T(2) * (c[p, p] - T.one)
                } else {
                    loss += lambda * c[p, q] * c[p, q]
                    g[p, q] = T(2) * lambda * c[p, q]
                }
            }
        }
        var dA = Matrix<T>.zeros(rows: n, columns: k), dB = Matrix<T>.zeros(rows: n, columns: k)
        for i in 0..<n {
            for p in 0..<k {
                for q in 0..<k {
                    // dL/dA[i,p] = Σ_q G[p,q] B[i,q] / n ;  dL/dB[i,q] = Σ_p A[i,p] G[p,q] / n
                    dA[i, p] += g[p, q] * b[i, q] / nT
                    dB[i, q] += a[i, p] * g[p, q] / nT
                }
            }
        }
        return BarlowTwinsResult(loss: loss, crossCorrelation: c,
                                 gradientA: BatchNorm.backward(fa, outputGradient: dA).input,
                                 gradientB: BatchNorm.backward(fb, outputGradient: dB).input)
    }
}

/// What ``BarlowTwinsLoss/evaluate(_:_:offDiagonalWeight:epsilon:)`` returns.
struct BarlowTwinsResult<T: Real>: Sendable {
    /// The loss (to be minimised), `>= 0`.
    let loss: T
    /// `C = Aᵀ B / n` (`k × k`).
    let crossCorrelation: Matrix<T>
    /// `dL/dz_a` and `dL/dz_b` (`n × k` each).
    let gradientA: Matrix<T>, gradientB: Matrix<T>

    @inlinable init(loss: T, crossCorrelation: Matrix<T>, gradientA: Matrix<T>, gradientB: Matrix<T>) {
        self.loss = loss
        self.crossCorrelation = crossCorrelation
        self.gradientA = gradientA
        self.gradientB = gradientB
    }
}
