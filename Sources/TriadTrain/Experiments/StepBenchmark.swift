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
/// The parts are the phases of the real step (``StepProfile``: the trainer and the method mark
/// the end of each), so they add up to the step by construction except for what lies between the
/// marks; the benchmark reports that remainder as "rest" next to the whole step timed without the
/// profile, in steps that alternate with the profiled ones (on a shared machine, two separate
/// windows of 200 steps differed by up to 25%). Single-threaded unless stated; the vector unit is ``KernelISA/selected`` unless given.
public enum StepBenchmark {
    public struct Result: Sendable {
        /// The vector unit the products ran on, and the widest this CPU has.
        public var isa: KernelISA
        public var widestISA: KernelISA
        /// Median milliseconds of a whole step, timed without the profile.
        public var gediStep: Double
        public var noGenStep: Double
        /// The GEDI step with the large products split over two threads (``KernelPool``).
        public var gediStepTwoThreads: Double
        /// Median milliseconds of each phase of the GEDI step (``StepPhase``), timed with the profile.
        public var phases: [StepPhase: Double]
        /// MFLOP of one GEDI step, one no-gen step, forward, backward, SGLD (see the type's doc).
        public var gediMFLOP: Double
        public var noGenMFLOP: Double
        public var forwardMFLOP: Double
        public var backwardMFLOP: Double
        public var samplingMFLOP: Double
        /// The register-only peak (``PeakThroughput``) of every unit this CPU has, GFLOP/s.
        public var peaks: [KernelISA: Double]
        /// Full training runs of ``ExperimentPresets`` GEDI on moons per hour, by worker count
        /// (wall clock, evaluation included); empty when not measured.
        public var runsPerHour: [Int: Double]
        /// The iterations of those runs.
        public var trainingIterations: Int
        public var repeats: Int

        /// The median of one phase (0 when it did not run).
        public func phase(_ p: StepPhase) -> Double { phases[p] ?? 0 }
        /// The sum of the phases' medians.
        public var phaseSum: Double { phases.values.reduce(0, +) }
        /// The whole step minus the sum of its phases: time between the marks (loop, timer).
        public var rest: Double { gediStep - phaseSum }
        /// The peak of the unit used and of the widest unit, GFLOP/s.
        public var peakGFLOPS: Double { peaks[isa] ?? 0 }
        public var widestPeakGFLOPS: Double { peaks[widestISA] ?? 0 }

        public var gediGFLOPS: Double { gediMFLOP / gediStep }
        public var noGenGFLOPS: Double { noGenMFLOP / noGenStep }
        public var forwardGFLOPS: Double { forwardMFLOP / phase(.forward) }
        public var backwardGFLOPS: Double { backwardMFLOP / phase(.backward) }
        public var samplingGFLOPS: Double { samplingMFLOP / phase(.sampling) }
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

