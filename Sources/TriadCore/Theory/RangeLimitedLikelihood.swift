import Glibc

/// The best value of `L_GEN` over a finite world when the negative energies can only range over an
/// interval of width `w` (`Proofs/landscape.md`, `LAND.GEN.RANGE`):
///
/// `G(p, w) = max_{f ∈ [0, w]^N} Σ_i p_i f_i - LSE_i f_i`.
///
/// `L_GEN` is unchanged when every `-E(w_i)` moves by one constant, so only the width of the
/// reachable interval matters. The objective is concave on a box; its maximiser is
/// `f_i = clip(log p_i + L, 0, w)` with `L` the root of `L = LSE_i f_i(L)` (the optimality conditions:
/// `p_i = softmax(f)_i` inside the box, `p_i >= softmax(f)_i` at the top, `<=` at the bottom), found by
/// bisection: `LSE_i f_i(L) - L` decreases in `L`. `G` increases with `w` and tends to `-H(p)` (the
/// bound of `L_GEN`) as `w -> inf`; `G(p, 0) = -log N`.
public enum RangeLimitedLikelihood {
    /// The maximiser `f` and the value `G(p, w)`, the value computed by ``GenerativeTerm`` itself on the
    /// one-logit batch `l(w_i) = f_i` (so that `-E(w_i) = f_i`). Throws when `p` is not a law (finite,
    /// `>= 0`, summing to 1 within `1e-9`) or `w` is negative or not finite.
    public static func best(dataLaw p: [Double], width w: Double) throws -> (value: Double, negativeEnergies: [Double]) {
        try require(w.isFinite && w >= 0, "energy range width w", w, "must be finite and >= 0")
        try require(p.count >= 1, "data law length", p.count, "must be >= 1")
        var sum = 0.0
        for (i, v) in p.enumerated() {
            try require(v.isFinite && v >= 0, "data law p[\(i)]", v, "must be finite and >= 0")
            sum += v
        }
        try require(abs(sum - 1) <= 1e-9, "sum of data law p", sum, "must be 1 (tolerance 1e-9)")
        let logP = p.map { $0 > 0 ? Glibc.log($0) : -Double.infinity }
        func f(_ L: Double) -> [Double] { logP.map { Swift.min(Swift.max($0 + L, 0), w) } }
        func excess(_ L: Double) -> Double { (logSumExp(f(L)) as Double) - L }
        let positive = logP.filter { $0 > -Double.infinity }
        // At lo every f_i is 0 (excess = log N + log max p >= 0); at hi every positive p_i is at w
        // (excess <= log(N min p) <= 0).
        var lo = -positive.max()!, hi = w - positive.min()!
        for _ in 0..<200 {
            let mid = lo / 2 + hi / 2
            if mid <= lo || mid >= hi { break }
            if excess(mid) > 0 { lo = mid } else { hi = mid }
        }
        let energies = f(excess(lo) > -excess(hi) ? hi : lo)
        let logits = Matrix(rows: p.count, columns: 1, storage: energies)
        let batch = TermBatch(logits: logits, viewLogits: logits, weights: p, partition: .exact(logits))
        return (GenerativeTerm().value(batch), energies)
    }
}
