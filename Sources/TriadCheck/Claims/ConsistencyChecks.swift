import Glibc
import TriadCore

/// Claims that hold for any correct implementation of the terms on any batch, not only on worlds
/// (Proofs/consistency.md): each term's gradient is the derivative of its value (GRAD.TERMS), and its
/// value does not depend on the order of the pairs (SYM.ORDER), on splitting a pair into two halves of
/// its weight (SYM.SPLIT), or on the names of the clusters (SYM.LABELS). They catch classes of bugs
/// (a detached target, an index mix-up, weights dropped, a cluster treated specially) rather than cases.
public struct ConsistencyChecks: Sendable {
    public var terms: TermSet
    /// Seed, cases (random batches) and replay of the runs.
    public var settings: CheckSettings

    public init(terms: TermSet = .reference, settings: CheckSettings) {
        self.terms = terms
        self.settings = settings
    }

    public init(terms: TermSet = .reference, cases: Int = 60, seed: UInt64 = 31) {
        self.init(terms: terms, settings: CheckSettings(seed: seed, cases: cases))
    }

    /// The terms checked, with their labels: the three terms and `L_GEDI`.
    static func namedTerms(_ terms: TermSet) -> [(String, any ObjectiveTerm)] {
        [("L_GEN", terms.generative), ("L_INV", terms.invariance), ("L_PRIOR", terms.prior), ("L_GEDI", terms.gedi)]
    }

    /// The number of partition points `m` of a random batch.
    static let partitionPoints = Size.Key("m", minimum: 1, "partition points")
    /// Batches of `n ∈ 1...5` pairs, `C ∈ 2...4` clusters and `m ∈ 1...4` partition points.
    static let sizes = SizeSpace([(.samples, 1...5), (.clusters, 2...4), (partitionPoints, 1...4)])
    /// Both partition kinds and every logit scale in at least 10% of the planned cases (each is drawn
    /// with probability 1/2 and 1/3).
    static let coverage: [CoverageRequirement] = .fractions(
        ["exact, scale 0.5": 0.05, "exact, scale 3": 0.05, "exact, scale 20": 0.05,
         "sampled, scale 0.5": 0.05, "sampled, scale 3": 0.05, "sampled, scale 20": 0.05])

    /// A random batch: `n` pairs, `C` clusters, logits `N(0, scale^2)` with the scale one of 0.5, 3,
    /// 20, pair weights in `[0.1, 1]` normalised, and a partition that is exact or sampled with
    /// sample weights in `[0.1, 1]` normalised (not uniform: a term that ignores them must show it).
    static let batches = Gen<(TermBatch<Double>, String)> { rng, size in
        let n = size.n, c = size.C, m = size[partitionPoints]
        let scale = [0.5, 3, 20][rng.int(in: 0...2)]
        let sampled = rng.int(in: 0...1) == 1
        func logits(_ rows: Int) -> Matrix<Double> {
            Matrix(rows: rows, columns: c, storage: (0..<(rows * c)).map { _ in rng.gaussian() * scale })
        }
        func weights(_ count: Int) -> [Double] {
            let raw = (0..<count).map { _ in rng.uniform(0.1, 1) }
            let total = raw.reduce(0, +)
            return raw.map { $0 / total }
        }
        let pairWeights = weights(n)
        let partition: Partition<Double> = sampled ? .sampled(logits(m), weights: weights(m)) : .exact(logits(m))
        let batch = TermBatch(logits: logits(n), viewLogits: logits(n), weights: pairWeights, partition: partition)
        return (batch, "\(sampled ? "sampled" : "exact"), scale \(scale == 0.5 ? "0.5" : String(Int(scale)))")
    }

    /// The rounding tolerance of a value on `batch`: `2 (n + m + C + 8) u S` with `S` the largest logit
    /// magnitude plus `log C + 1` (as `BoundCheck.tolerance`).
    static func tolerance(_ b: TermBatch<Double>) -> Double {
        let all = b.logits.storage + b.viewLogits.storage + (b.partition?.logits.storage ?? [])
        let s = 2 * (all.map(abs).max() ?? 0) + log(Double(b.clusterCount)) + 1
        return 2 * Double(b.count + (b.partition?.logits.rows ?? 0) + b.clusterCount + 8) * Double.ulpOfOne * s
    }

