import TriadCore

/// A finite world described exactly, independent of precision: points as `Double`s, the data law and
/// each row of the augmentation kernel as integer counts (`p_i = lawCounts[i] / Σ lawCounts`).
///
/// Instantiated in a precision `T` with ``world(_:)``, the rationals are computed in `T`: rounded once
/// for floating point, enclosed for ``Interval``, so an interval computation on the instance encloses
/// the exact value for the exact world. The same recipe instantiated in every precision lets the
/// checks compare precisions on one world.
public struct WorldRecipe: Sendable, Equatable, CustomStringConvertible {
    /// `N × D` coordinates (taken as exact).
    public var points: [[Double]]
    /// `p_i ∝ lawCounts[i]`, each `>= 0`, not all zero.
    public var lawCounts: [Int]
    /// `A_ij ∝ kernelCounts[i][j]`, each row `>= 0`, not all zero.
    public var kernelCounts: [[Int]]
    /// `C`.
    public var clusterCount: Int
    /// The group of each point (the intended clusters), if the world has them.
    public var groups: [Int]?
    /// The regime this world was built to sample (for statistics tables).
    public var regime: String

    public init(points: [[Double]], lawCounts: [Int], kernelCounts: [[Int]], clusterCount: Int,
                groups: [Int]?, regime: String) {
        self.points = points
        self.lawCounts = lawCounts
        self.kernelCounts = kernelCounts
        self.clusterCount = clusterCount
        self.groups = groups
        self.regime = regime
    }

    /// `N`.
    public var count: Int { points.count }

    /// The exact ratio `counts[i] / Σ counts` in precision `T`.
    static func law<T: Real>(_ counts: [Int]) -> [T] {
        let total = T(counts.reduce(0, +))
        return counts.map { T($0) / total }
    }

    /// The validated world in precision `T`; throws ``TriadError`` when the recipe is ill-formed
    /// (a negative count, an all-zero row, a shape mismatch, ...).
    public func world<T: Real>(_: T.Type = T.self) throws -> FiniteWorld<T> {
        for (i, c) in lawCounts.enumerated() { try require(c >= 0, "law count [\(i)]", c, "must be >= 0") }
        try require(lawCounts.reduce(0, +) > 0, "sum of law counts", 0, "must be > 0")
        for (i, row) in kernelCounts.enumerated() {
            for (j, c) in row.enumerated() { try require(c >= 0, "kernel count [\(i), \(j)]", c, "must be >= 0") }
            try require(row.reduce(0, +) > 0, "sum of kernel counts in row \(i)", 0, "must be > 0")
        }
        let d = points.first?.count ?? 0
        let pts = Matrix<T>(rows: points.count, columns: d, storage: points.flatMap { $0.map { T($0) } })
        let kernel = Matrix<T>(rows: kernelCounts.count, columns: kernelCounts.first?.count ?? 0,
                               storage: kernelCounts.flatMap { Self.law($0) as [T] })
        return try FiniteWorld(points: pts, dataLaw: Self.law(lawCounts), augmentation: kernel,
                               clusterCount: clusterCount, groups: groups)
    }

    public var description: String {
        "world[\(regime)] N=\(count) D=\(points.first?.count ?? 0) C=\(clusterCount) p∝\(lawCounts) "
            + "A∝\(kernelCounts)" + (groups.map { " groups=\($0)" } ?? "")
    }
}
