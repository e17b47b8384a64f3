import TriadCore

/// Gradient mutant of ``SCANTerm``: the neighbour side of the consistency detached, no gradient into
/// `l(x'_i)` (a stop-gradient on the neighbour's prediction, where SCAN differentiates both). Same
/// value.
struct SCANDetachedNeighbourTerm: ObjectiveTerm {
    static let id = "scan-neighbour-detached"
    static let summary = "SCAN's neighbour prediction detached: same value, no gradient into l(x')"

    var reference = try! SCANTerm()
    var name: String { "L_SCAN (neighbour detached)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T { reference.value(b) }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> {
        var g = reference.gradient(b)
        g.viewLogits = .zeros(rows: b.count, columns: b.clusterCount)
        return g
    }
}
