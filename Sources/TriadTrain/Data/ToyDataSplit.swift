import TriadCore

/// A held-out test set and an unbounded stream of fresh training batches for one toy data set.
///
/// As in the reference EBM code (a new `make_moons`/`make_circles` call for every batch), each training
/// batch is a fresh ``ToyDataset`` of `batchSize` points; the test set is drawn once, up front, from
/// its own generator split off the caller's, so it is the same whatever number of batches is drawn
/// later and is never a training batch.
struct ToyDataSplit: Sendable {
    /// Which data set.
    let kind: ToyDataKind
    /// Points per training batch.
    let batchSize: Int
    /// How curve parameters are chosen, for training batches and the test set alike.
    let positions: ManifoldPositions
    /// The held-out evaluation set.
    let test: ToyDataset
    /// The generator of the training stream.
    private(set) var trainRandom: TriadRandom

    /// Draws the test set of `testCount` points from `rng.split()`, then keeps a second split for the
    /// training stream; `rng` advances by exactly two draws. Throws ``TriadError`` when `batchSize` or
    /// `testCount` is below 2 (a batch statistic or an NMI needs two points).
    init(
        _ kind: ToyDataKind, batchSize: Int, testCount: Int, positions: ManifoldPositions = .evenlySpaced,
        using rng: inout TriadRandom
    ) throws {
        try require(batchSize >= 2, "batch size", batchSize, "must be >= 2")
        try require(testCount >= 2, "test count", testCount, "must be >= 2")
        var testRandom = rng.split()
        self.trainRandom = rng.split()
        self.kind = kind
        self.batchSize = batchSize
        self.positions = positions
        self.test = try ToyDataset.make(kind, count: testCount, positions: positions, using: &testRandom)
    }

    /// The next fresh training batch.
    mutating func nextBatch() -> ToyDataset {
        // batchSize >= 2 and the kind's noise are valid, checked in init: `make` cannot throw here.
        do {
            return try ToyDataset.make(kind, count: batchSize, positions: positions, using: &trainRandom)
        } catch {
            preconditionFailure("unreachable: \(error)")
        }
    }
}
