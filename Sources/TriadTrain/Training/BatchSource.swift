import TriadCore

/// Where a ``Trainer`` takes its data batches from: an unbounded stream of `n × D` batches.
protocol BatchSource {
    /// The next training batch, one point per row.
    mutating func nextTrainingBatch() -> Matrix<Double>
}

extension ToyDataSplit: BatchSource {
    /// A fresh batch of the toy data set (a new draw per step, as in the reference EBM code).
    mutating func nextTrainingBatch() -> Matrix<Double> { nextBatch().points }
}
