import Glibc
import Testing
import TriadCore
import TriadTestSupport

/// Log-sum-exp and softmax stay finite and accurate for logits up to ±1e4 and temperatures down to
/// 1e-3 (`Proofs/model.md` §0: log-sum-exp is always pivoted).
@Suite("Log-sum-exp and softmax are stable")
struct LogSumExpTests {
    /// Reference in Float80 with the max subtracted (an independent formulation).
    static func reference(_ x: [Double]) -> Float80 {
        let m = Float80(x.max()!)
        return m + Glibc.logl(x.reduce(Float80(0)) { $0 + Glibc.expl(Float80($1) - m) })
    }

    @Test("LSE of logits up to ±1e4 is finite and within 4 ulps of the result plus ulp(max) of a Float80 reference")
    func largeLogits() {
        var rng = TestSeed.generator("largeLogits", default: 3)
        for _ in 0..<2_000 {
            let n = 1 + Int(rng.next() % 8)
            let scale = [1.0, 1e2, 1e4][Int(rng.next() % 3)]
            let x = (0..<n).map { _ in rng.uniform(-scale, scale) }
            let got: Double = logSumExp(x)
            let want = Self.reference(x)
            // Reason: the pivot is exact; log1p of a sum of n exps adds a few ulps of log(n) <= 2.1,
            // and the final addition rounds once at the magnitude of the result.
            let tol = 4 * Double.ulpOfOne * (abs(Double(want)) + 3)
            #expect(got.isFinite && abs(Double(Float80(got) - want)) <= tol, "x=\(x) got \(got) want \(want)")
            let f: Float = logSumExp(x.map(Float.init))
            #expect(f.isFinite)
            let p = softmax(x)
            #expect(p.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
            #expect(abs(p.reduce(0, +) - 1) <= Double(n) * 4 * Double.ulpOfOne, "softmax sum \(p.reduce(0, +))")
        }
    }

    @Test("Exact values: LSE([1e4, 1e4]) = 1e4 + log 2; LSE([-1e4, 0]) = log1p(e^-1e4) = 0")
    func exactValues() {
        #expect(logSumExp([1e4, 1e4] as [Double]) == 1e4 + Glibc.log(2.0))
        #expect(logSumExp([-1e4, 0] as [Double]) == 0)
        #expect(softmax([1e4, -1e4] as [Double]) == [1, 0])
        #expect(logSoftmax([1e4, -1e4] as [Double]) == [0, -2e4])
    }

    @Test("Edges: empty is -inf, all -inf is -inf, +inf is +inf, NaN is NaN")
    func edges() {
        #expect(logSumExp([Double]()) == -.infinity)
        #expect(logSumExp([-Double.infinity, -.infinity]) == -.infinity)
        #expect(logSumExp([1, Double.infinity]) == .infinity)
        #expect(logSumExp([1, Double.nan, 2]).isNaN)
    }

    @Test("The cosine head at tau = 1e-3 gives finite logits in [-1/tau, 1/tau] and a finite, normalised softmax")
    func smallTemperature() throws {
        var rng = TestSeed.generator("smallTemperature", default: 5)
        try withEvery("tau", in: [1e-3, 1e-2, 0.1, 1, 10]) { tau in
            let head = try ClusterHead(prototypes: Matrix((0..<3).map { _ in [rng.gaussian(), rng.gaussian()] }),
                                       temperature: tau)
            let z = Matrix((0..<20).map { _ in [rng.gaussian(), rng.gaussian()] } + [[0, 0]])
            for precision in [0, 1] {
                let l = precision == 0 ? head.logits(z) : (try ClusterHead<Float>(prototypes: head.prototypes.converted(),
                    temperature: Float(tau))).logits(z.converted()).converted(to: Double.self)
                #expect(l.storage.allSatisfy { $0.isFinite && abs($0) <= (1 / tau) * (1 + 1e-6) })
                let p = l.rowSoftmax()
                for r in 0..<p.rows {
                    #expect(abs(p.row(r).reduce(0, +) - 1) < 1e-6, "tau=\(tau) row \(r)")
                }
                #expect(l.row(20) == [0, 0, 0], "a zero embedding gives logit 0")
            }
        }
    }
}
