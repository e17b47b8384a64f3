import Glibc
import TriadCore

/// The value claims of Proofs/values.md, run against a ``TermSet`` on the stored
/// ``ReferenceTable``: exact values, bounds, gaps and logit gradients on fixed worlds, in Float,
/// Double, Float80 and Interval.
///
/// - VAL.TERMS: the head's logits and the value, bound and gap of `L_GEN`, `L_INV`, `L_PRIOR` and
///   `L_GEDI` at the world's weights `lambda` (not 0 or 1).
/// - VAL.GRADIENTS: the same terms' gradients with respect to the world's logits against the table,
///   and, in Double, against five-point central differences of their own values (step `1e-3`;
///   truncation `O(h^4)`, rounding `O(u/h)`; absolute `1e-7` plus relative `1e-6`), on batches with
///   non-uniform pair weights and sampled partitions with non-uniform sample weights.
/// - VAL.FORMS: the optional forms: the symmetrised `L_INV`, `L_PRIOR` with a non-uniform prior `pi`,
///   and `L_GEDI` over the symmetrised `L_INV`.
///
/// Tolerances (``ReferenceWorld/tolerance(_:role:unitRoundoff:)``): `4 (u + u_80) K` with `u` the
/// precision's `ulp(1)` and `K` the world's condition bound, derived from `1/tau`, `log C`, the
/// embedding dimension and the number of summed terms. An interval enclosure must meet the stored
/// Float80 value widened by that value's own rounding, `4 u_80 K`.
///
/// `L_INV` may be either form the definitions allow: the set's invariance term is identified (in
/// Double, on every world) as the view-as-target or the symmetrised form, whichever it is closer to,
/// and checked as that form everywhere (a term that is neither fails).
public struct ValueChecks: Sendable {
    public var terms: TermSet

    public init(terms: TermSet = .reference) { self.terms = terms }

    public typealias Outcome = IdentityChecks.Outcome

    /// The claim ids, in run order.
    public static let claimIDs = ["VAL.TERMS", "VAL.GRADIENTS", "VAL.FORMS"]

    /// The three claims against the stored table.
    public func all() throws -> [(id: String, outcome: Outcome)] {
        try run(on: ReferenceTable.stored())
    }

    /// The three claims against `table` (the stored one unless a test says otherwise).
    public func run(on table: ReferenceTable) throws -> [(id: String, outcome: Outcome)] {
        let form = try invarianceForm(table)
        let symmetrised: any ObjectiveTerm = form == .symmetrisedInvariance ? terms.invariance : InvarianceTerm(form: .symmetrised)
        var tally = Tally()
        try compare(table, as: Float.self, form: form, symmetrised: symmetrised, into: &tally)
        try compare(table, as: Double.self, form: form, symmetrised: symmetrised, into: &tally)
        #if arch(x86_64) || arch(i386)
        try compare(table, as: Float80.self, form: form, symmetrised: symmetrised, into: &tally)
        #endif
        try compare(table, as: Interval.self, form: form, symmetrised: symmetrised, into: &tally)
        try centralDifferences(table, into: &tally)
        let formName = form == .invariance ? "view-as-target" : "symmetrised"
        return Self.claimIDs.map { id in
            (id, Outcome(failures: tally.failures[id, default: []],
                         evidence: "\(table.rows.count) worlds × {\(tally.precisions.joined(separator: ", "))}: \(tally.counts[id, default: 0]) numbers; "
                             + "worst error / tolerance " + tally.worst(id) + (id == "VAL.TERMS" ? "; L_INV read as the \(formName) form" : "")
                             + (id == "VAL.GRADIENTS" ? "; \(tally.differenceCount) entries against central differences (Double)" : "")))
        }
    }

