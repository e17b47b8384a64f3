import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

/// The helpers (central differences with their tolerance, the short run) are `BaselineMethodCheck`
/// in `SwAVMethodTests.swift`.
@Suite("Training: Barlow Twins method")
struct BarlowTwinsMethodTests {
    /// Barlow Twins's loss on fixed views through TriadCore's MLP and the tested loss only (none of
    /// the method's workspaces).
    static func loss(_ net: Network<Double>, _ xa: Matrix<Double>, _ xb: Matrix<Double>) throws -> Double {
        func embed(_ x: Matrix<Double>) -> Matrix<Double> { net.projector.encode(net.backbone.encode(x)) }
        return try BarlowTwinsTerm.evaluate(embed(xa), embed(xb)).loss
    }

    @Test("Barlow Twins's gradient with respect to every network parameter equals central differences of the loss, and the prototypes get exactly zero")
    func gradientMatchesFiniteDifferences() throws {
        var random = TestSeed.generator("Training: Barlow Twins method/gradient", default: 71)
        var net = try Network<Double>.pytorchDefault(backboneWidths: [2, 5, 5, 2], temperature: 0.5, random: &random)
        let method = try BarlowTwinsMethod<Double>(network: net, augmentationStd: 0.1)
        let xa = BaselineMethodCheck.uniformMatrix(8, 2, &random), xb = BaselineMethodCheck.uniformMatrix(8, 2, &random)
        let result = try method.lossAndGradient(network: net, viewA: xa, viewB: xb)
        let reference = try Self.loss(net, xa, xb)
        // The same arithmetic through another path (workspace vs TriadCore MLP): rounding only.
        #expect(isClose(result.loss, reference, absolute: 1e-12, relative: 1e-10), "loss \(result.loss) vs \(reference)")
        let numeric = try BaselineMethodCheck.numericalGradient(net.flattenedParameters) { v in
            net.setFlattenedParameters(v)
            return try Self.loss(net, xa, xb)
        }
        BaselineMethodCheck.expectMatch(result.gradient.flattened, numeric, "Barlow Twins method gradient")
        #expect(result.gradient.prototypes.storage.allSatisfy { $0 == 0 })
        #expect(result.gradient.backbone[0].weight.storage.contains { abs($0) > 1e-6 })
    }

