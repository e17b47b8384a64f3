import Foundation
import Testing
import TriadCheck
import TriadCore

/// The field matrix (`Proofs/field.md`, `Reports/field.md`): the engine reproduces Theorem 1 on the
/// GEDI terms, can fail, and the committed report is what the code now produces.
@Suite("The field's failure-mode matrix")
struct FieldTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("The field check reproduces Theorem 1's table on L_GEN, L_INV, L_PRIOR and L_GEDI, each cell with evidence of a stated strength")
    func reproducesTheorem1() throws {
        let m = try FieldMatrix.standard()
        for (id, role) in [("gen", TermRole.generative), ("inv", .invariance), ("prior", .prior), ("gedi", .gedi)] {
            let row = try #require(m.row(id))
            #expect(row.supremumHolds, "\(id): \(row.supremumViolation ?? "")")
            for mode in FailureMode.allCases {
                let cell = row.cell(mode)
                #expect(cell.verdict == Theorem1Matrix.paper(role, mode), "\(id) \(mode.rawValue): \(cell.label) — \(cell.evidence)")
                #expect(cell.strength != .none && cell.cases > 0 && !cell.evidence.isEmpty)
                // A counterexample is what FM3 penalises means; only FM3 has one.
                #expect((cell.strength == .counterexample) == (mode == .permutation && cell.verdict == .penalises))
            }
        }
    }

    @Test("At another seed (other worlds, other starts) every row gets the same verdict and the same evidence strength in every cell")
    func sameAtAnotherSeed() throws {
        let seed: UInt64 = 7
        print("[field] seed \(seed) — replay: swift run -c release triad field --seed \(seed)")
        let other = try FieldMatrix.run(check: FieldCheck(settings: CheckSettings(seed: seed, cases: FieldCheck.defaultCases)))
        let standard = try FieldMatrix.standard()
        for (a, b) in zip(standard.rows, other.rows) {
            #expect(a.cells.map(\.label) == b.cells.map(\.label), "\(a.objective.id) at seed \(seed): \(b.cells.map(\.label))")
            #expect(a.supremum == b.supremum, "\(a.objective.id) at seed \(seed): \(b.supremum)")
        }
    }

    @Test("Strength follows the evidence: a derived bound makes a penalty proved; without it the same penalty is only searched")
    func strengthFollowsEvidence() throws {
        var prior = try #require(FieldObjective.gediRows().first { $0.id == "prior" })
        let check = FieldCheck()
        #expect(try check.row(prior).cell(.clusterCollapse).label == "penalises (proved)")
        prior.gapBounds = [:]
        #expect(try check.row(prior).cell(.clusterCollapse).label == "penalises (searched)")
        prior.supremum = .searched
        let row = try check.row(prior)
        #expect(row.cell(.clusterCollapse).label == "penalises (searched)")
        #expect(row.supremum.hasPrefix("searched"))
    }

    @Test("The check can fail: a supremum set too low is exceeded, a gap bound set too high is beaten and never called proved")
    func wrongDerivationsAreCaught() throws {
        var inv = try #require(FieldObjective.gediRows().first { $0.id == "inv" })
        inv.supremum = .derived(formula: "-0.1 (wrong)", claim: "none") { _ in -0.1 }
        let row = try FieldCheck().row(inv)
        #expect(!row.supremumHolds && row.supremumViolation != nil)
        var prior = try #require(FieldObjective.gediRows().first { $0.id == "prior" })
        prior.gapBounds[.clusterCollapse] = FieldObjective.GapBound(formula: "10 (wrong)", claim: "none") { _, _ in 10 }
        let cell = try FieldCheck().row(prior).cell(.clusterCollapse)
        #expect(cell.verdict == .penalises && cell.strength == .searched && cell.evidence.contains("was beaten"))
    }

    @Test("Reports/field.md is what the code produces, with the practice read from the committed Reports/empirical.md")
    func reportIsCurrent() throws {
        let reports = Self.root.appendingPathComponent("Reports").path
        let generated = try FieldReport.render(reports: reports)
        try AtomicFile.write(generated, to: Self.root.appendingPathComponent(".build/triad-reports/field.md").path)
        Attachment.record(generated, named: "field.md")
        guard let committed = try? String(contentsOfFile: reports + "/field.md", encoding: .utf8) else {
            Issue.record("Reports/field.md is missing; regenerate with: swift run -c release triad report")
            return
        }
        let diff = ReportComparison.differences(committed: committed, generated: generated)
        #expect(diff.isEmpty, """
            Reports/field.md differs (\(diff.count) lines); regenerate with: swift run -c release triad report
            \(diff.prefix(20).joined(separator: "\n"))
            """)
        for row in try FieldMatrix.standard().rows {
            #expect(committed.contains("| \(row.objective.name) |"), "row \(row.objective.id) missing")
        }
    }

    @Test("The practice parser reads the fresh-protocol success-rate rows of empirical.md and nothing else")
    func practiceParser() {
        let text = """
        | gedi | moons | fresh | 3/20 (15%) | 5-36% | 0.410 | — | U 9 · ok 3 |
        | gedi | moons | pool of 2000 | 3/20 (15%) | 5-36% | 0.410 | 3/20, 0.4 | U 9 · ok 3 |
        | gedi | circles | fresh | 0/20 (0%) | 0-16% | 0.010 | — | CC 20 |
        | gedi | moons | fresh | 0.1 0.2 | x | y | z | w |
        """
        let p = FieldReport.practice(fromEmpirical: text)
        #expect(p.count == 1)
        #expect(p["gedi"]?.moons == "3/20 (15%) reach NMI 0.9; U 9 · ok 3")
        #expect(p["gedi"]?.circles == "0/20 (0%) reach NMI 0.9; CC 20")
    }
}
