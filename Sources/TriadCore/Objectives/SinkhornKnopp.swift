/// The Sinkhorn-Knopp equipartition of SwAV (Caron et al. 2020, "Unsupervised Learning of Visual
/// Features by Contrasting Cluster Assignments", NeurIPS 2020, §3.1 and the `distributed_sinkhorn` of
/// the reference code, on one device), for a *weighted* batch: sample `i` holds the mass
/// `ā_i = a_i / Σ_j a_j` (`1/B` for equal weights, SwAV's case) and each of the `K` prototypes the
/// mass `1/K`. In the `B × K` layout of a batch of scores (SwAV's `Q` is the transpose):
///
///     Q_ik ∝ ā_i exp(s_ik / eps),  Σ_ik Q_ik = 1          (the Gibbs kernel, each sample weighted by its mass)
///     repeat `iterations` times:
///         column step:  Q_ik ← Q_ik / (K Σ_j Q_jk)          (each prototype holds 1/K)
///         row step:     Q_ik ← ā_i Q_ik / Σ_c Q_ic           (each sample holds ā_i)
///     codes  q_ik = Q_ik / ā_i                                (B × K, each row sums to 1)
///
/// computed in the log domain with ``logSumExp(_:)``: no overflow of `exp(s/eps)` and no division by an
/// underflowed sum, for scores of any magnitude. The codes are targets: SwAV computes them without
/// gradient, and so does every caller here.
///
/// What holds after finitely many iterations (exactly, up to rounding): the last step is the row step,
/// so every code row sums to 1 and the plan ``logPlan(scores:weights:normalisations:)`` holds `ā_i` in
/// row `i`; right after a column step every prototype holds exactly `1/K`. The code marginal
/// `Σ_i ā_i q_ik` reaches `1/K` only in the limit of many iterations (when the scores allow it) — after
/// SwAV's 3 it is an approximate equipartition.
///
/// Weights:
/// - Only their ratios matter: the codes are the same for `a` and `λa`. They enter as `log(a_i / max a)`,
///   which is exactly `0` for equal weights, so that a batch of equal weights (whatever their value)
///   reproduces SwAV's unweighted algorithm *bit for bit* (same operations, same order).
/// - The weighted kernel makes a weight a multiplicity: a sample of weight `2w` gets the codes the
///   sample would get as two copies of weight `w` (and the others' codes do not change), exactly in real
///   arithmetic and at every iteration.
/// - A pair of weight exactly `0` is not part of the plan: it changes no other sample's code (bit for
///   bit), and its own code is the limit as its weight goes to `0+`:
///   `q_i = softmax(s_i/eps − u)`, `u` the accumulated column potentials of the other samples — what
///   the sample would be coded as, had it infinitesimal mass. Finite, rows summing to 1.
///
/// Invariances (exact in real arithmetic, for any number of iterations): adding one constant to every
/// score, adding a constant to one prototype's column (the first step is a column step), permuting the
/// samples or the prototypes (the codes permute along). *Not* an invariance after finitely many
/// iterations: adding a constant to one sample's scores (it changes that sample's share of every column
/// sum in the first column step); it is one only in the limit.
///
/// Defaults: `eps = 0.05`, 3 iterations (SwAV's, `Proofs/model.md` §7.3).
public struct SinkhornKnopp: Sendable, Equatable {
    /// SwAV's entropic regularisation `eps`.
    public static let defaultEpsilon = 0.05
    /// SwAV's number of iterations.
    public static let defaultIterations = 3

    /// The entropic regularisation `eps > 0` (the kernel is `exp(s / eps)`).
    public let epsilon: Double
    /// The number of iterations, each a column step then a row step (`>= 1`).
    public let iterations: Int

