import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

/// Shared by the baseline-method suites (SwAV here, Barlow Twins in `BarlowTwinsMethodTests`).
enum BaselineMethodCheck {
    /// Central differences of `f` at `theta`, `h = 1e-6`: truncation `h² |f'''| / 6 ≈ 2e-13 |f'''|`,
    /// rounding `ε |f| / h ≈ 2e-10 |f|`; with `|f| ≲ 10` and `|f'''| ≲ 10⁴` (SwAV's `1/T = 10`
    /// and the batch norm of 16 rows) both stay below 1e-8. The small step also keeps the ReLU
    /// pre-activations of the tiny network from crossing a kink during a difference (a crossing
    /// needs a pre-activation within ~1e-6 of 0).
    static func numericalGradient(_ theta: [Double], _ f: ([Double]) throws -> Double) rethrows -> [Double] {
        let h = 1e-6
        var g = [Double](repeating: 0, count: theta.count)
        for e in theta.indices {
            var p = theta
            p[e] += h
            let up = try f(p)
            p[e] -= 2 * h
            g[e] = (up - (try f(p))) / (2 * h)
        }
        return g
    }

    /// Tolerance `1e-7 + 1e-5 · max(|a|, |n|)`: two orders above the central-difference error
    /// bound above (~1e-8 on gradients of order 1), and far below the O(1) relative error of a
    /// wrong derivation or a missing path (a wrong sign, a dropped batch-norm term, a view mixed up).
    static func expectMatch(_ analytic: [Double], _ numeric: [Double], _ what: String) {
        #expect(analytic.count == numeric.count, "\(what): lengths differ")
        var worst = 0.0
        for (e, (a, n)) in zip(analytic, numeric).enumerated() {
            #expect(isClose(a, n, absolute: 1e-7, relative: 1e-5), "\(what) parameter \(e): analytic \(a), numeric \(n)")
            worst = max(worst, abs(a - n))
        }
        print("[\(what)] \(analytic.count) parameters, largest |analytic - numeric| = \(worst)")
    }

    static func uniformMatrix(_ rows: Int, _ columns: Int, _ random: inout TriadRandom) -> Matrix<Double> {
        var m = Matrix<Double>.zeros(rows: rows, columns: columns)
        for i in m.storage.indices { m.storage[i] = random.uniform(-2, 2) }
        return m
    }

    /// A short training run on moons with a small network (2-16-16-2, batch 60), recording every
    /// step; returns the trainer after `iterations`, its network before the first step, and
    /// snapshots after steps 10 and 100: the network's parameters followed by the method's own
    /// state (SwAV's `gamma`, `beta` and running statistics; Barlow Twins's running statistics).
    static func run(_ method: MethodKind, seed: UInt64, iterations: Int)
        throws -> (trainer: Trainer, records: [Trainer.Record], initial: Network<Float>, snapshots: [Int: [Float]])
    {
        var config = ExperimentPresets.configuration(method, seed: seed)
        config.iterations = iterations
        config.learningRate = 3e-3
        config.batchSize = 60
        config.backboneWidths = [2, 16, 16, 2]
        // The augmentation these runs and the ratios below were measured at (the preset's until the
        // successive-halving sweep moved it to s = 0.1): the claims are about the method, not the preset.
        config.augmentationStd = 0.3
        config.recordEvery = 1
        var random = TriadRandom(seed: seed)
        var data = try ToyDataSplit(.moons, batchSize: 60, testCount: 100, using: &random)
        let trainer = try Trainer(configuration: config, box: ToyDataKind.moons.boundingBox, random: &random)
        let initial = trainer.network
        var records: [Trainer.Record] = []
        var snapshots: [Int: [Float]] = [:]
        while trainer.iteration < iterations {
            if let r = try trainer.step(batch: data.nextTrainingBatch().converted(to: Float.self)) { records.append(r) }
            if trainer.iteration == 10 || trainer.iteration == 100 {
                var state = trainer.network.flattenedParameters
                if let m = trainer.method as? SwAVMethod<Float> {
                    state += m.batchNormScale + m.batchNormShift + m.runningStatistics.mean + m.runningStatistics.variance
                } else if let m = trainer.method as? BarlowTwinsMethod<Float> {
                    state += m.runningStatistics.mean + m.runningStatistics.variance
                }
                snapshots[trainer.iteration] = state
            }
        }
        return (trainer, records, initial, snapshots)
    }

    static func mean(_ values: some Collection<Double>) -> Double { values.reduce(0, +) / Double(values.count) }

