import TriadCore

/// Mutant head: the cosine's norm floor `max(|a|, 1e-6)` instead of `1e-12`. It moves the logits
/// only of embeddings (or prototypes) with norm between `1e-12` and `1e-6`; an exact zero and every
/// ordinary embedding give the same logits as the reference head.
struct CoarseNormFloorHead: LogitHead {
    static let floor = 1e-6
    var name: String { "cosine with norm floor 1e-6" }

    func logits<T: Real>(_ z: Matrix<T>, prototypes: Matrix<T>, temperature: T) -> Matrix<T> {
        func norm(_ m: Matrix<T>, _ r: Int) -> T {
            var s = T.zero
            for c in 0..<m.columns { s += m[r, c] * m[r, c] }
            return T.maximum(T.sqrt(s), T(Self.floor))
        }
        let un = (0..<prototypes.rows).map { norm(prototypes, $0) }
        var out = Matrix<T>.zeros(rows: z.rows, columns: prototypes.rows)
        for i in 0..<z.rows {
            let zn = norm(z, i)
            for y in 0..<prototypes.rows {
                var dot = T.zero
                for c in 0..<z.columns { dot += z[i, c] * prototypes[y, c] }
                out[i, y] = dot / (zn * un[y]) / temperature
            }
        }
        return out
    }
}