    /// Throws ``TriadError`` when `eps` is not finite and positive or `iterations < 1` (the row step at
    /// the end of an iteration is what makes each code row sum to 1).
    public init(epsilon: Double = defaultEpsilon, iterations: Int = defaultIterations) throws {
        try require(epsilon.isFinite && epsilon > 0, "Sinkhorn eps", epsilon, "must be finite and > 0")
        try require(iterations >= 1, "Sinkhorn iterations", iterations, "must be >= 1")
        self.epsilon = epsilon
        self.iterations = iterations
    }

    /// SwAV's setting: `eps = 0.05`, 3 iterations.
    public init() {
        epsilon = Self.defaultEpsilon
        iterations = Self.defaultIterations
    }

    /// The balanced log plan after `normalisations` alternating steps (column step first), with the
    /// rows' log masses `log ā_i`. Rows of zero weight (`active[i] == false`) are kept outside the plan:
    /// they receive every column shift but enter no column sum, and their row step normalises them to
    /// log-mass 0 (a code, not a mass).
    @inlinable func balance<T: Real>(_ scores: Matrix<T>, weights: [T], normalisations: Int)
        -> (logPlan: Matrix<T>, logMass: [T], active: [Bool])
    {
        let b = scores.rows, k = scores.columns
        triadPrecondition(b >= 1 && k >= 1, "Sinkhorn score shape", "\(b)x\(k)", "must be at least 1x1")
        triadPrecondition(weights.count == b, "Sinkhorn weights count", weights.count, "must equal the sample count \(b)")
        var largest = weights[0]
        for w in weights {
            triadPrecondition(!w.isNaN && !(w < T.zero), "Sinkhorn weight", w, "must be >= 0")
            largest = T.maximum(largest, w)
        }
        triadPrecondition(largest.upperBound > 0, "Sinkhorn weights", "all 0", "must have a positive entry")
        // log(a_i / max a): exactly 0 for equal weights; the rows' log masses log(ā_i) = that − log Σ.
        let active = weights.map { !($0.upperBound == 0) }
        var relative = [T](repeating: T.zero, count: b)
        var ratioSum = T.zero
        for r in 0..<b where active[r] {
            let ratio = weights[r] / largest
            relative[r] = T.log(ratio)
            ratioSum += ratio
        }
        let logRatioSum = T.log(ratioSum)
        let logMass = (0..<b).map { active[$0] ? relative[$0] - logRatioSum : T.zero }

        let eps = T(epsilon)
        var logQ = scores.map { $0 / eps }
        var plan: [T] = []
        plan.reserveCapacity(b * k)
        for r in 0..<b where active[r] {
            for c in 0..<k { logQ[r, c] = logQ[r, c] + relative[r] }
            plan.append(contentsOf: logQ.storage[(r * k)..<((r + 1) * k)])
        }
        let total: T = logSumExp(plan)
        for i in logQ.storage.indices { logQ.storage[i] = logQ.storage[i] - total }
        let logK = T.log(T(k))
        var column: [T] = []
        column.reserveCapacity(b)
        for step in 0..<normalisations {
            if step % 2 == 0 {
                for c in 0..<k {
                    column.removeAll(keepingCapacity: true)
                    for r in 0..<b where active[r] { column.append(logQ[r, c]) }
                    let shift: T = logSumExp(column) + logK
                    for r in 0..<b { logQ[r, c] = logQ[r, c] - shift }
                }
            } else {
                for r in 0..<b {
                    let shift: T = logSumExp(logQ.storage[(r * k)..<((r + 1) * k)]) - logMass[r]
                    for c in 0..<k { logQ[r, c] = logQ[r, c] - shift }
                }
            }
        }
        return (logQ, logMass, active)
    }

