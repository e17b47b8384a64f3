/// What a GEDI term reads: a weighted batch of pairs `(x_i, x'_i)` given by their logits, and the
/// points over which the partition function `Gamma` is taken.
///
/// The same type serves the three forms of `Proofs/model.md` §3.2-3.4 and the trainer:
/// - population form over a world: the pairs `(w_i, w_j)` with weights `p_i A_ij`, partition
///   ``Partition/exact(_:)`` over the world's logits;
/// - empirical form over a dataset: the `n` pairs with weights `1/n`, partition exact over the world;
/// - a training mini-batch: pairs `(x_i, x_i + noise)` with weights `1/n`, partition
///   ``Partition/sampled(_:weights:)`` over SGLD samples.
public struct TermBatch<T: Real>: Sendable {
    /// `l(x_i)`, `n × C`.
    public var logits: Matrix<T>
    /// `l(x'_i)`, `n × C`: the logits of each pair's augmented view.
    public var viewLogits: Matrix<T>
    /// `a_i >= 0` with `Σ a_i = 1`: the weight of each pair.
    public var weights: [T]
    /// The points over which `Gamma` is taken; required by ``GenerativeTerm`` only.
    public var partition: Partition<T>?

    public init(logits: Matrix<T>, viewLogits: Matrix<T>, weights: [T], partition: Partition<T>?) {
        triadPrecondition(viewLogits.rows == logits.rows && viewLogits.columns == logits.columns,
                          "view logits shape", "\(viewLogits.rows)x\(viewLogits.columns)",
                          "must equal the logits shape \(logits.rows)x\(logits.columns)")
        triadPrecondition(weights.count == logits.rows, "batch weights count", weights.count,
                          "must equal the batch size \(logits.rows)")
        if let partition {
            triadPrecondition(partition.logits.columns == logits.columns, "partition logits columns",
                              partition.logits.columns, "must equal the cluster count \(logits.columns)")
        }
        self.logits = logits
        self.viewLogits = viewLogits
        self.weights = weights
        self.partition = partition
    }

    /// A batch of `n` pairs with equal weights `1/n`.
    public init(logits: Matrix<T>, viewLogits: Matrix<T>, partition: Partition<T>?) {
        let n = logits.rows
        self.init(logits: logits, viewLogits: viewLogits,
                  weights: Array(repeating: T.one / T(n), count: n), partition: partition)
    }

    /// The number of pairs `n`.
    public var count: Int { logits.rows }
    /// The number of clusters `C`.
    public var clusterCount: Int { logits.columns }

    /// `log a_i` for each weight, `-inf` for a weight that is exactly 0 (its pair then drops out of
    /// every log-sum-exp over the pairs).
    @inlinable public static func logWeights(_ weights: [T]) -> [T] {
        weights.map { ($0.upperBound == 0) ? -T(Double.infinity) : T.log($0) }
    }

    /// The batch with its views re-paired: pair `i` becomes `(x_i, x'_pi(i))` (FM3).
    public func repaired(by permutation: [Int]) -> TermBatch {
        var out = self
        out.viewLogits = viewLogits.selectingRows(permutation)
        return out
    }
}

/// How `log Gamma` is obtained.
public enum Partition<T: Real>: Sendable {
    /// `log Gamma = LSE_j LSE_y l_y(w_j)` over the logits of every point of a finite world: exact.
    case exact(Matrix<T>)
    /// `log Gamma` replaced by `Σ_j b_j LSE_y l_y(x~_j)` over samples `x~_j` with weights `b_j`:
    /// the training surrogate whose gradient is Eq. 11's model expectation when `x~ ~ p_Theta`.
    case sampled(Matrix<T>, weights: [T])

    /// The logits of the partition points.
    public var logits: Matrix<T> {
        switch self {
        case .exact(let m): m
        case .sampled(let m, _): m
        }
    }
}

/// The gradient of a term with respect to every logit it read.
public struct TermGradient<T: Real>: Sendable {
    /// `∂L/∂l(x_i)`.
    public var logits: Matrix<T>
    /// `∂L/∂l(x'_i)`.
    public var viewLogits: Matrix<T>
    /// `∂L/∂l(partition point j)`; zero rows when the term does not read the partition.
    public var partitionLogits: Matrix<T>

    /// The zero gradient for a batch.
    @inlinable public init(zeroFor batch: TermBatch<T>) {
        logits = .zeros(rows: batch.count, columns: batch.clusterCount)
        viewLogits = logits
        partitionLogits = .zeros(rows: batch.partition?.logits.rows ?? 0, columns: batch.clusterCount)
    }

    /// `self += factor · other`, entrywise.
    @inlinable public mutating func add(_ other: TermGradient, scaledBy factor: T) {
        for i in logits.storage.indices { logits.storage[i] += factor * other.logits.storage[i] }
        for i in viewLogits.storage.indices { viewLogits.storage[i] += factor * other.viewLogits.storage[i] }
        for i in partitionLogits.storage.indices { partitionLogits.storage[i] += factor * other.partitionLogits.storage[i] }
    }
}
