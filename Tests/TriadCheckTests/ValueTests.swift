import Testing
import TriadCheck
import TriadCore

/// Proofs/values.md: Triad's terms reproduce the stored reference values (every term, bound, gap and
/// logit gradient on fixed worlds, in Float, Double, Float80 and Interval), the optional forms too;
/// the claims kill the bugs that only exact values see; the stored table is current.
@Suite("Values: terms, gradients and optional forms agree with the stored reference table")
struct ValueTests {
    static func expectHolds(_ results: [(id: String, outcome: ValueChecks.Outcome)], _ label: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        for (id, o) in results {
            let holds = o.holds
            #expect(holds, "\(label): \(id) fails in \(o.failures.count) places; first: \(o.failures.first ?? "")",
                    sourceLocation: sourceLocation)
            print("  [\(label)] \(id): \(o.evidence)")
        }
    }

    @Test("VAL.TERMS, VAL.GRADIENTS, VAL.FORMS hold for Triad's terms (replay: swift test --filter ValueTests)")
    func reference() throws {
        Self.expectHolds(try ValueChecks().all(), "reference")
    }

    @Test("The table covers what the claims promise: tau 0.01 to 10, C 2 to 8, all three forms, weights other than 0 and 1")
    func coverage() throws {
        let worlds = try ReferenceTable.stored().rows.map(\.world)
        #expect(worlds.count >= 24)
        #expect(worlds.map(\.temperature).min() == 0.01 && worlds.map(\.temperature).max() == 10)
        #expect(Set(worlds.map(\.clusterCount)).isSuperset(of: [2, 3, 4, 8]))
        #expect(worlds.contains { if case .empirical = $0.form { true } else { false } })
        #expect(worlds.contains { if case .sampled(_, let b) = $0.form { Set(b).count > 1 } else { false } })
        #expect(worlds.contains { w in w.embeddings.contains { e in
            let n = e.map { $0 * $0 }.reduce(0, +).squareRoot(); return n > 1e-12 && n < 1e-6 } })
        #expect(worlds.allSatisfy { w in [w.weights.generative, w.weights.invariance, w.weights.prior].contains { $0 != 0 && $0 != 1 } })
        #expect(worlds.contains { Set($0.prior).count > 1 })
    }

    @Test("Each bug kind that survived the relation checks is killed by a value claim", arguments: [
        ("gen-sample-weights-ignored", ["VAL.TERMS", "VAL.GRADIENTS"]),
        ("gedi-gradient-weight-as-one", ["VAL.GRADIENTS"]),
        ("inv-symmetrised-factor", ["VAL.TERMS"]),
        ("head-norm-floor-1e-6", ["VAL.TERMS"]),
    ])
    func killsSurvivors(_ id: String, _ killers: [String]) throws {
        let mutant = try #require(MutantCatalogue.variant(id))
        let results = try ValueChecks(terms: mutant.terms).all()
        for killer in killers {
            let o = try #require(results.first { $0.id == killer }?.outcome)
            let holds = o.holds
            #expect(!holds, "mutant \(id) should fail \(killer): \(o.evidence)")
            print("  [\(id)] \(killer): \(o.failures.count) failures; first: \(o.failures.first ?? "")")
        }
    }

    @Test("No value claim raises an alarm on a correct refactor (every catalogued equivalent)")
    func equivalents() throws {
        for m in MutantCatalogue.equivalents { Self.expectHolds(try ValueChecks(terms: m.terms).all(), m.id) }
    }

    @Test("The stored reference table is current: a fresh Float80 + Interval computation agrees to Float80 rounding")
    func tableIsCurrent() throws {
        let stored = try ReferenceTable.stored()
        #expect(try ReferenceTable.parse(stored.render()) == stored, "the table's text form does not round-trip")
        let fresh = try ReferenceGenerator.generate()
        let differences = ReferenceGenerator.differences(stored: stored, fresh: fresh)
        #expect(differences.isEmpty, """
            the stored reference table differs from a fresh computation in \(differences.count) places; first: \
            \(differences.first ?? ""). If the change of the worlds or of the definitions is intended, regenerate it with \
            `\(ReferenceGenerator.command)` from the package root, rebuild, and say why in the commit.
            """)
    }

    @Test("A malformed table is refused with an error naming the line and the problem")
    func malformedTable() throws {
        #expect(throws: TriadError.self) { try ReferenceTable.parse("world a\nend\n") }
        #expect(throws: TriadError.self) { try ReferenceTable.parse("tau 0x1p+0\n") }
        let stored = try ReferenceTable.stored().render()
        let truncated = String(stored.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2).joined(separator: "\n"))
        do {
            _ = try ReferenceTable.parse(truncated)
            Issue.record("a table cut before its last 'end' was accepted")
        } catch let e as TriadError {
            #expect(e.description.contains("must end with 'end'"), "unexpected message: \(e)")
        }
    }
}
