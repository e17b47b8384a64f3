import TriadCore

/// The mutants and equivalents the suite is measured against (issue: the regression guard, proven).
public enum MutantCatalogue {
    public static let mutants: [Mutant] = [
        Mutant("energy-max", .mutant, "E(x) = -max_y l_y instead of -LSE_y l_y: p_Theta is no longer the energy model's marginal",
               terms: TermSet(generative: EnergyWithMaxTerm())),
        Mutant("partition-over-data", .mutant, "Gamma summed over the data batch instead of the whole world: L_GEN is not a log-likelihood of p_Theta",
               terms: TermSet(generative: PartitionOverDataTerm())),
        Mutant("partition-missing", .mutant, "log Gamma forgotten: L_GEN = E_p[-E] exceeds -H(p)",
               terms: TermSet(generative: MissingPartitionTerm())),
        Mutant("model-expectation-detached", .mutant, "stop-gradient on Gamma: the gradient loses Eq. 11's model expectation",
               changesValue: false, terms: TermSet(generative: DetachedModelExpectationTerm())),
        Mutant("inv-view-with-itself", .mutant, "L_INV compares p(·|x) with itself: blind to the augmentation and to re-pairing",
               terms: TermSet(invariance: ViewWithItselfTerm())),
        Mutant("inv-sign-flip", .mutant, "L_INV returns +CE: rewards disagreement, exceeds its bound 0",
               terms: TermSet(invariance: FlippedInvarianceTerm())),
        Mutant("inv-target-detached", .mutant, "stop-gradient on the augmented view, where `Proofs/model.md` §2.2 has gradients flow into both sides",
               changesValue: false, terms: TermSet(invariance: DetachedTargetTerm())),
        Mutant("inv-softmax-no-max-subtraction", .mutant, "softmax as exp(l)/Σexp(l): overflows to NaN at small tau (in Float already at tau = 0.01)",
               terms: TermSet(invariance: NaiveSoftmaxInvarianceTerm())),
        Mutant("prior-mean-of-logs", .mutant, "L_PRIOR as the mean of log p(y|x) instead of the log of the mean: punishes confidence, not imbalance",
               terms: TermSet(prior: PriorMeanOfLogsTerm())),
        Mutant("prior-unweighted-marginal", .mutant, "marginal q taken without the data weights",
               terms: TermSet(prior: UnweightedMarginalTerm())),
        Mutant("prior-missing-1/C", .mutant, "Σ_y log q_y without the 1/C: C times the term, bound -log C no longer attained",
               terms: TermSet(prior: MissingOneOverCTerm())),
        Mutant("prior-reverse-kl", .mutant, "-KL(q || u) - log C (marginal entropy) instead of -KL(u || q) - log C: bounded penalty on collapse",
               terms: TermSet(prior: ReverseKLPriorTerm())),
        Mutant("head-temperature-twice", .mutant, "logits cos/tau^2: |l| exceeds 1/tau, p_Theta too peaked",
               terms: TermSet(head: TemperatureTwiceHead())),
        Mutant("head-no-temperature", .mutant, "logits cos without 1/tau: predictions can never approach one-hot",
               terms: TermSet(head: NoTemperatureHead())),
        Mutant("head-unnormalised-prototypes", .mutant, "cosine without normalising the prototypes: logits scale with |u|",
               terms: TermSet(head: UnnormalisedPrototypesHead())),
        Mutant("gen-sample-weights-ignored", .mutant, "the sampled generative term averages the samples with equal weights, ignoring their weights",
               terms: TermSet(generative: UnweightedSamplesGenerativeTerm())),
        Mutant("gedi-gradient-weight-as-one", .mutant, "the gradient of L_GEDI treats every non-zero loss weight as 1: exact at weights 0 and 1 only",
               changesValue: false, terms: TermSet(objectiveVariant: { UnitNonzeroWeightObjective(objective: $0) })),
        Mutant("inv-symmetrised-factor", .mutant, "the symmetrised invariance term times 0.9: same bound, maximisers and verdicts, wrong values",
               terms: TermSet(invariance: ScaledSymmetrisedInvarianceTerm())),
        Mutant("head-norm-floor-1e-6", .mutant, "the cosine's norm floor 1e-6 instead of 1e-12: moves logits only for norms between 1e-12 and 1e-6",
               terms: TermSet(head: CoarseNormFloorHead())),
    ]

    public static let equivalents: [Mutant] = [
        Mutant("inv-symmetrised", .equivalent, "the symmetrised invariance term: same bound and maximisers (`Proofs/model.md` §2.2)",
               terms: TermSet(invariance: InvarianceTerm(form: .symmetrised))),
        Mutant("gen-flat-lse", .equivalent, "log-sum-exp as m + log Σ exp(x - m) and log Gamma over all N·C logits at once",
               terms: TermSet(generative: FlatLogSumExpGenerativeTerm())),
        Mutant("prior-reversed-sum", .equivalent, "the marginal summed over the pairs in reverse order",
               terms: TermSet(prior: ReversedSumPriorTerm())),
        Mutant("prior-pairwise-marginal", .equivalent, "the marginal's log-sum-exp over the pairs taken pairwise (a tree) instead of in one pass",
               terms: TermSet(prior: PairwiseMarginalPriorTerm())),
        Mutant("prior-bound-minus-kl", .equivalent, "L_PRIOR written as -log C - KL(u || q)",
               terms: TermSet(prior: BoundMinusKLPriorTerm())),
        Mutant("inv-rescaled-weights", .equivalent, "weights scaled by 3 and the result divided by 3",
               terms: TermSet(invariance: RescaledWeightsInvarianceTerm())),
        Mutant("head-normalise-first", .equivalent, "cosine computed by normalising both vectors first, then the dot product",
               terms: TermSet(head: NormaliseFirstHead())),
        Mutant("float-precision", .equivalent, "Triad's terms with the bounds and the Theorem 1 verdicts read in Float (Float tolerances)",
               terms: .reference, precision: .float),
    ]

    /// Mutants, then equivalents.
    public static var all: [Mutant] { mutants + equivalents }

    /// The variant with this id.
    public static func variant(_ id: String) -> Mutant? { all.first { $0.id == id } }
}
