/// DINO's self-distillation objective (M. Caron, H. Touvron, I. Misra, H. Jégou, J. Mairal,
/// P. Bojanowski, A. Joulin, "Emerging Properties in Self-Supervised Vision Transformers", ICCV 2021)
/// at the fixed point of its moving averages, on a weighted batch, maximised:
///
///     student   s_v,i = softmax(l_v,i / tau_s)
///     teacher   t_v,i = softmax((l_v,i - c) / tau_t)        (no gradient)
///     centre    c = ½ Σ_i a_i (l(x_i) + l(x'_i))             (no gradient)
///     L_DINO = ½ Σ_i a_i [t_b,i · log s_a,i + t_a,i · log s_b,i]
///
/// with view `a` = `l(x_i)` (``TermBatch/logits``) and view `b` = `l(x'_i)` (``TermBatch/viewLogits``).
/// At the fixed point of the exponential moving averages the teacher has the student's weights (both
/// read the same logits) and DINO's EMA centre equals the batch mean of the logits over both views,
/// here `a`-weighted. Only cross-view pairs are scored (DINO skips a view against itself).
///
/// Gradient, teacher and centre constant (DINO's stop-gradient): `∂/∂l_a,i = ½ a_i (t_b,i - s_a,i) / tau_s`
/// and `∂/∂l_b,i = ½ a_i (t_a,i - s_b,i) / tau_s`. It is the gradient of
/// ``value(_:teacher:)`` with the teacher fixed, not of ``value(_:)`` as a function of the logits.
///
/// Temperatures: any finite `tau_s, tau_t > 0` are accepted. DINO's setting, the default, sharpens the
/// teacher (`tau_t = 0.04 < tau_s = 0.1`): sharpening and centring together are DINO's guard against
/// collapse. `tau_t >= tau_s` is allowed, so that a check can show what goes wrong without the
/// sharpening; it does not change the bound below.
///
/// **Bound.** `L_DINO <= 0` (a law scored by log-probabilities) for every batch and temperature, and
/// `< 0` at finite logits when `C >= 2` (every `s_v,iy < 1`). The supremum `0` is approached iff, for
/// every pair with `a_i > 0`, the teacher of view `b` and the student of view `a` become one-hot on a
/// common cluster, and so do the teacher of `a` and the student of `b` (both cross-entropies -> 0).
/// The teachers cannot all become one-hot on the same cluster: for each pair of clusters the
/// `a`-weighted mean, over both views, of the centred logit difference is 0, so it cannot diverge to
/// `+∞` for every pair. Logits `M e_{y_i}` on both views with at least two distinct `y_i` among the
/// pairs of positive weight reach the supremum as `M -> ∞`, whatever the cluster sizes (unbalanced
/// clusters are not penalised). Collapse: a batch whose rows are all equal has a uniform teacher and
/// `L_DINO = mean_y log s_y <= -log C` (Jensen), with equality iff every logit of the batch
/// is equal. `C = 1`: `L_DINO = 0`.
public struct DINOTerm: ObjectiveTerm {
    /// DINO's student temperature, `0.1`.
    public static let defaultStudentTemperature = 0.1
    /// DINO's (final) teacher temperature, `0.04`.
    public static let defaultTeacherTemperature = 0.04

    /// `tau_s`.
    public let studentTemperature: Double
    /// `tau_t`.
    public let teacherTemperature: Double

    /// Throws ``TriadError`` when a temperature is not finite and `> 0`.
    public init(studentTemperature: Double = defaultStudentTemperature,
                teacherTemperature: Double = defaultTeacherTemperature) throws {
        try require(studentTemperature.isFinite && studentTemperature > 0, "student temperature tau_s",
                    studentTemperature, "must be finite and > 0")
        try require(teacherTemperature.isFinite && teacherTemperature > 0, "teacher temperature tau_t",
                    teacherTemperature, "must be finite and > 0")
        self.studentTemperature = studentTemperature
        self.teacherTemperature = teacherTemperature
    }

    public var name: String { "L_DINO" }

    /// The teacher's targets: `t_a,i` (from `l(x_i)`) and `t_b,i` (from `l(x'_i)`), `n × C` each.
    public struct Teacher<T: Real>: Sendable {
        /// `t_a = softmax((l(x_i) - c) / tau_t)`.
        public var anchor: Matrix<T>
        /// `t_b = softmax((l(x'_i) - c) / tau_t)`.
        public var view: Matrix<T>

        @inlinable public init(anchor: Matrix<T>, view: Matrix<T>) {
            self.anchor = anchor
            self.view = view
        }
    }

