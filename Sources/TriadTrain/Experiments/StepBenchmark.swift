import TriadCore

/// Times the GEDI step of `Proofs/model.md` §7.2 at its real size (batch 400, backbone 2-100-100-2,
/// projector 2-4-2, C = 2, 1 SGLD step on 400 samples) and its parts, in Float, single-threaded.
///
/// FLOP count (analytic, useful work only: padding, bias adds, ReLU, the head and the objective
/// are not counted — they are O(n) against O(n h²)): an MLP layer `in -> out` costs `2 · in · out`
/// per row forward, the same again for its weight gradient, and the same again for its input
/// gradient (not formed for the first layer of the backbone when only parameters are needed).
/// GEDI step: forward and parameter backward on `n + n + m = 1200` rows, plus `steps ×`
/// (forward and input backward on `m = 400` rows) for SGLD: ≈ 91.2 MFLOP.
///
/// The parts are timed single-threaded; the whole GEDI step also with two threads.
public enum StepBenchmark {
    /// The reference: a PyTorch CPU implementation of this exact step, one thread, on these
    /// machines (the figure; another run measured 6.9 ms).
    public static let pytorchReferenceMilliseconds = 6.5

    public struct Result: Sendable {
        /// Median milliseconds of each measured part.
        public var gediStep: Double
        public var noGenStep: Double
        /// The GEDI step with the large products split over two threads (``KernelPool``).
        public var gediStepTwoThreads: Double
        public var forward: Double
        public var backward: Double
        public var sampling: Double
        public var objective: Double
        public var optimizer: Double
        /// MFLOP of one GEDI step, one no-gen step, forward, backward, SGLD (see the type's doc).
        public var gediMFLOP: Double
        public var noGenMFLOP: Double
        public var forwardMFLOP: Double
        public var backwardMFLOP: Double
        public var samplingMFLOP: Double
        /// The register-only peak of this machine in this build, GFLOP/s.
        public var peakGFLOPS: Double
        public var repeats: Int

        public var gediGFLOPS: Double { gediMFLOP / gediStep }
        public var noGenGFLOPS: Double { noGenMFLOP / noGenStep }
        public var forwardGFLOPS: Double { forwardMFLOP / forward }
        public var backwardGFLOPS: Double { backwardMFLOP / backward }
        public var samplingGFLOPS: Double { samplingMFLOP / sampling }
    }

    /// FLOPs of a forward pass of an MLP over `rows` rows.
    static func forwardFLOPs(_ widths: [Int], rows: Int) -> Double {
        Double(rows) * (1..<widths.count).reduce(0.0) { $0 + 2 * Double(widths[$1 - 1] * widths[$1]) }
    }

    /// FLOPs of a backward pass (weight gradients when `parameters`; input gradients of every
    /// layer but the first unless `input`).
    static func backwardFLOPs(_ widths: [Int], rows: Int, parameters: Bool, input: Bool) -> Double {
        var total = 0.0
        for l in 1..<widths.count {
            let layer = 2 * Double(widths[l - 1] * widths[l])
            if parameters { total += layer }
            if l > 1 || input { total += layer }
        }
        return Double(rows) * total
    }

