import TriadCore

/// The contingency table of two labelings of the same points: `counts[a][b]` is the number of points
/// with true class `classes[a]` and predicted cluster `clusters[b]`. Labels are arbitrary integers;
/// `classes` and `clusters` list the distinct values in increasing order (as `numpy.unique`).
struct ContingencyTable: Sendable, Equatable {
    /// Distinct true labels, increasing.
    let classes: [Int]
    /// Distinct predicted labels, increasing.
    let clusters: [Int]
    /// `classes.count × clusters.count` counts, row-major nested.
    let counts: [[Int]]

    /// Throws ``TriadError`` when the two labelings differ in length.
    init(trueLabels: [Int], predicted: [Int]) throws {
        try require(trueLabels.count == predicted.count, "label counts",
                    "\(trueLabels.count) true vs \(predicted.count) predicted", "must be equal")
        classes = Array(Set(trueLabels)).sorted()
        clusters = Array(Set(predicted)).sorted()
        let rowOf = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let columnOf = Dictionary(uniqueKeysWithValues: clusters.enumerated().map { ($1, $0) })
        var table = Array(repeating: Array(repeating: 0, count: clusters.count), count: classes.count)
        for (t, p) in zip(trueLabels, predicted) { table[rowOf[t]!][columnOf[p]!] += 1 }
        counts = table
    }

    /// The number of points `N`.
    var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    /// Points per true class.
    var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }
    /// Points per predicted cluster.
    var columnTotals: [Int] {
        clusters.indices.map { b in counts.reduce(0) { $0 + $1[b] } }
    }
}
