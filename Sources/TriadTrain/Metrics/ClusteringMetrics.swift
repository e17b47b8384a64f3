import Glibc
import TriadCore

/// Agreement between a clustering and the true classes, in nats, matching scikit-learn
/// (`mutual_info_score`, `normalized_mutual_info_score` with its default `average_method="arithmetic"`),
/// special cases included (`Proofs/model.md` §7.4: NMI normalised by the arithmetic mean of the
/// default").
enum ClusteringMetrics {
    /// The entropy of a labeling from its group sizes, `H = -Σ_a (n_a/N)(log n_a - log N)` over the
    /// non-empty groups; 0 for a single group. (scikit-learn returns 1.0 for an empty labeling; this
    /// function is never reached with one, see ``normalizedMutualInformation(trueLabels:predicted:)``.)
    static func labelEntropy(groupSizes: [Int]) -> Double {
        let sizes = groupSizes.filter { $0 > 0 }
        if sizes.count <= 1 { return 0 }
        let n = Double(sizes.reduce(0, +)), logN = log(n)
        var h = 0.0
        for s in sizes { let p = Double(s) / n; h -= p * (log(Double(s)) - logN) }
        return h
    }

    /// Mutual information `I = Σ_ab (n_ab/N) log(N n_ab / (n_a n_b))` over the non-zero cells, written
    /// as scikit-learn writes it: each cell's term is `c (log n_ab - log N) + c (log N + log N - log(n_a n_b))`
    /// with `c = n_ab/N`; terms smaller in magnitude than `Double.ulpOfOne` are set to 0, and the sum
    /// is clipped below at 0. Exactly 0 when either labeling has a single group.
    static func mutualInformation(_ table: ContingencyTable) -> Double {
        let a = table.rowTotals, b = table.columnTotals
        if a.count <= 1 || b.count <= 1 { return 0 }
        let n = Double(table.total), logN = log(n)
        var mi = 0.0
        for (r, row) in table.counts.enumerated() {
            for (c, nab) in row.enumerated() where nab > 0 {
                let cell = Double(nab) / n
                // n_a · n_b is exact in Double below 2^53 (scikit-learn multiplies in int64).
                let outer = Double(a[r]) * Double(b[c])
                let term = cell * (log(Double(nab)) - logN) + cell * (-log(outer) + logN + logN)
                if abs(term) >= Double.ulpOfOne { mi += term }
            }
        }
        return max(mi, 0)
    }

    /// Normalised mutual information with arithmetic-mean normalisation,
    /// `NMI = I(true, pred) / ((H(true) + H(pred)) / 2)`, in `[0, 1]` up to rounding.
    ///
    /// Edges, as scikit-learn:
    /// - both labelings have a single group (or are both empty): 1.0 ("no split on either side" is a
    ///   perfect match);
    /// - otherwise, when the mutual information is 0 (in particular, exactly one labeling has a single
    ///   group, e.g. a collapsed clustering): 0.0.
    ///
    /// Invariant under renaming the labels on either side; symmetric in its arguments. Throws
    /// ``TriadError`` when the lengths differ.
    static func normalizedMutualInformation(trueLabels: [Int], predicted: [Int]) throws -> Double {
        let table = try ContingencyTable(trueLabels: trueLabels, predicted: predicted)
        let classCount = table.classes.count, clusterCount = table.clusters.count
        if classCount == clusterCount && classCount <= 1 { return 1 }
        let mi = mutualInformation(table)
        if mi == 0 { return 0 }
        let hTrue = labelEntropy(groupSizes: table.rowTotals)
        let hPred = labelEntropy(groupSizes: table.columnTotals)
        return mi / ((hTrue + hPred) / 2)
    }
}