    /// `log q_ik`: the log codes (`B × K`, each row's exponentials summing to 1) of a batch of scores
    /// (`B × K`, finite, `|s| / eps` finite) with weights `a_i >= 0`, at least one positive.
    /// Precondition (trap): the shapes and weights as stated; use the throwing
    /// ``codes(scores:weights:epsilon:iterations:)`` for unchecked input.
    @inlinable public func logCodes<T: Real>(scores: Matrix<T>, weights: [T]) -> Matrix<T> {
        let balanced = balance(scores, weights: weights, normalisations: 2 * iterations)
        var logQ = balanced.logPlan
        for r in 0..<logQ.rows {
            for c in 0..<logQ.columns { logQ[r, c] = logQ[r, c] - balanced.logMass[r] }
        }
        return logQ
    }

    /// The codes `q_ik = exp(log q_ik)` (``logCodes(scores:weights:)``): rows summing to 1.
    @inlinable public func codes<T: Real>(scores: Matrix<T>, weights: [T]) -> Matrix<T> {
        logCodes(scores: scores, weights: weights).map { T.exp($0) }
    }

    /// The codes of a batch of equal weights (SwAV's case).
    @inlinable public func codes<T: Real>(scores: Matrix<T>) -> Matrix<T> {
        codes(scores: scores, weights: [T](repeating: T.one, count: scores.rows))
    }

    /// `log Q`, the transport plan after `normalisations` alternating steps (column step first; `0` is
    /// the normalised weighted kernel, `2 · iterations` the plan the codes come from). After a column
    /// step each column's exponentials sum to `1/K`; after a row step row `i`'s sum to `ā_i`; in both
    /// cases the whole plan sums to 1. Rows of weight 0 hold no mass: `-inf`.
    @inlinable public func logPlan<T: Real>(scores: Matrix<T>, weights: [T], normalisations: Int) -> Matrix<T> {
        triadPrecondition(normalisations >= 0, "Sinkhorn normalisations", normalisations, "must be >= 0")
        let balanced = balance(scores, weights: weights, normalisations: normalisations)
        var logQ = balanced.logPlan
        for r in 0..<logQ.rows where !balanced.active[r] {
            for c in 0..<logQ.columns { logQ[r, c] = -T(Double.infinity) }
        }
        return logQ
    }

    /// Throws ``TriadError`` unless `weights` has `count` entries, each finite and not negative, at
    /// least one positive. (An ``Interval`` weight is rejected only when it is certainly negative.)
    @inlinable public static func requireWeights<T: Real>(_ weights: [T], count: Int) throws {
        try require(weights.count == count, "weights count", weights.count, "must equal the sample count \(count)")
        for (i, w) in weights.enumerated() {
            try require(w.isFinite && !(w < T.zero), "weight a[\(i)]", w, "must be finite and >= 0")
        }
        try require(weights.contains { $0.upperBound > 0 }, "weights", "all 0", "must have a positive entry")
    }

    /// The codes (`B × K`, rows summing to 1) of a batch of scores (`B × K`), validating everything:
    /// throws ``TriadError`` when `B < 1`, `K < 1`, `eps` is not finite and positive, `iterations < 1`,
    /// a score or a score divided by `eps` is not finite, or a weight is negative or not finite, or all
    /// are 0. `weights` `nil` is equal weights (SwAV's unweighted batch).
    @inlinable public static func codes<T: Real>(
        scores: Matrix<T>, weights: [T]? = nil, epsilon: Double = defaultEpsilon, iterations: Int = defaultIterations
    ) throws -> Matrix<T> {
        let b = scores.rows, k = scores.columns
        try require(b >= 1, "sample count B", b, "must be >= 1")
        try require(k >= 1, "prototype count K", k, "must be >= 1")
        let sinkhorn = try SinkhornKnopp(epsilon: epsilon, iterations: iterations)
        let eps = T(epsilon)
        for (i, v) in scores.storage.enumerated() {
            try require(v.isFinite && (v / eps).isFinite, "score[\(i / k), \(i % k)]", v, "must be finite, also divided by eps")
        }
        let w = weights ?? [T](repeating: T.one, count: b)
        try requireWeights(w, count: b)
        return sinkhorn.codes(scores: scores, weights: w)
    }
}