    /// The loss falls early and then fluctuates (SwAV's targets move with the Sinkhorn codes), so
    /// the check compares the mean of the first 5 steps with the mean of the last 100 and asks
    /// for at least a halving. Measured on seeds 0-3 and the tests' seeds: SwAV ratios 1.8 to 60,
    /// Barlow Twins ~70; a method that does not learn stays near ratio 1. But not at every seed:
    /// at seed 3 SwAV fell by 45% and Barlow Twins by 31% only. So the claim is about 5
    /// consecutive seeds (`records` are the first one's), at least 3 of which must halve.
    static func expectLossHalves(_ method: MethodKind, seed: UInt64, _ records: [Trainer.Record], _ what: String) throws {
        func ratio(_ records: [Trainer.Record]) -> Double {
            mean(records.prefix(5).map(\.loss)) / mean(records.suffix(100).map(\.loss))
        }
        var ratios = [ratio(records)]
        for k in 1..<5 { ratios.append(ratio(try run(method, seed: seed &+ UInt64(k), iterations: 200).records)) }
        print("[\(what)] first-5 / last-100 mean loss, seeds \(seed)...\(seed &+ 4): \(ratios)")
        #expect(ratios.filter { $0 > 2 }.count >= 3, "\(what): the loss halved on fewer than 3 of 5 seeds: ratios \(ratios)")
    }
}

@Suite("Training: SwAV method")
struct SwAVMethodTests {
    /// SwAV's loss on fixed views with *fixed* codes (the codes are constants of the step), through
    /// TriadCore's MLP and cosine and the tested baseline pieces only — none of the method's
    /// workspaces: backbone, first projector layer, batch norm over both views, ReLU, second layer,
    /// cosine scores, swapped prediction.
    static func loss(_ net: Network<Double>, gamma: [Double], beta: [Double], _ xa: Matrix<Double>,
                     _ xb: Matrix<Double>, codesA: Matrix<Double>, codesB: Matrix<Double>) throws -> Double {
        let n = xa.rows
        let h = net.backbone.encode(Matrix(rows: 2 * n, columns: xa.columns, storage: xa.storage + xb.storage))
        let bn = try BatchNorm.forward(MLP.affine(h, net.projector.layers[0]), gamma: gamma, beta: beta)
        let z = MLP.affine(MLP.relu(bn.output), net.projector.layers[1])
        let s = ClusterHead.cosineLogits(z, prototypes: net.head.prototypes, temperature: 1.0)
        func rows(_ start: Int) -> Matrix<Double> {
            Matrix(rows: n, columns: s.columns, storage: Array(s.storage[(start * s.columns)..<((start + n) * s.columns)]))
        }
        return try SwAVLoss.swappedPrediction(scoresA: rows(0), scoresB: rows(n), codesA: codesA, codesB: codesB).loss
    }

