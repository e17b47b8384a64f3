import Testing
import TriadCore
import TriadTestSupport

#if arch(x86_64) || arch(i386)
/// The precision of the reference values (Float80 where the platform has it).
typealias PriorReference = Float80
#else
typealias PriorReference = Double
#endif

/// The prior term's gradient is computed in log space: exact where a cluster's marginal underflows,
/// in every precision, and equal to central differences of the value with non-uniform weights.
@Suite("Prior gradient: exact at underflowing marginals, central differences with non-uniform weights")
struct PriorGradientEdgeTests {
    /// The reproducer world: `p = (1/2, 1/2)`, `A = I`, both points embedded at `(1, 0)`, prototypes
    /// `u_1 = (1, 0)`, `u_2 = (-1, 0)`. Each point has logits `(1/tau, -1/tau)`, so with
    /// `e = p(2|x) = 1 / (1 + exp(2/tau))` and `q = (1 - e, e)`, every `r_y p(y|x)` is `1/2` and
    /// `∂L_PRIOR/∂l(w_i) = (-(1/4 - e/2), 1/4 - e/2)`: `±1/4` once `e` underflows (`tau = 0.01`
    /// in Float, `0.001` in Double and Interval, `1e-5` in Float80), never NaN.
    static func reproducerGradient<T: Real>(_: T.Type, tau: Double) throws -> Matrix<T> {
        let world = try FiniteWorld<T>(points: Matrix<T>([[T(0)], [T(1)]]), dataLaw: [T(0.5), T(0.5)],
                                       augmentation: Matrix<T>([[T(1), T(0)], [T(0), T(1)]]), clusterCount: 2)
        let head = try ClusterHead<T>(prototypes: Matrix<T>([[T(1), T(0)], [T(-1), T(0)]]), temperature: T(tau))
        let logits = head.logits(Matrix<T>([[T(1), T(0)], [T(1), T(0)]]))
        let batch = world.populationBatch(worldLogits: logits)
        return world.populationLogitGradient(PriorTerm().gradient(batch))
    }

    /// `1/4 - e/2` in Float80 (`exp` overflowing to `inf` gives `e = 0`, the right limit).
    static func expectedMagnitude(tau: Double) -> PriorReference {
        let e = 1 / (1 + PriorReference.exp(2 / PriorReference(tau)))
        return 0.25 - e / 2
    }

    static let temperatures: [Double] = [1, 0.1, 0.05, 0.01, 0.001, 1e-5]

    /// Reason for the tolerance: the gradient is a handful of roundings of `O(1)` quantities (the
    /// softmax, one `exp` of a log-ratio, a product and a difference), each within `u |value|`, and
    /// the temperature rounded to `T` moves `e/2 <= 1/4` by at most `(2/tau) e u <= 0.3 u`; 64 u is margin.
    static func check<T: Real>(_ type: T.Type) throws {
        for tau in temperatures {
            let g = try reproducerGradient(T.self, tau: tau)
            let m = expectedMagnitude(tau: tau)
            let tol = 64 * T.unitRoundoff
            for i in 0..<2 {
                for (y, sign) in [(0, PriorReference(-1)), (1, PriorReference(1))] {
                    let v = g[i, y], expected = sign * m
                    #expect(!v.isNaN && v.isFinite, "\(T.typeName) tau \(tau): ∂/∂l[\(i),\(y)] = \(v)")
                    // Interval: the enclosure must contain the value (widened by the Float80 reference's
                    // own rounding); floating point: within the tolerance.
                    let lo = Double(expected) - (T.isCertified ? 4 * Double.ulpOfOne : tol)
                    let hi = Double(expected) + (T.isCertified ? 4 * Double.ulpOfOne : tol)
                    #expect(v.lowerBound <= hi && v.upperBound >= lo,
                            "\(T.typeName) tau \(tau): ∂/∂l[\(i),\(y)] = \(v), expected \(expected) ± \(hi - Double(expected))")
                    if T.isCertified {
                        // Not vacuous: the log-space quantities have size up to 2/tau, and their
                        // enclosures widen by a few ulps of that size per operation.
                        let width = 1000 * Double.ulpOfOne * (1 + 1 / tau)
                        #expect(v.upperBound - v.lowerBound < width, "Interval enclosure \(v) wider than \(width)")
                    }
                }
            }
        }
    }

    @Test("Reproducer p = (1/2, 1/2), A = I, tau 1..1e-5: gradient ±(1/4 - e/2) in Float")
    func float() throws { try Self.check(Float.self) }

    @Test("Reproducer: exact gradient in Double")
    func double() throws { try Self.check(Double.self) }

    #if arch(x86_64) || arch(i386)
    @Test("Reproducer: exact gradient in Float80")
    func float80() throws { try Self.check(Float80.self) }
    #endif

    @Test("Reproducer: the Interval enclosure contains the exact gradient")
    func interval() throws { try Self.check(Interval.self) }

    /// Central difference of `L_PRIOR` along logit `k`.
    static func central(_ term: PriorTerm, _ batch: TermBatch<Double>, _ k: Int, h: Double) -> Double {
        var plus = batch, minus = batch
        plus.logits.storage[k] += h
        minus.logits.storage[k] -= h
        return (term.value(plus) - term.value(minus)) / (2 * h)
    }

    /// Reason for the tolerance: at `h = 1e-5` the central difference has truncation error
    /// `O(h² |L'''|)` ≈ 1e-10 and rounding error `u |L| / h` ≈ 1e-10 for `|L|, |L'''| <= 10`, so
    /// `1e-7` absolute plus `1e-6` relative holds with margin.
    @Test("Gradient = central differences in Double, non-uniform batch weights (one zero) and prior")
    func centralDifferences() throws {
        let seed = TestSeed.seed(91)
        var rng = TestSeed.generator("priorGradientCentral", default: 91)
        for trial in 0..<40 {
            let n = 2 + Int(rng.next() % 5), c = 2 + Int(rng.next() % 4)
            let scale = [0.5, 2, 6][trial % 3]
            var raw = (0..<n).map { _ in rng.uniform(0.05, 1) }
            if trial % 4 == 1 { raw[0] = 0 }
            let total = raw.reduce(0, +)
            let weights = raw.map { $0 / total }
            let logits = Matrix(rows: n, columns: c, storage: (0..<(n * c)).map { _ in scale * rng.gaussian() })
            let batch = TermBatch(logits: logits, viewLogits: logits, weights: weights, partition: nil)
            var prior: [Double]? = nil
            if trial % 2 == 0 {
                let r = (0..<c).map { _ in rng.uniform(0.1, 1) }
                let s = r.reduce(0, +)
                prior = r.map { $0 / s }
            }
            let term = try PriorTerm(prior: prior)
            let g = term.gradient(batch)
            for k in logits.storage.indices {
                let numeric = Self.central(term, batch, k, h: 1e-5)
                #expect(isClose(g.logits.storage[k], numeric, absolute: 1e-7, relative: 1e-6),
                        "trial \(trial) logit \(k): \(g.logits.storage[k]) vs \(numeric); replay: TRIAD_SEED=\(seed)")
                if weights[k / c] == 0 { #expect(g.logits.storage[k] == 0, "zero-weight pair has gradient") }
            }
        }
    }
}
