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

    @Test("Every field objective has a value mutant, a gradient mutant and an equivalent; each mutant is killed by its row's field claims (a value mutant not by FIELD.GRAD alone), no equivalent raises an alarm")
    func fieldCatalogue() throws {
        print("[mutants] field variants — replay: swift run -c release triad mutants")
        for row in FieldObjective.fieldRows().map(\.id) {
            let variants = FieldMutantCatalogue.all.filter { $0.row == row }
            #expect(variants.contains { $0.kind == .mutant && $0.changesValue }, "\(row): no value mutant")
            #expect(variants.contains { $0.kind == .mutant && !$0.changesValue }, "\(row): no gradient mutant")
            #expect(variants.contains { $0.kind == .equivalent }, "\(row): no equivalent")
        }
        for o in try FieldMutantCatalogue.outcomes() {
            #expect(o.meetsRequirement, o.kind == .mutant
                    ? "field mutant \(o.id) (\(o.summary)) not killed as required; killers: \(o.killers)"
                    : "field equivalent \(o.id) raised alarms: \(o.killers)")
        }
        let ids = FieldMutantCatalogue.all.map(\.id) + MutantCatalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test("Mutant ids are unique and every variant states what it breaks")
    func catalogueIsWellFormed() {
        let ids = MutantCatalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(MutantCatalogue.all.allSatisfy { !$0.summary.isEmpty })
    }
}
