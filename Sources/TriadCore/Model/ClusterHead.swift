/// The cosine cluster head: `l_y(z) = cos(z, u_y) / tau` (`Proofs/model.md` §1.3).
///
/// `cos(a, b) = a·b / (max(|a|, 1e-12) · max(|b|, 1e-12))`, so a zero vector gives logit 0, and
/// `|l_y| <= 1/tau` always. Norms are taken on entries scaled by an exact power of two (as `hypot`
/// does), so no finite embedding overflows or underflows them, in any precision. Prototypes are stored one per row: `prototypes[y, :] = u_y`
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

    /// Row `r` of `m` scaled for its norm: `scaled = s · m[r, :]` with `s = T.unitScale(max_c |m[r, c]|)`
    /// an exact power of two, `norm = s · max(|m[r, :]|, 1e-12)` (the floored norm in the scaled
    /// units: the sum of squares of the scaled entries neither overflows nor underflows, like `hypot`),
    /// `above` whether `|m[r, :]| > 1e-12` (the floor does not apply), and `isZero` when every entry
    /// is exactly 0 (the cosine is then 0 by definition, whatever the floor rounds to in `T`: in
    /// `Float16` the floor `1e-12` itself rounds to 0). Because the scaling is exact, `scaled` and
    /// `norm` carry the same digits as the unscaled computation wherever that one neither overflows
    /// nor underflows.
    @inlinable static func scaledRow(_ m: Matrix<T>, _ r: Int, into scaled: inout [T])
        -> (norm: T, scale: T, above: Bool, isZero: Bool)
    {
        if m.columns == 0 {  // no entries: the zero row (no storage to point into)
            var none = T.zero
            return withUnsafeMutablePointer(to: &none) { scaledRow(UnsafePointer($0), count: 0, into: $0) }
        }
        return m.storage.withUnsafeBufferPointer { x in
            scaled.withUnsafeMutableBufferPointer { out in
                scaledRow(x.baseAddress! + r * m.columns, count: m.columns, into: out.baseAddress!)
            }
        }
    }

    /// ``scaledRow(_:_:into:)`` on the `count` entries at `row`, writing `count` entries at `scaled`:
    /// the one implementation, which the head's passes call on raw storage.
    @inlinable @inline(__always)
    static func scaledRow(_ row: UnsafePointer<T>, count k: Int, into scaled: UnsafeMutablePointer<T>)
        -> (norm: T, scale: T, above: Bool, isZero: Bool)
    {
        var top = T.zero
        for c in 0..<k { let v = row[c]; top = T.maximum(top, T.maximum(v, -v)) }
        let isZero = top.upperBound == 0 && top.lowerBound == 0
        let s = T.unitScale(for: top)
        var sum = T.zero
        for c in 0..<k { let v = row[c] * s; scaled[c] = v; sum += v * v }
        let norm = T.sqrt(sum), floor = T(normFloor) * s
        return (T.maximum(norm, floor), s, norm > floor, isZero)
    }

    /// `max(|row r of m|, 1e-12)`, computed on scaled entries (see ``scaledRow(_:_:into:)``); `+inf`
    /// only when the true norm exceeds the largest finite `T`.
    @inlinable static func flooredNorm(_ m: Matrix<T>, _ r: Int) -> T {
        var scaled = [T](repeating: T.zero, count: m.columns)
        let row = scaledRow(m, r, into: &scaled)
        return row.norm / row.scale
    }

    /// The logits `l[i, y] = cos(z_i, u_y) / tau` of a batch of embeddings `z` (`n × k`).
    @inlinable public func logits(_ z: Matrix<T>) -> Matrix<T> {
        Self.cosineLogits(z, prototypes: prototypes, temperature: temperature)
    }

    /// `l[i, y] = cos(z_i, u_y) / tau` for prototypes given one per row; the one formula of the cosine
    /// logits (the head, ``CosineHead`` and the trainer call it).
    ///
    /// Each vector is scaled by an exact power of two before its norm is taken (see
    /// ``scaledRow(_:_:into:)``), so embeddings up to the largest finite `T` give the right cosine,
    /// and `cos = (s_z z · s_u u) / (s_z max(|z|, 1e-12) · s_u max(|u|, 1e-12))` is the unscaled
    /// quotient digit for digit wherever that one does not overflow or underflow. A zero embedding
    /// or prototype gives logit 0 in every precision.
    @inlinable public static func cosineLogits(_ z: Matrix<T>, prototypes: Matrix<T>, temperature: T) -> Matrix<T> {
        triadPrecondition(z.columns == prototypes.columns, "embedding dimension", z.columns,
                          "must equal the prototype dimension \(prototypes.columns)")
        let C = prototypes.rows, k = prototypes.columns, n = z.rows
        let u = ScaledPrototypes(prototypes)
        var out = Matrix<T>.zeros(rows: n, columns: C)
        if k == 0 { return out }  // zero-dimensional vectors: every cosine is 0
        let row = UnsafeMutablePointer<T>.allocate(capacity: k)
        defer { row.deallocate() }
        z.storage.withUnsafeBufferPointer { zs in
            out.storage.withUnsafeMutableBufferPointer { out in
                for i in 0..<n {
                    let zr = scaledRow(zs.baseAddress! + i * k, count: k, into: row)
                    if zr.isZero { continue }
                    for y in 0..<C where !u.isZero[y] {
                        var dot = T.zero
                        for c in 0..<k { dot += row[c] * u.scaled[y * k + c] }
                        out[i * C + y] = dot / (zr.norm * u.norm[y]) / temperature
                    }
                }
            }
        }
        return out
    }

    /// Every prototype through ``scaledRow(_:count:into:)``: `scaled` (`C × k`, row-major) and the
    /// row's `norm`, `scale`, `above` and `isZero`.
    @usableFromInline struct ScaledPrototypes {
        @usableFromInline var scaled: [T]
        @usableFromInline var norm: [T] = []
        @usableFromInline var scale: [T] = []
        @usableFromInline var above: [Bool] = []
        @usableFromInline var isZero: [Bool] = []

        @inlinable init(_ prototypes: Matrix<T>) {
            let C = prototypes.rows, k = prototypes.columns
            var scaled = [T](repeating: T.zero, count: C * k)
            for y in 0..<C {
                let r = prototypes.storage.withUnsafeBufferPointer { u in
                    scaled.withUnsafeMutableBufferPointer { out in
                        ClusterHead.scaledRow(u.baseAddress! + y * k, count: k, into: out.baseAddress! + y * k)
                    }
                }
                norm.append(r.norm)
                scale.append(r.scale)
                above.append(r.above)
                isZero.append(r.isZero)
            }
            self.scaled = scaled
        }
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
        let C = clusterCount, k = dimension, n = z.rows
        // Scaled as in the forward pass: with `z' = s_z z` and `n'_z = s_z max(|z|, 1e-12)`,
        // `ẑ = z' / n'_z` and `(b̂ - cos â) / max(|a|, 1e-12) = ((b̂ - cos â) / n'_a) · s_a`, each the
        // unscaled expression digit for digit where that one does not overflow or underflow.
        let u = ScaledPrototypes(prototypes)
        var dz = Matrix<T>.zeros(rows: n, columns: k)
        var du = Matrix<T>.zeros(rows: C, columns: k)
        let floor = T(Self.normFloor)
        if k == 0 || n == 0 { return (dz, du) }
        // `ẑ` per row and `û` per prototype are computed once and reused for every pair (the same
        // quotients the per-pair expression would take).
        let row = UnsafeMutablePointer<T>.allocate(capacity: 2 * k)
        defer { row.deallocate() }
        let zHat = row + k
        var uHat = [T](repeating: T.zero, count: C * k)
        for y in 0..<C { for c in 0..<k { uHat[y * k + c] = u.scaled[y * k + c] / u.norm[y] } }
        z.storage.withUnsafeBufferPointer { zs in
        g.storage.withUnsafeBufferPointer { g in
        uHat.withUnsafeBufferPointer { uHat in
        u.scaled.withUnsafeBufferPointer { us in
        dz.storage.withUnsafeMutableBufferPointer { dz in
        du.storage.withUnsafeMutableBufferPointer { du in
            for i in 0..<n {
                let zr = Self.scaledRow(zs.baseAddress! + i * k, count: k, into: row)
                for c in 0..<k { zHat[c] = row[c] / zr.norm }
                for y in 0..<C {
                    let gy = g[i * C + y] / temperature
                    if gy.lowerBound == 0 && gy.upperBound == 0 { continue }
                    let (un, uScale) = (u.norm[y], u.scale[y])
                    if zr.isZero || u.isZero[y] {
                        // At `a = 0` the norm is the constant floor: `∂cos/∂a = b̂ / 1e-12`, and
                        // `∂cos/∂b = 0` (`â = 0`). An exact zero direction stays 0 even where `1e-12`
                        // rounds to 0 in `T` (Float16: the true `b̂_c / 1e-12` overflows to ±inf).
                        for c in 0..<k where zr.isZero && !u.isZero[y] {
                            let uh = us[y * k + c] / un
                            if !(uh.lowerBound == 0 && uh.upperBound == 0) { dz[i * k + c] += gy * (uh / floor) }
                        }
                        for c in 0..<k where u.isZero[y] && !zr.isZero {
                            let zh = row[c] / zr.norm
                            if !(zh.lowerBound == 0 && zh.upperBound == 0) { du[y * k + c] += gy * (zh / floor) }
                        }
                        continue
                    }
                    var dot = T.zero
                    for c in 0..<k { dot += row[c] * us[y * k + c] }
                    let cosine = dot / (zr.norm * un)
                    let uAbove = u.above[y]
                    for c in 0..<k {
                        let zh = zHat[c], uh = uHat[y * k + c]
                        let dzc = (zr.above ? (uh - cosine * zh) / zr.norm : uh / zr.norm) * zr.scale
                        let duc = (uAbove ? (zh - cosine * uh) / un : zh / un) * uScale
                        dz[i * k + c] += gy * dzc
                        du[y * k + c] += gy * duc
                    }
                }
            }
        }}}}}}
        return (dz, du)
    }
}
