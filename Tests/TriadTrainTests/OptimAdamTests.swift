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
}
