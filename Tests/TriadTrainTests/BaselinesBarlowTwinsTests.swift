import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

@Suite("Baselines: Barlow Twins (cross-correlation of batch-normalised views)")
struct BaselinesBarlowTwinsTests {
    /// Two features over 4 samples with mean 0, biased variance 1, and zero correlation.
    static let orthogonal = Matrix<Double>([[1, 1], [-1, 1], [1, -1], [-1, -1]])

    @Test("identical uncorrelated unit-variance views: C = I/(1+eps), loss = 2 (eps/(1+eps))²")
    func identicalViews() throws {
        let r = try BarlowTwinsTerm.evaluate(Self.orthogonal, Self.orthogonal)
        let eps = BatchNorm.defaultEpsilon, diag = 1 / (1 + eps)
        #expect(isClose(r.crossCorrelation[0, 0], diag, absolute: 0, relative: 1e-15))
        #expect(r.crossCorrelation[0, 1] == 0 && r.crossCorrelation[1, 0] == 0)
        #expect(isClose(r.loss, 2 * (1 - diag) * (1 - diag), absolute: 1e-24, relative: 1e-9))
    }

    @Test("anti-correlated views: C = -I/(1+eps), loss = 2 (1 + 1/(1+eps))²")
    func antiCorrelatedViews() throws {
        let r = try BarlowTwinsTerm.evaluate(Self.orthogonal, Self.orthogonal.map { -$0 })
        let diag = 1 / (1 + BatchNorm.defaultEpsilon)
        #expect(isClose(r.loss, 2 * (1 + diag) * (1 + diag), absolute: 0, relative: 1e-14))
    }

    @Test("the off-diagonal weight multiplies the squared off-diagonal correlations only")
    func offDiagonalWeight() throws {
        // View B swaps the two features: C = [[0, d], [d, 0]], loss = 2 + lambda · 2 d².
        let swapped = Matrix<Double>(Self.orthogonal.nested.map { [$0[1], $0[0]] })
        let d = 1 / (1 + BatchNorm.defaultEpsilon)
        for lambda in [0.0, 0.0051, 1.0] {
            let r = try BarlowTwinsTerm.evaluate(Self.orthogonal, swapped, offDiagonalWeight: lambda)
            #expect(isClose(r.loss, 2 + lambda * 2 * d * d, absolute: 1e-15, relative: 1e-14), "lambda = \(lambda)")
        }
    }

    @Test("the loss matches an independent NumPy computation (BN without affine, C = AᵀB/n, lambda 0.0051)")
    func matchesReference() throws {
        let za = Matrix<Double>([[0.3, -1.2, 0.5], [1.1, 0.4, -0.2], [-0.6, 0.9, 0.8], [0.2, -0.3, -1.4]])
        let zb = Matrix<Double>([[0.1, -0.9, 0.7], [1.3, 0.2, -0.1], [-0.4, 1.1, 0.5], [0.0, -0.5, -1.0]])
        let r = try BarlowTwinsTerm.evaluate(za, zb)
        // The loss 0.0076 is a sum of squares of differences 1 - C_ii ≈ 0.05: cancellation costs about
        // 2 digits of the 16, hence 1e-12 relative.
        #expect(isClose(r.loss, 0.007622263043982723, absolute: 0, relative: 1e-12))
    }

    @Test("gradients with respect to both views match central differences")
    func barlowGradientCheck() throws {
        var rng = TestSeed.generator("barlowGradientCheck", default: 41)
        let za = BaselineGradientCheck.gaussianMatrix(rows: 6, columns: 3, using: &rng)
        var zb = BaselineGradientCheck.gaussianMatrix(rows: 6, columns: 3, scale: 0.5, using: &rng)
        for i in zb.storage.indices { zb.storage[i] += za.storage[i] }  // correlated views, as in training
        let r = try BarlowTwinsTerm.evaluate(za, zb, offDiagonalWeight: 0.3)
        BaselineGradientCheck.expectMatch(r.gradientA.storage,
            try BaselineGradientCheck.numericalGradient(za) { try BarlowTwinsTerm.evaluate($0, zb, offDiagonalWeight: 0.3).loss }.storage,
            "Barlow d/d z_a")
        BaselineGradientCheck.expectMatch(r.gradientB.storage,
            try BaselineGradientCheck.numericalGradient(zb) { try BarlowTwinsTerm.evaluate(za, $0, offDiagonalWeight: 0.3).loss }.storage,
            "Barlow d/d z_b")
    }

    @Test("invalid input throws a TriadError: one sample, shape mismatch, negative weight")
    func invalidInputThrows() {
        #expect(throws: TriadError.self) { try BarlowTwinsTerm.evaluate(Matrix<Double>([[1, 2]]), Matrix<Double>([[1, 2]])) }
        #expect(throws: TriadError.self) { try BarlowTwinsTerm.evaluate(Self.orthogonal, Matrix<Double>([[1], [2]])) }
        #expect(throws: TriadError.self) { try BarlowTwinsTerm.evaluate(Self.orthogonal, Self.orthogonal, offDiagonalWeight: -1) }
    }
}
