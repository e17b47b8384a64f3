import Glibc
import TriadCore

/// Claims that hold for any correct implementation of the terms on any batch, not only on worlds
/// (Proofs/consistency.md): each term's gradient is the derivative of its value (GRAD.TERMS), and its
/// value does not depend on the order of the pairs (SYM.ORDER), on splitting a pair into two halves of
/// its weight (SYM.SPLIT), or on the names of the clusters (SYM.LABELS). They catch classes of bugs
/// (a detached target, an index mix-up, weights dropped, a cluster treated specially) rather than cases.
public struct ConsistencyChecks: Sendable {
    public var terms: TermSet
    public var cases: Int
    public var seed: UInt64

    public init(terms: TermSet = .reference, cases: Int = 60, seed: UInt64 = 31) {
        self.terms = terms
        self.cases = cases
        self.seed = seed
    }

    /// The terms checked, with their labels: the three terms and `L_GEDI`.
    var namedTerms: [(String, any ObjectiveTerm)] {
        [("L_GEN", terms.generative), ("L_INV", terms.invariance), ("L_PRIOR", terms.prior), ("L_GEDI", terms.objective)]
    }

    /// A random batch: `n` pairs, `C` clusters, logits `N(0, scale^2)`, weights in `[0.1, 1]` normalised,
    /// and a partition that is exact or sampled (alternating with `index`).
    func randomBatch(_ rng: inout TriadRandom, index: Int) -> TermBatch<Double> {
        let n = rng.int(in: 1...5), c = rng.int(in: 2...4), m = rng.int(in: 1...4)
        let scale = [0.5, 3, 20][index % 3]
        func logits(_ rows: Int) -> Matrix<Double> {
            Matrix(rows: rows, columns: c, storage: (0..<(rows * c)).map { _ in rng.gaussian() * scale })
        }
        let raw = (0..<n).map { _ in rng.uniform(0.1, 1) }
        let total = raw.reduce(0, +)
        let partition: Partition<Double> = index % 2 == 0
            ? .exact(logits(m)) : .sampled(logits(m), weights: Array(repeating: 1 / Double(m), count: m))
        return TermBatch(logits: logits(n), viewLogits: logits(n), weights: raw.map { $0 / total }, partition: partition)
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
    public func gradients() -> Outcome {
        var rng = TriadRandom(seed: seed)
        var failures: [String] = [], checked = 0
        for index in 0..<cases {
            let batch = randomBatch(&rng, index: index)
            for (name, term) in namedTerms {
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
                        let h = 1e-3 * max(1, abs(base[k]))
                        func at(_ d: Double) -> Double { var v = base; v[k] += d; var b = batch; set(&b, v); return term.value(b) }
                        let numeric = (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h)
                        checked += 1
                        if !(abs(analytic[k] - numeric) <= 1e-7 + 1e-6 * max(abs(analytic[k]), abs(numeric))) {
                            failures.append("\(name) ∂/∂\(label)[\(k)]: gradient \(analytic[k]), central difference \(numeric) (batch \(index))")
                        }
                    }
                }
            }
        }
        return Outcome(failures: failures, evidence: "\(checked) gradient entries on \(cases) random batches (exact and sampled partitions)")
    }

    /// Applies `transform` to random batches and checks every term's value is unchanged within rounding.
    func invariance(_ label: String, seedOffset: UInt64, _ transform: (TermBatch<Double>, inout TriadRandom) -> TermBatch<Double>) -> Outcome {
        var rng = TriadRandom(seed: seed ^ seedOffset)
        var failures: [String] = []
        for index in 0..<cases {
            let batch = randomBatch(&rng, index: index)
            let other = transform(batch, &rng)
            let tol = Self.tolerance(batch)
            for (name, term) in namedTerms {
                let (a, b) = (term.value(batch), term.value(other))
                if !(abs(a - b) <= tol * max(1, abs(a))) {
                    failures.append("\(name) changes under \(label): \(a) vs \(b) (tol \(tol), batch \(index))")
                }
            }
        }
        return Outcome(failures: failures, evidence: "\(cases) random batches × 4 terms")
    }

    /// SYM.ORDER: permuting the pairs (with their views and weights) and the partition points.
    public func pairOrder() -> Outcome {
        invariance("a reordering of the pairs", seedOffset: 0x0D) { b, rng in
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

    /// SYM.SPLIT: replacing one pair of weight `a` by two copies of weight `a/2`.
    public func splitting() -> Outcome {
        invariance("splitting a pair into two halves of its weight", seedOffset: 0x5B) { b, rng in
            let i = rng.int(in: 0...b.count - 1)
            var rows = Array(0..<b.count)
            rows.insert(i, at: i)
            var weights = rows.map { b.weights[$0] }
            weights[i] /= 2
            weights[i + 1] /= 2
            return TermBatch(logits: b.logits.selectingRows(rows), viewLogits: b.viewLogits.selectingRows(rows),
                             weights: weights, partition: b.partition)
        }
    }

    /// SYM.LABELS: renaming the clusters (the same permutation of the columns of every logit matrix);
    /// the uniform prior is unchanged by it.
    public func labels() -> Outcome {
        invariance("a renaming of the clusters", seedOffset: 0x1A) { b, rng in
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
