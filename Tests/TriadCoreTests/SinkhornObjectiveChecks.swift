import Glibc
import Testing
import TriadCore
import TriadTestSupport

/// What ``SwAVTerm`` and ``SelfLabellingTerm`` share, so that one check serves both.
protocol SinkhornObjective: ObjectiveTerm {
    var temperature: Double { get }
    func evaluate<T: Real>(_ batch: TermBatch<T>) -> CodePrediction.Evaluation<T>
    func evaluate<T: Real>(_ batch: TermBatch<T>, codes: Matrix<T>, viewCodes: Matrix<T>) -> CodePrediction.Evaluation<T>
}

extension SwAVTerm: SinkhornObjective {}
extension SelfLabellingTerm: SinkhornObjective {}

/// The checks both Sinkhorn terms must pass: gradients with the codes held fixed, the upper bounds
/// derived in their documentation, and every precision.
enum SinkhornObjectiveChecks {
    /// A batch of `n` pairs, `C` clusters, Gaussian scores of the given scale, weights summing to 1
    /// (some exactly 0 with `zeros`, never all).
    static func randomBatch(_ n: Int, _ c: Int, scale: Double, zeros: Bool, _ rng: inout TriadRandom) -> TermBatch<Double> {
        let a = SinkhornKnoppTests.randomScores(n, c, scale: scale, &rng)
        let b = SinkhornKnoppTests.randomScores(n, c, scale: scale, &rng)
        return TermBatch(logits: a, viewLogits: b, weights: SinkhornKnoppTests.randomWeights(n, zeros: zeros, &rng),
                         partition: nil)
    }

    /// Reason for the tolerance: central differences at `h = 1e-5` have truncation error
    /// `h² |V'''| / 6` with `|V'''| <= ā_i / T³ <= 1e3` at `T = 0.1` (each derivative of the
    /// log-softmax brings `1/T`), so `<= 2e-8`, and rounding error `u |V| / h <= 2e-10` for `|V| <= 10`;
    /// `1e-7` absolute plus `1e-6` relative holds with margin, and a wrong factor (½, `1/T`, a view
    /// exchanged, the row mass) is off by far more.
    static func checkGradient(_ make: (Double, Int) throws -> some SinkhornObjective, name: String, seed fallback: UInt64) throws {
        let seed = TestSeed.seed(fallback)
        var rng = TestSeed.generator("\(name) gradient", default: fallback)
        var worst = 0.0
        for trial in 0..<30 {
            let term = try make([0.1, 0.5, 1][trial % 3], 1 + trial % 4)
            let n = 1 + Int(rng.next() % 6), c = 1 + Int(rng.next() % 4)
            let batch = Self.randomBatch(n, c, scale: [0.3, 1, 3][(trial / 3) % 3], zeros: trial % 2 == 1, &rng)
            let e = term.evaluate(batch)
            func value(_ b: TermBatch<Double>) -> Double { term.evaluate(b, codes: e.codes, viewCodes: e.viewCodes).value }
            let h = 1e-5
            for (label, analytic, set) in [
                ("logits", e.gradient.logits, { (b: inout TermBatch<Double>, k: Int, d: Double) in b.logits.storage[k] += d }),
                ("view logits", e.gradient.viewLogits, { (b: inout TermBatch<Double>, k: Int, d: Double) in b.viewLogits.storage[k] += d }),
            ] {
                for k in analytic.storage.indices {
                    var plus = batch, minus = batch
                    set(&plus, k, h)
                    set(&minus, k, -h)
                    let numeric = (value(plus) - value(minus)) / (2 * h)
                    let a = analytic.storage[k]
                    worst = max(worst, abs(a - numeric))
                    #expect(isClose(a, numeric, absolute: 1e-7, relative: 1e-6),
                            "\(name) trial \(trial) ∂/∂\(label)[\(k)]: \(a) vs central difference \(numeric); replay: TRIAD_SEED=\(seed)")
                    if batch.weights[k / c] == 0 { #expect(a == 0, "\(name): a zero-weight pair has gradient \(a)") }
                }
            }
            #expect(e.gradient.partitionLogits.rows == 0)
        }
        print("[\(name) gradient] largest |analytic - central difference| = \(worst)")
    }

