import TriadCore

/// Changes to a ``TrainingConfiguration``: the settings the paper's tables lost (`Proofs/model.md` §7.5),
/// one optional value each; `nil` keeps the configuration's value. A sweep candidate is one of these.
public struct TrainingOverrides: Sendable, Equatable, CustomStringConvertible {
    var iterations: Int?
    var learningRate: Double?
    /// `s`.
    var augmentationStd: Double?
    var weights: GEDIObjective.Weights?
    /// `tau`.
    var temperature: Double?
    /// SGLD step `alpha`.
    var sgldStep: Double?

    public init(iterations: Int? = nil, learningRate: Double? = nil, augmentationStd: Double? = nil,
                weights: GEDIObjective.Weights? = nil, temperature: Double? = nil, sgldStep: Double? = nil) {
        self.iterations = iterations
        self.learningRate = learningRate
        self.augmentationStd = augmentationStd
        self.weights = weights
        self.temperature = temperature
        self.sgldStep = sgldStep
    }

    /// `configuration` with every non-`nil` value replaced.
    func applied(to configuration: TrainingConfiguration) -> TrainingConfiguration {
        var c = configuration
        if let iterations { c.iterations = iterations }
        if let learningRate { c.learningRate = learningRate }
        if let augmentationStd { c.augmentationStd = augmentationStd }
        if let weights { c.weights = weights }
        if let temperature { c.temperature = temperature }
        if let sgldStep { c.langevin.stepSize = sgldStep }
        return c
    }

    /// The changed settings, e.g. `s = 0.3, λ = (0.03, 1, 1)`; `base` when nothing changes.
    public var description: String {
        var parts: [String] = []
        if let iterations { parts.append("iterations = \(iterations)") }
        if let learningRate { parts.append("lr = \(learningRate)") }
        if let augmentationStd { parts.append("s = \(augmentationStd)") }
        if let w = weights { parts.append("λ = (\(w.generative), \(w.invariance), \(w.prior))") }
        if let temperature { parts.append("tau = \(temperature)") }
        if let sgldStep { parts.append("α = \(sgldStep)") }
        return parts.isEmpty ? "base" : parts.joined(separator: ", ")
    }
}
