import Glibc

/// The range of the cosine head's negative energy over embedding directions (`Proofs/landscape.md`):
/// `F(z) = -E(z) = LSE_y cos(z, u_y)/tau` over unit `z ∈ R^k`, and `range = max F - min F`. The width
/// of this range is what the generative term can spend on matching the data law, and it depends on
/// the prototypes' geometry: the closed forms below are derived in `Proofs/landscape.md`
/// (`LAND.RANGE.*`). Every function takes `Double` settings and returns the extremes of `F` in `Double`.
public enum EnergyRange {
    /// The extremes of `F` over unit directions.
    public struct Extremes: Sendable, Equatable, CustomStringConvertible {
        public let minimum: Double
        public let maximum: Double
        /// `max F - min F`.
        public var width: Double { maximum - minimum }
        public init(minimum: Double, maximum: Double) {
            self.minimum = minimum
            self.maximum = maximum
        }
        public var description: String { "[\(minimum), \(maximum)] (width \(width))" }
    }

    /// The universal bound (`LAND.RANGE.BOUND`): `F ∈ [log C - 1/tau, log C + 1/tau]` for any prototypes,
    /// so `range <= 2/tau`, with equality iff every prototype is non-zero and all share one direction.
    /// Throws when `tau` is not finite and `> 0`.
    public static func bound(temperature tau: Double) throws -> Double {
        try checkTemperature(tau)
        return 2 / tau
    }

    /// All `C` prototypes merged (one direction), any `k >= 1`: `F(z) = log C + cos(z, u)/tau`,
    /// extremes `log C ∓ 1/tau` at `z = ∓u`; width `2/tau` (`LAND.RANGE.BOUND`).
    public static func merged(clusters c: Int, temperature tau: Double) throws -> Extremes {
        try checkTemperature(tau)
        try require(c >= 1, "cluster count C", c, "must be >= 1")
        return Extremes(minimum: log(Double(c)) - 1 / tau, maximum: log(Double(c)) + 1 / tau)
    }

    /// Two prototypes at angle `theta ∈ [0, pi]`, embedding dimension `k >= 2` (`LAND.RANGE.PAIR`).
    /// With `c = cos(theta/2)/tau`, `s = sin(theta/2)/tau`:
    /// - `min F = log 2 - c` (at `z` opposite the bisector);
    /// - `max F = log 2 + c` when `s^2 <= c` (at the bisector), else
    ///   `log 2 + max_{v ∈ (0,1]} [c sqrt(1 - v^2) + log cosh(s v)]`, whose maximiser is the unique
    ///   root of `s tanh(s v) sqrt(1 - v^2) = c v` (found by bisection to `Double` resolution).
    /// `theta = 0` gives width `2/tau`; `theta = pi` gives `log cosh(1/tau)`.
    /// Throws when `theta` is outside `[0, pi]` or `tau` is not finite and `> 0`.
    public static func pair(angle theta: Double, temperature tau: Double) throws -> Extremes {
        try checkTemperature(tau)
        try require(theta.isFinite && theta >= 0 && theta <= Double.pi, "prototype angle theta", theta, "must be in [0, pi]")
        let c = cos(theta / 2) / tau, s = sin(theta / 2) / tau
        let low = log(2.0) - c
        if s * s <= c { return Extremes(minimum: low, maximum: log(2.0) + c) }
        func h(_ v: Double) -> Double { c * (1 - v * v).squareRoot() + logCosh(s * v) }
        // r(v) = s tanh(s v) sqrt(1 - v^2) / v - c is strictly decreasing on (0, 1], from s^2 - c > 0.
        func r(_ v: Double) -> Double { s * tanh(s * v) * (1 - v * v).squareRoot() / v - c }
        var (lo, hi) = (0.0, 1.0)
        if r(1) >= 0 { lo = 1 } else {
            for _ in 0..<200 {
                let mid = (lo + hi) / 2
                if mid == lo || mid == hi { break }
                if r(mid) > 0 { lo = mid } else { hi = mid }
            }
        }
        return Extremes(minimum: low, maximum: log(2.0) + max(h(lo), h(hi), c))
    }

