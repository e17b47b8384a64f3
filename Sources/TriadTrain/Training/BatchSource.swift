import TriadCore

/// Where a ``Trainer`` takes its data batches from: an unbounded stream of `n × D` batches.
protocol BatchSource {
    /// The next training batch, one point per row.
    mutating func nextTrainingBatch() -> Matrix<Double>
}

/// A batch source that also knows each point's true label (for a supervised warm start).
protocol LabelledBatchSource: BatchSource {
    /// The next training batch and the true label of each row.
    mutating func nextLabelledBatch() -> (points: Matrix<Double>, labels: [Int])
}

extension ToyDataSplit: LabelledBatchSource {
    mutating func nextLabelledBatch() -> (points: Matrix<Double>, labels: [Int]) {
        let b = nextBatch()
        return (b.points, b.labels)
    }
}

extension ToyDataSplit: BatchSource {
    /// A fresh batch of the toy data set (a new draw per step, as in the reference EBM code).
    mutating func nextTrainingBatch() -> Matrix<Double> { nextBatch().points }
}