    @Test("SwAV's gradient with respect to every trained parameter (backbone, projector, prototypes, batch-norm gamma and beta) equals central differences of the loss with the codes held fixed")
    func gradientMatchesFiniteDifferences() throws {
        var random = TestSeed.generator("Training: SwAV method/gradient", default: 61)
        var net = try Network<Double>.pytorchDefault(backboneWidths: [2, 5, 5, 2], clusterCount: 3, temperature: 0.5,
                                                     random: &random)
        let method = try SwAVMethod<Double>(network: net, augmentationStd: 0.1, optimizer: Adam(learningRate: 1e-3))
        // Away from PyTorch's initial (1, 0), so that the affine path is exercised.
        method.batchNormScale = (0..<4).map { _ in random.uniform(0.5, 1.5) }
        method.batchNormShift = (0..<4).map { _ in random.uniform(-0.5, 0.5) }
        let xa = BaselineMethodCheck.uniformMatrix(8, 2, &random), xb = BaselineMethodCheck.uniformMatrix(8, 2, &random)
        let result = try method.lossAndGradient(network: net, viewA: xa, viewB: xb)
        let gamma = method.batchNormScale, beta = method.batchNormShift
        // The codes are Sinkhorn-Knopp's of the step's own scores: then the reference loss at the
        // base point is the method's loss (same arithmetic up to rounding: 1e-12 relative).
        let reference = try Self.loss(net, gamma: gamma, beta: beta, xa, xb, codesA: result.codesA, codesB: result.codesB)
        #expect(isClose(result.loss, reference, absolute: 1e-12, relative: 1e-10), "loss \(result.loss) vs \(reference)")
        for codes in [result.codesA, result.codesB] {
            for i in 0..<8 { #expect(isClose(codes.row(i).reduce(0, +), 1, absolute: 1e-12, relative: 0)) }
        }
        let p = net.parameterCount
        let theta = net.flattenedParameters + gamma + beta
        let numeric = try BaselineMethodCheck.numericalGradient(theta) { v in
            net.setFlattenedParameters(Array(v[0..<p]))
            return try Self.loss(net, gamma: Array(v[p..<(p + 4)]), beta: Array(v[(p + 4)...]), xa, xb,
                                 codesA: result.codesA, codesB: result.codesB)
        }
        let analytic = result.gradient.flattened + result.scaleGradient + result.shiftGradient
        BaselineMethodCheck.expectMatch(analytic, numeric, "SwAV method gradient")
        // The check must be able to fail: the prototypes and gamma do receive gradient.
        #expect(result.gradient.prototypes.storage.contains { abs($0) > 1e-6 })
        #expect(result.scaleGradient.contains { abs($0) > 1e-6 })
    }

    @Test("SwAV evaluation uses the running statistics: a point's logits do not depend on the rest of the batch, and are cos(z, u)/T within [-1/T, 1/T]")
    func evaluationIsBatchIndependent() throws {
        var random = TestSeed.generator("Training: SwAV method/evaluation", default: 62)
        let net = try Network<Double>.pytorchDefault(backboneWidths: [2, 5, 5, 2], temperature: 0.5, random: &random)
        let method = try SwAVMethod<Double>(network: net, augmentationStd: 0.1, optimizer: Adam(learningRate: 1e-2))
        // A few steps so the running statistics and gamma, beta leave their initial values.
        for _ in 0..<5 {
            let xa = BaselineMethodCheck.uniformMatrix(16, 2, &random), xb = BaselineMethodCheck.uniformMatrix(16, 2, &random)
            method.applyOwnUpdate(try method.lossAndGradient(network: net, viewA: xa, viewB: xb))
        }
        #expect(method.runningStatistics.mean.contains { $0 != 0 })
        #expect(method.batchNormScale.contains { $0 != 1 })
        let points = BaselineMethodCheck.uniformMatrix(10, 2, &random)
        let all = method.evaluate(network: net, points: points)
        // The workspace's kernels against TriadCore's MLP: the same sums in another order.
        let reference = net.backbone.encode(points)
        for (a, b) in zip(all.embeddings.storage, reference.storage) { #expect(isClose(a, b, absolute: 1e-12, relative: 1e-12)) }
        for i in 0..<10 {
            let one = method.evaluate(network: net, points: Matrix(rows: 1, columns: 2, storage: points.row(i)))
            for y in 0..<2 {
                // The same arithmetic on one row (rows never mix in the kernels): bit-identical.
                #expect(one.logits[0, y] == all.logits[i, y])
                #expect(abs(all.logits[i, y]) <= 1 / method.temperature + 1e-12)
            }
        }
    }

    @Test("Invalid SwAV settings throw TriadError")
    func invalidSettingsThrow() throws {
        var random = TriadRandom(seed: 63)
        let net = try Network<Double>.pytorchDefault(backboneWidths: [2, 5, 5, 2], temperature: 0.5, random: &random)
        let deep = try Network<Double>.pytorchDefault(backboneWidths: [2, 5, 2], projectorWidths: [2, 3, 3, 2],
                                                      temperature: 0.5, random: &random)
        let adam = try Adam<Double>(learningRate: 1e-3)
        #expect(throws: TriadError.self) { try SwAVMethod(network: deep, augmentationStd: 0.1, optimizer: adam) }
        #expect(throws: TriadError.self) { try SwAVMethod(network: net, augmentationStd: -1, optimizer: adam) }
        #expect(throws: TriadError.self) { try SwAVMethod(network: net, augmentationStd: 0.1, optimizer: adam, temperature: 0) }
        #expect(throws: TriadError.self) { try SwAVMethod(network: net, augmentationStd: 0.1, optimizer: adam, sinkhornIterations: 0) }
        let method = try SwAVMethod(network: net, augmentationStd: 0.1, optimizer: adam)
        let x = BaselineMethodCheck.uniformMatrix(4, 2, &random)
        var bad = x
        bad[1, 1] = .nan
        #expect(throws: TriadError.self) { try method.lossAndGradient(network: net, viewA: x, viewB: bad) }
        #expect(throws: TriadError.self) {
            try method.lossAndGradient(network: net, viewA: x, viewB: BaselineMethodCheck.uniformMatrix(3, 2, &random))
        }
    }

    @Test("200 SwAV steps: finite throughout, the swapped-prediction loss at least halves (first 5 steps vs last 100) on at least 3 of 5 seeds, and the same seed replays bit for bit (network and the method's batch-norm parameters)")
    func runLearnsAndReplays() throws {
        let seed = TestSeed.seed(64)
        print("[Training: SwAV method/run] seed \(seed) — replay: TRIAD_SEED=\(seed) swift test --filter 'Training: SwAV method'")
        let a = try BaselineMethodCheck.run(.swav, seed: seed, iterations: 200)
        #expect(a.records.count == 200)
        #expect(a.records.allSatisfy { $0.loss.isFinite && $0.terms["L_SwAV"] == $0.loss })
        #expect(a.trainer.network.flattenedParameters.allSatisfy { $0.isFinite })
        try BaselineMethodCheck.expectLossHalves(.swav, seed: seed, a.records, "Training: SwAV method/run")
        let b = try BaselineMethodCheck.run(.swav, seed: seed, iterations: 100)
        #expect(b.snapshots[100] != nil && a.snapshots[100] == b.snapshots[100], "the same seed must replay bit for bit")
        let c = try BaselineMethodCheck.run(.swav, seed: seed &+ 1, iterations: 10)
        #expect(c.snapshots[10] != nil && a.snapshots[10] != c.snapshots[10], "the seed must matter")
    }
}
