import Glibc
import TriadCore

/// Checks one objective against the three failure modes of `Proofs/model.md` §4 under the verdict
/// rules of Theorem 1 (§5.1) and returns its row of the field matrix (`Proofs/field.md`).
///
/// On each of a few well-posed worlds (``worldShapes``), in Double, with the objective's own value and
/// gradient:
/// - **all configurations**: the aligned witness (each group at its own prototype) and the joint witness
///   (aligned, energy shaped to follow `p`) at each of ``temperatures``, and ascents
///   (``AdversarialSearch``) from aligned and random starts;
/// - **FM1**: constant embeddings (at a prototype, at 0, halfway between two prototypes) at each
///   temperature, and ascents that keep every embedding equal;
/// - **FM2**: every point at one prototype, the `L_GEN` collapse witness, and ascents that keep the
///   collapse level at most ``collapseEps``.
///
/// The supremum on a world is the derived one when the objective has one and the search approaches it
/// within ``admitThreshold(supremum:)`` (a search that exceeds it fails `FIELD.<ID>.SUP`); otherwise the
/// best value found, and the row says so. A mode's gap on a world is `sup - best value in the mode`.
/// Verdicts: **admits** when the gap is at most ``admitThreshold(supremum:)`` on every world (strength
/// `searched`: the witness found is named); **penalises** when it is at least
/// ``penaliseMargin(supremum:)`` on every world — `proved` when a derived gap bound holds on every
/// configuration evaluated in the mode, is positive, and the supremum is the derived one, else
/// `searched`; otherwise **inconclusive**. FM3 is the property of `Proofs/model.md` §4.3 run by the
/// property engine on the Theorem 1 generator (random worlds, datasets and re-pairings): a shrunk
/// counterexample is **penalises (counterexample)**, re-checked in interval arithmetic; none is
/// **admits (searched)**.
public struct FieldCheck: Sendable {
    /// Seed, and the number of random starts per world and mode (the FM3 property runs `8 ×` as many cases).
    public var settings: CheckSettings
    /// Accepted steps of each ascent.
    public var ascentSteps: Int

    public static let defaultSeed: UInt64 = 2023
    public static let defaultCases = 4
    public static let defaultAscentSteps = 25
    /// The temperatures at which the witness families are evaluated, toward `tau -> 0`.
    public static let temperatures = [0.1, 0.05, 0.02]
    /// FM2 is searched at collapse level `eps <= 0.01` (`Proofs/model.md` §4.2).
    public static let collapseEps = 0.01
    /// `(N, C)` of the well-posed worlds.
    public static let worldShapes = [(4, 2), (6, 2), (6, 3)]

    public init(settings: CheckSettings = CheckSettings(seed: FieldCheck.defaultSeed, cases: FieldCheck.defaultCases),
                ascentSteps: Int = FieldCheck.defaultAscentSteps) {
        self.settings = settings
        self.ascentSteps = ascentSteps
    }

    /// A gap at most this counts as reaching the supremum: `1e-4 · max(1, |sup|)`. The witnesses reach
    /// far below it at `tau = 0.02` (their gaps shrink like `exp(-c/tau)`); it only absorbs the
    /// last digits of an ascent that converged.
    public static func admitThreshold(supremum: Double) -> Double { 1e-4 * max(1, abs(supremum)) }
    /// A gap at least this on every world counts as a penalty: `1e-2 · max(1, |sup|)`, a hundred times
    /// the admit threshold, so that no cell sits on a knife edge.
    public static func penaliseMargin(supremum: Double) -> Double { 1e-2 * max(1, abs(supremum)) }
    /// Slack for comparing Double values with a derived bound on worlds of at most 6 points: far above
    /// the rounding of a few hundred operations on numbers of size `1/tau <= 50`.
    static func slack(_ scale: Double) -> Double { 1e-9 * max(1, abs(scale)) }