    /// The documented semantics, shown: the gradient holds the codes fixed, and differs from the total
    /// derivative of `value(_:)` (codes moving with the scores) — a plain finite-difference check of
    /// `value(_:)` must fail on it.
    static func checkGradientHoldsCodesFixed(_ term: some SinkhornObjective, name: String, seed fallback: UInt64) {
        var rng = TestSeed.generator("\(name) codes fixed", default: fallback)
        let batch = Self.randomBatch(6, 3, scale: 0.1, zeros: false, &rng)
        let g = term.gradient(batch)
        var largest = 0.0
        for k in batch.logits.storage.indices {
            var plus = batch, minus = batch
            plus.logits.storage[k] += 1e-6
            minus.logits.storage[k] -= 1e-6
            largest = max(largest, abs((term.value(plus) - term.value(minus)) / 2e-6 - g.logits.storage[k]))
        }
        print("[\(name) codes fixed] largest |total derivative - codes-fixed gradient| = \(largest)")
        #expect(largest > 1e-2, "\(name): the gradient should not be the total derivative")
    }

    /// `H(q) = -Σ q log q` of a code row.
    static func entropy(_ q: [Double]) -> Double { -q.reduce(0) { $1 > 0 ? $0 + $1 * Glibc.log($1) : $0 } }

    /// `L <= -½ Σ ā_i [H(q_a,i) + H(q_b,i)] <= 0`, and `< 0` when `C >= 2`; the rounding allowance is
    /// `64 u max(1, |L|)`, for a sum of a few dozen terms of size `|L|`.
    static func checkNeverPositive(_ term: some SinkhornObjective, name: String, seed fallback: UInt64) {
        let seed = TestSeed.seed(fallback)
        var rng = TestSeed.generator("\(name) never positive", default: fallback)
        for trial in 0..<60 {
            let n = 1 + Int(rng.next() % 7), c = 1 + Int(rng.next() % 4)
            let batch = Self.randomBatch(n, c, scale: [0.1, 1, 10][trial % 3], zeros: trial % 2 == 0, &rng)
            let e = term.evaluate(batch)
            var entropies = 0.0
            for i in 0..<n { entropies += batch.weights[i] * (entropy(e.codes.row(i)) + entropy(e.viewCodes.row(i))) }
            let allowance = 64 * Double.ulpOfOne * max(1, abs(e.value))
            #expect(e.value <= -entropies / 2 + allowance,
                    "\(name) trial \(trial): value \(e.value) above -½ Σ a H = \(-entropies / 2); replay: TRIAD_SEED=\(seed)")
            if c == 1 { #expect(e.value == 0, "\(name): C = 1 must give 0, got \(e.value)") }
            if c >= 2 { #expect(e.value < 0, "\(name) trial \(trial): value \(e.value) not negative; replay: TRIAD_SEED=\(seed)") }
        }
    }

    /// `m < C` pairs of positive weight: `L <= -min ā_i · log(C/m)`, on random scores and on the
    /// hardest ones we know (hard labels on the active pairs, large score gaps).
    static func checkCoverageBound(_ term: some SinkhornObjective, name: String, seed fallback: UInt64) {
        let seed = TestSeed.seed(fallback)
        var rng = TestSeed.generator("\(name) coverage bound", default: fallback)
        var closest = -Double.infinity
        for trial in 0..<60 {
            let m = 1 + Int(rng.next() % 3), c = m + 1 + Int(rng.next() % 3), zeros = Int(rng.next() % 3)
            var batch = Self.randomBatch(m + zeros, c, scale: [0.2, 1, 5][trial % 3], zeros: false, &rng)
            for i in m..<(m + zeros) { batch.weights[i] = 0 }
            let total = batch.weights.reduce(0, +)
            batch.weights = batch.weights.map { $0 / total }
            if trial % 2 == 1 {
                // Hard, distinct labels on the active pairs, gap 20 (the closest to one-hot codes).
                for i in 0..<m {
                    for y in 0..<c {
                        batch.logits[i, y] = y == i ? 20 : 0
                        batch.viewLogits[i, y] = y == i ? 20 : 0
                    }
                }
            }
            let bound = -batch.weights.filter { $0 > 0 }.min()! * Glibc.log(Double(c) / Double(m))
            let v = term.value(batch)
            closest = max(closest, v - bound)
            #expect(v <= bound + 64 * Double.ulpOfOne * max(1, abs(v)),
                    "\(name) trial \(trial), m = \(m) < C = \(c): value \(v) above the bound \(bound); replay: TRIAD_SEED=\(seed)")
        }
        print("[\(name) coverage bound] largest value - bound = \(closest) (<= 0)")
    }

