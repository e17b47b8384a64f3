import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

@Suite("Baselines: batch normalisation (training mode, PyTorch semantics)")
struct BaselinesBatchNormTests {
    @Test("forward on a hand-computed column: mean 2, biased variance 1, x̂ = ∓1/sqrt(1 + eps)")
    func forwardHandComputed() throws {
        let x = Matrix<Double>([[1, 10], [3, 10]])
        let f = try BatchNorm.forward(x)
        let expected = 1 / (1 + BatchNorm.defaultEpsilon).squareRoot()
        #expect(f.mean == [2, 10])
        #expect(f.variance == [1, 0])
        #expect(isClose(f.output[0, 0], -expected, absolute: 0, relative: 1e-15))
        #expect(isClose(f.output[1, 0], expected, absolute: 0, relative: 1e-15))
        // A constant column normalises to exactly 0.
        #expect(f.output[0, 1] == 0 && f.output[1, 1] == 0)
    }

    @Test("forward output has batch mean 0 and biased variance var/(var + eps) per feature; affine maps it")
    func forwardMoments() throws {
        var rng = TestSeed.generator("forwardMoments", default: 21)
        let x = BaselineGradientCheck.gaussianMatrix(rows: 50, columns: 4, scale: 3, using: &rng)
        let gamma = [0.5, -2, 1, 3.0], beta = [1, 0, -1, 0.25]
        let plain = try BatchNorm.forward(x)
        let affine = try BatchNorm.forward(x, gamma: gamma, beta: beta)
        for j in 0..<4 {
            let col = (0..<50).map { plain.output[$0, j] }
            let mean = col.reduce(0, +) / 50
            let variance = col.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 50
            let v = plain.variance[j]
            // Sums of 50 terms of size ~1: rounding below 1e-13.
            #expect(abs(mean) < 1e-13)
            #expect(isClose(variance, v / (v + BatchNorm.defaultEpsilon), absolute: 1e-13, relative: 1e-12))
            for i in 0..<50 {
                #expect(isClose(affine.output[i, j], gamma[j] * plain.output[i, j] + beta[j], absolute: 1e-14, relative: 1e-14))
            }
        }
    }

