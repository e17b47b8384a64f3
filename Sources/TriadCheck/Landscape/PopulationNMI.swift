import TriadCore

/// The normalised mutual information of two labelings of a finite world's points under its data law
/// `p` (`Proofs/landscape.md`): the joint law of `(true, predicted)` puts mass `p_i` on each point's pair
/// of labels, `I = H(T) + H(P) - H(T, P)`, and `NMI = I / ((H(T) + H(P)) / 2)` (arithmetic-mean
/// normalisation, as the trainer's count-based metric and scikit-learn's default). Edges as there: 1
/// when both labelings have a single group, 0 when only one has. With `p` uniform it is the count-based
/// NMI of the points. The entropies are TriadCore's ``Information/entropy(_:)``.
public enum PopulationNMI {
    public static func value(law p: [Double], trueLabels: [Int], predicted: [Int]) -> Double {
        var joint: [Int: Double] = [:], t: [Int: Double] = [:], q: [Int: Double] = [:]
        for i in p.indices where p[i] > 0 {
            joint[trueLabels[i] * 1_000_003 + predicted[i], default: 0] += p[i]
            t[trueLabels[i], default: 0] += p[i]
            q[predicted[i], default: 0] += p[i]
        }
        if t.count <= 1 && q.count <= 1 { return 1 }
        if t.count <= 1 || q.count <= 1 { return 0 }
        // Masses in key order: a dictionary's own order changes from process to process, and with it
        // the rounding of the sums.
        func masses(_ d: [Int: Double]) -> [Double] { d.keys.sorted().map { d[$0]! } }
        let (ht, hq) = (Information.entropy(masses(t)), Information.entropy(masses(q)))
        let mi = ht + hq - Information.entropy(masses(joint))
        return max(0, mi) / ((ht + hq) / 2)
    }
}