    @Test("Barlow Twins evaluation: the embedding batch-normalised with the running statistics (updated once per view per step), independent of the rest of the batch; the representation is the backbone output")
    func evaluationUsesRunningStatistics() throws {
        var random = TestSeed.generator("Training: Barlow Twins method/evaluation", default: 72)
        let net = try Network<Double>.pytorchDefault(backboneWidths: [2, 5, 5, 2], temperature: 0.5, random: &random)
        let method = try BarlowTwinsMethod<Double>(network: net, augmentationStd: 0.1)
        // Three steps' own updates; the expected statistics fold in view A then view B of each step.
        var expected = try BatchNormRunningStatistics<Double>(featureCount: 2)
        for _ in 0..<3 {
            let xa = BaselineMethodCheck.uniformMatrix(16, 2, &random), xb = BaselineMethodCheck.uniformMatrix(16, 2, &random)
            let result = try method.lossAndGradient(network: net, viewA: xa, viewB: xb)
            try method.applyOwnUpdate(result)
            expected.update(with: try BatchNorm.forward(result.embeddingsA))
            expected.update(with: try BatchNorm.forward(result.embeddingsB))
        }
        #expect(method.runningStatistics.mean == expected.mean && method.runningStatistics.variance == expected.variance)
        #expect(method.runningStatistics.mean.contains { $0 != 0 })
        let points = BaselineMethodCheck.uniformMatrix(10, 2, &random)
        let all = method.evaluate(network: net, points: points)
        // The workspace's kernels against TriadCore's MLP: the same sums in another order.
        let reference = net.backbone.encode(points)
        for (a, b) in zip(all.embeddings.storage, reference.storage) { #expect(isClose(a, b, absolute: 1e-12, relative: 1e-12)) }
        let z = net.projector.encode(reference)
        for i in 0..<10 {
            let one = method.evaluate(network: net, points: Matrix(rows: 1, columns: 2, storage: points.row(i)))
            #expect(one.logits.storage == all.logits.row(i))
            for j in 0..<2 {
                let expected = (z[i, j] - method.runningStatistics.mean[j])
                    / (method.runningStatistics.variance[j] + BatchNorm.defaultEpsilon).squareRoot()
                // Same formula, other operation order: rounding only.
                #expect(isClose(all.logits[i, j], expected, absolute: 1e-12, relative: 1e-12))
            }
        }
    }

    @Test("Invalid Barlow Twins settings throw TriadError")
    func invalidSettingsThrow() throws {
        var random = TriadRandom(seed: 73)
        let net = try Network<Double>.pytorchDefault(backboneWidths: [2, 5, 5, 2], temperature: 0.5, random: &random)
        let wide = try Network<Double>.pytorchDefault(backboneWidths: [2, 5, 2], projectorWidths: [2, 4, 3],
                                                      temperature: 0.5, random: &random)
        #expect(throws: TriadError.self) { try BarlowTwinsMethod(network: wide, augmentationStd: 0.1) }
        #expect(throws: TriadError.self) { try BarlowTwinsMethod(network: net, augmentationStd: .nan) }
        #expect(throws: TriadError.self) { try BarlowTwinsMethod(network: net, augmentationStd: 0.1, offDiagonalWeight: -1) }
        let method = try BarlowTwinsMethod(network: net, augmentationStd: 0.1)
        let one = BaselineMethodCheck.uniformMatrix(1, 2, &random)
        #expect(throws: TriadError.self) { try method.lossAndGradient(network: net, viewA: one, viewB: one) }
        var bad = BaselineMethodCheck.uniformMatrix(4, 2, &random)
        let good = bad
        bad[0, 0] = .infinity
        #expect(throws: TriadError.self) { try method.lossAndGradient(network: net, viewA: good, viewB: bad) }
    }

    @Test("200 Barlow Twins steps: finite throughout, the loss at least halves (first 5 steps vs last 100) on at least 3 of 5 seeds, the prototypes never move, and the same seed replays bit for bit")
    func runLearnsAndReplays() throws {
        let seed = TestSeed.seed(74)
        print("[Training: Barlow Twins method/run] seed \(seed) — replay: TRIAD_SEED=\(seed) swift test --filter 'Training: Barlow Twins method'")
        let a = try BaselineMethodCheck.run(.barlow, seed: seed, iterations: 200)
        #expect(a.records.count == 200)
        #expect(a.records.allSatisfy { $0.loss.isFinite && $0.terms["L_BT"] == $0.loss })
        #expect(a.trainer.network.flattenedParameters.allSatisfy { $0.isFinite })
        try BaselineMethodCheck.expectLossHalves(.barlow, seed: seed, a.records, "Training: Barlow Twins method/run")
        let b = try BaselineMethodCheck.run(.barlow, seed: seed, iterations: 100)
        #expect(b.snapshots[100] != nil && a.snapshots[100] == b.snapshots[100], "the same seed must replay bit for bit")
        // Prototypes: zero gradient, so Adam leaves them bit for bit where the initialisation put them.
        #expect(a.trainer.network.head.prototypes.storage == a.initial.head.prototypes.storage)
        // The backbone learns — unless the start is dead: a constant embedding normalises to 0 in both views and
        // Barlow Twins' gradient is then exactly 0 (`BarlowTwinsTerm`), so nothing moves and the loss stays at
        // its value `k` (found at TRIAD_SEED=31337).
        let moved = a.trainer.network.backbone.layers[0].weight.storage != a.initial.backbone.layers[0].weight.storage
        let dead = a.records.allSatisfy { $0.loss == Double(a.trainer.network.head.prototypes.columns) }
        #expect(moved || dead, "the backbone did not move although the loss was not the dead start's")
        let c = try BaselineMethodCheck.run(.barlow, seed: seed &+ 1, iterations: 10)
        #expect(c.snapshots[10] != nil && a.snapshots[10] != c.snapshots[10], "the seed must matter")
    }
}
