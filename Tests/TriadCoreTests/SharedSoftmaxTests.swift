import Testing
import TriadCore
import TriadTestSupport

/// The softmaxes GEDI's terms share (``RowSoftmax``, ``BatchSoftmaxes``) are the pivoted formula
/// digit for digit, and sharing them changes no bit of the objective's gradient.
@Suite("Shared softmaxes")
struct SharedSoftmaxTests {
    /// The pivoted softmax written out (``PivotedExponentialSum``'s definition): pivot `m` = the
    /// first largest entry, `s = Σ_{j≠k} exp(x_j - m)` summed in index order from 0,
    /// `p_j = exp(x_j - m) / (1 + s)`, `log p_j = (x_j - m) - log1p(s)`.
    static func reference<T: Real & BinaryFloatingPoint>(_ x: [T]) -> (p: [T], logP: [T]) {
        var k = 0
        for j in x.indices where x[j] > x[k] { k = j }
        let m = x[k]
        var s = T.zero
        for j in x.indices where j != k { s += T.exp(x[j] - m) }
        return (x.map { T.exp($0 - m) / (T.one + s) }, x.map { ($0 - m) - T.log1p(s) })
    }

    /// Bit for bit (sign, exponent and significand).
    static func identical<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> Bool {
        a.sign == b.sign && a.exponentBitPattern == b.exponentBitPattern && a.significandBitPattern == b.significandBitPattern
    }

    static func randomMatrix<T: Real & BinaryFloatingPoint>(_ rows: Int, _ columns: Int, scale: Double,
                                                          _ random: inout TriadRandom) -> Matrix<T> {
        Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in T(random.uniform(-scale, scale)) })
    }

    func checkRows<T: Real & BinaryFloatingPoint>(_: T.Type, seed: UInt64) {
        var random = TriadRandom(seed: seed)
        for (rows, columns, scale) in [(1, 2, 1.0), (7, 3, 10.0), (40, 2, 1e3), (5, 9, 1e-3)] {
            let l: Matrix<T> = Self.randomMatrix(rows, columns, scale: scale, &random)
            let both = RowSoftmax(l), pOnly = RowSoftmax(l, probabilities: true, logarithms: false)
            let (p, lp) = (l.rowSoftmax(), l.rowLogSoftmax())
            for i in 0..<rows {
                let want = Self.reference(l.row(i))
                for j in 0..<columns {
                    let label = "\(T.self) \(rows)x\(columns) scale \(scale), [\(i), \(j)] (seed \(seed))"
                    #expect(Self.identical(both.probabilities[i, j], want.p[j]), "\(label)")
                    #expect(Self.identical(both.logProbabilities[i, j], want.logP[j]), "\(label)")
                    #expect(Self.identical(pOnly.probabilities[i, j], want.p[j]), "\(label)")
                    #expect(Self.identical(p[i, j], want.p[j]) && Self.identical(lp[i, j], want.logP[j]),
                            "\(label)")
                }
            }
        }
    }

    @Test("RowSoftmax, rowSoftmax() and rowLogSoftmax() are the pivoted formula bit for bit (Float, Double), each exp taken once")
    func rowSoftmaxIsThePivotedFormula() {
        let seed = TestSeed.seed(41)
        print("[SharedSoftmax/rowSoftmaxIsThePivotedFormula] seed \(seed) — replay: TRIAD_SEED=\(seed) swift test --filter rowSoftmaxIsThePivotedFormula")
        checkRows(Float.self, seed: seed)
        checkRows(Double.self, seed: seed)
    }

    @Test("A degenerate row (NaN, +inf, all -inf) gives NaN probabilities and log-probabilities; other rows are unaffected")
    func degenerateRows() {
        let l = Matrix<Double>(rows: 4, columns: 2, storage: [.nan, 0, .infinity, 1, -.infinity, -.infinity, 0, 0])
        let s = RowSoftmax(l)
        for i in 0..<3 { for j in 0..<2 { #expect(s.probabilities[i, j].isNaN && s.logProbabilities[i, j].isNaN, "row \(i)") } }
        #expect(s.probabilities[3, 0] == 0.5 && s.logProbabilities[3, 1] == -Double.log1p(1))
    }

    @Test("In interval arithmetic the shared softmax encloses the Double one (the pivot's own exp is taken, not assumed 1)")
    func intervalEnclosure() {
        var random = TriadRandom(seed: TestSeed.seed(42))
        let d: Matrix<Double> = Self.randomMatrix(6, 3, scale: 5, &random)
        let s = RowSoftmax(d.map { Interval($0) })
        let p = d.rowSoftmax(), lp = d.rowLogSoftmax()
        for i in 0..<6 {
            for j in 0..<3 {
                #expect(s.probabilities[i, j].contains(p[i, j]) && s.logProbabilities[i, j].contains(lp[i, j]),
                        "[\(i), \(j)]: \(s.probabilities[i, j]) vs \(p[i, j])")
            }
        }
    }

    /// GEDI's gradient with the terms sharing one cache against each term on its own cache, summed
    /// the same way (weights other than 0 and 1, both invariance forms, sampled and exact partitions).
    func checkSharing<T: Real & BinaryFloatingPoint>(_: T.Type, seed: UInt64) throws {
        var random = TriadRandom(seed: seed)
        for (form, exact) in [(InvarianceTerm.Form.viewAsTarget, false), (.symmetrised, true)] {
            let weights = GEDIObjective.Weights(generative: 0.3, invariance: 1.7, prior: 0.6)
            let objective = try GEDIObjective(weights: weights, invariance: InvarianceTerm(form: form))
            let l: Matrix<T> = Self.randomMatrix(9, 3, scale: 4, &random)
            let lv: Matrix<T> = Self.randomMatrix(9, 3, scale: 4, &random)
            let pl: Matrix<T> = Self.randomMatrix(5, 3, scale: 4, &random)
            let partition: Partition<T> = exact ? .exact(pl) : .sampled(pl, weights: [T](repeating: T.one / T(5), count: 5))
            let batch = TermBatch(logits: l, viewLogits: lv, partition: partition)
            let shared = objective.gradient(batch)
            var separate = TermGradient(zeroFor: batch)
            for (w, term) in objective.weightedTerms { separate.add(term.gradient(batch), scaledBy: T(w)) }
            let label = "\(T.self), \(form), exact partition \(exact) (seed \(seed))"
            #expect(zip(shared.logits.storage, separate.logits.storage).allSatisfy { Self.identical($0, $1) }, "\(label)")
            #expect(zip(shared.viewLogits.storage, separate.viewLogits.storage).allSatisfy { Self.identical($0, $1) },
                    "\(label)")
            #expect(zip(shared.partitionLogits.storage, separate.partitionLogits.storage)
                        .allSatisfy { Self.identical($0, $1) }, "\(label)")
            // The views really differ from the logits, so a cache that mixed the blocks would show.
            #expect(shared.viewLogits.storage != shared.logits.storage)
        }
    }

    @Test("GEDI's terms sharing one BatchSoftmaxes give the gradient each term gives alone, bit for bit (Float, Double)")
    func sharingChangesNoBit() throws {
        let seed = TestSeed.seed(43)
        print("[SharedSoftmax/sharingChangesNoBit] seed \(seed) — replay: TRIAD_SEED=\(seed) swift test --filter sharingChangesNoBit")
        try checkSharing(Float.self, seed: seed)
        try checkSharing(Double.self, seed: seed)
    }
}
