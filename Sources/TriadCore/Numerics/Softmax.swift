/// `log softmax(l)_y = l_y - LSE(l)`, through the stable ``logSumExp(_:)``.
///
/// Finite for finite logits of any magnitude (each entry is at most 0 and at least
/// `min l - max l - log n`). Paper: the discriminative model `p(y|x) = softmax(l(x))_y`.
@inlinable public func logSoftmax<T: Real>(_ l: [T]) -> [T] {
    let lse: T = logSumExp(l)
    return l.map { $0 - lse }
}

/// `softmax(l)_y = exp(l_y - LSE(l))`: never overflows; entries in `[0, 1]`, summing to 1 within
/// `n` roundings.
@inlinable public func softmax<T: Real>(_ l: [T]) -> [T] {
    logSoftmax(l).map(T.exp)
}

extension Matrix where Scalar: Real {
    /// Row-wise ``logSoftmax(_:)``.
    @inlinable public func rowLogSoftmax() -> Matrix {
        var out = self
        for r in 0..<rows {
            let base = r * columns
            let lse: Scalar = logSumExp(storage[base..<(base + columns)])
            for c in 0..<columns { out.storage[base + c] = storage[base + c] - lse }
        }
        return out
    }

    /// Row-wise ``softmax(_:)``: row `i` is `p(·|x_i)` when `self` holds the logits of a batch.
    @inlinable public func rowSoftmax() -> Matrix {
        rowLogSoftmax().map(Scalar.exp)
    }
}
