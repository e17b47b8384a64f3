/// `log softmax(l)_y = (l_y - m) - log1p(s)` with the pivot `m` and rest sum `s` of
/// ``PivotedExponentialSum``: finite for finite logits of any magnitude (each entry is at most 0
/// and at least `min l - max l - log n`). Paper: the discriminative model `p(y|x) = softmax(l(x))_y`.
@inlinable public func logSoftmax<T: Real>(_ l: [T]) -> [T] {
    let e = PivotedExponentialSum(l)
    if e.isDegenerate { return l.map { _ in T(Double.nan) } }
    let correction = T.log1p(e.rest)
    return l.map { ($0 - e.pivot) - correction }
}

/// `softmax(l)_y = exp(l_y - m) / (1 + s)`: never overflows; entries in `[0, 1]`, summing to 1
/// within `n + 2` roundings whatever the magnitude of the logits.
@inlinable public func softmax<T: Real>(_ l: [T]) -> [T] {
    let e = PivotedExponentialSum(l)
    if e.isDegenerate { return l.map { _ in T(Double.nan) } }
    let total = T.one + e.rest
    return l.map { T.exp($0 - e.pivot) / total }
}

extension Matrix where Scalar: Real {
    /// Row-wise ``logSoftmax(_:)``.
    @inlinable public func rowLogSoftmax() -> Matrix {
        var out = self
        for r in 0..<rows {
            let base = r * columns
            let e = PivotedExponentialSum(storage[base..<(base + columns)])
            let correction = e.isDegenerate ? Scalar(Double.nan) : Scalar.log1p(e.rest)
            for c in 0..<columns { out.storage[base + c] = (storage[base + c] - e.pivot) - correction }
        }
        return out
    }

    /// Row-wise ``softmax(_:)``: row `i` is `p(·|x_i)` when `self` holds the logits of a batch.
    @inlinable public func rowSoftmax() -> Matrix {
        var out = self
        for r in 0..<rows {
            let base = r * columns
            let e = PivotedExponentialSum(storage[base..<(base + columns)])
            let total = e.isDegenerate ? Scalar(Double.nan) : Scalar.one + e.rest
            for c in 0..<columns { out.storage[base + c] = Scalar.exp(storage[base + c] - e.pivot) / total }
        }
        return out
    }
}
