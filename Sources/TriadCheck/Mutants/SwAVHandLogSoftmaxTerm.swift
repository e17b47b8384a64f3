import TriadCore

/// Equivalent of `L_SwAV`: the log-softmax written by hand as `s/T − LSE(s/T)` and the weights
/// normalised as `a_i / Σ a`, summed per pair; same value up to rounding, the reference gradient.
struct SwAVHandLogSoftmaxTerm: StopGradientObjective {
    static let id = "swav-log-softmax-by-hand"
    static let summary = "SwAV's value with log softmax(s/T) computed as s/T - LSE(s/T) and weights a_i / Σa summed per pair (a correct refactor)"
    let reference = SwAVTerm()
    var name: String { "L_SwAV (log-softmax by hand)" }

    func value<T: Real>(_ b: TermBatch<T>) -> T { value(b, targetsFrom: b) }

    func value<T: Real>(_ b: TermBatch<T>, targetsFrom r: TermBatch<T>) -> T {
        let q = reference.codes(r)
        let t = T(reference.temperature)
        let sa = b.logits.map { $0 / t }, sb = b.viewLogits.map { $0 / t }
        let lseA = rowLogSumExp(sa), lseB = rowLogSumExp(sb)
        var total = T.zero
        for w in b.weights { total += w }
        var sum = T.zero
        for i in 0..<b.count {
            var pair = T.zero
            for y in 0..<b.clusterCount {
                pair += q.codes[i, y] * (sb[i, y] - lseB[i]) + q.viewCodes[i, y] * (sa[i, y] - lseA[i])
            }
            sum += (b.weights[i] / total) * pair
        }
        return sum / T(2)
    }

    func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { reference.gradient(b) }
}
