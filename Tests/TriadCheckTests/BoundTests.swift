import Testing
import TriadCheck
import TriadCore
import TriadTestSupport

/// Eq. 4 and Proposition 2.1 on random worlds and configurations: every term stays below its upper
/// bound (`L_GEN <= -H(p)`, `L_INV <= 0`, `L_PRIOR <= -log C`) and `L_GEDI <= -H(p) - log C`, in the
/// population and the empirical form, in Float, Double, Float80 and interval arithmetic. Floating
/// point is allowed the rounding tolerance of `BoundCheck.tolerance`; intervals are allowed none:
/// the enclosure of a gap must never lie entirely below 0.
@Suite("Eq. 4 and Prop. 2.1: every term stays below its bound")
struct BoundTests {
    static let cases = TestSeed.cases(1_000)

    static func check<T: Real>(_: T.Type, seed: UInt64) throws {
        let s = TestSeed.seed(seed)
        print("[bounds \(T.typeName)] seed \(s), \(cases) cases — replay: TRIAD_SEED=\(s) swift test --filter BoundTests")
        let summary = try BoundSummary.run(cases: cases, seed: s, as: T.self)
        #expect(summary.violations == 0, "\(summary.firstViolation ?? "")")
        // Every world regime and configuration regime combination was sampled.
        #expect(summary.regimes.count == WorldRegime.allCases.count * ConfigurationRegime.allCases.count,
                "regimes sampled: \(summary.regimes)")
        for row in summary.rows {
            #expect(row.minimumGap.isFinite, "\(row.role) \(row.form): minimum gap \(row.minimumGap)")
        }
    }

    @Test("Float: 1,000 random worlds, no gap below -tolerance") func float() throws { try Self.check(Float.self, seed: 1) }
    @Test("Double: 1,000 random worlds, no gap below -tolerance") func double() throws { try Self.check(Double.self, seed: 1) }
    @Test("Float80: 1,000 random worlds, no gap below -tolerance") func float80() throws { try Self.check(Float80.self, seed: 1) }

    @Test("Interval: 1,000 random worlds, no gap enclosure entirely below 0, and most gaps certified positive")
    func interval() throws {
        try Self.check(Interval.self, seed: 1)
        let summary = try BoundSummary.run(cases: 100, seed: TestSeed.seed(1), as: Interval.self)
        // Random configurations are far from the optimum: the bulk of gaps must be *proved* positive,
        // otherwise the enclosures are too wide to certify anything.
        for row in summary.rows where row.role != .invariance {
            #expect(row.certifiedPositive >= 50, "\(row.role) \(row.form): only \(row.certifiedPositive)/100 certified")
        }
    }

    @Test("The bound check can fail: a term shifted above its bound is caught in every precision")
    func detectsViolation() throws {
        struct Shifted: ObjectiveTerm {
            var name: String { "L_PRIOR + 0.01" }
            func value<T: Real>(_ b: TermBatch<T>) -> T { PriorTerm().value(b) + T(0.01) }
            func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { PriorTerm().gradient(b) }
        }
        let terms = TermSet(prior: Shifted())
        let f = try BoundSummary.run(cases: 40, seed: 2, as: Double.self, terms: terms)
        let i = try BoundSummary.run(cases: 40, seed: 2, as: Interval.self, terms: terms)
        #expect(f.violations > 0 && i.violations > 0)
        #expect(f.firstViolation?.contains("L_PRIOR") == true)
    }
}