    /// One outcome: failures (empty when the claim holds) and evidence.
    public typealias Outcome = IdentityChecks.Outcome

    /// GRAD.TERMS: every analytic entry of `gradient` agrees with a five-point central difference of
    /// `value` (absolute 1e-7 plus relative 1e-6: truncation ~h^4 and rounding ~u/h at h = 1e-3 scale).
    public func gradients() throws -> Outcome {
        try Self.gradients("GRAD.TERMS", of: Self.namedTerms(terms), settings: settings, what: "4 terms")
    }

    /// The gradient property of ``gradients()`` for any named terms, under the claim id `id`. A term with
    /// parts computed without gradient (``StopGradientObjective``: codes, a teacher, a centre) is
    /// differentiated with those parts held at the unperturbed batch's.
    static func gradients(_ id: String, of named: [(String, any ObjectiveTerm)], settings: CheckSettings, what: String) throws -> Outcome {
        let property = Property(id, sizes: Self.sizes, generator: Self.batches, coverage: Self.coverage) { batch, regime in
            var failures: [String] = []
            for (name, term) in named {
                let g = term.gradient(batch)
                let blocks: [(String, [Double], [Double], (inout TermBatch<Double>, [Double]) -> Void)] = [
                    ("logits", batch.logits.storage, g.logits.storage, { $0.logits.storage = $1 }),
                    ("view logits", batch.viewLogits.storage, g.viewLogits.storage, { $0.viewLogits.storage = $1 }),
                    ("partition logits", batch.partition!.logits.storage, g.partitionLogits.storage, { b, v in
                        let m = Matrix(rows: b.partition!.logits.rows, columns: b.clusterCount, storage: v)
                        switch b.partition! {
                        case .exact: b.partition = .exact(m)
                        case .sampled(_, let w): b.partition = .sampled(m, weights: w)
                        }
                    }),
                ]
                for (label, base, analytic, set) in blocks {
                    guard analytic.count == base.count else {
                        failures.append("\(name): gradient of \(label) has \(analytic.count) entries, expected \(base.count)")
                        continue
                    }
                    for k in base.indices {
                        func at(_ d: Double) -> Double {
                            var v = base
                            v[k] += d
                            var b = batch
                            set(&b, v)
                            return (term as? any StopGradientObjective)?.value(b, targetsFrom: batch) ?? term.value(b)
                        }
                        func numeric(_ h: Double) -> Double { (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h) }
                        func agrees(_ n: Double) -> Bool { abs(analytic[k] - n) <= 1e-7 + 1e-6 * max(abs(analytic[k]), abs(n)) }
                        // A second, finer step where the first disagrees: a term that varies on a short scale
                        // (batch normalisation of a nearly constant dimension, scale sqrt(eps) = 0.003) has a
                        // truncation error ~h^4 f^(5) too large at h = 1e-3; at h = 1e-5 the rounding error
                        // ~u |f| / h is still 1e-11 |f|. A wrong gradient disagrees at both.
                        let h = 1e-3 * max(1, abs(base[k]))
                        let coarse = numeric(h)
                        if !agrees(coarse) {
                            let fine = numeric(h / 100)
                            if !agrees(fine) {
                                failures.append("\(name) ∂/∂\(label)[\(k)]: gradient \(analytic[k]), central difference \(coarse) (step \(h)), \(fine) (step \(h / 100))")
                            }
                        }
                    }
                }
            }
            return .expectNone(failures, regime: regime)
        }
        return Outcome(try property.check(settings), "random batches × \(what), every gradient entry (exact and sampled partitions)")
    }