    /// Runs the benchmark: `warmup` untimed steps, then `repeats` timed steps of each measurement;
    /// then, unless `trainingIterations` is 0, full training runs of that length on 1 and 2
    /// workers. Each peak is the best of three runs of `peakIterations` rounds. Throws
    /// ``TriadError`` for a non-positive repeat count, a negative warm-up or iteration count, or a
    /// unit this CPU lacks.
    public static func run(repeats: Int = 200, warmup: Int = 50, seed: UInt64 = 1, isa: KernelISA = .selected,
                           trainingIterations: Int = 7_000, peakIterations: Int = 20_000_000) throws -> Result {
        try require(repeats >= 1, "repeats", repeats, "must be >= 1")
        try require(warmup >= 0, "warm-up steps", warmup, "must be >= 0")
        try require(trainingIterations >= 0, "training iterations", trainingIterations, "must be >= 0")
        try isa.requireSupported()
        var random = TriadRandom(seed: seed)
        var data = try ToyDataSplit(.moons, batchSize: 400, testCount: 2, using: &random)
        let batch = data.nextTrainingBatch().converted(to: Float.self)
        func trainer(_ kind: MethodKind, threads: Int = 1) throws -> Trainer {
            var config = ExperimentPresets.configuration(kind, seed: seed)
            config.recordEvery = 0
            config.threads = threads
            config.kernelISA = isa
            return try Trainer(configuration: config, box: ToyDataKind.moons.boundingBox, random: &random)
        }
        // One trainer at a time, warmed up just before its measurement (interleaving trainers
        // thrashes the caches and measured ~50% slower steps).
        func median(_ t: Trainer) -> Double {
            for _ in 0..<warmup { _ = try? t.step(batch: batch) }
            return Self.median(repeats) { _ = try? t.step(batch: batch) }
        }
        // The whole GEDI step and its phases, on one trainer, alternating a step timed whole
        // (profile off) with a step timed by phases (profile on): both see the same state of a
        // shared machine, so that their comparison measures the profile, not the neighbours.
        let gedi = try trainer(.gedi)
        for _ in 0..<warmup { _ = try? gedi.step(batch: batch) }
        let profile = StepProfile()
        var wholeSteps: [Double] = []
        wholeSteps.reserveCapacity(repeats)
        for _ in 0..<repeats {
            gedi.profile = nil
            let start = ContinuousClock.now
            _ = try? gedi.step(batch: batch)
            wholeSteps.append((ContinuousClock.now - start).seconds * 1e3)
            gedi.profile = profile
            _ = try? gedi.step(batch: batch)
        }
        gedi.profile = nil
        wholeSteps.sort()
        let gediStep = wholeSteps[wholeSteps.count / 2]
        var phases: [StepPhase: Double] = [:]
        for p in StepPhase.allCases { phases[p] = profile.medianMilliseconds(p) }
        let noGenStep = median(try trainer(.noGen))
        let gediStepTwoThreads = median(try trainer(.gedi, threads: 2))

        let network = gedi.network
        let bb = network.backbone.widths, pj = network.projector.widths
        func pass(_ rows: Int, parameters: Bool, input: Bool) -> Double {
            forwardFLOPs(bb, rows: rows) + forwardFLOPs(pj, rows: rows)
                + backwardFLOPs(bb, rows: rows, parameters: parameters, input: input)
                + backwardFLOPs(pj, rows: rows, parameters: parameters, input: true)
        }
        let sampler = (gedi.method as? GEDIMethod<Float>)?.sampler
        let samplingFLOPs = Double(sampler?.configuration.steps ?? 0) * pass(400, parameters: false, input: true)
        let trainFLOPs = pass(1200, parameters: true, input: false)
        let forwardCount = forwardFLOPs(bb, rows: 1200) + forwardFLOPs(pj, rows: 1200)

        var peaks: [KernelISA: Double] = [:]
        for unit in KernelISA.allCases where unit.isSupported { peaks[unit] = PeakThroughput.measure(unit, iterations: peakIterations) / 1e9 }

        var runsPerHour: [Int: Double] = [:]
        if trainingIterations > 0 {
            for workers in [1, 2] {
                let jobs = (0..<workers).map { UInt64($0) + seed }
                let clock = ContinuousClock(), started = clock.now
                _ = try ParallelRuns.map(jobs, workers: workers) { runSeed in
                    var config = ExperimentPresets.configuration(.gedi, seed: runSeed)
                    config.iterations = trainingIterations
                    config.kernelISA = isa
                    return try ToyExperiment(configuration: config, dataset: .moons).run().nmi
                }
                runsPerHour[workers] = Double(workers) * 3600 / (clock.now - started).seconds
            }
        }
        return Result(
            isa: isa, widestISA: .widest, gediStep: gediStep, noGenStep: noGenStep,
            gediStepTwoThreads: gediStepTwoThreads, phases: phases,
            gediMFLOP: (trainFLOPs + samplingFLOPs) / 1e6, noGenMFLOP: pass(800, parameters: true, input: false) / 1e6,
            forwardMFLOP: forwardCount / 1e6, backwardMFLOP: (trainFLOPs - forwardCount) / 1e6,
            samplingMFLOP: samplingFLOPs / 1e6, peaks: peaks, runsPerHour: runsPerHour,
            trainingIterations: trainingIterations, repeats: repeats)
    }
}
