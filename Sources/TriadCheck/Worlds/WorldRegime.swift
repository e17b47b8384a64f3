/// The kinds of world the checks sample: the well-posed one of `Proofs/model.md` §3.6, and worlds that each
/// break one of its conditions (to show which hypotheses Theorem 1 needs but does not state).
public enum WorldRegime: String, Sendable, CaseIterable, Codable {
    /// `C` groups of mass `1/C` each, `A` within groups, `p` not uniform.
    case wellPosed = "well-posed"
    /// As well-posed but `p` uniform on `Omega` (makes `L_GEN` blind to FM1).
    case uniformLaw = "uniform p"
    /// As well-posed but `A` also moves points across groups.
    case crossGroupAugmentation = "A crosses groups"
    /// Fewer augmentation-closed groups than clusters.
    case moreClustersThanGroups = "C > groups"
    /// `C` groups whose masses differ.
    case unequalGroupMass = "unequal group mass"

    /// Whether worlds of this regime satisfy every condition of the well-posed world.
    public var isWellPosed: Bool { self == .wellPosed }
}

/// The kinds of configuration (model parameters) the checks sample.
public enum ConfigurationRegime: String, Sendable, CaseIterable, Codable {
    /// Gaussian embeddings and prototypes, temperature log-uniform in `[0.05, 5]`.
    case random
    /// Each point's embedding near its group's prototype, small temperature: near the joint optimum.
    case aligned
    /// One embedding for every point: FM1.
    case constant
    /// Every embedding near one prototype, small temperature: near FM2.
    case collapsed
    /// Aligned embeddings at a very small temperature, log-uniform in `[1e-3, 1e-2]`: logits up to
    /// `±1e3`, where a log-sum-exp without its pivot overflows.
    case cold
}