    /// The worlds of the search, fixed by the seed.
    public func worlds() -> [WorldRecipe] {
        var rng = TriadRandom(seed: settings.seed ^ 0x4649_454C_44)
        return Self.worldShapes.map { n, c in WorldRecipe.random(.wellPosed, points: n, clusters: c, dimension: 2, using: &rng) }
    }

    /// One evaluated configuration.
    struct Candidate {
        var value: Double
        var logEps: Double
        var family: String
        var temperature: Double
        var configuration: ConfigurationRecipe
    }

    /// Everything evaluated on one world.
    struct WorldSearch {
        var world: WorldRecipe
        var all: [Candidate] = []
        var inMode: [FailureMode: [Candidate]] = [:]
        var best: Candidate { (all + inMode.values.flatMap { $0 }).max { $0.value < $1.value }! }
    }

    /// Prototypes spread on the unit circle.
    static func spread(_ c: Int) -> [[Double]] {
        (0..<c).map { y in [cos(2 * Double.pi * Double(y) / Double(c)), sin(2 * Double.pi * Double(y) / Double(c))] }
    }

    /// The search on one world.
    func search(_ objective: FieldObjective, world recipe: WorldRecipe, index: Int) throws -> WorldSearch {
        let world: FiniteWorld<Double> = try recipe.world()
        let term = objective.term
        var out = WorldSearch(world: recipe)
        func evaluate(_ c: ConfigurationRecipe, _ family: String) throws -> Candidate {
            let logits = try c.worldLogits(Double.self)
            let v = term.value(world.populationBatch(worldLogits: logits))
            return Candidate(value: v.isNaN ? -.infinity : v, logEps: ClusterCollapse.level(logits: logits).logEps,
                             family: family, temperature: c.temperature, configuration: c)
        }
        func ascend(_ c: ConfigurationRecipe, _ constraint: AdversarialSearch.Constraint) -> ConfigurationRecipe {
            (try? AdversarialSearch.ascend(world: recipe, from: c, term: term, within: constraint, steps: ascentSteps)) ?? c
        }
        // Every objective sees the same starts on a world: the generator depends on the seed and the world only.
        var rng = TriadRandom(seed: settings.seed &+ UInt64(index) &* 0x9E37_79B9)
        let n = recipe.count, c = recipe.clusterCount, u = Self.spread(c)
        let groups = recipe.groups ?? (0..<n).map { $0 % c }
        for tau in Self.temperatures {
            let aligned = ConfigurationRecipe(embeddings: groups.map { u[$0 % c] }, prototypes: u, temperature: tau,
                                              regime: "aligned witness")
            out.all.append(try evaluate(aligned, "aligned: each group at its prototype"))
            out.all.append(try evaluate(Self.jointWitness(recipe, temperature: tau), "aligned, energy shaped to follow p"))
        }
        for k in 0..<settings.cases {
            let start = ConfigurationRecipe.random(k % 2 == 0 ? .aligned : .random, for: recipe, dimension: 2, using: &rng)
            out.all.append(try evaluate(ascend(start, .none), "ascent from a \(start.regime) start"))
        }
        // FM1: one embedding for every point.
        var fm1: [Candidate] = []
        let halfway = [(u[0][0] + u[1][0]) / 2, (u[0][1] + u[1][1]) / 2]
        for tau in Self.temperatures {
            for (v, family) in [(u[0], "constant at u_1"), ([0.0, 0.0], "constant 0 (uniform prediction)"),
                                (halfway, "constant halfway between u_1 and u_2")] {
                fm1.append(try evaluate(RepresentationalCollapse.table(points: n, v: v, prototypes: u, temperature: tau,
                                                                       regime: family), family))
            }
        }
        for _ in 0..<settings.cases {
            var start = ConfigurationRecipe.random(.constant, for: recipe, dimension: 2, using: &rng)
            start.temperature = Self.temperatures[rng.int(in: 0...(Self.temperatures.count - 1))]
            fm1.append(try evaluate(ascend(start, .representationalCollapse), "ascent inside FM1"))
        }
        out.inMode[.representationalCollapse] = fm1
        // FM2(eps): one cluster dominates every point.
        let logEps = log(Self.collapseEps)
        var fm2: [Candidate] = []
        for tau in Self.temperatures {
            var witnessRng = TriadRandom(seed: settings.seed ^ UInt64(tau * 1e6))
            fm2.append(try evaluate(ClusterCollapse.confidentWitness(world: recipe, temperature: tau, noise: 0.05, using: &witnessRng),
                                    "all points at u_1"))
            if let g = ClusterCollapse.generativeWitness(world: recipe, temperature: tau) {
                fm2.append(try evaluate(g, "p_Theta = p under collapse"))
            }
        }
        for _ in 0..<settings.cases {
            let start = ConfigurationRecipe.random(.collapsed, for: recipe, dimension: 2, using: &rng)
            let level = ClusterCollapse.level(logits: try start.worldLogits(Double.self)).logEps
            fm2.append(try evaluate(level <= logEps ? ascend(start, .clusterCollapse(logEps: logEps)) : start,
                                    "ascent inside FM2"))
        }
        // The best configuration found so far, shifted into the mode: its logits plus a per-cluster constant.
        if let best = (out.all + fm1).max(by: { $0.value < $1.value }) {
            fm2.append(try evaluate(Self.shiftedTowardFirstCluster(best.configuration), "best configuration, logits shifted toward cluster 1"))
        }
        out.inMode[.clusterCollapse] = fm2.filter { $0.logEps <= logEps }
        return out
    }

