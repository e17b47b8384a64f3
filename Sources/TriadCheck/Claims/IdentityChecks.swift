import Glibc
import TriadCore

/// The identity claims of Proofs/bounds.md (ID.*, EQ11, and the KL form of the gaps in EQ4.*), run on
/// random worlds against a ``TermSet``. Each returns its failures (empty when the claim holds) and
/// one line of evidence.
public struct IdentityChecks: Sendable {
    public var terms: TermSet
    public var cases: Int
    public var seed: UInt64

    public init(terms: TermSet = .reference, cases: Int = 300, seed: UInt64 = 21) {
        self.terms = terms
        self.cases = cases
        self.seed = seed
    }

    /// The outcome of one identity check.
    public struct Outcome: Sendable {
        public let failures: [String]
        public let evidence: String
        public var holds: Bool { failures.isEmpty }
    }

    func randomCases(maxPoints: Int = 8) -> [BoundCase] {
        var rng = TriadRandom(seed: seed)
        return (0..<cases).map { BoundCase.random(index: $0, maxPoints: maxPoints, using: &rng) }
    }

    /// Tolerance of a Double identity: sums of `O(N^2 + C)` terms bounded by `S = 2/tau + log N + log C + 1`.
    static func tolerance(_ c: BoundCase) -> Double {
        BoundCheck.tolerance(unitRoundoff: Double.ulpOfOne, pairs: c.world.count * c.world.count,
                             points: c.world.count, clusters: c.world.clusterCount, temperature: c.configuration.temperature)
    }

    /// `gap_GEN = KL(p || p_Theta)` and `gap_PRIOR = KL(u || q)`, with `p_Theta` from the energies and `q`
    /// as the `p`-weighted mean of the predictions over the world, both computed independently of the
    /// terms (which read the batch of pairs `p_i A_ij`).
    public func gapsAreDivergences() throws -> Outcome {
        var failures: [String] = [], worst = 0.0
        for c in randomCases() {
            let world: FiniteWorld<Double> = try c.world.world()
            let logits: Matrix<Double> = try c.configuration.worldLogits(Double.self, head: terms.head)
            let batch = world.populationBatch(worldLogits: logits)
            let tol = Self.tolerance(c)
            let gen = terms.evaluate(.generative, on: batch, dataLaw: world.dataLaw).gap
            let energies = rowLogSumExp(logits)
            let logGamma: Double = logSumExp(energies)
            let kl = Information.kullbackLeibler(logA: world.dataLaw.map { $0 == 0 ? -.infinity : log($0) },
                                                 logB: energies.map { $0 - logGamma })
            let prior = terms.evaluate(.prior, on: batch, dataLaw: world.dataLaw).gap
            // q_y = E_p[p(y|x)] over the world (not the batch's pairs), in log space: at tau ~ 1e-3 the
            // small entries of q are subnormal or underflow as probabilities.
            let lp = logits.rowLogSoftmax()
            let logQ: [Double] = (0..<world.clusterCount).map { y in
                logSumExp((0..<world.count).filter { world.dataLaw[$0] > 0 }.map { log(world.dataLaw[$0]) + lp[$0, y] })
            }
            let logUniform = Array(repeating: -log(Double(world.clusterCount)), count: world.clusterCount)
            let klPrior = Information.kullbackLeibler(logA: logUniform, logB: logQ)
            worst = max(worst, abs(gen - kl) / tol, abs(prior - klPrior) / tol)
            if !(abs(gen - kl) <= tol) { failures.append("gap_GEN \(gen) vs KL(p || p_Theta) \(kl) (tol \(tol))\n\(c)") }
            if !(abs(prior - klPrior) <= tol) { failures.append("gap_PRIOR \(prior) vs KL(u || q) \(klPrior) (tol \(tol))\n\(c)") }
        }
        return Outcome(failures: failures, evidence: "\(cases) worlds; worst |gap - KL| = \(format(worst)) tolerances")
    }

    /// `CE(a, b) = H(a) + KL(a || b)` on random laws with zeros in `a`.
    public func crossEntropyDecomposes() -> Outcome {
        var rng = TriadRandom(seed: seed ^ 0xCE)
        var failures: [String] = []
        for _ in 0..<(cases * 3) {
            let n = rng.int(in: 1...8)
            var a = (0..<n).map { _ in rng.nextUnit() < 0.2 ? 0 : rng.uniform(0, 1) }
            if a.allSatisfy({ $0 == 0 }) { a[0] = 1 }
            let b = (0..<n).map { _ in rng.uniform(0.01, 1) }
            let (sa, sb) = (a.reduce(0, +), b.reduce(0, +))
            let (pa, pb) = (a.map { $0 / sa }, b.map { $0 / sb })
            let ce = Information.crossEntropy(pa, pb), h = Information.entropy(pa), kl = Information.kullbackLeibler(pa, pb)
            // Three sums of n terms each bounded by |log(0.01/8)| ≈ 6.7.
            if !(abs(ce - (h + kl)) <= 1e-13 * Double(n) * 7) || kl < -1e-15 {
                failures.append("a=\(pa) b=\(pb): CE \(ce), H + KL \(h + kl)")
            }
        }
        return Outcome(failures: failures, evidence: "\(cases * 3) pairs of laws")
    }

