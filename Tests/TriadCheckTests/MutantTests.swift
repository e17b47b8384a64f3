import Testing
import TriadCheck
import TriadCore

/// The regression guard, proven: every catalogued mutant of the terms or the head is killed by the
/// suite (a value mutant by a check other than GRAD.TERMS), and no equivalent refactor raises an alarm.
@Suite("Mutants are killed and equivalent refactors pass")
struct MutantTests {
    @Test("Every mutant is killed; every equivalent passes (the whole catalogue, always-on depth)")
    func catalogue() throws {
        print("[mutants] seed \(MutationRun.quickSettings.seed), \(MutationRun.quickSettings.cases) cases — replay: swift run -c release triad mutants")
        let run = try MutationRun.quick()
        #expect(MutantCatalogue.mutants.count >= 12 && MutantCatalogue.equivalents.count >= 6)
        for o in run.outcomes {
            #expect(o.meetsRequirement, o.kind == .mutant
                    ? "mutant \(o.id) (\(o.summary)) not killed as required; killers: \(o.killers)"
                    : "equivalent \(o.id) raised alarms: \(o.killers)")
        }
    }

    @Test("Mutant ids are unique and every variant states what it breaks")
    func catalogueIsWellFormed() {
        let ids = MutantCatalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(MutantCatalogue.all.allSatisfy { !$0.summary.isEmpty })
    }
}