    /// The joint witness of `Proofs/model.md` §3.6 on a well-posed world: each group at its own prototype
    /// (spread on the circle), each point turned away from it by `δ_i` with
    /// `cos δ_i = 1 - tau log(max p / p_i)`, so that its own logit is `log p_i + 1/tau - log max p`: the
    /// energy follows `p` (`L_GEN -> -H(p)`), predictions stay one-hot on the group (`L_INV -> 0`) and the
    /// groups' equal masses make the marginal uniform (`L_PRIOR -> -log C`), as `tau -> 0`. A point whose
    /// turn would exceed half the angle between prototypes stays at the prototype.
    static func jointWitness(_ w: WorldRecipe, temperature tau: Double) -> ConfigurationRecipe {
        let n = w.count, c = w.clusterCount
        let groups = w.groups ?? (0..<n).map { $0 % c }
        let total = Double(w.lawCounts.reduce(0, +))
        let p = w.lawCounts.map { Double($0) / total }, top = p.max() ?? 1
        let embeddings = (0..<n).map { i -> [Double] in
            let base = 2 * Double.pi * Double(groups[i] % c) / Double(c)
            let cosine = 1 - tau * log(top / max(p[i], .leastNormalMagnitude))
            let turn = cosine > cos(Double.pi / Double(c)) ? acos(cosine) : 0
            return [cos(base + turn), sin(base + turn)]
        }
        return ConfigurationRecipe(embeddings: embeddings, prototypes: spread(c), temperature: tau, regime: "joint witness")
    }

    /// The configuration whose logits are `c`'s plus a per-cluster constant — `+1/(alpha tau)` for
    /// cluster 1, `-1/(alpha tau)` for the others, `alpha = 0.01` — so that cluster 1 dominates every
    /// point (collapse level far below ``collapseEps``): a third embedding coordinate does it. With
    /// `e'_i = (e_i/|e_i|, 1)`, `u'_1 = (alpha u_1/|u_1|, 1)`, `u'_y = (alpha u_y/|u_y|, -1)` and
    /// `tau' = alpha tau / (sqrt 2 sqrt(1 + alpha^2))`, the cosine head gives exactly
    /// `l'_y = cos(e_i, u_y)/tau ± 1/(alpha tau)` (`Proofs/field.md`). An objective that reads the logits
    /// only up to a per-cluster shift (batch normalisation does) keeps its value.
    static func shiftedTowardFirstCluster(_ c: ConfigurationRecipe) -> ConfigurationRecipe {
        let alpha = 0.01
        func unit(_ v: [Double]) -> [Double] {
            let n = v.map { $0 * $0 }.reduce(0, +).squareRoot()
            return n > 0 ? v.map { $0 / n } : v
        }
        return ConfigurationRecipe(
            embeddings: c.embeddings.map { unit($0) + [1] },
            prototypes: c.prototypes.enumerated().map { y, u in unit(u).map { alpha * $0 } + [y == 0 ? 1 : -1] },
            temperature: alpha * c.temperature / (2.0.squareRoot() * (1 + alpha * alpha).squareRoot()),
            regime: "shifted toward cluster 1")
    }

