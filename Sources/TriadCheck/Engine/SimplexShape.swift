/// How ``Gen/simplex(count:shape:)`` spreads the mass of a random probability vector of length `K`.
public enum SimplexShape: Sendable, Hashable, CustomStringConvertible {
    /// Uniform on the simplex (Dirichlet(1, ..., 1)): normalised `Exp(1)` draws. Entries > 0.
    case flat
    /// Dirichlet(a, ..., a), `a > 0` finite: `a < 1` gives peaked, nearly sparse vectors (most mass
    /// on few entries; for `a` far below 1 small entries can underflow to exactly 0), `a > 1` vectors
    /// close to uniform. Sampled in log space (Marsaglia-Tsang gamma, boosted for `a < 1`) and
    /// normalised by a stable softmax, so no draw can make the sum 0.
    case dirichlet(concentration: Double)
    /// `support` entries (clamped to `1...K`) chosen at random carry flat weights; the others are
    /// exactly 0 (a data law that ignores part of `Omega`).
    case sparse(support: Int)
    /// Every entry exactly `1/K` (the uniform law that hides FM1 from `L_GEN`, `Proofs/model.md` §3.6).
    case uniform
    /// One entry, chosen at random, is 1; the others are 0.
    case vertex

    public var description: String {
        switch self {
        case .flat: "flat"
        case .dirichlet(let a): "dirichlet(\(a))"
        case .sparse(let k): "sparse(\(k))"
        case .uniform: "uniform"
        case .vertex: "vertex"
        }
    }
}
