/// The cosine cluster head: `l_y(z) = cos(z, u_y) / tau` (`Proofs/model.md` §1.3).
///
/// `cos(a, b) = a·b / (max(|a|, 1e-12) · max(|b|, 1e-12))`, so a zero vector gives logit 0, and
/// `|l_y| <= 1/tau` always. Prototypes are stored one per row: `prototypes[y, :] = u_y`
/// (the paper's `U = [u_1 .. u_C]` transposed).
public struct ClusterHead<T: Real>: Sendable {
    /// `C × k`: row `y` is the prototype `u_y`.
    public var prototypes: Matrix<T>
    /// The temperature `tau > 0`.
    public var temperature: T

    /// The norm floor of the cosine (choice, `Proofs/model.md` §1.3): `max(|a|, 1e-12)`.
    public static var normFloor: Double { 1e-12 }

    /// A validated head. Throws ``TriadError`` when `C < 2`, `k < 1`, `tau <= 0`, or any entry is
    /// NaN or infinite.
    public init(prototypes: Matrix<T>, temperature: T) throws {
        try require(prototypes.rows >= 2, "cluster count C", prototypes.rows, "must be >= 2")
        try require(prototypes.columns >= 1, "prototype dimension k", prototypes.columns, "must be >= 1")
        for r in 0..<prototypes.rows {
            for c in 0..<prototypes.columns {
                let v = prototypes[r, c]
                try require(v.isFinite, "prototype u[\(r)][\(c)]", v, "must be finite")
            }
        }
        try require(temperature.isFinite && temperature.lowerBound > 0, "temperature tau", temperature,
                    "must be finite and > 0")
        self.prototypes = prototypes
        self.temperature = temperature
    }

    /// The number of clusters `C`.
    @inlinable public var clusterCount: Int { prototypes.rows }
    /// The embedding dimension `k` the head reads.
    @inlinable public var dimension: Int { prototypes.columns }

    /// `max(|row r of m|, 1e-12)`.
    @inlinable static func flooredNorm(_ m: Matrix<T>, _ r: Int) -> T {
        var s = T.zero
        for c in 0..<m.columns { let v = m[r, c]; s += v * v }
        return T.maximum(T.sqrt(s), T(normFloor))
    }

    /// The logits `l[i, y] = cos(z_i, u_y) / tau` of a batch of embeddings `z` (`n × k`).
    @inlinable public func logits(_ z: Matrix<T>) -> Matrix<T> {
        Self.cosineLogits(z, prototypes: prototypes, temperature: temperature)
    }

    /// `l[i, y] = cos(z_i, u_y) / tau` for prototypes given one per row; the one formula of the cosine
    /// logits (the head, ``CosineHead`` and the trainer call it).
    @inlinable public static func cosineLogits(_ z: Matrix<T>, prototypes: Matrix<T>, temperature: T) -> Matrix<T> {
        triadPrecondition(z.columns == prototypes.columns, "embedding dimension", z.columns,
                          "must equal the prototype dimension \(prototypes.columns)")
        let C = prototypes.rows, k = prototypes.columns
        let un = (0..<C).map { flooredNorm(prototypes, $0) }
        var out = Matrix<T>.zeros(rows: z.rows, columns: C)
        for i in 0..<z.rows {
            let zn = flooredNorm(z, i)
            for y in 0..<C {
                var dot = T.zero
                for c in 0..<k { dot += z[i, c] * prototypes[y, c] }
                out[i, y] = dot / (zn * un[y]) / temperature
            }
        }
        return out
    }

    /// The gradients of a scalar `L` with respect to the embeddings and the prototypes, given
    /// `G = ∂L/∂l` (`n × C`). With `â = a / max(|a|, 1e-12)`:
    /// `∂cos(a, b)/∂a = (b̂ - cos(a, b) â) / max(|a|, 1e-12)` when `|a| > 1e-12`, and
    /// `b̂ / 1e-12` below the floor (where the norm is the constant floor).
    @inlinable public func backward(_ z: Matrix<T>, logitGradient g: Matrix<T>)
        -> (embeddings: Matrix<T>, prototypes: Matrix<T>)
    {
        triadPrecondition(g.rows == z.rows && g.columns == clusterCount, "logit gradient shape",
                          "\(g.rows)x\(g.columns)", "must be \(z.rows)x\(clusterCount)")
        let C = clusterCount, k = dimension
        let un = (0..<C).map { Self.flooredNorm(prototypes, $0) }
        let uAbove = un.map { $0.lowerBound > Self.normFloor }
        var dz = Matrix<T>.zeros(rows: z.rows, columns: k)
        var du = Matrix<T>.zeros(rows: C, columns: k)
        for i in 0..<z.rows {
            let zn = Self.flooredNorm(z, i)
            let zAbove = zn.lowerBound > Self.normFloor
            for y in 0..<C {
                let gy = g[i, y] / temperature
                if gy.lowerBound == 0 && gy.upperBound == 0 { continue }
                var dot = T.zero
                for c in 0..<k { dot += z[i, c] * prototypes[y, c] }
                let cosine = dot / (zn * un[y])
                for c in 0..<k {
                    let zh = z[i, c] / zn, uh = prototypes[y, c] / un[y]
                    let dzc = zAbove ? (uh - cosine * zh) / zn : uh / zn
                    let duc = uAbove[y] ? (zh - cosine * uh) / un[y] : zh / un[y]
                    dz[i, c] += gy * dzc
                    du[y, c] += gy * duc
                }
            }
        }
        return (dz, du)
    }
}
