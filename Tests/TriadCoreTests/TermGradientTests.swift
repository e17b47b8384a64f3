import Testing
import TriadCore
import TriadTestSupport

/// Every hand-derived gradient of the terms and of the cosine head agrees with central finite
/// differences in Double.
@Suite("Term and head gradients agree with central differences")
struct TermGradientTests {
    /// Central difference of `f` along entry `k` of `x`, step `h`.
    static func central(_ x: [Double], _ k: Int, h: Double, _ f: ([Double]) -> Double) -> Double {
        var plus = x, minus = x
        plus[k] += h
        minus[k] -= h
        return (f(plus) - f(minus)) / (2 * h)
    }

    /// Reason for the tolerance: the central difference has truncation error `O(h² f''')` ≈ 1e-10 and
    /// rounding error `u |f| / h` ≈ 1e-10 at `h = 1e-5` for `|f|, |f'''| ~ 1`, so `1e-8` absolute
    /// plus `1e-6` relative holds with margin.
    static func agree(_ analytic: Double, _ numeric: Double) -> Bool {
        isClose(analytic, numeric, absolute: 1e-8, relative: 1e-6)
    }

    static func randomBatch(_ rng: inout TriadRandom, withPartition: Bool, sampled: Bool) -> TermBatch<Double> {
        let n = 1 + Int(rng.next() % 5), c = 2 + Int(rng.next() % 3), m = 1 + Int(rng.next() % 4)
        func logits(_ rows: Int) -> Matrix<Double> {
            Matrix(rows: rows, columns: c, storage: (0..<(rows * c)).map { _ in rng.gaussian() * 3 })
        }
        let raw = (0..<n).map { _ in rng.uniform(0.1, 1) }
        let weights = raw.map { $0 / raw.reduce(0, +) }
        let partition: Partition<Double>? = withPartition
            ? (sampled ? .sampled(logits(m), weights: Array(repeating: 1 / Double(m), count: m)) : .exact(logits(m)))
            : nil
        return TermBatch(logits: logits(n), viewLogits: logits(n), weights: weights, partition: partition)
    }

    /// Checks `term.gradient` entry by entry against central differences of `term.value`.
    static func check(_ term: some ObjectiveTerm, _ batch: TermBatch<Double>) {
        let g = term.gradient(batch)
        let parts: [(String, Matrix<Double>, (inout TermBatch<Double>, [Double]) -> Void)] = [
            ("logits", g.logits, { $0.logits.storage = $1 }),
            ("viewLogits", g.viewLogits, { $0.viewLogits.storage = $1 }),
        ]
        for (label, analytic, set) in parts {
            let base = label == "logits" ? batch.logits.storage : batch.viewLogits.storage
            for k in base.indices {
                let numeric = central(base, k, h: 1e-5) { v in var b = batch; set(&b, v); return term.value(b) }
                #expect(agree(analytic.storage[k], numeric), "\(term.name) ∂/∂\(label)[\(k)]: \(analytic.storage[k]) vs \(numeric)")
            }
        }
        if let partition = batch.partition {
            let base = partition.logits.storage
            for k in base.indices {
                let numeric = central(base, k, h: 1e-5) { v in
                    var b = batch
                    let m = Matrix(rows: partition.logits.rows, columns: partition.logits.columns, storage: v)
                    switch partition {
                    case .exact: b.partition = .exact(m)
                    case .sampled(_, let w): b.partition = .sampled(m, weights: w)
                    }
                    return term.value(b)
                }
                #expect(agree(g.partitionLogits.storage[k], numeric),
                        "\(term.name) ∂/∂partition[\(k)]: \(g.partitionLogits.storage[k]) vs \(numeric)")
            }
        }
    }

    @Test("L_GEN (exact and sampled partition), L_INV (both forms), L_PRIOR (uniform and given prior), L_GEDI")
    func termGradients() throws {
        var rng = TestSeed.generator("termGradients", default: 31)
        for trial in 0..<60 {
            let batch = Self.randomBatch(&rng, withPartition: true, sampled: trial % 2 == 1)
            Self.check(GenerativeTerm(), batch)
            Self.check(InvarianceTerm(), batch)
            Self.check(InvarianceTerm(form: .symmetrised), batch)
            Self.check(PriorTerm(), batch)
            let raw = (0..<batch.clusterCount).map { _ in rng.uniform(0.1, 1) }
            Self.check(try PriorTerm(prior: raw.map { $0 / raw.reduce(0, +) }), batch)
            Self.check(try GEDIObjective(weights: .init(generative: 0.7, invariance: 1.3, prior: 2)), batch)
        }
    }

    @Test("Cosine head backward: embeddings and prototypes, including a zero embedding below the norm floor")
    func headGradients() throws {
        var rng = TestSeed.generator("headGradients", default: 32)
        for _ in 0..<40 {
            let c = 2 + Int(rng.next() % 3), k = 1 + Int(rng.next() % 3), n = 1 + Int(rng.next() % 4)
            let u = Matrix(rows: c, columns: k, storage: (0..<(c * k)).map { _ in rng.gaussian() })
            let tau = rng.uniform(0.1, 2)
            var z = Matrix(rows: n, columns: k, storage: (0..<(n * k)).map { _ in rng.gaussian() })
            if rng.nextUnit() < 0.3 { for c in 0..<k { z[0, c] = 0 } }
            let weights = Matrix(rows: n, columns: c, storage: (0..<(n * c)).map { _ in rng.gaussian() })
            // A scalar of the logits: L = Σ w ⊙ l.
            func loss(_ z: Matrix<Double>, _ u: Matrix<Double>) throws -> Double {
                let l = try ClusterHead(prototypes: u, temperature: tau).logits(z)
                return zip(l.storage, weights.storage).map(*).reduce(0, +)
            }
            let head = try ClusterHead(prototypes: u, temperature: tau)
            let (dz, du) = head.backward(z, logitGradient: weights)
            for idx in z.storage.indices where !(z.storage.allSatisfy { $0 == 0 }) {
                let zeroRow = (0..<k).allSatisfy { z[idx / k, $0] == 0 }
                if zeroRow { continue } // the floor makes |z| non-differentiable at 0
                let numeric = Self.central(z.storage, idx, h: 1e-6) { v in
                    (try? loss(Matrix(rows: n, columns: k, storage: v), u)) ?? .nan
                }
                #expect(Self.agree(dz.storage[idx], numeric), "∂/∂z[\(idx)] \(dz.storage[idx]) vs \(numeric)")
            }
            for idx in u.storage.indices {
                let numeric = Self.central(u.storage, idx, h: 1e-6) { v in
                    (try? loss(z, Matrix(rows: c, columns: k, storage: v))) ?? .nan
                }
                #expect(Self.agree(du.storage[idx], numeric), "∂/∂u[\(idx)] \(du.storage[idx]) vs \(numeric)")
            }
        }
    }
}
