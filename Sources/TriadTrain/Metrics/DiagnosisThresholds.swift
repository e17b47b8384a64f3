/// The thresholds a ``Diagnosis`` compares its measurements with. The defaults and their reasons:
///
/// - ``collapsedSpread`` = 0.05. The spread is the root-mean-square distance of the L2-normalised
///   embeddings to their mean, `sqrt(1 - |mean ẑ|²)` for non-zero embeddings: 0 exactly for FM1, 1
///   for two balanced antipodal clusters, `sin(φ/2)` for two balanced clusters at angle `φ`. Below
///   0.05 the directions lie within about 3° (RMS) of one direction: twenty times below a healthy
///   two-cluster solution, so the verdict does not depend on the exact value in practice.
/// - ``collapsedClusterShare`` = 0.9. The share of the largest predicted cluster (argmax of
///   `p(y|x)`). Both toy data sets have two manifolds of equal mass, so a healthy solution has 0.5;
///   at 0.9 four fifths of one manifold have been absorbed by the other cluster. This is the
///   empirical counterpart of `FM2(eps)` (`Proofs/model.md` §4.2) with `eps` measured on argmax predictions.
/// - ``balancedClusterEntropy`` = 0.9. The entropy of the predicted cluster shares divided by `log C`;
///   for `C = 2`, 0.9 means shares between about 0.32 and 0.68.
/// - ``confidentPredictionEntropy`` = 0.5. The mean entropy of `p(·|x)` divided by `log C`; for
///   `C = 2`, 0.5 is a typical largest probability of about 0.89. Permutation (FM3) needs confident
///   predictions: an unconfident model is not "assigning" points at all.
/// - ``lowNMI`` = 0.5. Below it the clusters are called unrelated to the manifolds. With two balanced
///   classes, a clustering that is right on 75% of the points (half of them labelled at random) has
///   NMI ≈ 0.19; one right on 90% has NMI ≈ 0.53. So 0.5 separates "mostly recovered" from
///   "mostly permuted"; the NMI itself is always reported next to the verdict.
struct DiagnosisThresholds: Sendable, Equatable {
    /// Representational collapse when the embedding spread is below this.
    var collapsedSpread: Double
    /// Cluster collapse when the largest predicted cluster's share is at least this.
    var collapsedClusterShare: Double
    /// Balanced when the normalised entropy of the predicted cluster shares is at least this.
    var balancedClusterEntropy: Double
    /// Confident when the normalised mean prediction entropy is at most this.
    var confidentPredictionEntropy: Double
    /// Unrelated to the manifolds when the NMI is below this.
    var lowNMI: Double

    init(collapsedSpread: Double = 0.05, collapsedClusterShare: Double = 0.9,
                balancedClusterEntropy: Double = 0.9, confidentPredictionEntropy: Double = 0.5,
                lowNMI: Double = 0.5) {
        self.collapsedSpread = collapsedSpread
        self.collapsedClusterShare = collapsedClusterShare
        self.balancedClusterEntropy = balancedClusterEntropy
        self.confidentPredictionEntropy = confidentPredictionEntropy
        self.lowNMI = lowNMI
    }

    /// The documented defaults.
    static var standard: DiagnosisThresholds { DiagnosisThresholds() }
}
