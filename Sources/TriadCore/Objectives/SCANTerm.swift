/// SCAN's clustering objective (W. Van Gansbeke, S. Vandenhende, S. Georgoulis, M. Proesmans,
/// L. Van Gool, "SCAN: Learning to Classify Images without Labels", ECCV 2020, Eq. 2) on a weighted
/// batch, maximised, with each pair's view as the anchor's neighbour:
///
///     L_SCAN = Σ_i a_i log⟨p(·|x_i), p(·|x'_i)⟩ + w H(q),   q = Σ_i a_i p(·|x_i)
///
/// (the consistency of each anchor with its neighbour, and the entropy of the anchors' marginal with
/// weight `w`, SCAN's default 5). `log⟨p, p'⟩ = LSE_y(log p_y + log p'_y)` and `log q_y =
/// LSE_i(log a_i + log p(y|x_i))` (``PriorTerm/logMarginal(logits:weights:)``): neither underflows.
///
/// Gradient, through both sides: with the agreement law `rho_i,y = p_y p'_y / ⟨p, p'⟩ =
/// exp(log p_y + log p'_y - log⟨p, p'⟩)` (at most 1), `∂/∂l(x_i) = a_i (rho_i - p_i) - w a_i p_i ⊙
/// (log q - ⟨p_i, log q⟩)` and `∂/∂l(x'_i) = a_i (rho_i - p'_i)`. `log q` is finite for finite logits.
///
/// **Bound.** `L_SCAN <= w log C`: the consistency is at most 0 (`⟨p, p'⟩ <= 1`, equal iff `p = p'`
/// one-hot) and `H(q) <= log C` (equal iff `q` uniform). At finite logits, for `C >= 2`, the
/// consistency is `< 0`, so the bound is strict. It is approached iff every pair with `a_i > 0` gets
/// one-hot predictions on one cluster `y_i` on both views and (for `w > 0`) the anchors' marginal
/// tends to uniform, `Σ_{i: y_i = y} a_i = 1/C` for every `y`. So it is the supremum iff `w = 0` or
/// the positive weights split into `C` groups of mass exactly `1/C` (e.g. equal weights and `C | n`);
/// otherwise the supremum is strictly below `w log C` (e.g. a single pair, `C >= 2`, `w > 0`: the
/// consistency and the entropy cannot both reach their bounds).
public struct SCANTerm: ObjectiveTerm {
    /// SCAN's entropy weight, `5.0`.
    public static let defaultEntropyWeight = 5.0

    /// `w`.
    public let entropyWeight: Double

    /// Throws ``TriadError`` when `w` is negative or not finite.
    public init(entropyWeight: Double = defaultEntropyWeight) throws {
        try require(entropyWeight.isFinite && entropyWeight >= 0, "entropy weight w", entropyWeight,
                    "must be finite and >= 0")
        self.entropyWeight = entropyWeight
    }

    public var name: String { "L_SCAN" }

    /// `log⟨p(·|x_i), p(·|x'_i)⟩ = LSE_y(log p(y|x_i) + log p(y|x'_i))` for each pair.
    @inlinable public static func logAgreement<T: Real>(_ batch: TermBatch<T>) -> [T] {
        let lp = batch.logits.rowLogSoftmax(), lv = batch.viewLogits.rowLogSoftmax()
        return (0..<batch.count).map { i in logSumExp((0..<batch.clusterCount).map { lp[i, $0] + lv[i, $0] }) }
    }

    /// `Σ_i a_i log⟨p(·|x_i), p(·|x'_i)⟩`, at most 0.
    @inlinable public static func consistency<T: Real>(_ batch: TermBatch<T>) -> T {
        var total = T.zero
        for (a, r) in zip(batch.weights, logAgreement(batch)) where !(a.upperBound == 0) { total += a * r }
        return total
    }

    /// `H(q)`, the entropy of the anchors' marginal, at most `log C`.
    @inlinable public static func marginalEntropy<T: Real>(_ batch: TermBatch<T>) -> T {
        Information.entropy(logProbabilities: PriorTerm.logMarginal(logits: batch.logits, weights: batch.weights))
    }

    @inlinable public func value<T: Real>(_ batch: TermBatch<T>) -> T {
        Self.consistency(batch) + T(entropyWeight) * Self.marginalEntropy(batch)
    }

    @inlinable public func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T> {
        let lp = batch.logits.rowLogSoftmax(), lv = batch.viewLogits.rowLogSoftmax()
        let p = batch.logits.rowSoftmax(), pv = batch.viewLogits.rowSoftmax()
        let r = Self.logAgreement(batch)
        let lq = PriorTerm.logMarginal(logits: batch.logits, weights: batch.weights)
        let w = T(entropyWeight), c = batch.clusterCount
        var g = TermGradient(zeroFor: batch)
        for i in 0..<batch.count where !(batch.weights[i].upperBound == 0) {
            let a = batch.weights[i]
            var meanLogQ = T.zero
            for y in 0..<c where !(p[i, y].upperBound == 0) { meanLogQ += p[i, y] * lq[y] }
            for y in 0..<c {
                let rho = T.exp(lp[i, y] + lv[i, y] - r[i])
                let entropy = p[i, y].upperBound == 0 ? T.zero : p[i, y] * (lq[y] - meanLogQ)
                g.logits[i, y] = a * (rho - p[i, y]) - w * a * entropy
                g.viewLogits[i, y] = a * (rho - pv[i, y])
            }
        }
        return g
    }

    /// The upper bound `w log C` (see the type's documentation for when it is the supremum).
    public func upperBound<T: Real>(clusterCount c: Int, as: T.Type = T.self) -> T {
        T(entropyWeight) * T.log(T(c))
    }
}
