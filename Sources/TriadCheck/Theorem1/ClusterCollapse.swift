import Glibc
import TriadCore

/// FM2 builders and the collapse level of a configuration.
public enum ClusterCollapse {
    /// `eps(Theta) = 1 - max_c min_w p(c|w)` and the maximising cluster: every configuration lies in
    /// `FM2(eps(Theta))`. Computed in Double from the logits (midpoints) as
    /// `log eps = max_w [LSE_{y≠c} l_y(w) - LSE_y l_y(w)]`, never as `1 - p`, which would cancel to 0
    /// for a strong collapse; `logEps` stays accurate where `eps` underflows.
    public static func level<T: Real>(logits: Matrix<T>) -> (cluster: Int, eps: Double, logEps: Double) {
        let l = logits.map(\.midpoint)
        let total = rowLogSumExp(l)
        var best = (cluster: 0, logEps: Double.infinity)
        for c in 0..<l.columns {
            var worst = -Double.infinity
            for w in 0..<l.rows {
                let others: Double = logSumExp((0..<l.columns).filter { $0 != c }.map { l[w, $0] })
                worst = max(worst, others - total[w])
            }
            if worst < best.logEps { best = (c, worst) }
        }
        return (best.cluster, exp(best.logEps), best.logEps)
    }

    /// The gap bound of `L_PRIOR` on `FM2(eps)` (Proofs T1.PRIOR.FM2):
    /// `g(eps) = -log C - (1/C)[log(1 - eps) + (C-1) log(eps/(C-1))]` when `1 - eps > 1/C`, else 0.
    /// At `eps = 0` the bound is `+inf`.
    public static func priorGapBound(eps: Double, clusters c: Int) -> Double {
        priorGapBound(logEps: log(eps), clusters: c)
    }

    /// ``priorGapBound(eps:clusters:)`` from `log eps`, accurate where `eps` underflows.
    public static func priorGapBound(logEps: Double, clusters c: Int) -> Double {
        let cc = Double(c), eps = exp(logEps)
        guard 1 - eps > 1 / cc else { return 0 }
        if logEps == -.infinity { return .infinity }
        return -log(cc) - (log1p(-eps) + (cc - 1) * (logEps - log(cc - 1))) / cc
    }

    /// Prototypes `u_1 = e_1`, `u_y = -e_1` (`y >= 2`) in dimension `k >= 2`.
    static func opposedPrototypes(clusters c: Int, dimension k: Int) -> [[Double]] {
        (0..<c).map { y in (0..<k).map { a in a == 0 ? (y == 0 ? 1 : -1) : 0 } }
    }

    /// The `L_GEN` × FM2 witness (Proofs T1.GEN.FM2): `p_Theta = p` exactly while cluster 1 dominates
    /// every point. `nil` when `tau` is too large for the construction (`t_min < ½ log(4(C-1))`) or
    /// `p` lacks full support.
    public static func generativeWitness(world: WorldRecipe, temperature tau: Double) -> ConfigurationRecipe? {
        let total = Double(world.lawCounts.reduce(0, +))
        let logP = world.lawCounts.map { log(Double($0) / total) }
        guard logP.allSatisfy(\.isFinite) else { return nil }
        let c = Double(world.clusterCount)
        let phiMax = logSumExp([1 / tau, log(c - 1) - 1 / tau])
        let k = phiMax - logP.max()!
        var embeddings: [[Double]] = []
        for lp in logP {
            let t = lp + k
            let disc = 1 - 4 * (c - 1) * exp(-2 * t)
            guard disc >= 0 else { return nil }
            let a = min(t + log((1 + disc.squareRoot()) / 2), 1 / tau)
            guard a >= 0.5 * log(c - 1) else { return nil }
            let cosine = a * tau
            embeddings.append([cosine, (max(0, 1 - cosine * cosine)).squareRoot()])
        }
        return ConfigurationRecipe(embeddings: embeddings,
                                   prototypes: opposedPrototypes(clusters: world.clusterCount, dimension: 2),
                                   temperature: tau, regime: "witness: p_Theta = p under collapse")
    }

    /// Every embedding at prototype `u_1` of prototypes spread on a circle, plus noise of size
    /// `noise`: all predictions tend to the same one-hot vector as `tau -> 0` (the `L_INV` witness).
    public static func confidentWitness(world: WorldRecipe, temperature tau: Double, noise: Double,
                                        using rng: inout TriadRandom) -> ConfigurationRecipe {
        let c = world.clusterCount
        let prototypes = (0..<c).map { y -> [Double] in
            let angle = 2 * Double.pi * Double(y) / Double(c)
            return [cos(angle), sin(angle)]
        }
        let embeddings = (0..<world.count).map { _ in [1 + noise * rng.gaussian(), noise * rng.gaussian()] }
        return ConfigurationRecipe(embeddings: embeddings, prototypes: prototypes, temperature: tau,
                                   regime: "witness: all points at one prototype")
    }

    /// Predictions `(1 - eps, eps/(C-1), ...)` at every point: the configuration at which the
    /// `L_PRIOR` bound `g(eps)` is attained (its tightness).
    public static func priorTightWitness(world: WorldRecipe, eps: Double) -> ConfigurationRecipe {
        let c = Double(world.clusterCount)
        let a = 0.5 * log((1 - eps) * (c - 1) / eps)
        let tau = 0.5 / max(abs(a), 0.5)
        let cosine = a * tau
        return ConfigurationRecipe(
            embeddings: Array(repeating: [cosine, (1 - cosine * cosine).squareRoot()], count: world.count),
            prototypes: opposedPrototypes(clusters: world.clusterCount, dimension: 2), temperature: tau,
            regime: "witness: L_PRIOR bound attained at eps")
    }
}
