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
    public let cases: Int
    public var rows: [Row]
    /// Cases per `world regime / configuration regime`.
    public var regimes: [String: Int] = [:]
    /// The first violating case, described with its case seed for replay.
    public var firstViolation: String?

    /// Total violations over all rows.
    public var violations: Int { rows.reduce(0) { $0 + $1.violations } }

    /// The seed of case `index` of a run with seed `seed`: cases replay one by one.
    public static func caseSeed(_ seed: UInt64, _ index: Int) -> UInt64 {
        var mixer = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        return mixer.next()
    }

    /// Runs `cases` random cases in precision `T` against `terms`.
    public static func run<T: Real>(cases: Int, seed: UInt64, as _: T.Type, terms: TermSet = .reference) throws -> BoundSummary {
        var summary = BoundSummary(typeName: T.typeName, seed: seed, cases: cases,
                                   rows: BoundCheck.Form.allCases.flatMap { f in TermRole.allCases.map { Row(role: $0, form: f) } })
        for index in 0..<cases {
            let caseSeed = caseSeed(seed, index)
            var rng = TriadRandom(seed: caseSeed)
            let c = BoundCase.random(index: index, using: &rng)
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
                if o.violates {
                    summary.rows[r].violations += 1
                    if summary.firstViolation == nil {
                        summary.firstViolation = "\(o.role.rawValue) (\(o.form.rawValue)) gap [\(o.gapLower), \(o.gapUpper)] "
                            + "below -\(o.tolerance) in \(T.typeName), case \(index) (case seed \(caseSeed)):\n\(c)"
                    }
                }
                if o.certifiedPositive { summary.rows[r].certifiedPositive += 1 }
            }
        }
        return summary
    }
}
