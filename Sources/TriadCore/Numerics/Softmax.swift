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
        RowSoftmax(self, probabilities: false, logarithms: true).logProbabilities
    }

    /// Row-wise ``softmax(_:)``: row `i` is `p(·|x_i)` when `self` holds the logits of a batch.
    @inlinable public func rowSoftmax() -> Matrix {
        RowSoftmax(self, probabilities: true, logarithms: false).probabilities
    }
}

/// The row-wise ``softmax(_:)`` and ``logSoftmax(_:)`` of a matrix of logits, from one
/// ``PivotedExponentialSum`` per row: `p_y = exp(l_y - m) / (1 + s)`,
/// `log p_y = (l_y - m) - log1p(s)`, each `exp` taken once (it is also a term of `s`).
/// ``Matrix/rowSoftmax()`` and ``Matrix/rowLogSoftmax()`` are this, so every softmax of the
/// package has one formula and the same digits whichever way it is asked for.
///
/// Edges: a degenerate row (a NaN, a `+inf`, all `-inf`) gives NaN in both.
public struct RowSoftmax<T: Real>: Sendable {
    /// `softmax(l_i)` per row (an empty matrix when not asked for).
    public var probabilities: Matrix<T>
    /// `log softmax(l_i)` per row (an empty matrix when not asked for).
    public var logProbabilities: Matrix<T>

    /// Computes the parts asked for.
    @inlinable public init(_ logits: Matrix<T>, probabilities wantP: Bool = true, logarithms wantLog: Bool = true) {
        let n = logits.rows, c = logits.columns
        var p = Matrix<T>.zeros(rows: wantP ? n : 0, columns: wantP ? c : 0)
        var lp = Matrix<T>.zeros(rows: wantLog ? n : 0, columns: wantLog ? c : 0)
        logits.storage.withUnsafeBufferPointer { x in
            p.storage.withUnsafeMutableBufferPointer { p in
                lp.storage.withUnsafeMutableBufferPointer { lp in
                    for r in 0..<n {
                        let base = r * c
                        let row = UnsafeBufferPointer(rebasing: x[base..<(base + c)])
                        let e = PivotedExponentialSum(row, exponentials: wantP ? p.baseAddress.map { $0 + base } : nil)
                        if wantP {
                            if e.isDegenerate {
                                for j in 0..<c { p[base + j] = T(Double.nan) }
                            } else {
                                let total = T.one + e.rest
                                for j in 0..<c { p[base + j] = p[base + j] / total }
                            }
                        }
                        if wantLog {
                            let correction = e.isDegenerate ? T(Double.nan) : T.log1p(e.rest)
                            for j in 0..<c { lp[base + j] = (row[j] - e.pivot) - correction }
                        }
                    }
                }
            }
        }
        probabilities = p
        logProbabilities = lp
    }
}
