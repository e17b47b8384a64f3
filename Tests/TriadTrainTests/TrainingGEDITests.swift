import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

@Suite("Training: GEDI step")
struct TrainingGEDITests {
    static let box = try! BoundingBox(lower: [-3, -3], upper: [3, 3])

    static func randomMatrix(_ rows: Int, _ columns: Int, _ random: inout TriadRandom) -> Matrix<Double> {
        var m = Matrix<Double>.zeros(rows: rows, columns: columns)
        for i in m.storage.indices { m.storage[i] = random.uniform(-2, 2) }
        return m
    }

    /// `-L_GEDI` on fixed `x, x', x~`, evaluated through TriadCore only (MLP.encode,
    /// ClusterHead.logits, TermBatch, GEDIObjective.value): the reference for the trainer's gradient.
    static func loss(_ net: Network<Double>, _ objective: GEDIObjective, _ x: Matrix<Double>,
                     _ views: Matrix<Double>?, _ samples: Matrix<Double>?) -> Double {
        func logits(_ p: Matrix<Double>) -> Matrix<Double> {
            net.head.logits(net.projector.encode(net.backbone.encode(p)))
        }
        let l = logits(x)
        let partition: Partition<Double>? = samples.map {
            .sampled(logits($0), weights: [Double](repeating: 1 / Double($0.rows), count: $0.rows))
        }
        return -objective.value(TermBatch(logits: l, viewLogits: views.map(logits) ?? l, partition: partition))
    }

