import Testing
import TriadCheck
import TriadCore
import TriadTestSupport

/// Eq. 11: `∇ L_GEN = -E_p[∇E] + E_p_Theta[∇E]`. On table-encoder worlds, the gradient assembled
/// from this identity (energy gradients of each point, weighted by the data law and by the model law)
/// agrees with central differences of the exact `L_GEN` in Double, and so does the chain rule
/// through `GenerativeTerm.gradient`.
@Suite("Eq. 11: the gradient of the exact L_GEN is data minus model expectation of ∇E")
struct EnergyGradientTests {
    @Test("Identity gradient and term gradient agree with central differences (relative error < 1e-6)")
    func eq11() throws {
        var rng = TestSeed.generator("eq11", default: 41)
        for index in 0..<60 {
            let c = BoundCase.random(index: index, maxPoints: 6, using: &rng)
            let world: FiniteWorld<Double> = try c.world.world()
            let head: ClusterHead<Double> = try c.configuration.head()
            let table = try c.configuration.encoder(Double.self).table
            func lgen(_ t: Matrix<Double>) -> Double {
                let logits = head.logits(t)
                return GenerativeTerm().value(world.populationBatch(worldLogits: logits))
            }
            let logits = head.logits(table)
            // Identity: ∇_e E(w_i) = -(head backward of softmax(l_i)) on row i only (table encoder).
            let p = logits.rowSoftmax()
            let energyGradient = head.backward(table, logitGradient: p.map { -$0 }).embeddings
            let model = GenerativeTerm.modelLaw(worldLogits: logits)
            var identity = Matrix<Double>.zeros(rows: table.rows, columns: table.columns)
            for i in 0..<table.rows {
                for a in 0..<table.columns {
                    identity[i, a] = -world.dataLaw[i] * energyGradient[i, a] + model[i] * energyGradient[i, a]
                }
            }
            // Chain rule through the term's own gradient.
            let g = GenerativeTerm().gradient(world.populationBatch(worldLogits: logits))
            let chained = head.backward(table, logitGradient: world.populationLogitGradient(g)).embeddings
            // Five-point central differences (truncation O(h^4)); step scaled to the entry's magnitude.
            var fd = Matrix<Double>.zeros(rows: table.rows, columns: table.columns)
            for k in table.storage.indices {
                let h = 1e-4 * max(1, abs(table.storage[k]))
                func at(_ d: Double) -> Double { var t = table; t.storage[k] += d; return lgen(t) }
                fd.storage[k] = (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h)
            }
            // Relative error in the 2-norm, with an absolute floor for vanishing gradients
            // (truncation ~h^4 f^(5) ≈ 1e-16/tau^5, rounding ~u/h ≈ 1e-12).
            func relativeError(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
                let diff = zip(a.storage, b.storage).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
                let scale = max(a.storage.map { $0 * $0 }.reduce(0, +).squareRoot(), 1e-3)
                return diff / scale
            }
            let eIdentity = relativeError(identity, fd), eChained = relativeError(chained, fd)
            #expect(eIdentity < 1e-6, "identity vs finite differences: relative error \(eIdentity)\n\(c)")
            #expect(eChained < 1e-6, "term gradient vs finite differences: relative error \(eChained)\n\(c)")
        }
    }
}