    /// `m >= C`: labels using every cluster (unbalanced: one cluster takes most pairs, weights
    /// random), scores `λ e_y` in both views: the value stays below 0, rises from `λ = 1` on, and
    /// reaches 0 to within 1e-15 at `λ = 4` without reaching it while it is representable.
    static func checkSupremumApproached(_ term: some SinkhornObjective, name: String, seed fallback: UInt64) {
        var rng = TestSeed.generator("\(name) supremum", default: fallback)
        let labels = [0, 0, 0, 0, 1, 2], c = 3
        let w = SinkhornKnoppTests.randomWeights(labels.count, zeros: false, &rng)
        var previous = -Double.infinity
        for lambda in [0.25, 0.5, 1.0, 2.0, 4.0] {
            var s = Matrix<Double>.zeros(rows: labels.count, columns: c)
            for (i, y) in labels.enumerated() { s[i, y] = lambda }
            let v = term.value(TermBatch(logits: s, viewLogits: s, weights: w, partition: nil))
            print("[\(name) supremum] λ = \(lambda): value \(v)")
            // Below λ ≈ 1 the codes are still soft and the value need not rise (at TRIAD_SEED=12345 it fell
            // from λ = 0.25 to 0.5); once the codes are nearly one-hot (λ/eps >= 20) it rises to 0.
            #expect(v < 0 && (lambda <= 0.5 || v > previous), "\(name): λ = \(lambda) value \(v) after \(previous)")
            previous = v
        }
        // At λ = 4 the prediction's gaps are λ/T = 40 and the codes' λ/eps = 80: the value is about
        // -2 e^{-40}, 0 up to 1e-15.
        #expect(previous > -1e-15)
    }

    /// One pair of positive weight (others 0): the codes are uniform, `L <= -log C`, with equality at
    /// constant scores.
    static func checkSinglePair(_ term: some SinkhornObjective, name: String, seed fallback: UInt64) {
        let seed = TestSeed.seed(fallback)
        var rng = TestSeed.generator("\(name) single pair", default: fallback)
        for trial in 0..<20 {
            let n = 1 + Int(rng.next() % 4), c = 2 + Int(rng.next() % 4), j = Int(rng.next() % UInt64(n))
            var batch = Self.randomBatch(n, c, scale: 1, zeros: false, &rng)
            batch.weights = (0..<n).map { $0 == j ? 1 : 0 }
            let logC = Glibc.log(Double(c))
            let v = term.value(batch)
            #expect(v <= -logC + 1e-14, "\(name) trial \(trial): value \(v) above -log C = \(-logC); replay: TRIAD_SEED=\(seed)")
            for y in 0..<c {
                batch.logits[j, y] = 0.7
                batch.viewLogits[j, y] = -1.3
            }
            let atConstant = term.value(batch)
            #expect(isClose(atConstant, -logC, absolute: 1e-15, relative: 1e-14), "\(name): constant scores give \(atConstant)")
        }
    }

