import TriadCore

/// The experiment presets, in one place: where GEDI's search starts, the setting the sweep chose,
/// and each method's configuration built from them (what `triad train`, `triad reproduce`, the
/// fingerprint and the benchmark run). The training layer knows none of this: it trains whatever
/// ``TrainingConfiguration`` it is given.
public enum ExperimentPresets {
    /// Where the search starts: the starting point of `Proofs/model.md` §7.5 (7 000 iterations,
    /// lr 1e-3, batch 400, unit weights, `tau = 0.5`, SGLD step 0.01 with noise 0.01, one step,
    /// buffer 10 000, 5% re-initialisation, samples clamped to the data box) and `s = 0.1`.
    static func start(seed: UInt64) -> TrainingConfiguration {
        TrainingConfiguration(method: .gedi, iterations: 7_000, learningRate: 1e-3, batchSize: 400,
                              augmentationStd: 0.1, weights: .unit, temperature: 0.5,
                              langevin: LangevinConfiguration(), seed: seed)
    }

    /// The setting the standard sweep chose (see `Reports/sweep.md` for the evidence), as overrides
    /// of ``start(seed:)``. GEDI's preset and, ablated, its ablations use it.
    static let chosen = TrainingOverrides(augmentationStd: 0.1, weights: GEDIObjective.Weights(generative: 0.3), temperature: 0.1,
                                          sgldStep: 0.01)

    /// The method's configuration: GEDI's setting chosen by the sweep (``chosen``), with the method's
    /// own weights (``MethodKind/weights(ablating:)``: each ablation zeroes its own weight and changes
    /// nothing else); JEM also has its sampler (``LangevinConfiguration/jem``) and learning rate 1e-4;
    /// SwAV and Barlow Twins use their own losses with the same data, augmentation `s`, batch and
    /// iterations (`tau` and the sampler unused; SwAV has its own temperature 0.1).
    public static func configuration(_ method: MethodKind, seed: UInt64) -> TrainingConfiguration {
        var c = chosen.applied(to: start(seed: seed))
        c.method = method
        c.weights = method.weights(ablating: c.weights)
        if method == .jem {
            // JEM's own recipe (`Proofs/model.md` §7.3) on the same network, head and temperature.
            c.learningRate = 1e-4
            c.langevin = .jem
        }
        return c
    }
}
