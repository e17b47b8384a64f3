/// The stable log-sum-exp `LSE(x) = log Σ_j exp(x_j)`.
///
/// Computed as `x_k + log1p(Σ_{j≠k} exp(x_j - x_k))` with `k` the index of the largest entry (by
/// upper bound), so no `exp` overflows and the largest term contributes exactly. The identity holds
/// for any `k`, so in interval arithmetic the result is a valid enclosure whichever pivot is chosen.
///
/// - Accuracy: for floating point, a few ulps of the result plus `ulp(x_k)` — the error of the sum is
///   relative to the small correction `log1p(s) ∈ [0, log n]`, not to `x_k`.
/// - Edges: an empty input gives `-inf`; all entries `-inf` give `-inf`; any `+inf` gives `+inf`;
///   any NaN gives NaN.
/// - Paper: Eq. 6 (`-E(x) = LSE_y l_y(x)`) and every normaliser of the GEDI terms.
@inlinable public func logSumExp<T: Real, C: Collection>(_ x: C) -> T where C.Element == T {
    guard var pivot = x.first else { return -T(Double.infinity) }
    var pivotIndex = x.startIndex
    var i = x.startIndex
    while i != x.endIndex {
        let v = x[i]
        if v.isNaN { return v }
        if v.upperBound > pivot.upperBound { pivot = v; pivotIndex = i }
        x.formIndex(after: &i)
    }
    if pivot.upperBound == -Double.infinity { return pivot }
    if pivot.lowerBound == Double.infinity { return pivot }
    var rest = T.zero
    i = x.startIndex
    while i != x.endIndex {
        if i != pivotIndex { rest += T.exp(x[i] - pivot) }
        x.formIndex(after: &i)
    }
    return pivot + T.log1p(rest)
}

/// Row-wise log-sum-exp of a batch: entry `i` is `LSE_y m[i, y]`.
@inlinable public func rowLogSumExp<T: Real>(_ m: Matrix<T>) -> [T] {
    (0..<m.rows).map { r in logSumExp(m.storage[(r * m.columns)..<((r + 1) * m.columns)]) }
}