    /// `m >= 1` antipodal pairs `±e_1, ..., ±e_m` on orthonormal axes (`C = 2m`), embedding dimension
    /// `k >= m` (`LAND.RANGE.ANTIPODAL`). With `t_j = z_j^2`, `F = log(2 Σ_j cosh(sqrt(t_j)/tau))`:
    /// - `max F = log(2 (cosh(1/tau) + m - 1))` (at `z = e_1`);
    /// - `min F = log(2m)` when `k > m` (at `z` orthogonal to every axis), else
    ///   `log(2m cosh(1/(tau sqrt m)))` (at `z = (1, ..., 1)/sqrt m`).
    /// Throws when `m < 1`, `k < m` or `tau` is not finite and `> 0`.
    public static func antipodalPairs(_ m: Int, dimension k: Int, temperature tau: Double) throws -> Extremes {
        try checkTemperature(tau)
        try require(m >= 1, "antipodal pair count m", m, "must be >= 1")
        try require(k >= m, "embedding dimension k", k, "must be >= the pair count m = \(m)")
        let top = log(2.0) + log(Double(m - 1) + exp(logCosh(1 / tau)))
        let bottom = k > m ? log(2.0 * Double(m)) : log(2.0 * Double(m)) + logCosh(1 / (tau * Double(m).squareRoot()))
        return Extremes(minimum: bottom, maximum: top)
    }

    /// The regular simplex: `C >= 2` unit prototypes with `u_y · u_y' = -1/(C-1)`, embedding dimension
    /// `k >= C - 1` (`LAND.RANGE.SIMPLEX`). On the unit sphere of the prototypes' span the critical
    /// points of `F` take at most two cosine values: `j` cosines `a_j` and `C - j` cosines `b_j`,
    /// `a_j = sqrt((C-j)/(j(C-1)))`, `b_j = -sqrt(j/((C-j)(C-1)))`, `j = 1..C-1`, so
    /// `max F = max_j phi_j` and, when `k = C - 1`, `min F = min_j phi_j`, with
    /// `phi_j = log(j e^{a_j/tau} + (C-j) e^{b_j/tau})`; when `k >= C`, `min F = log C` (at `z`
    /// orthogonal to the span). Throws when `C < 2`, `k < C - 1` or `tau` is not finite and `> 0`.
    public static func simplex(clusters c: Int, dimension k: Int, temperature tau: Double) throws -> Extremes {
        try checkTemperature(tau)
        try require(c >= 2, "cluster count C", c, "must be >= 2")
        try require(k >= c - 1, "embedding dimension k", k, "must be >= C - 1 = \(c - 1)")
        let values = simplexCriticalCosines(clusters: c).map { cand in
            logSumExp([log(Double(cand.j)) + cand.a / tau, log(Double(c - cand.j)) + cand.b / tau]) as Double
        }
        return Extremes(minimum: k >= c ? log(Double(c)) : values.min()!, maximum: values.max()!)
    }

    /// The two-valued cosine patterns of the regular simplex's critical points on the sphere of its
    /// span: `j` prototypes at cosine `a`, the other `C - j` at cosine `b` (see ``simplex(clusters:dimension:temperature:)``).
    public static func simplexCriticalCosines(clusters c: Int) -> [(j: Int, a: Double, b: Double)] {
        let cm1 = Double(c - 1)
        return (1..<c).map { j in
            let (jd, rest) = (Double(j), Double(c - j))
            return (j, (rest / (jd * cm1)).squareRoot(), -(jd / (rest * cm1)).squareRoot())
        }
    }

    /// `log cosh x = |x| + log1p(e^{-2|x|}) - log 2`, without overflow.
    public static func logCosh(_ x: Double) -> Double {
        let a = abs(x)
        return a + log1p(exp(-2 * a)) - log(2.0)
    }

    static func checkTemperature(_ tau: Double) throws {
        try require(tau.isFinite && tau > 0, "temperature tau", tau, "must be finite and > 0")
    }
}
