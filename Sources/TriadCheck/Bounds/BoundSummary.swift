import TriadCore

/// The worst case of the bound checks over many random cases in one precision: per term and form,
/// the smallest gap seen, how close a gap came to its tolerance, and how many cases violated the
/// bound (must be 0) or, in interval arithmetic, certified a positive gap.
public struct BoundSummary: Sendable {
    /// One row: a term in a form.
    public struct Row: Sendable {
        public let role: TermRole
        public let form: BoundCheck.Form
        /// The smallest lower end of a gap over all cases.
        public var minimumGap = Double.infinity
        /// The smallest `gap / tolerance` over all cases (floating point only; `+inf` when unused).
        public var minimumGapOverTolerance = Double.infinity
        /// The largest tolerance used.
        public var maximumTolerance = 0.0
        /// The smallest tolerance used (`+inf` when unused): a gap of smaller magnitude is within
        /// rounding of 0 for every case of the row.
        public var minimumTolerance = Double.infinity
        /// Cases whose gap violated the bound (see ``BoundCheck/Observation/violates``).
        public var violations = 0
        /// Interval cases whose gap was certified `> 0`.
        public var certifiedPositive = 0
    }

    public let typeName: String
    public let seed: UInt64
    /// Cases run (the planned count, plus any drawn for coverage).
    public var cases: Int
    public var rows: [Row]
    /// Cases per `world regime / configuration regime`.
    public var regimes: [String: Int] = [:]
    /// The first violating case, described with its case seed for replay.
    public var firstViolation: String?

    /// Total violations over all rows.
    public var violations: Int { rows.reduce(0) { $0 + $1.violations } }

    /// The engine's run behind the summary (replay token and coverage when it failed).
    public var result: PropertyResult? = nil

    /// Runs `cases` random cases in precision `T` against `terms` as the property `EQ4.<T>` of the
    /// engine (``BoundCase/generator``): a case fails when any term in any form violates its bound,
    /// and the run stops there with the shrunk case and its replay token in ``firstViolation``.
    /// Every case the engine ran feeds the rows.
    public static func run<T: Real>(cases: Int, seed: UInt64, as _: T.Type, terms: TermSet = .reference) throws -> BoundSummary {
        try run(settings: CheckSettings(seed: seed, cases: cases), as: T.self, terms: terms)
    }

    /// ``run(cases:seed:as:terms:)`` with the engine's settings (seed, cases, deep mode, replay).
    public static func run<T: Real>(settings: CheckSettings, as _: T.Type, terms: TermSet = .reference) throws -> BoundSummary {
        var summary = BoundSummary(typeName: T.typeName, seed: settings.seed, cases: settings.caseCount,
                                   rows: BoundCheck.Form.allCases.flatMap { f in TermRole.allCases.map { Row(role: $0, form: f) } })
        let property = Property("EQ4.\(T.typeName)", sizes: BoundCase.sizes, generator: BoundCase.generator,
                                coverage: BoundCase.coverage) { c in
            let violations = try BoundCheck.observe(c, as: T.self, terms: terms).filter(\.violates)
            return .expect(violations.isEmpty, violations.map {
                "\($0.role.rawValue) (\($0.form.rawValue)) gap [\($0.gapLower), \($0.gapUpper)] below -\($0.tolerance) in \(T.typeName)"
            }.joined(separator: "; "), regime: c.worldRegimeLabel)
        }
        let result = try property.check(settings) { c, _ in
            summary.regimes[c.regime, default: 0] += 1
            for o in try BoundCheck.observe(c, as: T.self, terms: terms) {
                let r = summary.rows.firstIndex { $0.role == o.role && $0.form == o.form }!
                summary.rows[r].minimumGap = Swift.min(summary.rows[r].minimumGap, o.gapLower)
                if o.tolerance > 0 {
                    summary.rows[r].minimumGapOverTolerance = Swift.min(summary.rows[r].minimumGapOverTolerance,
                                                                         o.gapUpper / o.tolerance)
                    summary.rows[r].maximumTolerance = Swift.max(summary.rows[r].maximumTolerance, o.tolerance)
                    summary.rows[r].minimumTolerance = Swift.min(summary.rows[r].minimumTolerance, o.tolerance)
                }
                if o.violates { summary.rows[r].violations += 1 }
                if o.certifiedPositive { summary.rows[r].certifiedPositive += 1 }
            }
        }
        summary.result = result
        summary.cases = result.casesRun
        if let c = result.counterexample {
            summary.firstViolation = c.message + " (case \(c.caseIndex ?? 0), shrunk to \(c.size)); replay: TRIAD_REPLAY='\(c.replay.token)'\n\(c.value)"
        } else if let m = result.failureMessage {
            summary.firstViolation = m
        }
        return summary
    }
}