    /// The form of `L_INV` the set implements: the role of the table its Double values are closer to
    /// (`Σ log(1 + |error| / tolerance)` over the worlds).
    func invarianceForm(_ table: ReferenceTable) throws -> ReferenceRole {
        var score: [ReferenceRole: Double] = [.invariance: 0, .symmetrisedInvariance: 0]
        for row in table.rows {
            let logits: Matrix<Double> = row.world.logits(head: terms.head)
            let v = terms.invariance.value(try row.world.batch(worldLogits: logits).batch)
            let tol = row.world.tolerance(.value, unitRoundoff: Double.ulpOfOne)
            for role in score.keys {
                let e = abs(row.values.quantities[role]!.value.difference(v))
                score[role]! += e.isNaN ? .infinity : log1p(e / tol)
            }
        }
        return score[.symmetrisedInvariance]! < score[.invariance]! ? .symmetrisedInvariance : .invariance
    }

    /// Failures, counts and worst error ratios per claim and precision.
    struct Tally {
        var failures: [String: [String]] = [:]
        var counts: [String: Int] = [:]
        var worstRatio: [String: [String: Double]] = [:]
        var precisions: [String] = []
        var differenceCount = 0

        mutating func record(_ id: String, _ precision: String, ratio: Double, failure: @autoclosure () -> String) {
            counts[id, default: 0] += 1
            let r = ratio.isNaN ? Double.infinity : ratio
            worstRatio[id, default: [:]][precision] = max(worstRatio[id]?[precision] ?? 0, r)
            if !(ratio <= 1) { failures[id, default: []].append(failure()) }
        }

        func worst(_ id: String) -> String {
            (precisions + ["central differences"]).compactMap { p in
                worstRatio[id]?[p].map { r in
                    p == Interval.typeName ? (r == 0 ? "Interval: every enclosure meets the table" : "Interval: an enclosure misses") : "\(p) \(ReportComparison.roundingMeasure(r))"
                }
            }.joined(separator: ", ")
        }
    }

    /// `|computed - stored| / tolerance` for a floating-point `x`; for an interval, 0 when the
    /// enclosure meets the stored value widened by its own rounding and infinity otherwise.
    static func ratio<T: Real>(_ x: T, _ e: ReferenceEntry, tolerance: Double, referenceError: Double) -> Double {
        if x.isNaN { return .nan }
        if T.isCertified {
            #if arch(x86_64) || arch(i386)
            let meets = Float80(x.lowerBound) <= e.extended + Float80(referenceError)
                && Float80(x.upperBound) >= e.extended - Float80(referenceError)
            #else
            let meets = x.lowerBound <= e.value + referenceError + e.value.ulp && x.upperBound >= e.value - referenceError - e.value.ulp
            #endif
            return meets ? 0 : .infinity
        }
        #if arch(x86_64) || arch(i386)
        if let f = x as? Float80 { return abs(Double(f - e.extended)) / tolerance }
        #endif
        return abs(e.difference(x.midpoint)) / tolerance
    }

