import TriadCore

// The deliberately wrong heads of the mutant catalogue, and an equivalent one.

/// The temperature applied twice: `cos / tau / tau`.
struct TemperatureTwiceHead: LogitHead {
    var name: String { "cosine / tau^2" }
    func logits<T: Real>(_ z: Matrix<T>, prototypes: Matrix<T>, temperature: T) -> Matrix<T> {
        ClusterHead.cosineLogits(z, prototypes: prototypes, temperature: temperature).map { $0 / temperature }
    }
}

/// The temperature not applied: `cos`.
struct NoTemperatureHead: LogitHead {
    var name: String { "cosine without tau" }
    func logits<T: Real>(_ z: Matrix<T>, prototypes: Matrix<T>, temperature: T) -> Matrix<T> {
        ClusterHead.cosineLogits(z, prototypes: prototypes, temperature: T.one)
    }
}

/// Cosine similarity without normalising the prototypes: `z·u / (|z| tau)`.
struct UnnormalisedPrototypesHead: LogitHead {
    var name: String { "z·u / |z| / tau" }
    func logits<T: Real>(_ z: Matrix<T>, prototypes: Matrix<T>, temperature: T) -> Matrix<T> {
        var out = ClusterHead.cosineLogits(z, prototypes: prototypes, temperature: temperature)
        for y in 0..<prototypes.rows {
            var s = T.zero
            for c in 0..<prototypes.columns { s += prototypes[y, c] * prototypes[y, c] }
            let norm = T.maximum(T.sqrt(s), T(ClusterHead<T>.normFloor))
            for i in 0..<out.rows { out[i, y] = out[i, y] * norm }
        }
        return out
    }
}

/// Equivalent: normalise both vectors first (with the same floor), then take the dot product.
struct NormaliseFirstHead: LogitHead {
    var name: String { "normalise, then dot" }
    func logits<T: Real>(_ z: Matrix<T>, prototypes: Matrix<T>, temperature: T) -> Matrix<T> {
        func normalised(_ m: Matrix<T>) -> Matrix<T> {
            var out = m
            for r in 0..<m.rows {
                var s = T.zero
                for c in 0..<m.columns { s += m[r, c] * m[r, c] }
                let norm = T.maximum(T.sqrt(s), T(ClusterHead<T>.normFloor))
                for c in 0..<m.columns { out[r, c] = m[r, c] / norm }
            }
            return out
        }
        let (zn, un) = (normalised(z), normalised(prototypes))
        var out = Matrix<T>.zeros(rows: z.rows, columns: prototypes.rows)
        for i in 0..<z.rows {
            for y in 0..<prototypes.rows {
                var dot = T.zero
                for c in 0..<z.columns { dot += zn[i, c] * un[y, c] }
                out[i, y] = dot / temperature
            }
        }
        return out
    }
}