    /// `p(y|x) = p(x, y)/p_Theta(x)` with `p(x, y) = exp(l_y(x))/Gamma`, the joint summing to 1, and the
    /// The consequences of bounded logits (`Proofs/model.md` §1.4): `|l| <= 1/tau`, `-E ∈ [max l, max l + log C]`, `max p_Theta / min p_Theta <= exp(2/tau)`.
    public func conditionalOfJoint() throws -> Outcome {
        var failures: [String] = []
        for c in randomCases() {
            let logits: Matrix<Double> = try c.configuration.worldLogits(Double.self, head: terms.head)
            let logGamma = GenerativeTerm.logPartition(Partition.exact(logits))
            let joint = logits.map { exp($0 - logGamma) }
            let marginal = GenerativeTerm.modelLaw(worldLogits: logits)
            let conditional = logits.rowSoftmax()
            let total = joint.storage.reduce(0, +)
            if !(abs(total - 1) <= 1e-13 * Double(joint.storage.count)) { failures.append("joint sums to \(total)\n\(c)") }
            let tau = c.configuration.temperature
            // Proofs/model.md §1.4: cosine logits are bounded, |l| <= 1/tau.
            if let l = logits.storage.first(where: { !(abs($0) <= (1 / tau) * (1 + 1e-12)) }) {
                failures.append("logit \(l) outside [-1/tau, 1/tau] at tau \(tau)\n\(c)")
            }
            for i in 0..<logits.rows {
                for y in 0..<logits.columns {
                    let ratio = joint[i, y] / marginal[i]
                    // Each side is a few exps of arguments up to 2/tau: relative error ~ u (2/tau).
                    let tol = 1e-14 + 8 * Double.ulpOfOne * (2 / tau + 1) * conditional[i, y]
                    if !(abs(ratio - conditional[i, y]) <= tol) {
                        failures.append("x=\(i) y=\(y): joint/marginal \(ratio) vs softmax \(conditional[i, y])\n\(c)")
                    }
                }
                let m = logits.row(i).max()!, negE: Double = logSumExp(logits.row(i))
                if !(negE >= m && negE <= m + log(Double(logits.columns)) + 1e-12) { failures.append("-E(w_\(i)) = \(negE) outside [max l, max l + log C]") }
            }
            if !(marginal.max()! / marginal.min()! <= exp(2 / tau) * (1 + 1e-12)) { failures.append("density ratio above exp(2/tau)\n\(c)") }
        }
        return Outcome(failures: failures, evidence: "\(cases) worlds")
    }

    /// Eq. 11 on table-encoder worlds: the gradient assembled from the identity (data minus model
    /// expectation of `∇E`) and the term's own gradient chained through the head both agree with
    /// five-point central differences of the term's exact value (relative 2-norm error `< 1e-6`).
    public func energyGradient() throws -> Outcome {
        var failures: [String] = [], worst = 0.0
        var rng = TriadRandom(seed: seed ^ 0xE11)
        for index in 0..<max(1, cases / 5) {
            let c = BoundCase.random(index: index, maxPoints: 6, using: &rng)
            let world: FiniteWorld<Double> = try c.world.world()
            let head: ClusterHead<Double> = try c.configuration.head()
            let table = try c.configuration.encoder(Double.self).table
            // The value goes through the head under check; the identity uses the cosine head's derivative.
            func lgen(_ t: Matrix<Double>) -> Double {
                terms.generative.value(world.populationBatch(worldLogits: terms.head.logits(t, prototypes: head.prototypes, temperature: head.temperature)))
            }
            let logits = terms.head.logits(table, prototypes: head.prototypes, temperature: head.temperature)
            let energyGradient = head.backward(table, logitGradient: logits.rowSoftmax().map { -$0 }).embeddings
            let model = GenerativeTerm.modelLaw(worldLogits: logits)
            var identity = Matrix<Double>.zeros(rows: table.rows, columns: table.columns)
            for i in 0..<table.rows {
                for a in 0..<table.columns { identity[i, a] = (model[i] - world.dataLaw[i]) * energyGradient[i, a] }
            }
            let g = terms.generative.gradient(world.populationBatch(worldLogits: logits))
            let chained = head.backward(table, logitGradient: world.populationLogitGradient(g)).embeddings
            var fd = Matrix<Double>.zeros(rows: table.rows, columns: table.columns)
            for k in table.storage.indices {
                let h = 1e-4 * max(1, abs(table.storage[k]))
                func at(_ d: Double) -> Double { var t = table; t.storage[k] += d; return lgen(t) }
                fd.storage[k] = (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h)
            }
            // Truncation ~h^4 f^(5), rounding ~u/h ≈ 1e-12; floor 1e-3 on the norm for vanishing gradients.
            func relativeError(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
                let diff = zip(a.storage, b.storage).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
                return diff / max(b.storage.map { $0 * $0 }.reduce(0, +).squareRoot(), 1e-3)
            }
            let (eIdentity, eChained) = (relativeError(identity, fd), relativeError(chained, fd))
            worst = max(worst, eIdentity, eChained)
            if !(eIdentity < 1e-6) { failures.append("identity vs finite differences: relative error \(eIdentity)\n\(c)") }
            if !(eChained < 1e-6) { failures.append("term gradient vs finite differences: relative error \(eChained)\n\(c)") }
        }
        return Outcome(failures: failures, evidence: "\(max(1, cases / 5)) worlds; worst relative error \(format(worst))")
    }
}