    /// Tolerance as in the network gradient checks: `1e-8 + 1e-6 · max(|a|, |n|)` (central
    /// differences, `h = 1e-6`, loss of order 1).
    @Test("The GEDI step's parameter gradient equals central differences of -L_GEDI, for GEDI and every ablation",
          arguments: MethodKind.allCases.filter(\.usesGEDIObjective))
    func stepGradientMatchesFiniteDifferences(kind: MethodKind) throws {
        var random = TestSeed.generator("Training: GEDI step/gradient \(kind)", default: 41)
        var net = try Network<Double>.pytorchDefault(backboneWidths: [2, 5, 5, 2], temperature: 0.5, random: &random)
        let method = try GEDIMethod<Double>(network: net, weights: kind.weights, augmentationStd: 0.1,
                                            langevin: LangevinConfiguration(), batchSize: 6, box: Self.box,
                                            random: &random)
        let x = Self.randomMatrix(6, 2, &random)
        let views = method.usesViews ? Self.randomMatrix(6, 2, &random) : nil
        let samples = method.usesSamples ? Self.randomMatrix(5, 2, &random) : nil
        let result = method.lossAndGradient(network: net, data: x, views: views, samples: samples, recordLoss: true)
        let reference = Self.loss(net, method.objective, x, views, samples)
        #expect(isClose(result.loss!, reference, absolute: 1e-12, relative: 1e-10))
        let analytic = result.gradient.flattened
        let theta = net.flattenedParameters
        let h = 1e-6
        for e in theta.indices {
            var p = theta
            p[e] += h; net.setFlattenedParameters(p); let up = Self.loss(net, method.objective, x, views, samples)
            p[e] -= 2 * h; net.setFlattenedParameters(p); let down = Self.loss(net, method.objective, x, views, samples)
            let numeric = (up - down) / (2 * h)
            #expect(isClose(analytic[e], numeric, absolute: 1e-8, relative: 1e-6),
                    "\(kind) parameter \(e): \(analytic[e]), numeric \(numeric)")
        }
    }

    @Test("No gen runs no sampler and no views are formed without L_INV")
    func ablationsSkipWork() throws {
        var random = TestSeed.generator("Training: GEDI step/ablationsSkipWork", default: 42)
        let net = try Network<Float>.pytorchDefault(backboneWidths: [2, 5, 5, 2], temperature: 0.5, random: &random)
        func method(_ kind: MethodKind) throws -> GEDIMethod<Float> {
            try GEDIMethod(network: net, weights: kind.weights, augmentationStd: 0.1, langevin: LangevinConfiguration(),
                           batchSize: 8, box: Self.box, random: &random)
        }
        #expect(try method(.noGen).sampler == nil)
        #expect(try method(.noGen).usesViews)
        #expect(try method(.jem).usesViews == false)
        #expect(try method(.gedi).sampler != nil)
        #expect(try method(.gedi).sampleCount == 8)
    }

    /// Hides a term's concrete type, so the objective calls it through its protocol witness.
    struct Opaque: ObjectiveTerm {
        let base: any ObjectiveTerm
        var name: String { base.name }
        func value<T: Real>(_ batch: TermBatch<T>) -> T { base.value(batch) }
        func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T> { base.gradient(batch) }
    }

    @Test("The objective's concrete-type fast path is bit-identical to calling the terms through their protocol witnesses",
          arguments: MethodKind.allCases.filter(\.usesGEDIObjective))
    func concreteTermPathIsBitIdentical(kind: MethodKind) throws {
        var random = TestSeed.generator("Training: GEDI step/concreteTermPath \(kind)", default: 43)
        let weights = GEDIObjective.Weights(generative: kind.weights.generative * 0.7,
                                            invariance: kind.weights.invariance * 1.3,
                                            prior: kind.weights.prior * 0.9)
        let objective = try GEDIObjective(weights: weights)
        let opaque = try GEDIObjective(weights: weights, generative: Opaque(base: GenerativeTerm()),
                                       invariance: Opaque(base: InvarianceTerm()), prior: Opaque(base: PriorTerm()))
        func logits(_ n: Int) -> Matrix<Float> {
            var m = Matrix<Float>.zeros(rows: n, columns: 3)
            for i in m.storage.indices { m.storage[i] = Float(random.uniform(-4, 4)) }
            return m
        }
        let samples = logits(7)
        let batch = TermBatch(logits: logits(9), viewLogits: logits(9),
                              partition: .sampled(samples, weights: [Float](repeating: 1 / 7, count: 7)))
        let fast = objective.gradient(batch), reference = opaque.gradient(batch)
        #expect(fast.logits.storage == reference.logits.storage)
        #expect(fast.viewLogits.storage == reference.viewLogits.storage)
        #expect(fast.partitionLogits.storage == reference.partitionLogits.storage)
        #expect(objective.value(batch) == opaque.value(batch))
        #expect(objective.weightedValues(batch).map(\.value) == opaque.weightedValues(batch).map(\.value))
        #expect(objective.weightedValues(batch).map(\.name) == objective.weightedTerms.map(\.term.name))
    }

    @Test("Invalid training settings throw TriadError before any work")
    func invalidConfigurationThrows() throws {
        var random = TriadRandom(seed: 1)
        var bad: [TrainingConfiguration] = []
        var c = TrainingConfiguration(); c.batchSize = 1; bad.append(c)
        c = TrainingConfiguration(); c.learningRate = 0; bad.append(c)
        c = TrainingConfiguration(); c.temperature = -1; bad.append(c)
        c = TrainingConfiguration(); c.augmentationStd = .infinity; bad.append(c)
        c = TrainingConfiguration(); c.weights = GEDIObjective.Weights(generative: -1); bad.append(c)
        c = TrainingConfiguration(); c.langevin.steps = 0; bad.append(c)
        c = TrainingConfiguration(); c.iterations = -1; bad.append(c)
        for config in bad {
            #expect(throws: TriadError.self) { try Trainer(configuration: config, box: Self.box, random: &random) }
        }
        // A sampler setting is irrelevant (and not checked) when lambda_GEN = 0.
        c = ExperimentPresets.configuration(.noGen, seed: 1); c.langevin.steps = 0
        _ = try Trainer(configuration: c, box: Self.box, random: &random)
    }
}
