/// The row softmaxes of a ``TermBatch``'s logit blocks, each computed at most once (on first use)
/// and shared by the terms that read it: between them GEDI's three gradients read `softmax(l)`
/// four times and `log softmax(l)` three times (``GEDIObjective/gradient(_:)`` passes one
/// instance to all three terms). Every entry is ``RowSoftmax``'s, so a term gets the same digits
/// from here as from ``Matrix/rowSoftmax()`` or ``Matrix/rowLogSoftmax()``.
///
/// A reference type so that the terms can fill it as they go; one instance serves one batch on
/// one thread.
public final class BatchSoftmaxes<T: Real> {
    /// The batch whose blocks these are.
    public let batch: TermBatch<T>
    @usableFromInline var logitsCache: RowSoftmax<T>?
    @usableFromInline var viewCache: RowSoftmax<T>?
    @usableFromInline var viewProbabilityCache: Matrix<T>?
    @usableFromInline var partitionCache: RowSoftmax<T>?

    /// An empty cache for `batch`.
    @inlinable public init(_ batch: TermBatch<T>) { self.batch = batch }

    /// `softmax` and `log softmax` of the rows of `batch.logits`.
    @inlinable public var logits: RowSoftmax<T> {
        if let cached = logitsCache { return cached }
        let computed = RowSoftmax(batch.logits)
        logitsCache = computed
        return computed
    }

    /// `softmax` and `log softmax` of the rows of `batch.viewLogits`.
    @inlinable public var viewLogits: RowSoftmax<T> {
        if let cached = viewCache { return cached }
        let computed = RowSoftmax(batch.viewLogits)
        viewCache = computed
        return computed
    }

    /// `softmax` of the rows of `batch.viewLogits` alone (from ``viewLogits`` when that was
    /// computed, else without the logarithms).
    @inlinable public var viewProbabilities: Matrix<T> {
        if let cached = viewCache { return cached.probabilities }
        if let cached = viewProbabilityCache { return cached }
        let computed = RowSoftmax(batch.viewLogits, probabilities: true, logarithms: false).probabilities
        viewProbabilityCache = computed
        return computed
    }

    /// `softmax` of the rows of the partition's logits (precondition: the batch has a partition).
    @inlinable public var partitionLogits: RowSoftmax<T> {
        if let cached = partitionCache { return cached }
        guard let partition = batch.partition else {
            preconditionFailure(TriadError("partition of the batch", "nil", "has no logits to take the softmax of").description)
        }
        let computed = RowSoftmax(partition.logits, probabilities: true, logarithms: false)
        partitionCache = computed
        return computed
    }
}