    func compare<T: Real>(_ table: ReferenceTable, as: T.Type, form: ReferenceRole, symmetrised: any ObjectiveTerm,
                          into tally: inout Tally) throws {
        tally.precisions.append(T.typeName)
        let u = T.isCertified ? 0 : T.unitRoundoff
        let objectiveForm: ReferenceRole = form == .invariance ? .gedi : .symmetrisedGEDI
        // (claim for values, claim for gradients, role evaluated, role of the table it is compared with)
        let plan: [(String, String, ReferenceRole, ReferenceRole)] = [
            ("VAL.TERMS", "VAL.GRADIENTS", .generative, .generative), ("VAL.TERMS", "VAL.GRADIENTS", .invariance, form),
            ("VAL.TERMS", "VAL.GRADIENTS", .prior, .prior), ("VAL.TERMS", "VAL.GRADIENTS", .gedi, objectiveForm),
            ("VAL.FORMS", "VAL.FORMS", .symmetrisedInvariance, .symmetrisedInvariance),
            ("VAL.FORMS", "VAL.FORMS", .nonUniformPrior, .nonUniformPrior),
            ("VAL.FORMS", "VAL.FORMS", .symmetrisedGEDI, .symmetrisedGEDI),
        ]
        for row in table.rows {
            let w = row.world
            let evaluation: ReferenceEvaluation<T> = try ReferenceEvaluation(w, terms: terms, symmetrised: symmetrised)
            func check(_ id: String, _ x: T, _ e: ReferenceEntry, _ kind: ReferenceWorld.QuantityKind, _ role: ReferenceRole?, _ label: String) {
                let tol = w.tolerance(kind, role: role, unitRoundoff: u)
                let r = Self.ratio(x, e, tolerance: tol, referenceError: w.referenceError(kind, role: role))
                tally.record(id, T.typeName, ratio: r, failure: "\(label) on world \(w.name) in \(T.typeName): \(x) vs reference \(e.value) "
                             + (T.isCertified ? "(enclosure must meet it ± \(w.referenceError(kind, role: role)))" : "(tolerance \(tol))"))
            }
            for (k, x) in evaluation.logits.storage.enumerated() {
                check("VAL.TERMS", x, row.values.logits[k], .logit, nil, "logit l[\(k / w.clusterCount), \(k % w.clusterCount)]")
            }
            for (valueClaim, gradientClaim, role, reference) in plan {
                let q = evaluation.quantities[role]!, r = row.values.quantities[reference]!
                let name = role == reference ? role.rawValue : "\(role.rawValue) (as \(reference.rawValue))"
                check(valueClaim, q.value, r.value, .value, reference, "\(name) value")
                for (label, mine, stored) in [("bound", q.bound, r.bound), ("gap", q.gap, r.gap)] {
                    switch (mine, stored) {
                    case let (x?, e?): check(valueClaim, x, e, .value, reference, "\(name) \(label)")
                    case (nil, nil): break
                    default:
                        tally.record(valueClaim, T.typeName, ratio: .infinity,
                                     failure: "\(name) \(label) on world \(w.name): \(mine == nil ? "missing" : "present where the table has none")")
                    }
                }
                for (k, x) in q.gradient.storage.enumerated() {
                    check(gradientClaim, x, r.gradient[k], .gradient, reference,
                          "\(name) ∂/∂l[\(k / w.clusterCount), \(k % w.clusterCount)]")
                }
            }
        }
    }

    /// VAL.GRADIENTS, second half: in Double, the gradient of the set's `L_GEDI` at the world's
    /// weights with respect to the world's logits, against central differences of its value.
    func centralDifferences(_ table: ReferenceTable, into tally: inout Tally) throws {
        for row in table.rows {
            let w = row.world
            var weighted = terms
            weighted.weights = w.weights
            let objective = weighted.gedi
            let logits: Matrix<Double> = w.logits(head: terms.head)
            let base = try w.batch(worldLogits: logits)
            let analytic = base.worldGradient(objective.gradient(base.batch), worldSize: w.count)
            for k in logits.storage.indices {
                let h = 1e-3
                func at(_ d: Double) throws -> Double {
                    var l = logits
                    l.storage[k] += d
                    return objective.value(try w.batch(worldLogits: l).batch)
                }
                let numeric = (-(try at(2 * h)) + 8 * (try at(h)) - 8 * (try at(-h)) + (try at(-2 * h))) / (12 * h)
                let a = analytic.storage[k]
                let tol = 1e-7 + 1e-6 * max(abs(a), abs(numeric))
                tally.differenceCount += 1
                tally.record("VAL.GRADIENTS", "central differences", ratio: abs(a - numeric) / tol,
                             failure: "L_GEDI ∂/∂l[\(k / w.clusterCount), \(k % w.clusterCount)] on world \(w.name) "
                                 + "(lambda \(w.weights.generative), \(w.weights.invariance), \(w.weights.prior)): gradient \(a), central difference \(numeric)")
            }
        }
    }
}
