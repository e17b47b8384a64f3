import Testing
import TriadCore
import TriadTestSupport

/// The weighted generalisation of the batch norm (the trainer's tests in `TriadTrainTests` cover the
/// unweighted layer, affine parameters and running statistics).
@Suite("Batch norm: a-weighted statistics and their backward pass")
struct BatchNormTests {
    static func gaussian(_ rows: Int, _ columns: Int, scale: Double = 1, _ rng: inout TriadRandom) -> Matrix<Double> {
        Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in scale * rng.gaussian() })
    }

    @Test("Integer weights are duplicated rows: the weighted mean and biased variance equal the unweighted ones of the expanded batch, and weights all 1 are the unweighted layer bit for bit")
    func integerWeightsAreDuplicatedRows() throws {
        var rng = TestSeed.generator("BatchNorm integerWeightsAreDuplicatedRows", default: 341)
        for _ in 0..<10 {
            let n = 2 + Int(rng.next() % 5), k = 1 + Int(rng.next() % 3)
            let x = Self.gaussian(n, k, scale: 2, &rng)
            let counts = (0..<n).map { _ in Int(rng.next() % 4) }.enumerated().map { $0.offset == 0 ? max(1, $0.element) : $0.element }
            let expanded = Matrix(rows: counts.reduce(0, +), columns: k,
                                  storage: counts.enumerated().flatMap { i, c in (0..<c).flatMap { _ in x.row(i) } })
            guard expanded.rows >= 2 else { continue }
            let weighted = try BatchNorm.forward(x, weights: counts.map(Double.init))
            let plain = try BatchNorm.forward(expanded)
            for j in 0..<k {
                // Sums of <= 20 terms of size ~4: rounding only.
                #expect(isClose(weighted.mean[j], plain.mean[j], absolute: 1e-14, relative: 1e-13))
                #expect(isClose(weighted.variance[j], plain.variance[j], absolute: 1e-14, relative: 1e-13))
            }
            let ones = try BatchNorm.forward(x, weights: [Double](repeating: 1, count: n)), none = try BatchNorm.forward(x)
            #expect(ones.output == none.output && ones.mean == none.mean && ones.variance == none.variance)
        }
    }

    /// Reason for the tolerance: `L = Σ w ⊙ BN(x)` with `|L| <~ 20` and third derivatives of order
    /// `1/sd³ <~ 1e2` here; at `h = 1e-6` truncation and rounding errors stay below 1e-9: 1e-7 absolute
    /// plus 1e-6 relative.
    @Test("The weighted backward pass (affine, one row of weight 0) equals central differences for x, gamma and beta")
    func weightedBackwardMatchesCentralDifferences() throws {
        var rng = TestSeed.generator("BatchNorm weightedBackwardMatchesCentralDifferences", default: 342)
        for trial in 0..<10 {
            let n = 3 + trial % 4, k = 1 + trial % 3
            let x = Self.gaussian(n, k, scale: 1.5, &rng), dy = Self.gaussian(n, k, &rng)
            var weights = (0..<n).map { _ in rng.uniform(0.05, 1) }
            if trial % 2 == 0 { weights[trial % n] = 0 }
            let gamma = (0..<k).map { _ in rng.uniform(0.5, 2) }, beta = (0..<k).map { _ in rng.gaussian() }
            func loss(_ m: Matrix<Double>, _ g: [Double], _ b: [Double]) -> Double {
                let y = try! BatchNorm.forward(m, weights: weights, gamma: g, beta: b).output
                return zip(y.storage, dy.storage).reduce(0) { $0 + $1.0 * $1.1 }
            }
            let grads = BatchNorm.backward(try BatchNorm.forward(x, weights: weights, gamma: gamma, beta: beta), outputGradient: dy)
            func central(_ v: [Double], _ f: ([Double]) -> Double) -> [Double] {
                v.indices.map { i in
                    let h = 1e-6 * max(1, abs(v[i]))
                    var p = v, m = v
                    p[i] += h
                    m[i] -= h
                    return (f(p) - f(m)) / (2 * h)
                }
            }
            let dx = central(x.storage) { loss(Matrix(rows: n, columns: k, storage: $0), gamma, beta) }
            let dg = central(gamma) { loss(x, $0, beta) }, db = central(beta) { loss(x, gamma, $0) }
            for (a, b) in zip(grads.input.storage + grads.gamma! + grads.beta!, dx + dg + db) {
                #expect(isClose(a, b, absolute: 1e-7, relative: 1e-6), "trial \(trial): analytic \(a) vs central \(b)")
            }
        }
    }

    @Test("Bad weights throw a TriadError naming the weight and its value")
    func badWeightsThrow() {
        let x = Matrix<Double>([[1], [2], [4]])
        expectRejection(["batch-norm weight[0]", "-1"]) { _ = try BatchNorm.forward(x, weights: [-1, 1, 1]) }
        expectRejection(["batch-norm weight[1]", "inf"]) { _ = try BatchNorm.forward(x, weights: [1, .infinity, 1]) }
        expectRejection(["batch-norm weights", "all 0"]) { _ = try BatchNorm.forward(x, weights: [0, 0, 0]) }
        expectRejection(["batch-norm weights count", "4"]) { _ = try BatchNorm.forward(x, weights: [1, 1, 1, 1]) }
    }
}
