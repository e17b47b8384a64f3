import TriadCore

/// JEM's persistent replay buffer: `capacity` points of `R^D`, initialised uniformly on a box.
/// A draw picks indices uniformly *with replacement* (as `torch.randint`), replaces each drawn
/// point, with probability `reinitialization`, by a fresh uniform point of the box, and returns
/// them; after the Langevin steps the (detached) samples are written back at the same indices,
/// in index-list order (a repeated index keeps its last sample).
struct ReplayBuffer<T: TrainScalar>: Sendable {
    let box: BoundingBox
    /// The points, `capacity × D`.
    private(set) var points: Matrix<T>

    /// A buffer of `capacity` uniform points of `box`, drawn row by row, coordinate by coordinate.
    /// Throws ``TriadError`` when `capacity < 1`.
    init(capacity: Int, box: BoundingBox, random: inout TriadRandom) throws {
        try require(capacity >= 1, "replay buffer size", capacity, "must be >= 1")
        self.box = box
        points = try box.sampleUniform(count: capacity, using: &random).converted(to: T.self)
    }

    var capacity: Int { points.rows }
    var dimension: Int { points.columns }

    /// Draws `count` points into `out` (row `i` at `out[i * stride ..< i * stride + D]`) and returns
    /// their indices. Per point: one `next()` for the index, one `nextUnit()` for the
    /// re-initialisation coin, then `D` uniforms if it is re-initialised.
    func draw(count: Int, reinitialization: Double, into out: UnsafeMutablePointer<T>, stride: Int,
                     random: inout TriadRandom) -> [Int] {
        let d = dimension, capacity = UInt64(capacity)
        var indices = [Int](repeating: 0, count: count)
        let (lower, upper) = (box.lower, box.upper)
        points.storage.withUnsafeBufferPointer { points in
            for i in 0..<count {
                let index = Int(random.next(upperBound: capacity))
                indices[i] = index
                if random.nextUnit() < reinitialization {
                    for c in 0..<d { out[i * stride + c] = T(random.uniform(lower[c], upper[c])) }
                } else {
                    for c in 0..<d { out[i * stride + c] = points[index * d + c] }
                }
            }
        }
        return indices
    }

    /// Writes the samples back (row `i` of `samples` to point `indices[i]`).
    mutating func writeBack(indices: [Int], from samples: UnsafePointer<T>, stride: Int) {
        let d = dimension
        points.storage.withUnsafeMutableBufferPointer { p in
            for (i, index) in indices.enumerated() {
                for c in 0..<d { p[index * d + c] = samples[i * stride + c] }
            }
        }
    }
}