    /// Applies `transform` to random batches and checks every term's value is unchanged within rounding.
    func invariance(_ id: String, _ label: String,
                    _ transform: @escaping @Sendable (TermBatch<Double>, inout TriadRandom) -> TermBatch<Double>) throws -> Outcome {
        let named = Self.namedTerms(terms)
        // The transform's randomness comes from the case's own stream, after the batch's.
        let cases = Gen<(TermBatch<Double>, TermBatch<Double>, String)> { rng, size in
            let (batch, regime) = Self.batches.run(&rng, size)
            return (batch, transform(batch, &rng), regime)
        }
        let property = Property(id, sizes: Self.sizes, generator: cases, coverage: Self.coverage) { batch, other, regime in
            let tol = Self.tolerance(batch)
            var failures: [String] = []
            for (name, term) in named {
                let (a, b) = (term.value(batch), term.value(other))
                if !(abs(a - b) <= tol * max(1, abs(a))) {
                    failures.append("\(name) changes under \(label): \(a) vs \(b) (tol \(tol))")
                }
            }
            return .expectNone(failures, regime: regime)
        }
        return Outcome(try property.check(settings), "random batches × 4 terms")
    }

    /// SYM.ORDER: permuting the pairs (with their views and weights) and the partition points.
    public func pairOrder() throws -> Outcome {
        try invariance("SYM.ORDER", "a reordering of the pairs") { b, rng in
            var order = Array(0..<b.count)
            rng.shuffle(&order)
            var out = TermBatch(logits: b.logits.selectingRows(order), viewLogits: b.viewLogits.selectingRows(order),
                                weights: order.map { b.weights[$0] }, partition: b.partition)
            if let p = b.partition {
                var porder = Array(0..<p.logits.rows)
                rng.shuffle(&porder)
                switch p {
                case .exact(let m): out.partition = .exact(m.selectingRows(porder))
                case .sampled(let m, let w): out.partition = .sampled(m.selectingRows(porder), weights: porder.map { w[$0] })
                }
            }
            return out
        }
    }

    /// SYM.SPLIT: replacing one pair of weight `a` by two copies of weight `a/2`, and, in a sampled
    /// partition, one sample of weight `w` by two copies of weight `w/2`.
    public func splitting() throws -> Outcome {
        try invariance("SYM.SPLIT", "splitting a pair (and a partition sample) into two halves of its weight") { b, rng in
            func split(_ count: Int) -> (rows: [Int], halve: Int) {
                let i = rng.int(in: 0...count - 1)
                var rows = Array(0..<count)
                rows.insert(i, at: i)
                return (rows, i)
            }
            let (rows, i) = split(b.count)
            var weights = rows.map { b.weights[$0] }
            weights[i] /= 2
            weights[i + 1] /= 2
            var partition = b.partition
            if case .sampled(let m, let w)? = b.partition {
                let (prows, j) = split(m.rows)
                var pw = prows.map { w[$0] }
                pw[j] /= 2
                pw[j + 1] /= 2
                partition = .sampled(m.selectingRows(prows), weights: pw)
            }
            return TermBatch(logits: b.logits.selectingRows(rows), viewLogits: b.viewLogits.selectingRows(rows),
                             weights: weights, partition: partition)
        }
    }

    /// SYM.LABELS: renaming the clusters (the same permutation of the columns of every logit matrix);
    /// the uniform prior is unchanged by it.
    public func labels() throws -> Outcome {
        try invariance("SYM.LABELS", "a renaming of the clusters") { b, rng in
            var perm = Array(0..<b.clusterCount)
            rng.shuffle(&perm)
            func permuted(_ m: Matrix<Double>) -> Matrix<Double> {
                Matrix(rows: m.rows, columns: m.columns, storage: (0..<m.rows).flatMap { r in perm.map { m[r, $0] } })
            }
            var out = b
            out.logits = permuted(b.logits)
            out.viewLogits = permuted(b.viewLogits)
            switch b.partition {
            case .exact(let m)?: out.partition = .exact(permuted(m))
            case .sampled(let m, let w)?: out.partition = .sampled(permuted(m), weights: w)
            case nil: break
            }
            return out
        }
    }
}
