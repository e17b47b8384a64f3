import Glibc
import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

@Suite("Adam")
struct OptimAdamTests {
    /// Three steps by hand, lr = 0.1, betas 0.9 / 0.999, eps 1e-8, p0 = 1, gradients 0.5, -1, 2:
    ///
    /// - t = 1: m = 0.05, v = 0.00025; m̂ = 0.5, v̂ = 0.25; p = 1 - 0.1 · 0.5 / (0.5 + 1e-8)
    ///   = 1 - 0.1 (1 - 2e-8) = 0.900000002.
    /// - t = 2: m = 0.9 · 0.05 - 0.1 = -0.055, v = 0.999 · 0.00025 + 0.001 = 0.00124975;
    ///   m̂ = -0.055 / 0.19 = -0.289473684..., v̂ = 0.00124975 / 0.001999 = 0.625187593...,
    ///   sqrt(v̂) = 0.790688051...; p = 0.900000002 + 0.1 · 0.289473684 / 0.790688061
    ///   = 0.936610354...
    /// - t = 3: m = 0.9 · (-0.055) + 0.2 = 0.1505, v = 0.999 · 0.00124975 + 0.004 = 0.00524850025;
    ///   m̂ = 0.1505 / 0.271 = 0.555350553..., v̂ = 0.00524850025 / 0.002997001 = 1.751250...,
    ///   sqrt(v̂) = 1.323348...; p = 0.936610354 - 0.1 · 0.555350553 / 1.323348 = 0.894644792...
    @Test("Adam's first three steps equal the hand computation (PyTorch's bias-corrected form)")
    func threeStepsByHand() throws {
        var adam = try Adam<Double>(learningRate: 0.1)
        var p: [Double] = [1, 1]
        let expected = [0.900000002, 0.93661035424, 0.89464479272]
        for (t, g) in [0.5, -1.0, 2.0].enumerated() {
            adam.beginStep()
            adam.update(tensor: 0, parameters: &p, gradient: [g, -g])
            // Tolerance: the hand values are given to 11 significant digits.
            #expect(isClose(p[0], expected[t], absolute: 1e-10, relative: 0), "step \(t + 1): \(p[0])")
            // The update is odd in the gradient.
            #expect(isClose(p[1] - 1, -(p[0] - 1), absolute: 1e-15, relative: 1e-12))
        }
        #expect(adam.step == 3)
    }

    @Test("Adam keeps separate moments per tensor and rejects invalid hyper-parameters")
    func tensorsAreIndependentAndValidated() throws {
        var adam = try Adam<Double>(learningRate: 0.1)
        var a: [Double] = [0], b: [Double] = [0]
        adam.beginStep()
        adam.update(tensor: 0, parameters: &a, gradient: [1])
        adam.update(tensor: 1, parameters: &b, gradient: [-3])
        // First step: -lr · sign(g) (up to eps), whatever the gradient's size.
        #expect(isClose(a[0], -0.1, absolute: 1e-8, relative: 0))
        #expect(isClose(b[0], 0.1, absolute: 1e-8, relative: 0))
        #expect(throws: TriadError.self) { try Adam<Float>(learningRate: 0) }
        #expect(throws: TriadError.self) { try Adam<Float>(learningRate: 1e-3, beta1: 1) }
        #expect(throws: TriadError.self) { try Adam<Float>(learningRate: 1e-3, epsilon: -1) }
    }

    /// PyTorch's Float update written out entry by entry (the reference of the vector kernels).
    static func scalarStep(_ p: inout [Float], _ m: inout [Float], _ v: inout [Float], _ g: [Float], t: Int,
                           lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8) {
        let stepSize = Float(lr / (1 - Glibc.pow(beta1, Double(t))))
        let correction = Float((1 - Glibc.pow(beta2, Double(t))).squareRoot())
        for i in p.indices {
            m[i] = Float(beta1) * m[i] + Float(1 - beta1) * g[i]
            v[i] = Float(beta2) * v[i] + Float(1 - beta2) * g[i] * g[i]
            p[i] -= stepSize * (m[i] / (v[i].squareRoot() / correction + Float(eps)))
        }
    }

    @Test("Adam's Float update on every unit equals the scalar formula bit for bit, the entries after the last full vector included",
          arguments: KernelTests.units)
    func vectorUpdateIsTheScalarFormula(isa: KernelISA) throws {
        let seed = TestSeed.seed(51)
        print("[Adam/vectorUpdateIsTheScalarFormula] seed \(seed) — replay: TRIAD_SEED=\(seed) swift test --filter vectorUpdateIsTheScalarFormula")
        var random = TriadRandom(seed: seed)
        // 37 = 2 · 16 + 5 entries: full vectors of every unit, then a scalar rest. Gradients of
        // very different sizes, exact zeros (v stays 0 on the first step: sqrt(0) / c + eps).
        let count = 37
        var adam = try Adam<Float>(learningRate: 1e-3, isa: isa)
        var p = (0..<count).map { _ in Float(random.uniform(-1, 1)) }
        var (rp, rm, rv) = (p, [Float](repeating: 0, count: count), [Float](repeating: 0, count: count))
        for t in 1...4 {
            let g = (0..<count).map { i -> Float in
                i % 7 == 0 ? 0 : Float(random.uniform(-1, 1) * [1e-6, 1, 1e3][i % 3])
            }
            adam.beginStep()
            adam.update(tensor: 0, parameters: &p, gradient: g)
            Self.scalarStep(&rp, &rm, &rv, g, t: t)
            for i in 0..<count {
                #expect(p[i].bitPattern == rp[i].bitPattern, "\(isa), step \(t), entry \(i): \(p[i]) vs \(rp[i]) (seed \(seed))")
            }
        }
    }

}