    /// Scores in `[-1, 1]` (cosines): `L <= -log(1 + (C - 1) e^{-2/T})` on random scores (clamped Gaussians).
    static func checkBoundedScores(_ term: some SinkhornObjective, name: String, seed fallback: UInt64) {
        let seed = TestSeed.seed(fallback)
        var rng = TestSeed.generator("\(name) bounded scores", default: fallback)
        let t = term.temperature
        for trial in 0..<40 {
            let n = 2 + Int(rng.next() % 6), c = 2 + Int(rng.next() % 3)
            var batch = Self.randomBatch(n, c, scale: 1, zeros: trial % 2 == 0, &rng)
            batch.logits = batch.logits.map { max(-1, min(1, $0)) }
            batch.viewLogits = batch.viewLogits.map { max(-1, min(1, $0)) }
            let bound = -Glibc.log1p(Double(c - 1) * Glibc.exp(-2 / t))
            let v = term.value(batch)
            #expect(v <= bound * (1 - 1e-12), "\(name) trial \(trial): value \(v) above \(bound); replay: TRIAD_SEED=\(seed)")
        }
    }

    /// Float, Float80 and Interval against Double. Reason for the tolerance: the codes carry the
    /// Sinkhorn budget `τ = 4 M (4·3 + 2) u` in their logs (see ``SinkhornKnoppTests``), so the
    /// value moves by at most `τ Σ ā q |log p|` and the log-softmax adds `8 (2 max|s|/T + log C) u` per
    /// entry; each gradient entry `(ā_i/2T)(q - p Σq)` moves by `(1/2T)(τ + 8 (2 max|s|/T + log C) u)`
    /// at most. The tolerance is that budget at `u = u_T` plus the same at `u_Double` (the reference's
    /// own error); an Interval must contain the Double value within the Double budget and be narrower than 1e-8.
    static func checkPrecision<T: Real>(_: T.Type, _ term: some SinkhornObjective, name: String, seed fallback: UInt64) {
        var rng = TestSeed.generator("\(name) precision \(T.typeName)", default: fallback)
        var worst = 0.0
        for trial in 0..<12 {
            let n = 1 + Int(rng.next() % 5), c = 1 + Int(rng.next() % 4)
            let batch = Self.randomBatch(n, c, scale: 0.5, zeros: trial % 2 == 1, &rng)
            let low = term.evaluate(TermBatch(logits: batch.logits.converted(to: T.self),
                                              viewLogits: batch.viewLogits.converted(to: T.self),
                                              weights: batch.weights.map { T($0) }, partition: nil))
            let reference = term.evaluate(batch)
            let scores = Matrix(rows: 2 * n, columns: c, storage: batch.logits.storage + batch.viewLogits.storage)
            let largest = scores.storage.map(abs).max()!
            func budget(_ u: Double) -> Double {
                let tau = SinkhornKnoppTests.logTolerance(SinkhornKnoppTests.logMagnitude(scores, epsilon: 0.05, weights: batch.weights),
                                                          iterations: 3, unit: u)
                let softmax = 8 * (2 * largest / term.temperature + Glibc.log(Double(c)) + 1) * u
                return (tau + softmax) * max(1, abs(reference.value), 1 / (2 * term.temperature))
            }
            let tol = budget(max(T.unitRoundoff, Double.ulpOfOne)) + budget(Double.ulpOfOne)
            let pairs = [(low.value, reference.value)] + Array(zip(low.gradient.logits.storage, reference.gradient.logits.storage))
                + Array(zip(low.gradient.viewLogits.storage, reference.gradient.viewLogits.storage))
            for (v, d) in pairs {
                if T.isCertified {
                    let slack = budget(Double.ulpOfOne)
                    #expect(v.lowerBound - slack <= d && d <= v.upperBound + slack, "\(name): Interval \(v) misses Double \(d) (trial \(trial))")
                    #expect(v.upperBound - v.lowerBound < 1e-8, "\(name): Interval \(v) too wide (trial \(trial))")
                } else {
                    worst = max(worst, abs(v.midpoint - d) / tol)
                    #expect(abs(v.midpoint - d) <= tol, "\(name) \(T.typeName): \(v) vs Double \(d), tol \(tol) (trial \(trial))")
                }
            }
        }
        print("[\(name) precision \(T.typeName)] largest deviation from Double: \(worst) tolerances")
    }
}
