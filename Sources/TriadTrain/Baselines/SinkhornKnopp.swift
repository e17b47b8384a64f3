import TriadCore

/// The Sinkhorn-Knopp equipartition of SwAV (Caron et al. 2020, the `distributed_sinkhorn` of the
/// reference code), on one device:
///
///     Q = exp(scores / eps)ᵀ                      (K × B: prototypes × samples)
///     Q /= Σ Q
///     repeat `iterations` times:
///         Q[k, :] /= Σ_b Q[k, b];  Q /= K           (each prototype holds mass 1/K)
///         Q[:, b] /= Σ_k Q[k, b];  Q /= B           (each sample holds mass 1/B)
///     codes = (B · Q)ᵀ                             (B × K, each row sums to 1)
///
/// computed here in the log domain with TriadCore's ``logSumExp(_:)`` — the same numbers without
/// overflow of `exp(scores/eps)` or division by an underflowed sum, for scores of any magnitude.
/// The codes are targets: SwAV computes them without gradient, and so does every caller here.
/// Defaults: `eps = 0.05`, 3 iterations (`Proofs/model.md` §7.3).
enum SinkhornKnopp {
    /// The entropic regularisation `eps` of SwAV.
    static let defaultEpsilon = 0.05
    /// SwAV's number of iterations.
    static let defaultIterations = 3

    /// The codes (`B × K`, rows summing to 1) of a batch of scores (`B × K`). Throws ``TriadError``
    /// when `B < 1`, `K < 1`, an entry is not finite, `eps` is not finite and positive, or
    /// `iterations < 1` (the last step of an iteration is what makes each row sum to 1).
    @inlinable static func codes<T: Real>(
        scores: Matrix<T>, epsilon: Double = defaultEpsilon, iterations: Int = defaultIterations
    ) throws -> Matrix<T> {
        let b = scores.rows, k = scores.columns
        try require(b >= 1, "sample count B", b, "must be >= 1")
        try require(k >= 1, "prototype count K", k, "must be >= 1")
        try require(epsilon.isFinite && epsilon > 0, "Sinkhorn eps", epsilon, "must be finite and > 0")
        try require(iterations >= 1, "Sinkhorn iterations", iterations, "must be >= 1")
        for (i, v) in scores.storage.enumerated() {
            try require(v.isFinite, "score[\(i / k), \(i % k)]", v, "must be finite")
        }
        // logQ in the B × K layout (the transpose of SwAV's K × B; the operations are the same).
        let eps = T(epsilon)
        var logQ = scores.map { $0 / eps }
        let total: T = logSumExp(logQ.storage)
        for i in logQ.storage.indices { logQ.storage[i] = logQ.storage[i] - total }
        let logK = T.log(T(k)), logB = T.log(T(b))
        var column = [T](repeating: .zero, count: b)
        for _ in 0..<iterations {
            for c in 0..<k {
                for r in 0..<b { column[r] = logQ[r, c] }
                let shift: T = logSumExp(column) + logK
                for r in 0..<b { logQ[r, c] = logQ[r, c] - shift }
            }
            for r in 0..<b {
                let shift: T = logSumExp(logQ.storage[(r * k)..<((r + 1) * k)]) + logB
                for c in 0..<k { logQ[r, c] = logQ[r, c] - shift }
            }
        }
        return logQ.map { T.exp($0 + logB) }
    }
}
