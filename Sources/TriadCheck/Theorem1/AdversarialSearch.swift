import TriadCore

/// A search inside a failure mode for the configuration that best closes a term's gap: gradient
/// ascent on the term's population value over the table embeddings and the prototypes (temperature
/// fixed), with backtracking so that every accepted step increases the value and stays in the mode.
/// It runs in Double with the term's own gradient; the checks then evaluate what it found in every
/// precision.
public enum AdversarialSearch {
    /// The constraint that keeps the search inside a mode.
    public enum Constraint: Sendable {
        /// FM1: all embeddings stay equal (they move by the mean of their gradients).
        case representationalCollapse
        /// FM2(eps): the collapse level stays at most `eps` (given as `log eps`).
        case clusterCollapse(logEps: Double)
        /// No constraint.
        case none
    }

    /// Ascends `term` from `start` for at most `steps` accepted steps.
    public static func ascend(world recipe: WorldRecipe, from start: ConfigurationRecipe, term: any ObjectiveTerm,
                              within constraint: Constraint, steps: Int = 20) throws -> ConfigurationRecipe {
        let world: FiniteWorld<Double> = try recipe.world()
        var config = start
        func value(_ c: ConfigurationRecipe) throws -> Double {
            term.value(world.populationBatch(worldLogits: try c.worldLogits(Double.self)))
        }
        func admissible(_ c: ConfigurationRecipe) throws -> Bool {
            switch constraint {
            case .clusterCollapse(let logEps): ClusterCollapse.level(logits: try c.worldLogits(Double.self)).logEps <= logEps
            case .representationalCollapse, .none: true
            }
        }
        var current = try value(config)
        var stepSize = 0.1
        for _ in 0..<steps {
            let head: ClusterHead<Double> = try config.head()
            let table = try config.encoder(Double.self).table
            let g = term.gradient(world.populationBatch(worldLogits: head.logits(table)))
            var (dE, dU) = head.backward(table, logitGradient: world.populationLogitGradient(g))
            if case .representationalCollapse = constraint {
                let k = dE.columns
                let mean = (0..<k).map { a in (0..<dE.rows).map { dE[$0, a] }.reduce(0, +) / Double(dE.rows) }
                for i in 0..<dE.rows { for a in 0..<k { dE[i, a] = mean[a] } }
            }
            let norm = (dE.storage + dU.storage).map { $0 * $0 }.reduce(0, +).squareRoot()
            guard norm > 1e-14, norm.isFinite else { break }
            var accepted = false
            for _ in 0..<12 {
                var next = config
                next.embeddings = config.embeddings.enumerated().map { i, row in
                    row.enumerated().map { a, x in x + stepSize * dE[i, a] / norm }
                }
                next.prototypes = config.prototypes.enumerated().map { y, row in
                    row.enumerated().map { a, x in x + stepSize * dU[y, a] / norm }
                }
                let v = try value(next)
                if v.isFinite && v > current, try admissible(next) {
                    (config, current, accepted) = (next, v, true)
                    stepSize *= 1.5
                    break
                }
                stepSize /= 2
            }
            if !accepted { break }
        }
        config.regime = start.regime + " + ascent"
        return config
    }
}
