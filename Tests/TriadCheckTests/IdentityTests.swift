import Testing
import TriadCheck
import TriadCore
import TriadTestSupport

/// The identities the bound proofs rest on, on random worlds: `gap_GEN = KL(p || p_Theta)`,
/// `gap_PRIOR = KL(uniform || q)`, `CE = H + KL`, and `p(y|x)` is the conditional of the energy
/// model's joint `p(x, y) = exp(l_y(x)) / Gamma` (SPEC sections 1-2).
@Suite("Identities: gaps are KL divergences; p(y|x) is the joint's conditional")
struct IdentityTests {
    /// Reason for the tolerance: both sides are sums of `O(N + C)` terms of magnitude at most
    /// `S = 2/tau + log N + log C + 1` computed in Double.
    static func tolerance(_ c: BoundCase) -> Double {
        BoundCheck.tolerance(unitRoundoff: Double.ulpOfOne, pairs: c.world.count * c.world.count,
                             points: c.world.count, clusters: c.world.clusterCount, temperature: c.configuration.temperature)
    }

    static func cases(_ name: String, _ seed: UInt64) -> [BoundCase] {
        var rng = TestSeed.generator(name, default: seed)
        return (0..<TestSeed.cases(300)).map { BoundCase.random(index: $0, using: &rng) }
    }

    @Test("gap_GEN = KL(p || p_Theta) and gap_PRIOR = KL(uniform || q) on 300 random worlds (Double)")
    func gapsAreDivergences() throws {
        for c in Self.cases("gapsAreDivergences", 21) {
            let world: FiniteWorld<Double> = try c.world.world()
            let logits: Matrix<Double> = try c.configuration.worldLogits()
            let batch = world.populationBatch(worldLogits: logits)
            let gen = TermSet.reference.evaluate(.generative, on: batch, dataLaw: world.dataLaw)
            let logModel = GenerativeTerm.modelLogLaw(worldLogits: logits)
            let kl = Information.kullbackLeibler(logA: world.dataLaw.map { $0 == 0 ? -.infinity : Double.log($0) }, logB: logModel)
            let tol = Self.tolerance(c)
            #expect(abs(gen.gap - kl) <= tol, "gap_GEN \(gen.gap) vs KL \(kl) (tol \(tol))\n\(c)")

            let prior = TermSet.reference.evaluate(.prior, on: batch, dataLaw: world.dataLaw)
            let q = PriorTerm.logMarginal(logits: batch.logits, weights: batch.weights).map(Double.exp)
            let uniform = Array(repeating: 1 / Double(world.clusterCount), count: world.clusterCount)
            let klPrior = Information.kullbackLeibler(uniform, q)
            #expect(abs(prior.gap - klPrior) <= tol, "gap_PRIOR \(prior.gap) vs KL \(klPrior)\n\(c)")
            // The marginal is the p-weighted mean of the predictions, computed directly.
            let p = logits.rowSoftmax()
            for y in 0..<world.clusterCount {
                let direct = world.expectation((0..<world.count).map { p[$0, y] })
                #expect(abs(direct - q[y]) <= 1e-12 + 1e-12 * q[y], "q[\(y)] \(q[y]) vs direct \(direct)")
            }
        }
    }

    @Test("CE(a, b) = H(a) + KL(a || b) on random laws, including zeros in a")
    func crossEntropyDecomposes() {
        var rng = TestSeed.generator("crossEntropyDecomposes", default: 22)
        for _ in 0..<1_000 {
            let n = 1 + Int(rng.next() % 8)
            var a = (0..<n).map { _ in rng.nextUnit() < 0.2 ? 0 : rng.uniform(0, 1) }
            if a.allSatisfy({ $0 == 0 }) { a[0] = 1 }
            let b = (0..<n).map { _ in rng.uniform(0.01, 1) }
            let (sa, sb) = (a.reduce(0, +), b.reduce(0, +))
            let (pa, pb) = (a.map { $0 / sa }, b.map { $0 / sb })
            let ce = Information.crossEntropy(pa, pb), h = Information.entropy(pa), kl = Information.kullbackLeibler(pa, pb)
            // Reason: three sums of n terms each bounded by |log 0.01/8| ≈ 6.7.
            #expect(abs(ce - (h + kl)) <= 1e-13 * Double(n) * 7, "a=\(pa) b=\(pb)")
            #expect(kl >= -1e-15 && Information.kullbackLeibler(pa, pa) == 0)
        }
    }

    @Test("p(y|x) = p(x, y) / p_Theta(x) with the joint exp(l_y(x)) / Gamma summing to 1 over the world")
    func conditionalOfJoint() throws {
        for c in Self.cases("conditionalOfJoint", 23) {
            let logits: Matrix<Double> = try c.configuration.worldLogits()
            let logGamma = GenerativeTerm.logPartition(Partition.exact(logits))
            let joint = logits.map { Double.exp($0 - logGamma) }
            let marginal = GenerativeTerm.modelLaw(worldLogits: logits)
            let conditional = logits.rowSoftmax()
            #expect(abs(joint.storage.reduce(0, +) - 1) <= 1e-13 * Double(joint.storage.count))
            for i in 0..<logits.rows {
                for y in 0..<logits.columns {
                    let ratio = joint[i, y] / marginal[i]
                    // Reason: each side is a few exps of arguments up to 2/tau; relative error ~ u·(2/tau).
                    let tol = 1e-14 + 8 * Double.ulpOfOne * (2 / c.configuration.temperature + 1) * conditional[i, y]
                    #expect(abs(ratio - conditional[i, y]) <= tol, "x=\(i) y=\(y): \(ratio) vs \(conditional[i, y])")
                }
            }
            // SPEC consequences: -E in [max l, max l + log C]; density ratio <= exp(2/tau).
            let negE = rowLogSumExp(logits)
            for i in 0..<logits.rows {
                let m = logits.row(i).max()!
                #expect(negE[i] >= m && negE[i] <= m + Double.log(Double(logits.columns)) + 1e-12)
            }
            let ratio = marginal.max()! / marginal.min()!
            #expect(ratio <= Double.exp(2 / c.configuration.temperature) * (1 + 1e-12))
        }
    }
}