    static func median(_ repeats: Int, _ body: () -> Void) -> Double {
        var times: [Double] = []
        times.reserveCapacity(repeats)
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            body()
            times.append((ContinuousClock.now - start).seconds * 1e3)
        }
        times.sort()
        return times[times.count / 2]
    }

    /// Runs the benchmark: `warmup` untimed steps, then `repeats` timed repetitions of each part.
    public static func run(repeats: Int = 200, warmup: Int = 50, seed: UInt64 = 1) throws -> Result {
        try require(repeats >= 1, "repeats", repeats, "must be >= 1")
        try require(warmup >= 0, "warm-up steps", warmup, "must be >= 0")
        var random = TriadRandom(seed: seed)
        var data = try ToyDataSplit(.moons, batchSize: 400, testCount: 2, using: &random)
        let batch = data.nextTrainingBatch().converted(to: Float.self)
        func trainer(_ kind: MethodKind, threads: Int = 1) throws -> Trainer {
            var config = ExperimentPresets.configuration(kind, seed: seed)
            config.recordEvery = 0
            config.threads = threads
            return try Trainer(configuration: config, box: ToyDataKind.moons.boundingBox, random: &random)
        }
        let gedi = try trainer(.gedi), noGen = try trainer(.noGen), gedi2 = try trainer(.gedi, threads: 2)
        for _ in 0..<warmup {
            try gedi.step(batch: batch)
            try noGen.step(batch: batch)
            try gedi2.step(batch: batch)
        }
        // One trainer at a time (as in training: interleaving three trainers thrashes the caches
        // and measured ~50% slower steps).
        let gediStep = median(repeats) { _ = try? gedi.step(batch: batch) }
        let noGenStep = median(repeats) { _ = try? noGen.step(batch: batch) }
        let gediStepTwoThreads = median(repeats) { _ = try? gedi2.step(batch: batch) }

        // The parts, on a method of its own (same shapes as the GEDI step).
        var network = gedi.network
        var stream = TriadRandom(seed: seed &+ 1)
        let method = try GEDIMethod<Float>(network: network, weights: .unit, augmentationStd: 0.1,
                                           langevin: LangevinConfiguration(), batchSize: 400,
                                           box: ToyDataKind.moons.boundingBox, random: &stream)
        let w = method.workspace
        w.load(network)
        let views = method.augment(batch, random: &stream)
        let samples = method.drawSamples(network: network, random: &stream)!
        let sampling = median(repeats) { _ = method.drawSamples(network: network, random: &stream) }
        var logits = Matrix<Float>.zeros(rows: 0, columns: 0)
        let forward = median(repeats) {
            let (p, s) = w.prepareInput(rows: 1200)
            for (r, block) in [batch, views, samples].enumerated() {
                for i in 0..<400 { for d in 0..<2 { p[(r * 400 + i) * s + d] = block[i, d] } }
            }
            logits = w.forward(head: network.head)
        }
        func rows(_ start: Int) -> Matrix<Float> {
            Matrix(rows: 400, columns: 2, storage: Array(logits.storage[(start * 2)..<((start + 400) * 2)]))
        }
        let termBatch = TermBatch(logits: rows(0), viewLogits: rows(400),
                                  partition: .sampled(rows(800), weights: [Float](repeating: 1 / 400, count: 400)))
        var termGradient = method.objective.gradient(termBatch)
        let objective = median(repeats) { termGradient = method.objective.gradient(termBatch) }
        let g = Matrix(rows: 1200, columns: 2,
                       storage: (termGradient.logits.storage + termGradient.viewLogits.storage
                                 + termGradient.partitionLogits.storage).map { -$0 })
        var gradient: NetworkGradient<Float>? = nil
        let backward = median(repeats) {
            gradient = w.backward(head: network.head, logitGradient: g, parameters: true, input: false)
        }
        var adam = try Adam<Float>(learningRate: 1e-7)
        let optimizer = median(repeats) { adam.step(&network, gradient: gradient!) }

        let bb = network.backbone.widths, pj = network.projector.widths
        func pass(_ rows: Int, parameters: Bool, input: Bool) -> Double {
            forwardFLOPs(bb, rows: rows) + forwardFLOPs(pj, rows: rows)
                + backwardFLOPs(bb, rows: rows, parameters: parameters, input: input)
                + backwardFLOPs(pj, rows: rows, parameters: parameters, input: true)
        }
        let samplingFLOPs = Double(method.sampler!.configuration.steps) * pass(400, parameters: false, input: true)
        let trainFLOPs = pass(1200, parameters: true, input: false)
        let forwardCount = forwardFLOPs(bb, rows: 1200) + forwardFLOPs(pj, rows: 1200)
        return Result(
            gediStep: gediStep, noGenStep: noGenStep, gediStepTwoThreads: gediStepTwoThreads, forward: forward, backward: backward, sampling: sampling,
            objective: objective, optimizer: optimizer,
            gediMFLOP: (trainFLOPs + samplingFLOPs) / 1e6, noGenMFLOP: pass(800, parameters: true, input: false) / 1e6,
            forwardMFLOP: forwardCount / 1e6, backwardMFLOP: (trainFLOPs - forwardCount) / 1e6,
            samplingMFLOP: samplingFLOPs / 1e6, peakGFLOPS: PeakThroughput.measure(.selected) / 1e9, repeats: repeats)
    }
}
