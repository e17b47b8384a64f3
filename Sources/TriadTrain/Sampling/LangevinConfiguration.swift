import TriadCore

/// The SGLD sampler of the generative term (`Proofs/model.md` §7.2, JEM's persistent sampler):
/// `x ← x + alpha ∇_x LSE_y l_y(x) + sigma · N(0, 1)` for `steps` steps, starting from points
/// drawn from a persistent replay buffer of `bufferSize` points, a fraction `reinitialization` of
/// which is first re-drawn uniformly on the data box.
public struct LangevinConfiguration: Sendable, Equatable {
    /// `alpha`: the gradient step.
    public var stepSize: Double
    /// `sigma`: the standard deviation of the added noise.
    public var noise: Double
    /// Langevin steps per training step (1 for GEDI, 20 for JEM).
    public var steps: Int
    /// Points in the replay buffer.
    public var bufferSize: Int
    /// The probability that a drawn buffer point is replaced by a uniform draw on the box.
    public var reinitialization: Double
    /// Samples per training step (`m`; each has weight `1/m` in the partition surrogate).
    /// `nil`: the data batch size.
    var sampleCount: Int?

    /// What keeps the chains in the box `Omega` after each step.
    public var boundary: Boundary

    /// choice: **clamp**. A coordinate past a face is set to the face. Reflection (mirroring back
    /// in) was the alternative; a step longer than the box would need repeated reflections, and
    /// clamping is idempotent and keeps every sample in the closed box whatever the step, which is
    /// what the compactness of `Omega` asks (`Proofs/model.md` §7.2: an unbounded step of 1 throws samples to
    /// |x| ~ 1e3-1e4).
    public enum Boundary: String, Sendable, Equatable {
        case clamp
        /// No constraint (the reference PyTorch behaviour), for comparison.
        case none
    }

    init(stepSize: Double = 0.01, noise: Double = 0.01, steps: Int = 1, bufferSize: Int = 10_000,
                reinitialization: Double = 0.05, sampleCount: Int? = nil, boundary: Boundary = .clamp) {
        self.stepSize = stepSize
        self.noise = noise
        self.steps = steps
        self.bufferSize = bufferSize
        self.reinitialization = reinitialization
        self.sampleCount = sampleCount
        self.boundary = boundary
    }

    /// JEM's sampler (`Proofs/model.md` §7.3): 20 steps of size 1, noise 0.01, buffer 10 000, re-init 0.05.
    static let jem = LangevinConfiguration(stepSize: 1, noise: 0.01, steps: 20)

    /// Throws ``TriadError`` for a negative or non-finite step or noise, `steps < 1`,
    /// `bufferSize < 1`, a re-initialisation probability outside `[0, 1]`, or `sampleCount < 1`.
    func validate() throws {
        try require(stepSize.isFinite && stepSize >= 0, "SGLD step size alpha", stepSize, "must be finite and >= 0")
        try require(noise.isFinite && noise >= 0, "SGLD noise sigma", noise, "must be finite and >= 0")
        try require(steps >= 1, "SGLD steps", steps, "must be >= 1")
        try require(bufferSize >= 1, "replay buffer size", bufferSize, "must be >= 1")
        try require(reinitialization >= 0 && reinitialization <= 1, "re-initialisation probability",
                    reinitialization, "must be in [0, 1]")
        if let sampleCount { try require(sampleCount >= 1, "SGLD sample count", sampleCount, "must be >= 1") }
    }
}
