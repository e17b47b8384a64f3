import TriadCore

/// Where a training run's batches come from, and so what its NMI is measured on. Implementations of
/// the toy experiment differ in exactly this, and on circles it changes the outcome, so every run
/// and report states its protocol.
///
/// - `fresh`: a new batch from the law at every step (as the reference EBM code calls
///   `make_moons`/`make_circles` per batch); NMI on a held-out set drawn once.
/// - `pool(size:)`: one training set of `size` points drawn once per seed; each step's batch is
///   `batchSize` distinct points of it, chosen uniformly at random; NMI on that set and on the
///   held-out set.
///
/// Either way the held-out set of a seed is the same points (it is drawn first, from its own stream).
public enum TrainingDataProtocol: Sendable, Equatable, Hashable, CustomStringConvertible {
    case fresh
    case pool(size: Int)

    /// The pool size of the protocol comparison the experiment was questioned on: 2 000 points.
    public static let defaultPoolSize = 2_000

    public var description: String {
        switch self {
        case .fresh: "fresh"
        case .pool(let size): "pool of \(size)"
        }
    }

    /// Throws ``TriadError`` when a pool is smaller than a batch (its batches are distinct points).
    public func validate(batchSize: Int) throws {
        if case .pool(let size) = self {
            try require(size >= batchSize, "pool size", size, "must be >= the batch size \(batchSize)")
        }
    }
}