    @Test("backward without affine parameters matches central differences")
    func gradientCheckPlain() throws {
        var rng = TestSeed.generator("gradientCheckPlain", default: 22)
        let x = BaselineGradientCheck.gaussianMatrix(rows: 6, columns: 3, using: &rng)
        let w = BaselineGradientCheck.gaussianMatrix(rows: 6, columns: 3, using: &rng)
        // L = Σ w ⊙ BN(x), so dL/dy = w.
        func loss(_ m: Matrix<Double>) throws -> Double {
            zip(try BatchNorm.forward(m).output.storage, w.storage).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let g = BatchNorm.backward(try BatchNorm.forward(x), outputGradient: w)
        #expect(g.gamma == nil && g.beta == nil)
        let numeric = try BaselineGradientCheck.numericalGradient(x, loss)
        BaselineGradientCheck.expectMatch(g.input.storage, numeric.storage, "BatchNorm dx (no affine)")
    }

    @Test("backward with affine parameters matches central differences for x, gamma and beta")
    func gradientCheckAffine() throws {
        var rng = TestSeed.generator("gradientCheckAffine", default: 23)
        let x = BaselineGradientCheck.gaussianMatrix(rows: 5, columns: 3, scale: 2, using: &rng)
        let w = BaselineGradientCheck.gaussianMatrix(rows: 5, columns: 3, using: &rng)
        let gamma = (0..<3).map { _ in rng.uniform(0.5, 2) }, beta = (0..<3).map { _ in rng.gaussian() }
        func loss(_ m: Matrix<Double>, _ g: [Double], _ b: [Double]) throws -> Double {
            zip(try BatchNorm.forward(m, gamma: g, beta: b).output.storage, w.storage).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let grads = BatchNorm.backward(try BatchNorm.forward(x, gamma: gamma, beta: beta), outputGradient: w)
        BaselineGradientCheck.expectMatch(grads.input.storage,
            try BaselineGradientCheck.numericalGradient(x) { try loss($0, gamma, beta) }.storage, "BatchNorm dx (affine)")
        BaselineGradientCheck.expectMatch(try #require(grads.gamma),
            try BaselineGradientCheck.numericalGradient(gamma) { try loss(x, $0, beta) }, "BatchNorm dgamma")
        BaselineGradientCheck.expectMatch(try #require(grads.beta),
            try BaselineGradientCheck.numericalGradient(beta) { try loss(x, gamma, $0) }, "BatchNorm dbeta")
    }

    @Test("the input gradient sums to 0 over the batch and is orthogonal to x̂ per feature (the two invariances)")
    func gradientInvariances() throws {
        var rng = TestSeed.generator("gradientInvariances", default: 24)
        let x = BaselineGradientCheck.gaussianMatrix(rows: 8, columns: 2, using: &rng)
        let w = BaselineGradientCheck.gaussianMatrix(rows: 8, columns: 2, using: &rng)
        let f = try BatchNorm.forward(x)
        let dx = BatchNorm.backward(f, outputGradient: w).input
        for j in 0..<2 {
            let s = (0..<8).reduce(0.0) { $0 + dx[$1, j] }
            let d = (0..<8).reduce(0.0) { $0 + dx[$1, j] * f.normalized[$1, j] }
            // Shifting a feature leaves the output unchanged; scaling it changes it only through eps
            // (relative size eps/var ≈ 1e-5), so the second sum is 1e-5-small, not 0.
            #expect(abs(s) < 1e-12)
            #expect(abs(d) < 1e-4)
        }
    }

    @Test("Float forward agrees with Double forward to Float precision")
    func floatMatchesDouble() throws {
        var rng = TestSeed.generator("floatMatchesDouble", default: 25)
        let x = BaselineGradientCheck.gaussianMatrix(rows: 20, columns: 3, using: &rng)
        let d = try BatchNorm.forward(x).output
        let f = try BatchNorm.forward(x.converted(to: Float.self)).output
        // Outputs are O(3); Float rounding through ~40 operations stays below 1e-5.
        for (a, b) in zip(d.storage, f.storage) { #expect(isClose(a, Double(b), absolute: 1e-5, relative: 1e-5)) }
    }

    @Test("running statistics follow PyTorch: momentum 0.1 and the unbiased batch variance")
    func runningStatistics() throws {
        let x = Matrix<Double>([[1, 0], [3, 4], [5, 8]])  // means 3, 4; biased vars 8/3, 32/3; unbiased 4, 16
        var stats = try BatchNormRunningStatistics<Double>(featureCount: 2)
        stats.update(with: try BatchNorm.forward(x))
        #expect(isClose(stats.mean[0], 0.3, absolute: 1e-15, relative: 0))
        #expect(isClose(stats.mean[1], 0.4, absolute: 1e-15, relative: 0))
        #expect(isClose(stats.variance[0], 0.9 + 0.4, absolute: 1e-14, relative: 0))
        #expect(isClose(stats.variance[1], 0.9 + 1.6, absolute: 1e-14, relative: 0))
        // One running standard deviation above the running mean maps to gamma + beta.
        let eps = BatchNorm.defaultEpsilon
        let y = try stats.normalize(Matrix([[0.3 + (1.3 + eps).squareRoot(), 0.4 - (2.5 + eps).squareRoot()]]),
                                    gamma: [2, 1], beta: [1, -1])
        #expect(isClose(y[0, 0], 3, absolute: 1e-14, relative: 0))
        #expect(isClose(y[0, 1], -2, absolute: 1e-14, relative: 0))
    }

    @Test("invalid input throws a TriadError: one row, gamma without beta, wrong lengths, NaN, bad eps")
    func invalidInputThrows() {
        #expect(throws: TriadError.self) { try BatchNorm.forward(Matrix<Double>([[1, 2]])) }
        #expect(throws: TriadError.self) { try BatchNorm.forward(Matrix<Double>([[1], [2]]), gamma: [1]) }
        #expect(throws: TriadError.self) { try BatchNorm.forward(Matrix<Double>([[1], [2]]), gamma: [1, 2], beta: [0, 0]) }
        #expect(throws: TriadError.self) { try BatchNorm.forward(Matrix<Double>([[1], [.nan]])) }
        #expect(throws: TriadError.self) { try BatchNorm.forward(Matrix<Double>([[1], [2]]), epsilon: 0) }
        #expect(throws: TriadError.self) { try BatchNormRunningStatistics<Double>(featureCount: 2, momentum: 0) }
    }
}
