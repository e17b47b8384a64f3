import Glibc
import TriadCore

extension ReferenceWorld {
    /// What a stored number is: a logit, a value (or bound, or gap), or a gradient entry.
    public enum QuantityKind: Sendable { case logit, value, gradient }

    /// A condition bound `K` of the world: a quantity computed in a precision of unit roundoff `u`
    /// (`ulp(1)`) from these inputs is within `K · u` of its exact value. Derivation, with
    /// `S = 1/tau` (the cosine head's bound on `|l|`), `L = 2S + log C + 2` (a bound on every
    /// `|log p(y|x)|`, `|LSE l|` and `|l_y - LSE l|` the terms form, plus a margin), `k` the embedding
    /// dimension, `n` pairs, `m` partition points, `N` world points:
    /// - logit: a cosine is `2k + 8` roundings (two norms of `k` squares, a dot of `k` products, a
    ///   square root each, two divisions, the floor) on a quantity at most 1, plus the rounding of the
    ///   inputs into the precision (relative `u` each), then `/tau`: error `≤ (2k + 10) S u`.
    /// - value: the error of the logits, `(2k + 10) S u`, times the sensitivity of a term to its
    ///   logits (the 1-norm of its gradient: at most 2 for `L_GEN` and `L_PRIOR`, and `2 + 2(2S + log C)`
    ///   for `L_INV`, both `≤ 2L`), plus the rounding of the sums: `(n + m + N) C + 16` terms, each
    ///   of magnitude at most `L` times a weight at most 1.
    /// - gradient: each entry is a product of a few such factors, times an entry of the second
    ///   derivative (bounded like the first by `2L` per unit of weight): twice the value bound.
    /// - `L_GEDI` and its symmetrised form: times `max(1, Σ lambda)`.
    public func conditionBound(_ kind: QuantityKind, role: ReferenceRole? = nil) -> Double {
        let s = 1 / temperature, c = Double(clusterCount)
        let l = 2 * s + log(c) + 2
        let logit = (2 * Double(dimension) + 10) * s
        let (n, m) = batchShape
        let sums = Double((n + m + count) * clusterCount + 16)
        let value = logit * 2 * l + sums * l
        let lambda = role?.isObjective == true ? max(1, weights.generative + weights.invariance + weights.prior) : 1
        switch kind {
        case .logit: return logit
        case .value: return lambda * value
        case .gradient: return lambda * 2 * value
        }
    }

    /// The unit roundoff of the stored Float80 values (`ulp(1)` of Float80; of Double where Float80
    /// does not exist).
    public static var referenceUnitRoundoff: Double {
        #if arch(x86_64) || arch(i386)
        Double(Float80.ulpOfOne)
        #else
        Double.ulpOfOne
        #endif
    }

    /// The tolerance of a quantity computed in a precision of unit roundoff `u` against the stored
    /// Float80 value: `4 (u + u_80) K` — the computed value's error plus the stored value's own, each
    /// within `K u` (``conditionBound(_:role:)``); the factor 4 is margin for the first-order
    /// approximations of the derivation.
    public func tolerance(_ kind: QuantityKind, role: ReferenceRole? = nil, unitRoundoff u: Double) -> Double {
        4 * (u + Self.referenceUnitRoundoff) * conditionBound(kind, role: role)
    }

    /// How far the stored Float80 value may lie from the exact one: `4 u_80 K`.
    public func referenceError(_ kind: QuantityKind, role: ReferenceRole? = nil) -> Double {
        4 * Self.referenceUnitRoundoff * conditionBound(kind, role: role)
    }
}
