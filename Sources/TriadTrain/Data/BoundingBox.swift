import TriadCore

/// An axis-aligned box `[lower_d, upper_d]` in `R^D`: the compact `Omega` realised for SGLD
/// re-initialisation (`Proofs/model.md` §7.2) and the extent of figures.
struct BoundingBox: Sendable, Equatable, CustomStringConvertible {
    /// Lower corner, one entry per dimension.
    let lower: [Double]
    /// Upper corner, one entry per dimension.
    let upper: [Double]

    /// A validated box. Throws ``TriadError`` unless both corners have the same length `D >= 1`, all
    /// entries are finite and `lower_d < upper_d` in every dimension.
    init(lower: [Double], upper: [Double]) throws {
        try require(lower.count >= 1, "box dimension", lower.count, "must be >= 1")
        try require(upper.count == lower.count, "box upper corner length", upper.count,
                    "must equal the lower corner length \(lower.count)")
        for d in lower.indices {
            try require(lower[d].isFinite, "box lower[\(d)]", lower[d], "must be finite")
            try require(upper[d].isFinite, "box upper[\(d)]", upper[d], "must be finite")
            try require(lower[d] < upper[d], "box upper[\(d)]", upper[d], "must be > lower[\(d)] = \(lower[d])")
        }
        self.lower = lower
        self.upper = upper
    }

    /// A box whose corners the caller has already validated (finite, `lower < upper`).
    init(validLower lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }

    /// The smallest box containing every row of `points`, widened by `margin` on every side.
    /// Throws when `points` is empty, holds a non-finite entry, `margin` is negative or not finite, or
    /// the result is degenerate (all points share a coordinate and `margin` is 0).
    static func covering(_ points: Matrix<Double>, margin: Double = 0) throws -> BoundingBox {
        try require(points.rows >= 1, "point count", points.rows, "must be >= 1")
        try require(margin.isFinite && margin >= 0, "box margin", margin, "must be finite and >= 0")
        var lo = points.row(0), hi = points.row(0)
        for r in 0..<points.rows {
            for d in 0..<points.columns {
                let v = points[r, d]
                try require(v.isFinite, "point[\(r), \(d)]", v, "must be finite")
                lo[d] = Swift.min(lo[d], v)
                hi[d] = Swift.max(hi[d], v)
            }
        }
        return try BoundingBox(lower: lo.map { $0 - margin }, upper: hi.map { $0 + margin })
    }

    /// The dimension `D`.
    var dimension: Int { lower.count }

    /// `upper_d - lower_d` for every dimension.
    var extent: [Double] { zip(lower, upper).map { $1 - $0 } }

    var description: String {
        (0..<dimension).map { "[\(lower[$0]), \(upper[$0])]" }.joined(separator: " × ")
    }

    /// Whether `point` lies in the closed box. Precondition: `point.count == dimension`.
    func contains(_ point: [Double]) -> Bool {
        triadPrecondition(point.count == dimension, "point length", point.count, "must equal the box dimension \(dimension)")
        for d in 0..<dimension where !(point[d] >= lower[d] && point[d] <= upper[d]) { return false }
        return true
    }

    /// The nearest point of the box (coordinate-wise clamp). NaN coordinates stay NaN.
    func clamped(_ point: [Double]) -> [Double] {
        triadPrecondition(point.count == dimension, "point length", point.count, "must equal the box dimension \(dimension)")
        return (0..<dimension).map { d in
            point[d].isNaN ? point[d] : Swift.min(Swift.max(point[d], lower[d]), upper[d])
        }
    }

    /// `count` points drawn uniformly in the box, one per row (`count × D`), consuming `D` uniforms
    /// per point in row order. Throws when `count < 0`.
    func sampleUniform(count: Int, using rng: inout TriadRandom) throws -> Matrix<Double> {
        try require(count >= 0, "sample count", count, "must be >= 0")
        var out = Matrix<Double>.zeros(rows: count, columns: dimension)
        for r in 0..<count {
            for d in 0..<dimension { out[r, d] = rng.uniform(lower[d], upper[d]) }
        }
        return out
    }
}
