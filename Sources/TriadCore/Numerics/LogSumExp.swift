/// The pivoted form of log-sum-exp shared by `LSE`, log-softmax and softmax: the largest entry
/// `m = x_k` (by upper bound) and `s = Σ_{j≠k} exp(x_j - m)`, so that
/// `LSE(x) = m + log1p(s)`, `log softmax(x)_j = (x_j - m) - log1p(s)`,
/// `softmax(x)_j = exp(x_j - m) / (1 + s)`.
///
/// No `exp` overflows, the largest term contributes exactly, and the differences `x_j - m` are never
/// taken against a rounded `LSE` (which would cost `ulp(LSE)` of absolute error at `|x| ~ 1e4`).
/// The identities hold for any `k`, so in interval arithmetic the results are valid enclosures
/// whichever pivot is chosen.
public struct PivotedExponentialSum<T: Real> {
    /// The pivot `m`, the largest entry.
    public let pivot: T
    /// Its index.
    public let pivotIndex: Int
    /// `s = Σ_{j≠k} exp(x_j - m)`, in `[0, n - 1]`.
    public let rest: T
    /// Whether the input was degenerate (empty, all `-inf`, any `+inf`, or any NaN): then
    /// ``logSumExp`` is `pivot` (`-inf`, `+inf` or NaN) and the softmax is undefined.
    public let isDegenerate: Bool

    /// Computes the pivot and the rest sum of `x`.
    @inlinable public init<C: Collection>(_ x: C) where C.Element == T {
        self.init(x, exponentials: nil)
    }

    /// Computes the pivot and the rest sum of `x`, and, when `exponentials` is given (room for
    /// `x.count` entries), writes `exp(x_j - m)` for every `j` into it, the pivot's own term
    /// included (exactly 1 in floating point, where `m - m = +0` and `exp(+0) = 1`, so it is not
    /// computed; an enclosure of 1 in interval arithmetic, where `m - m` is not 0, so it is): the
    /// terms the rest sum adds, so a softmax built on them costs no second `exp` and has the same
    /// digits as one that recomputes them. Nothing is written for a degenerate input.
    @inlinable public init<C: Collection>(_ x: C, exponentials: UnsafeMutablePointer<T>?) where C.Element == T {
        var best = -T(Double.infinity)
        var bestIndex = 0
        var nan: T? = nil
        for (j, v) in x.enumerated() {
            if v.isNaN { nan = v; break }
            if j == 0 || v.upperBound > best.upperBound { best = v; bestIndex = j }
        }
        if let nan {
            (pivot, pivotIndex, rest, isDegenerate) = (nan, 0, T.zero, true)
            return
        }
        if x.isEmpty || best.upperBound == -Double.infinity || best.lowerBound == Double.infinity {
            (pivot, pivotIndex, rest, isDegenerate) = (best, bestIndex, T.zero, true)
            return
        }
        var s = T.zero
        if let exponentials {
            let pivotTerm: T? = T.isCertified ? nil : T.one
            for (j, v) in x.enumerated() {
                let e = j == bestIndex ? pivotTerm ?? T.exp(v - best) : T.exp(v - best)
                exponentials[j] = e
                if j != bestIndex { s += e }
            }
        } else {
            for (j, v) in x.enumerated() where j != bestIndex { s += T.exp(v - best) }
        }
        (pivot, pivotIndex, rest, isDegenerate) = (best, bestIndex, s, false)
    }

    /// `LSE(x) = m + log1p(s)`.
    @inlinable public var logSumExp: T { isDegenerate ? pivot : pivot + T.log1p(rest) }
}

/// The stable log-sum-exp `LSE(x) = log Σ_j exp(x_j)`, as `m + log1p(Σ_{j≠k} exp(x_j - m))`.
///
/// - Accuracy: for floating point, within a few ulps of the result — the rounding of the sum is
///   relative to the correction `log1p(s) ∈ [0, log n]`, not to `m`.
/// - Edges: an empty input gives `-inf`; all entries `-inf` give `-inf`; any `+inf` gives `+inf`;
///   any NaN gives NaN.
/// - Paper: Eq. 6 (`-E(x) = LSE_y l_y(x)`) and every normaliser of the GEDI terms.
@inlinable public func logSumExp<T: Real, C: Collection>(_ x: C) -> T where C.Element == T {
    PivotedExponentialSum(x).logSumExp
}

/// Row-wise log-sum-exp of a batch: entry `i` is `LSE_y m[i, y]`.
@inlinable public func rowLogSumExp<T: Real>(_ m: Matrix<T>) -> [T] {
    (0..<m.rows).map { r in logSumExp(m.storage[(r * m.columns)..<((r + 1) * m.columns)]) }
}
