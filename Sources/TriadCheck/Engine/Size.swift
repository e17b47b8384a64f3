import TriadCore

/// The structural sizes of one generated case: the numbers that shrinking acts on.
///
/// The standard keys are the sizes of a finite world (`Proofs/model.md` §3): the number of points `N` of
/// `Omega`, the number of clusters `C`, the dimension `D` of the points and the dataset size `n`.
/// Each key carries a hard minimum (`N >= 2`, `C >= 2`, `D >= 1`, `n >= 1`); a ``SizeSpace`` gives
/// the range a property draws from, whose lower bound is where shrinking stops. New keys are
/// declared as static members:
///
///     extension Size.Key { static let layers = Size.Key("L", minimum: 1, "hidden layers") }
///
/// A size renders as `N=3,C=2,D=1,n=4` (keys in the order of the space), the form used in replay
/// lines.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    /// One structural size: a short name (as written in replay lines), a hard minimum and a summary.
    public struct Key: Hashable, Sendable, CustomStringConvertible {
        /// The name in replay lines: letters, digits and `_` only, case-sensitive (`N` is not `n`).
        public let name: String
        /// The smallest meaningful value; every range of a ``SizeSpace`` must start at or above it.
        public let minimum: Int
        /// What the size counts, for documentation and reports.
        public let summary: String

        public init(_ name: String, minimum: Int, _ summary: String) {
            self.name = name
            self.minimum = minimum
            self.summary = summary
        }

        public var description: String { name }

        /// `N`: the number of points of the finite world `Omega` (at least 2).
        public static let points = Key("N", minimum: 2, "points of the world Omega")
        /// `C`: the number of clusters (at least 2).
        public static let clusters = Key("C", minimum: 2, "clusters")
        /// `D`: the dimension of the points (at least 1).
        public static let dimension = Key("D", minimum: 1, "dimension of the points")
        /// `n`: the number of (x, x') pairs of a dataset (at least 1).
        public static let samples = Key("n", minimum: 1, "dataset size")
        /// The four standard keys, in their canonical order `N, C, D, n`.
        public static let standard: [Key] = [.points, .clusters, .dimension, .samples]

        /// Whether the name is usable in a replay line.
        var hasValidName: Bool {
            !name.isEmpty && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
            }
        }
    }

    /// The keys, in order.
    public let keys: [Key]
    /// The values, aligned with ``keys``.
    public private(set) var values: [Int]

    /// A size from `(key, value)` pairs, in the given order. The engine builds sizes from a
    /// validated ``SizeSpace``; a repeated key is a programming error (traps).
    public init(_ entries: [(Key, Int)]) {
        keys = entries.map(\.0)
        values = entries.map(\.1)
        triadPrecondition(Set(keys.map(\.name)).count == keys.count, "size keys", keys, "must have distinct names")
    }

    /// The standard world size `N=.., C=.., D=.., n=..`.
    public init(N: Int, C: Int, D: Int, n: Int) {
        self.init([(.points, N), (.clusters, C), (.dimension, D), (.samples, n)])
    }

    /// The value of `key`; asking for a key this size does not have is a programming error (traps).
    public subscript(key: Key) -> Int {
        get {
            guard let i = keys.firstIndex(of: key) else {
                triadPrecondition(false, "size key", key.name, "must be one of \(keys.map(\.name)) of this size")
                return key.minimum
            }
            return values[i]
        }
        set {
            guard let i = keys.firstIndex(of: key) else {
                triadPrecondition(false, "size key", key.name, "must be one of \(keys.map(\.name)) of this size")
                return
            }
            values[i] = newValue
        }
    }

    /// The value of `key`, or `nil` when this size does not have it.
    public func value(of key: Key) -> Int? { keys.firstIndex(of: key).map { values[$0] } }

    /// A copy with `key` set to `value`.
    public func with(_ key: Key, _ value: Int) -> Size {
        var copy = self
        copy[key] = value
        return copy
    }

    /// `N`, the number of points.
    public var N: Int { self[.points] }
    /// `C`, the number of clusters.
    public var C: Int { self[.clusters] }
    /// `D`, the dimension.
    public var D: Int { self[.dimension] }
    /// `n`, the dataset size.
    public var n: Int { self[.samples] }

    /// `N=3,C=2,D=1,n=4`: the replay-line form.
    public var description: String {
        zip(keys, values).map { "\($0.name)=\($1)" }.joined(separator: ",")
    }
}