    /// The objective's row.
    public func row(_ objective: FieldObjective) throws -> FieldRow {
        let searches = try worlds().enumerated().map { try search(objective, world: $1, index: $0) }
        // The supremum on each world.
        var sups: [Double] = [], derivedUsed: [Bool] = [], violation: String? = nil
        for s in searches {
            let best = s.best
            switch objective.supremum {
            case .derived(_, _, let value):
                let bound = value(s.world)
                if best.value > bound + Self.slack(bound), violation == nil {
                    violation = "\(best.family) at tau \(best.temperature) reached \(best.value) > derived supremum \(bound) on \(s.world.count) points, C = \(s.world.clusterCount)"
                }
                let approached = bound - best.value <= Self.admitThreshold(supremum: bound)
                sups.append(approached ? bound : best.value)
                derivedUsed.append(approached)
            case .searched:
                sups.append(best.value)
                derivedUsed.append(false)
            }
        }
        let supremumText: String
        switch objective.supremum {
        case .derived(let formula, _, _):
            let k = derivedUsed.filter { $0 }.count
            supremumText = k == searches.count
                ? "\(formula) (derived; approached on all \(k) worlds)"
                : "\(formula) (derived) approached on \(k) of \(searches.count) worlds; elsewhere the best value found"
        case .searched:
            supremumText = "searched: the best value found on each world"
        }
        var cells: [FieldCell] = []
        for mode in [FailureMode.representationalCollapse, .clusterCollapse] {
            cells.append(collapseCell(objective, mode, searches: searches, sups: sups, derived: derivedUsed))
        }
        cells.append(try permutationCell(objective))
        return FieldRow(objective: objective, supremum: supremumText, supremumHolds: violation == nil,
                        supremumViolation: violation, cells: cells)
    }

    static func g(_ x: Double) -> String { format(x) }

