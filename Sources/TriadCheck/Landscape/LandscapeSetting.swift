import TriadCore

/// One point of the landscape maps: the temperature `tau`, the augmentation standard deviation `s`
/// and the weights `λ = (λ_GEN, λ_INV, λ_PRIOR)` (`Proofs/landscape.md`).
public struct LandscapeSetting: Sendable, Equatable, CustomStringConvertible {
    public let temperature: Double
    public let augmentationStd: Double
    public let weights: GEDIObjective.Weights

    /// Throws ``TriadError`` when `tau` or `s` is not finite and `> 0`, or a weight is negative or not finite.
    public init(temperature: Double, augmentationStd: Double, weights: GEDIObjective.Weights = .unit) throws {
        try require(temperature.isFinite && temperature > 0, "temperature tau", temperature, "must be finite and > 0")
        try require(augmentationStd.isFinite && augmentationStd > 0, "augmentation std s", augmentationStd, "must be finite and > 0")
        _ = try GEDIObjective(weights: weights)
        self.temperature = temperature
        self.augmentationStd = augmentationStd
        self.weights = weights
    }

    /// `tau = 0.1, s = 0.1, λ = (0.3, 1, 1)`: the trainer's chosen preset (`ExperimentPresets.chosen`,
    /// `Reports/sweep.md`); stated here as numbers because the checker does not import the trainer.
    public static let chosenPreset = try! LandscapeSetting(temperature: 0.1, augmentationStd: 0.1,
                                                           weights: GEDIObjective.Weights(generative: 0.3))
    /// `tau = 0.5, s = 0.1, λ = (1, 1, 1)`: where the trainer's sweep starts (`Proofs/model.md` §7.5).
    public static let startPreset = try! LandscapeSetting(temperature: 0.5, augmentationStd: 0.1)

    public var description: String {
        "tau = \(Self.number(temperature)), s = \(Self.number(augmentationStd)), λ = (\(Self.number(weights.generative)), "
            + "\(Self.number(weights.invariance)), \(Self.number(weights.prior)))"
    }

    /// A setting's number as reports print it: the shortest round-tripping text.
    static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e6 ? String(Int(x)) : "\(x)" }
}