    /// The centre `c_y = ½ Σ_i a_i (l_y(x_i) + l_y(x'_i))`.
    @inlinable public static func centre<T: Real>(_ batch: TermBatch<T>) -> [T] {
        var c = [T](repeating: T.zero, count: batch.clusterCount)
        for i in 0..<batch.count {
            for y in 0..<batch.clusterCount {
                c[y] += batch.weights[i] * (batch.logits[i, y] + batch.viewLogits[i, y])
            }
        }
        let half = T.one / T(2)
        return c.map { half * $0 }
    }

    /// The teacher for the given centre (``centre(_:)`` of the batch in DINO; another, e.g. zero, to
    /// study what the centring does).
    @inlinable public func teacher<T: Real>(_ batch: TermBatch<T>, centre c: [T]) -> Teacher<T> {
        triadPrecondition(c.count == batch.clusterCount, "DINO centre length", c.count,
                          "must equal the cluster count \(batch.clusterCount)")
        let tau = T(teacherTemperature)
        func sharpened(_ l: Matrix<T>) -> Matrix<T> {
            var out = l
            for i in 0..<l.rows { for y in 0..<l.columns { out[i, y] = (l[i, y] - c[y]) / tau } }
            return out.rowSoftmax()
        }
        return Teacher(anchor: sharpened(batch.logits), view: sharpened(batch.viewLogits))
    }

    /// The teacher of the batch, centred by ``centre(_:)``.
    @inlinable public func teacher<T: Real>(_ batch: TermBatch<T>) -> Teacher<T> {
        teacher(batch, centre: Self.centre(batch))
    }

    /// `log s_v = log softmax(l_v / tau_s)` for one view's logits.
    @inlinable public func logStudent<T: Real>(_ l: Matrix<T>) -> Matrix<T> {
        let tau = T(studentTemperature)
        return l.map { $0 / tau }.rowLogSoftmax()
    }

    /// `½ Σ_i a_i [t_b,i · log s_a,i + t_a,i · log s_b,i]` with the student read from `batch` and the
    /// given teacher (held fixed: this is the function ``gradient(_:teacher:)`` differentiates).
    @inlinable public func value<T: Real>(_ batch: TermBatch<T>, teacher t: Teacher<T>) -> T {
        let la = logStudent(batch.logits), lb = logStudent(batch.viewLogits)
        var total = T.zero
        for i in 0..<batch.count {
            var row = T.zero
            for y in 0..<batch.clusterCount { row += t.view[i, y] * la[i, y] + t.anchor[i, y] * lb[i, y] }
            total += batch.weights[i] * row
        }
        return total / T(2)
    }

    /// The gradient of ``value(_:teacher:)`` with respect to the student's logits:
    /// `½ a_i (t_b,i - s_a,i) / tau_s` and `½ a_i (t_a,i - s_b,i) / tau_s`.
    @inlinable public func gradient<T: Real>(_ batch: TermBatch<T>, teacher t: Teacher<T>) -> TermGradient<T> {
        let tau = T(studentTemperature)
        let sa = batch.logits.map { $0 / tau }.rowSoftmax(), sb = batch.viewLogits.map { $0 / tau }.rowSoftmax()
        var g = TermGradient(zeroFor: batch)
        for i in 0..<batch.count {
            let f = batch.weights[i] / (T(2) * tau)
            for y in 0..<batch.clusterCount {
                g.logits[i, y] = f * (t.view[i, y] - sa[i, y])
                g.viewLogits[i, y] = f * (t.anchor[i, y] - sb[i, y])
            }
        }
        return g
    }

    @inlinable public func value<T: Real>(_ batch: TermBatch<T>) -> T { value(batch, teacher: teacher(batch)) }

    /// The stop-gradient gradient: ``gradient(_:teacher:)`` at the batch's own teacher.
    @inlinable public func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T> {
        gradient(batch, teacher: teacher(batch))
    }

    /// The upper bound `0` (the supremum for `C >= 2`, never attained at finite logits).
    public static func upperBound<T: Real>(as: T.Type = T.self) -> T { T.zero }
}

extension DINOTerm: StopGradientObjective {
    /// The value on `batch` with the teacher (and its centre) computed from `reference`: the function
    /// whose derivative ``gradient(_:)`` is.
    @inlinable public func value<T: Real>(_ batch: TermBatch<T>, targetsFrom reference: TermBatch<T>) -> T {
        value(batch, teacher: teacher(reference))
    }
}
