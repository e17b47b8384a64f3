/// A finite world (`Proofs/model.md` §3.1): points `Omega = {w_1 .. w_N} ⊂ R^D`, a data law `p`, an
/// augmentation kernel `A` (`A[i, j] = p(x' = w_j | x = w_i)`) and a number of clusters `C`.
/// Every expectation over the world is an exact sum.
public struct FiniteWorld<T: Real>: Sendable {
    /// `N × D`: row `i` is the point `w_i`.
    public let points: Matrix<T>
    /// `p_i`, non-negative, summing to 1.
    public let dataLaw: [T]
    /// `N × N`, row-stochastic.
    public let augmentation: Matrix<T>
    /// The number of clusters `C >= 2`.
    public let clusterCount: Int
    /// Optional group label of each point (used to state well-posedness; not read by any term).
    public let groups: [Int]?

    /// The tolerance on `Σ p_i = 1` and on each row sum of `A`: `16 · N · u` with
    /// `u = max(unit roundoff of T, unit roundoff of Double)` — a sum of `N` entries each rounded
    /// once is within `N · u` of the exact sum, and generators round each entry once more (a further
    /// `N · u`); the factor 8 is margin.
    ///
    /// Why `Double` enters even for a finer `T` (`Float80`): the tolerance must follow the precision
    /// the input was *made* in, not the one it is stored in, and every scalar enters Triad through
    /// `T(Double)` (``Real/init(_:)``), so a law built with Triad's own tools is normalised in `Double` at
    /// best. Such a law converted exactly to `Float80` still sums to `1 ± N · 2^-53` (for example
    /// `1 - 2^-53`), which a tolerance of a few `Float80` ulps (`2^-63`) would reject. A law made in a
    /// coarser precision than `T` and `Double` (say normalised in `Float`, stored as `Double`) must be
    /// brought in renormalised in `Double` (divide by its sum) before it is given to the world.
    public static func normalisationTolerance(count n: Int) -> Double {
        16 * Double(n) * Swift.max(T.unitRoundoff, Double.ulpOfOne)
    }

    /// A validated world. Throws ``TriadError`` naming the parameter and value when: `N < 2`;
    /// `D < 1`; `C < 2`; a coordinate, probability or kernel entry is NaN or infinite; a probability
    /// or kernel entry is negative; `p` or a row of `A` does not sum to 1 (within
    /// ``normalisationTolerance(count:)``; for intervals: the enclosure of the sum must meet `1`);
    /// `p` or `A` or `groups` has the wrong length or shape.
    public init(points: Matrix<T>, dataLaw: [T], augmentation: Matrix<T>, clusterCount: Int,
                groups: [Int]? = nil) throws {
        let n = points.rows
        try require(n >= 2, "point count N", n, "must be >= 2")
        try require(points.columns >= 1, "point dimension D", points.columns, "must be >= 1")
        try require(clusterCount >= 2, "cluster count C", clusterCount, "must be >= 2")
        for (k, v) in points.storage.enumerated() {
            try require(v.isFinite, "point w[\(k / points.columns)][\(k % points.columns)]", v, "must be finite")
        }
        try require(dataLaw.count == n, "data law length", dataLaw.count, "must equal the point count N = \(n)")
        try Self.validateLaw(dataLaw, name: "data law p")
        try require(augmentation.rows == n && augmentation.columns == n, "augmentation kernel shape",
                    "\(augmentation.rows)x\(augmentation.columns)", "must be N x N = \(n)x\(n)")
        for i in 0..<n {
            try Self.validateLaw(augmentation.row(i), name: "augmentation kernel A", row: i)
        }
        if let groups {
            try require(groups.count == n, "group labels length", groups.count, "must equal the point count N = \(n)")
        }
        self.points = points
        self.dataLaw = dataLaw
        self.augmentation = augmentation
        self.clusterCount = clusterCount
        self.groups = groups
        pairs = Self.supportPairs(dataLaw: dataLaw, augmentation: augmentation)
        pairRows = pairs.map { $0.x }
        pairViews = pairs.map { $0.view }
        pairWeights = pairs.map { $0.weight }
    }

    static func validateLaw(_ law: [T], name: String, row: Int? = nil) throws {
        func label(_ j: Int) -> String { row.map { "\(name)[\($0), \(j)]" } ?? "\(name)[\(j)]" }
        var sum = T.zero
        for (j, v) in law.enumerated() {
            try require(v.isFinite, label(j), v, "must be finite")
            try require(v.upperBound >= 0, label(j), v, "must be >= 0")
            sum += v
        }
        let tol = normalisationTolerance(count: law.count)
        let rowName = row.map { "row \($0) sum of \(name)" } ?? "sum of \(name)"
        try require(sum.lowerBound <= 1 + tol && sum.upperBound >= 1 - tol, rowName, sum,
                    "must be 1 (tolerance \(tol))")
    }

    /// `N`.
    public var count: Int { points.rows }

    /// `E_p[f] = Σ_i p_i f(w_i)` for the values `f(w_i)`.
    public func expectation(_ values: [T]) -> T {
        triadPrecondition(values.count == count, "value count", values.count, "must equal N = \(count)")
        var s = T.zero
        for (pi, f) in zip(dataLaw, values) { s += pi * f }
        return s
    }

    /// `H(p)`, the entropy of the data law.
    public var dataEntropy: T { Information.entropy(dataLaw) }

    /// The pairs `(i, j)` with `p_i A_ij > 0` and their weights `p_i A_ij`: the support of the joint
    /// law `p(x, x')` over which `E_p(x,x')` is an exact sum. Computed once, when the world is made
    /// (an `O(N^2)` scan that every population batch would otherwise repeat).
    public let pairs: [(x: Int, view: Int, weight: T)]
    /// The columns of ``pairs`` as arrays (the gathers of the population form read them every call).
    @usableFromInline let pairRows: [Int]
    @usableFromInline let pairViews: [Int]
    @usableFromInline let pairWeights: [T]

    static func supportPairs(dataLaw: [T], augmentation: Matrix<T>) -> [(x: Int, view: Int, weight: T)] {
        var out: [(Int, Int, T)] = []
        for i in 0..<dataLaw.count where dataLaw[i].upperBound > 0 {
            for j in 0..<dataLaw.count where augmentation[i, j].upperBound > 0 {
                out.append((i, j, dataLaw[i] * augmentation[i, j]))
            }
        }
        return out
    }

    /// Whether the world is well-posed for `C` clusters (`Proofs/model.md` §3.6): `groups` is given with
    /// exactly `C` distinct labels, `A` moves points only within their group, each group has mass
    /// `1/C` (within the normalisation tolerance), and `p` is not uniform on `Omega`.
    public var isWellPosed: Bool {
        guard let groups else { return false }
        let labels = Set(groups)
        guard labels.count == clusterCount else { return false }
        for i in 0..<count {
            for j in 0..<count where augmentation[i, j].upperBound > 0 && groups[i] != groups[j] { return false }
        }
        let tol = Self.normalisationTolerance(count: count)
        for g in labels {
            var mass = T.zero
            for i in 0..<count where groups[i] == g { mass += dataLaw[i] }
            let target = 1 / Double(clusterCount)
            if mass.upperBound < target - tol || mass.lowerBound > target + tol { return false }
        }
        let uniform = 1 / Double(count)
        return dataLaw.contains { $0.upperBound < uniform - 1e-9 || $0.lowerBound > uniform + 1e-9 }
    }
}