    /// An FM1 or FM2 cell from the searches.
    func collapseCell(_ objective: FieldObjective, _ mode: FailureMode, searches: [WorldSearch], sups: [Double],
                      derived: [Bool]) -> FieldCell {
        var gaps: [Double] = [], bests: [Candidate] = [], cases = 0
        var boundHolds = true, smallestBound = Double.infinity
        for (s, sup) in zip(searches, sups) {
            let inMode = s.inMode[mode] ?? []
            cases += inMode.count
            guard let best = inMode.max(by: { $0.value < $1.value }) else {
                gaps.append(.nan)
                continue
            }
            bests.append(best)
            gaps.append(sup - best.value)
            if let b = objective.gapBounds[mode] {
                for cand in inMode {
                    let bound = b.bound(s.world, cand.logEps)
                    smallestBound = min(smallestBound, bound)
                    if sup - cand.value < bound - Self.slack(sup) { boundHolds = false }
                }
            }
        }
        let worlds = searches.count
        guard gaps.allSatisfy({ !$0.isNaN }) else {
            return FieldCell(mode: mode, verdict: .inconclusive, strength: .none,
                             evidence: "no configuration inside the mode on some world", cases: cases, replay: nil)
        }
        let largest = zip(gaps, bests).max { $0.0 < $1.0 }!, smallest = zip(gaps, bests).min { $0.0 < $1.0 }!
        if zip(gaps, sups).allSatisfy({ $0 <= Self.admitThreshold(supremum: $1) }) {
            return FieldCell(mode: mode, verdict: .admits, strength: .searched,
                             evidence: "witness reaches the supremum on all \(worlds) worlds: largest gap \(Self.g(max(0, largest.0))) "
                                 + "(\(largest.1.family), tau \(largest.1.temperature)); \(cases) configurations in the mode",
                             cases: cases, replay: nil)
        }
        if zip(gaps, sups).allSatisfy({ $0 >= Self.penaliseMargin(supremum: $1) }) {
            let proved = objective.gapBounds[mode] != nil && boundHolds && smallestBound > 0 && derived.allSatisfy { $0 }
            var evidence = "smallest gap \(Self.g(smallest.0)) over \(cases) configurations in the mode on \(worlds) worlds "
                + "(best: \(smallest.1.family), tau \(smallest.1.temperature))"
            if let b = objective.gapBounds[mode] {
                evidence += boundHolds
                    ? "; every gap >= the derived bound \(b.formula) (smallest \(Self.g(smallestBound)))"
                    : "; the derived bound \(b.formula) was beaten: the derivation is wrong"
            }
            return FieldCell(mode: mode, verdict: .penalises, strength: proved ? .proved : .searched, evidence: evidence,
                             cases: cases, replay: nil)
        }
        return FieldCell(mode: mode, verdict: .inconclusive, strength: .none,
                         evidence: "gaps per world " + gaps.map(Self.g).joined(separator: ", ")
                             + ": neither all <= \(Self.g(Self.admitThreshold(supremum: sups.max()!))) nor all >= the margin",
                         cases: cases, replay: nil)
    }

    /// The FM3 cell: invariance under re-pairing, as a property of the engine.
    func permutationCell(_ objective: FieldObjective) throws -> FieldCell {
        let term = objective.term, amplification = objective.roundingAmplification
        let head = CosineHead()
        var propertySettings = settings
        propertySettings.cases = settings.cases * 8
        let property = Property(objective.claimID(.permutation) + ".invariance", sizes: SizeSpace(N: 3...8, C: 2...4, D: 1...3, n: 2...10),
                                generator: Theorem1Check.permutationCases(),
                                coverage: [.fraction("aligned + cross-group swap", atLeast: 0.2),
                                           .fraction("random + random permutation", atLeast: 0.2)]) { c in
            let (a, b, rounding) = try Theorem1Check.repairedValues(term, head: head, c, as: Double.self)
            return .expect(!Theorem1Check.changed(a, b, rounding: amplification * rounding),
                           "L(D) = \(a), L(D_pi) = \(b): |ΔL| = \(abs(a - b)) > rounding \(amplification * rounding)",
                           regime: c.regime)
        }
        let result = try property.check(propertySettings)
        guard let cx = result.counterexample else {
            return FieldCell(mode: .permutation, verdict: result.passed ? .admits : .inconclusive,
                             strength: result.passed ? .searched : .none,
                             evidence: result.passed
                                 ? "no re-pairing changed the value beyond rounding in \(result.casesRun) cases"
                                 : "search failed: " + (result.failureMessage ?? result.status.rawValue),
                             cases: result.casesRun, replay: nil)
        }
        let c = property.generator.generate(seed: cx.seed, size: cx.size)
        let (a, b, rounding) = try Theorem1Check.repairedValues(term, head: head, c, as: Double.self)
        let (ia, ib, _) = try Theorem1Check.repairedValues(term, head: head, c, as: Interval.self)
        let certified = Theorem1Check.changed(ia, ib, rounding: 0)
        return FieldCell(mode: .permutation, verdict: .penalises, strength: .counterexample,
                         evidence: "re-pairing changes the value by \(Self.g(abs(a - b))) > rounding \(Self.g(amplification * rounding))"
                             + (certified ? " (certified in interval arithmetic)" : "")
                             + " on N = \(c.world.count), C = \(c.world.clusterCount), n = \(c.dataset.count) (shrunk)",
                         cases: result.casesRun, replay: result.replayLine)
    }
}
