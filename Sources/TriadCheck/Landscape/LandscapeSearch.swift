import Glibc
import TriadCore

/// Gradient ascent of the population `L_GEDI` over a ``ToyGridWorld`` (`Proofs/landscape.md`): the free
/// table encoder (one embedding per grid point), the cosine head with `C = 2` prototypes, the exact
/// partition over the grid, the terms of a ``TermSet`` (Triad's by default) at the setting's weights.
///
/// Embeddings and prototypes are unit vectors of the plane, parametrised by their angles (the cosine
/// head reads directions only, so this loses nothing and keeps every step a rotation). The gradient is the
/// terms' own (`GEDIObjective.gradient`), taken through `FiniteWorld.populationLogitGradient` and
/// `ClusterHead.backward` to the angles. The ascent is Adam (`β = (0.9, 0.999)`, `ε = 1e-8`) on the angles,
/// learning rate decaying linearly from `learningRate` to a twentieth of it over `steps` steps: Adam's
/// per-coordinate scaling moves low-density points as fast as dense ones, which plain ascent (gradients
/// proportional to `p_i`) would leave where they started. Deterministic for a seed.
public struct LandscapeSearch: Sendable {
    public var terms: TermSet
    public var steps: Int
    public var learningRate: Double

    /// Throws when `steps < 1` or the learning rate is not finite and `> 0`.
    public init(terms: TermSet = .reference, steps: Int = 400, learningRate: Double = 0.05) throws {
        try require(steps >= 1, "ascent steps", steps, "must be >= 1")
        try require(learningRate.isFinite && learningRate > 0, "learning rate", learningRate, "must be finite and > 0")
        self.terms = terms
        self.steps = steps
        self.learningRate = learningRate
    }

    /// The terms at the setting's weights.
    func weighted(_ setting: LandscapeSetting) -> TermSet {
        TermSet(generative: terms.generative, invariance: terms.invariance, prior: terms.prior, weights: setting.weights,
                head: terms.head, objectiveVariant: terms.objectiveVariant)
    }

    static func unit(_ angles: [Double]) -> Matrix<Double> {
        Matrix(rows: angles.count, columns: 2, storage: angles.flatMap { [cos($0), sin($0)] })
    }

    /// The optimum reached from `start`.
    public func optimum(grid: ToyGridWorld, setting: LandscapeSetting, start: LandscapeStart, using rng: inout TriadRandom) throws -> LandscapeOptimum {
        let tau = setting.temperature, world = grid.world
        let set = weighted(setting)
        // Triad's objective called through its concrete type when no variant replaces it, so that its
        // inlinable terms are specialised (an existential call runs their generic code, several times slower).
        let objective = set.objective, variant = set.objectiveVariant.map { $0(objective) }
        func value(_ batch: TermBatch<Double>) -> Double { variant?.value(batch) ?? objective.value(batch) }
        func gradient(_ batch: TermBatch<Double>) -> TermGradient<Double> { variant?.gradient(batch) ?? objective.gradient(batch) }
        var (e, u) = try start.angles(on: grid, temperature: tau, using: &rng)
        var mE = [Double](repeating: 0, count: e.count), vE = mE, mU = [0.0, 0], vU = mU
        let (b1, b2, eps) = (0.9, 0.999, 1e-8)
        var history: [Double] = []
        func evaluate(_ e: [Double], _ u: [Double]) throws -> (head: ClusterHead<Double>, table: Matrix<Double>, batch: TermBatch<Double>) {
            let head = try ClusterHead(prototypes: Self.unit(u), temperature: tau)
            let table = Self.unit(e)
            return (head, table, world.populationBatch(worldLogits: head.logits(table)))
        }
        for t in 1...steps {
            let (head, table, batch) = try evaluate(e, u)
            let g = gradient(batch)
            if t > steps * 9 / 10 || t == 1 { history.append(value(batch)) }
            let (dZ, dU) = head.backward(table, logitGradient: world.populationLogitGradient(g))
            let lr = learningRate * (1 - Double(t - 1) / Double(steps) * 0.95)
            let (c1, c2) = (1 - pow(b1, Double(t)), 1 - pow(b2, Double(t)))
            func step(_ angles: inout [Double], _ m: inout [Double], _ v: inout [Double], _ d: Matrix<Double>) {
                for i in angles.indices {
                    let grad = -sin(angles[i]) * d[i, 0] + cos(angles[i]) * d[i, 1]
                    m[i] = b1 * m[i] + (1 - b1) * grad
                    v[i] = b2 * v[i] + (1 - b2) * grad * grad
                    angles[i] += lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
                }
            }
            step(&e, &mE, &vE, dZ)
            step(&u, &mU, &vU, dU)
        }
        let (head, table, batch) = try evaluate(e, u)
        let final = value(batch)
        history.append(final)
        let probabilities = head.logits(table).rowSoftmax()
        let p = world.dataLaw
        var confidence = 0.0, mass = [0.0, 0.0]
        var predicted = [Int](repeating: 0, count: grid.count)
        for i in 0..<grid.count {
            let label = probabilities[i, 1] > probabilities[i, 0] ? 1 : 0
            predicted[i] = label
            mass[label] += p[i]
            confidence += p[i] * max(probabilities[i, 0], probabilities[i, 1])
        }
        let nmi = PopulationNMI.value(law: p, trueLabels: grid.trueLabels, predicted: predicted)
        let cosine = cos(u[0] - u[1]), largest = max(mass[0], mass[1])
        let tail = history.count > 1 ? history[history.count - 1] - history[history.count > 2 ? 1 : 0] : 0
        return LandscapeOptimum(start: start, gedi: final, generative: set.generative.value(batch), invariance: set.invariance.value(batch),
                                prior: set.prior.value(batch), nmi: nmi, prototypeCosine: cosine, meanConfidence: confidence,
                                largestMass: largest, lastGain: tail,
                                kind: OptimumKind.classify(prototypeCosine: cosine, meanConfidence: confidence, largestMass: largest, nmi: nmi))
    }

    /// The optima from `starts` (every start by default, in ``LandscapeStart`` order; each start has its own
    /// generator, split from `seed` in that order whichever starts run, so a start's optimum does not depend
    /// on the others), on the grid world of `law` at the setting.
    public func landscape(law: ToyManifolds, gridSize: Int, setting: LandscapeSetting, seed: UInt64,
                          starts: [LandscapeStart] = LandscapeStart.allCases) throws -> LandscapeResult {
        let grid = try ToyGridWorld(law: law, gridSize: gridSize, augmentationStd: setting.augmentationStd)
        var rng = TriadRandom(seed: seed)
        var optima: [LandscapeOptimum] = []
        for start in LandscapeStart.allCases {
            var own = rng.split()
            if starts.contains(start) { optima.append(try optimum(grid: grid, setting: setting, start: start, using: &own)) }
        }
        let tau = setting.temperature, p = grid.world.dataLaw
        let merged = try RangeLimitedLikelihood.best(dataLaw: p, width: 2 / tau).value
        let opposite = try RangeLimitedLikelihood.best(dataLaw: p, width: EnergyRange.logCosh(1 / tau)).value
        return LandscapeResult(law: law, gridSize: gridSize, setting: setting, seed: seed, optima: optima,
                               generativeRangeGain: merged - opposite, bestMergedGenerative: merged)
    }
}
