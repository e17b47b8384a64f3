import TriadCore

/// Every hyper-parameter of a training run (`Proofs/model.md` §7). Defaults are the GEDI starting point;
/// the experiments' presets are ``ExperimentPresets``.
public struct TrainingConfiguration: Sendable, Equatable {
    public var method: MethodKind
    /// Optimiser steps.
    public var iterations: Int
    /// Adam's learning rate (1e-3; JEM 1e-4).
    public var learningRate: Double
    var adamBeta1: Double = 0.9
    var adamBeta2: Double = 0.999
    var adamEpsilon: Double = 1e-8
    /// Data points per step (`n`, 400).
    public var batchSize: Int
    /// `s`: the augmentation `x' = x + N(0, s²)` per coordinate.
    public var augmentationStd: Double
    /// `(lambda_GEN, lambda_INV, lambda_PRIOR)`.
    public var weights: GEDIObjective.Weights
    /// `tau` of the cosine head (0.5: more reliable than 0.1 here, `Proofs/model.md` §7.5).
    public var temperature: Double
    /// The SGLD sampler (used when `lambda_GEN > 0`).
    public var langevin: LangevinConfiguration
    var backboneWidths: [Int] = [2, 100, 100, 2]
    var projectorWidths: [Int] = [2, 4, 2]
    var clusterCount: Int = 2
    /// Evaluate and record the loss every this many steps (and at the last); 0: never. The loss
    /// is not needed for the update, so other steps skip its evaluation.
    public var recordEvery: Int = 100
    /// Threads for the large matrix products: 1, or 2 (``KernelPool``; the results are
    /// bit-identical either way, only the time changes).
    var threads: Int = 1
    /// The vector unit of the Float matrix products (``KernelISA/selected``: the widest this CPU
    /// has unless `TRIAD_ISA` says otherwise). `avx512` and `avx2` give bit-identical runs.
    public var kernelISA: KernelISA = .selected
    /// The seed of the run (network init, buffer, noise; the data stream is seeded by the caller).
    public var seed: UInt64

    init(method: MethodKind = .gedi, iterations: Int = 7_000, learningRate: Double = 1e-3,
                batchSize: Int = 400, augmentationStd: Double = 0.1, weights: GEDIObjective.Weights? = nil,
                temperature: Double = 0.5, langevin: LangevinConfiguration = LangevinConfiguration(),
                seed: UInt64 = 0) {
        self.method = method
        self.iterations = iterations
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.augmentationStd = augmentationStd
        self.weights = weights ?? method.weights
        self.temperature = temperature
        self.langevin = langevin
        self.seed = seed
    }

    /// Throws ``TriadError`` for an invalid setting.
    public func validate() throws {
        try require(iterations >= 0, "iterations", iterations, "must be >= 0")
        try require(batchSize >= 2, "batch size", batchSize, "must be >= 2")
        try require(augmentationStd.isFinite && augmentationStd >= 0, "augmentation std s", augmentationStd,
                    "must be finite and >= 0")
        try require(temperature.isFinite && temperature > 0, "temperature tau", temperature, "must be finite and > 0")
        try require(recordEvery >= 0, "record interval", recordEvery, "must be >= 0")
        try require(threads == 1 || threads == 2, "threads", threads, "must be 1 or 2")
        try kernelISA.requireSupported()
        _ = try GEDIObjective(weights: weights)
        _ = try Adam<Float>(learningRate: learningRate, beta1: adamBeta1, beta2: adamBeta2, epsilon: adamEpsilon)
        if method.usesSampler(weights: weights) { try langevin.validate() }
    }
}
