import Testing
import TriadCore
import TriadTestSupport

/// The hand-derived gradient of the cosine head agrees with central finite differences in Double.
/// (The terms' gradients are checked for any implementation by `ConsistencyChecks.gradients`, claim
/// GRAD.TERMS.)
@Suite("Cosine head gradients agree with central differences")
struct HeadGradientTests {
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
