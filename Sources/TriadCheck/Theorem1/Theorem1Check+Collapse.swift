import Glibc
import TriadCore

extension Theorem1Check {
    /// The temperatures along which witness families are followed toward `tau -> 0`.
    static let witnessTemperatures = [0.5, 0.2, 0.1, 0.05, 0.02, 0.01]
    /// A family witnesses FM2 only if its collapse level at the last temperature is at most this.
    static let collapseLevel = 0.01

    /// The witness families inside the mode: each is a function from (world, tau) to a configuration.
    func witnessFamilies(_ mode: FailureMode) -> [(name: String, build: (WorldRecipe, Double) -> ConfigurationRecipe?)] {
        switch mode {
        case .representationalCollapse:
            return [
                ("constant v = u_1", { w, tau in
                    let c = w.clusterCount
                    let u = (0..<c).map { y in [cos(2 * Double.pi * Double(y) / Double(c)), sin(2 * Double.pi * Double(y) / Double(c))] }
                    return RepresentationalCollapse.table(points: w.count, v: u[0], prototypes: u, temperature: tau, regime: "constant v = u_1")
                }),
                ("constant v = 0 (uniform prediction)", { w, tau in
                    let c = w.clusterCount
                    let u = (0..<c).map { y in [cos(2 * Double.pi * Double(y) / Double(c)), sin(2 * Double.pi * Double(y) / Double(c))] }
                    return RepresentationalCollapse.table(points: w.count, v: [0, 0], prototypes: u, temperature: tau, regime: "constant v = 0")
                }),
            ]
        case .clusterCollapse:
            return [
                ("p_Theta = p under collapse", { w, tau in ClusterCollapse.generativeWitness(world: w, temperature: tau) }),
                ("all points at u_1", { w, tau in
                    var rng = TriadRandom(seed: UInt64(w.count) &* 7919 &+ UInt64(tau * 1e6))
                    return ClusterCollapse.confidentWitness(world: w, temperature: tau, noise: 0.05, using: &rng)
                }),
            ]
        case .permutation:
            return []
        }
    }

    /// Follows every witness family toward `tau -> 0` on every witness world; returns the best
    /// family that reaches the bound (gap below threshold, and for FM2 collapse level at most
    /// ``collapseLevel``) on all worlds, or the closest one when none reaches it.
    func bestWitness<T: Real>(_ role: TermRole, _ mode: FailureMode, as _: T.Type) throws
        -> (witness: CellEvidence.Witness?, reaches: Bool)
    {
        var best: (CellEvidence.Witness, Bool)? = nil
        for family in witnessFamilies(mode) {
            var worst: CellEvidence.Witness? = nil
            var reachesEverywhere = true
            for world in witnessWorlds() {
                var last: CellEvidence.Witness? = nil
                for tau in Self.witnessTemperatures {
                    guard let config = family.build(world, tau) else { continue }
                    let logits: Matrix<T> = try config.worldLogits(T.self, head: terms.head)
                    let g = try gap(role, world: world, logits: logits)
                    let eps = ClusterCollapse.level(logits: logits).eps
                    last = CellEvidence.Witness(family: family.name, gap: g.upperBound, eps: eps, temperature: tau)
                }
                guard let last else { reachesEverywhere = false; continue }
                let threshold = Self.witnessThreshold(T.self, world: world, temperature: last.temperature)
                let inMode = mode != .clusterCollapse || last.eps <= Self.collapseLevel
                if !(last.gap <= threshold && inMode) { reachesEverywhere = false }
                if worst == nil || last.gap > worst!.gap { worst = last }
            }
            guard let worst else { continue }
            if best == nil || (reachesEverywhere && !best!.1) || (reachesEverywhere == best!.1 && worst.gap < best!.0.gap) {
                best = (worst, reachesEverywhere)
            }
        }
        return (best?.0, best?.1 ?? false)
    }

    /// The generator of search cases inside FM1 or FM2 (random and adversarial configurations).
    func collapseCases(_ role: TermRole, _ mode: FailureMode) -> Gen<ModeCase> {
        let terms = self.terms
        return Gen { rng, size in
            let world = WorldRecipe.random(.wellPosed, points: size.N, clusters: size.C, dimension: size.D, using: &rng)
            let tau = 0.05 * exp(rng.uniform(0, 1) * log(40.0))  // log-uniform in [0.05, 2]
            let kind = rng.int(in: 0...2)
            switch mode {
            case .representationalCollapse:
                let k = 2
                let v = (0..<k).map { _ in rng.gaussian() }
                let prototypes = (0..<world.clusterCount).map { _ in (0..<k).map { _ in rng.gaussian() } }
                var config = RepresentationalCollapse.table(points: world.count, v: v, prototypes: prototypes,
                                                            temperature: tau, regime: "table")
                if kind == 0 {
                    return ModeCase(world: world, configuration: config, mlpSeed: rng.next(), regime: "MLP encoder")
                }
                if kind == 1 {
                    config = (try? AdversarialSearch.ascend(world: world, from: config, term: terms.term(role),
                                                            within: .representationalCollapse)) ?? config
                    return ModeCase(world: world, configuration: config, regime: "table + ascent")
                }
                return ModeCase(world: world, configuration: config, regime: "table")
            default:
                var config = ConfigurationRecipe.random(.collapsed, for: world, dimension: 2, using: &rng)
                config.temperature = 0.02 * exp(rng.uniform(0, 1) * log(25.0))  // [0.02, 0.5]
                if kind == 2 {
                    config = ConfigurationRecipe.random(.random, for: world, dimension: 2, using: &rng)
                }
                if kind == 1, let logEps = try? ClusterCollapse.level(logits: config.worldLogits(Double.self)).logEps {
                    config = (try? AdversarialSearch.ascend(world: world, from: config, term: terms.term(role),
                                                            within: .clusterCollapse(logEps: logEps))) ?? config
                }
                return ModeCase(world: world, configuration: config, regime: "")
            }
        }
    }

