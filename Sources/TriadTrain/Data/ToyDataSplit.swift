import TriadCore

/// A held-out test set and an unbounded stream of training batches for one toy data set, under a
/// ``TrainingDataProtocol``.
///
/// `fresh` (the reference EBM code: a new `make_moons`/`make_circles` call for every batch): each
/// training batch is a fresh ``ToyDataset`` of `batchSize` points. `pool`: a training set is drawn
/// once, then each batch is `batchSize` distinct points of it (a partial Fisher-Yates shuffle).
/// The test set is drawn once, up front, from its own generator split off the caller's, so it is
/// the same whatever the protocol and the number of batches drawn later, and is never a training
/// batch.
struct ToyDataSplit: Sendable {
    /// Which data set.
    let kind: ToyDataKind
    /// Points per training batch.
    let batchSize: Int
    /// How curve parameters are chosen, for training batches and the test set alike.
    let positions: ManifoldPositions
    /// The held-out evaluation set.
    let test: ToyDataset
    /// The training set of the `pool` protocol (`nil` for `fresh`).
    let pool: ToyDataset?
    /// The generator of the training stream.
    private(set) var trainRandom: TriadRandom

    /// Draws the test set of `testCount` points from `rng.split()`, then keeps a second split for the
    /// training stream; `rng` advances by exactly two draws. Throws ``TriadError`` when `batchSize` or
    /// `testCount` is below 2 (a batch statistic or an NMI needs two points).
    init(
        _ kind: ToyDataKind, batchSize: Int, testCount: Int, positions: ManifoldPositions = .evenlySpaced,
        protocol dataProtocol: TrainingDataProtocol = .fresh, using rng: inout TriadRandom
    ) throws {
        try require(batchSize >= 2, "batch size", batchSize, "must be >= 2")
        try require(testCount >= 2, "test count", testCount, "must be >= 2")
        try dataProtocol.validate(batchSize: batchSize)
        var testRandom = rng.split()
        self.trainRandom = rng.split()
        self.kind = kind
        self.batchSize = batchSize
        self.positions = positions
        self.test = try ToyDataset.make(kind, count: testCount, positions: positions, using: &testRandom)
        if case .pool(let size) = dataProtocol {
            self.pool = try ToyDataset.make(kind, count: size, positions: positions, using: &trainRandom)
        } else {
            self.pool = nil
        }
    }

    /// The next training batch: fresh from the law, or distinct points of the pool.
    mutating func nextBatch() -> ToyDataset {
        if let pool {
            var order = Array(0..<pool.count)
            for i in 0..<batchSize {
                let j = i + Int(trainRandom.next() % UInt64(pool.count - i))
                order.swapAt(i, j)
            }
            return pool.selecting(Array(order.prefix(batchSize)))
        }
        // batchSize >= 2 and the kind's noise are valid, checked in init: `make` cannot throw here.
        do {
            return try ToyDataset.make(kind, count: batchSize, positions: positions, using: &trainRandom)
        } catch {
            preconditionFailure("unreachable: \(error)")
        }
    }
}
