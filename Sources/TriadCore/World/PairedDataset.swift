/// A dataset of pairs of world points `Dset = ((x_1, x'_1) .. (x_n, x'_n))`, each with weight
/// `1/n` (`Proofs/model.md` §3.3, empirical form). Points are indices into a ``FiniteWorld``.
public struct PairedDataset: Sendable, Equatable {
    /// `pairs[i] = (x_i, x'_i)` as world indices.
    public let pairs: [Pair]

    public struct Pair: Sendable, Equatable, Hashable {
        public let x: Int
        public let view: Int
        public init(x: Int, view: Int) { self.x = x; self.view = view }
    }

    /// Throws when the dataset is empty or an index lies outside `0 ..< worldSize`.
    public init(pairs: [Pair], worldSize: Int) throws {
        try require(!pairs.isEmpty, "dataset size n", 0, "must be >= 1")
        for (i, p) in pairs.enumerated() {
            try require((0..<worldSize).contains(p.x), "dataset point x_\(i)", p.x, "must be a world index in 0..<\(worldSize)")
            try require((0..<worldSize).contains(p.view), "dataset view x'_\(i)", p.view, "must be a world index in 0..<\(worldSize)")
        }
        self.pairs = pairs
    }

    /// `n`.
    public var count: Int { pairs.count }

    /// The re-paired dataset `Dset_pi = ((x_1, x'_pi(1)) .. (x_n, x'_pi(n)))` (`Proofs/model.md` §4.3, FM3).
    /// Throws unless `permutation` is a permutation of `0 ..< n`.
    public func repaired(by permutation: [Int]) throws -> PairedDataset {
        try require(permutation.count == count, "permutation length", permutation.count, "must equal the dataset size n = \(count)")
        try require(Set(permutation) == Set(0..<count), "permutation", permutation, "must be a permutation of 0..<\(count)")
        var out = self
        out = PairedDataset(unchecked: pairs.indices.map { Pair(x: pairs[$0].x, view: pairs[permutation[$0]].view) })
        return out
    }

    init(unchecked pairs: [Pair]) { self.pairs = pairs }

    /// The empirical law of the `x_i` over a world of `worldSize` points: `p̂_j = #{i : x_i = j} / n`.
    public func empiricalLaw<T: Real>(worldSize: Int, as: T.Type = T.self) -> [T] {
        var counts = [Int](repeating: 0, count: worldSize)
        for p in pairs { counts[p.x] += 1 }
        return counts.map { T($0) / T(count) }
    }
}