    /// The regime of an FM2 case by its collapse level.
    static func collapseRegime(eps: Double, clusters c: Int) -> String {
        if eps < 0.05 { return "strong collapse (eps < 0.05)" }
        if 1 - eps > 1 / Double(c) + 0.1 { return "moderate collapse" }
        return "weak collapse (1 - eps <= 1/C + 0.1)"
    }

    /// FM1 and FM2 cells.
    func collapseCell<T: Real>(_ role: TermRole, _ mode: FailureMode, as _: T.Type) throws -> CellEvidence {
        let (witness, reaches) = try bestWitness(role, mode, as: T.self)
        let coverage: [CoverageRequirement] = mode == .representationalCollapse
            ? [.fraction("MLP encoder", atLeast: 0.15), .fraction("table", atLeast: 0.15), .fraction("table + ascent", atLeast: 0.15)]
            : [.fraction("strong collapse (eps < 0.05)", atLeast: 0.2), .fraction("moderate collapse", atLeast: 0.05)]
        let id = Self.claimID(role, mode) + ".search." + T.typeName
        let check = self
        // Stats of the run, recomputed deterministically from the passing cases below.
        let property = Property(id, sizes: SizeSpace(N: 3...8, C: 2...4, D: 1...3, n: 1...1),
                                generator: collapseCases(role, mode), coverage: coverage) { c in
            let logits: Matrix<T> = try c.logits(T.self, head: check.terms.head)
            let g = try check.gap(role, world: c.world, logits: logits)
            let (_, eps, logEps) = ClusterCollapse.level(logits: logits)
            let bound = check.derivedBound(role, mode, world: c.world, logEps: logEps)
            // The derived bound is computed in Double: its rounding joins that of the gap in T.
            func tolerance(_ u: Double) -> Double {
                BoundCheck.tolerance(unitRoundoff: u, pairs: c.world.count * c.world.count, points: c.world.count,
                                     clusters: c.world.clusterCount, temperature: c.configuration.temperature)
            }
            let tol = (T.isCertified ? 0 : tolerance(T.unitRoundoff)) + tolerance(Double.ulpOfOne)
            let regime = mode == .representationalCollapse ? c.regime : Self.collapseRegime(eps: eps, clusters: c.world.clusterCount)
            var ok = !g.isNaN && g.upperBound >= bound - tol
            // L_GEN in FM1: the gap is exactly log N - H(p) (an equality, not only a bound).
            if role == .generative && mode == .representationalCollapse { ok = ok && g.lowerBound <= bound + tol }
            return .expect(ok, "gap [\(g.lowerBound), \(g.upperBound)] vs derived bound \(bound) (tol \(tol)), eps \(eps)", regime: regime)
        }
        // The evidence is aggregated over the very cases the engine ran (planned and coverage cases).
        var smallestBound = Double.infinity, smallestGap = Double.infinity, worstMargin = Double.infinity, certified = 0
        var closestRatio = Double.infinity, bounded = 0
        let result = try property.check(settings) { c, _ in
            let logits: Matrix<T> = try c.logits(T.self, head: check.terms.head)
            let g = try check.gap(role, world: c.world, logits: logits)
            let bound = check.derivedBound(role, mode, world: c.world, logEps: ClusterCollapse.level(logits: logits).logEps)
            if bound > 0 { smallestBound = min(smallestBound, bound) }
            if bound > 1e-3 { closestRatio = min(closestRatio, g.lowerBound / bound); bounded += 1 }
            smallestGap = min(smallestGap, g.lowerBound)
            worstMargin = min(worstMargin, g.upperBound - bound)
            if T.isCertified && g.lowerBound > 0 { certified += 1 }
        }
        let bound = CellEvidence.Bound(smallestDerivedBound: smallestBound == .infinity ? 0 : smallestBound,
                                       smallestGap: smallestGap, worstMargin: worstMargin, closestRatio: closestRatio,
                                       boundedCases: bounded, certifiedPositive: certified)
        let verdict: ModeVerdict
        if reaches {
            verdict = .admits
        } else if result.passed && bound.smallestDerivedBound > 0 {
            verdict = .penalises
        } else {
            verdict = .inconclusive
        }
        return CellEvidence(role: role, mode: mode, precision: try Precision(parsing: T.typeName), verdict: verdict, witness: witness,
                            bound: bound, change: nil, search: result)
    }
}
