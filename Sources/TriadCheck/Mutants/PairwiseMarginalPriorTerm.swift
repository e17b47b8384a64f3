import TriadCore

/// Equivalent: `L_PRIOR` with the marginal summed in another order, `log q_y` as a pairwise
/// (tree) log-sum-exp over the pairs, `LSE(a ∪ b) = LSE(LSE a, LSE b)`, instead of one pass. Same
/// value up to the rounding of a reordered sum; the reference gradient.
struct PairwiseMarginalPriorTerm: ObjectiveTerm {
    var name: String { "L_PRIOR (pairwise marginal sum)" }

    static func treeLogSumExp<T: Real>(_ x: ArraySlice<T>) -> T {
        if x.count <= 2 { return logSumExp(x) }
        let mid = x.startIndex + x.count / 2
        return logSumExp([treeLogSumExp(x[x.startIndex..<mid]), treeLogSumExp(x[mid...])])
    }

    func value<T: Real>(_ b: TermBatch<T>) -> T {
        let lp = b.logits.rowLogSoftmax()
        let logA = b.weights.map { $0.upperBound == 0 ? -T(Double.infinity) : T.log($0) }
        let c = b.clusterCount
        var total = T.zero
        for y in 0..<c {
            let lq = Self.treeLogSumExp(ArraySlice((0..<b.count).map { logA[$0] + lp[$0, y] }))
            total += lq / T(c)
        }
        return total
    }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { PriorTerm().gradient(b) }
}
