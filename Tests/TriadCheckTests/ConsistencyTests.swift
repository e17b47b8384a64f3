import Testing
import TriadCheck
import TriadCore
import TriadTestSupport

/// Proofs/consistency.md on Triad's terms: gradients are derivatives of the values (GRAD.TERMS), and
/// values ignore the order of the pairs, the splitting of a pair's weight and the names of the clusters.
@Suite("Consistency: gradients are derivatives; values ignore pair order, weight splitting, cluster names")
struct ConsistencyTests {
    static func checks(_ name: String, terms: TermSet = .reference) -> ConsistencyChecks {
        let settings = TestSeed.settings(seed: 31, cases: 60)
        print("[\(name)] seed \(settings.seed) — replay: TRIAD_SEED=\(settings.seed) swift test --filter '\(name)'")
        return ConsistencyChecks(terms: terms, settings: settings)
    }

    static func expectHolds(_ o: ConsistencyChecks.Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(o.holds, "\(o.failures.count) failures; first: \(o.failures.first ?? "")", sourceLocation: sourceLocation)
        print("  evidence: \(o.evidence)")
    }

    @Test("GRAD.TERMS: L_GEN (exact and sampled), L_INV, L_PRIOR, L_GEDI gradients match central differences")
    func gradients() throws { Self.expectHolds(try Self.checks("gradients").gradients()) }

    @Test("SYM.ORDER: every term is invariant to a reordering of the pairs and partition points")
    func pairOrder() throws { Self.expectHolds(try Self.checks("pairOrder").pairOrder()) }

    @Test("SYM.SPLIT: splitting a pair into two halves of its weight changes no term")
    func splitting() throws { Self.expectHolds(try Self.checks("splitting").splitting()) }

    @Test("SYM.LABELS: renaming the clusters changes no term")
    func labels() throws { Self.expectHolds(try Self.checks("labels").labels()) }

    @Test("The symmetrised invariance term and a given uniform prior pass the same checks")
    func variants() throws {
        let terms = TermSet(invariance: InvarianceTerm(form: .symmetrised), prior: try PriorTerm(prior: nil))
        let c = Self.checks("variants", terms: terms)
        for o in [try c.gradients(), try c.pairOrder(), try c.splitting(), try c.labels()] { Self.expectHolds(o) }
    }

    @Test("The checks can fail: a detached view gradient and a position-dependent weight are caught")
    func detects() throws {
        struct FirstPairCounted: ObjectiveTerm {
            var name: String { "L_PRIOR (first pair's weight doubled)" }
            func value<T: Real>(_ b: TermBatch<T>) -> T {
                var c = b
                c.weights[0] = c.weights[0] * T(2)
                return PriorTerm().value(c)
            }
            func gradient<T: Real>(_ b: TermBatch<T>) -> TermGradient<T> { PriorTerm().gradient(b) }
        }
        let detached = try #require(MutantCatalogue.variant("inv-target-detached"))
        #expect(!(try ConsistencyChecks(terms: detached.terms, cases: 10).gradients().holds))
        #expect(!(try ConsistencyChecks(terms: TermSet(prior: FirstPairCounted()), cases: 10).pairOrder().holds))
    }
}
