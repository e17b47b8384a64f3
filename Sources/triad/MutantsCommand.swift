import Foundation
import TriadCheck
import TriadCore

/// `triad mutants`: runs the suite against every catalogued mutant and equivalent, prints which
/// claims killed each (and how long the suite took on it), and exits 1 when a mutant survives or an
/// equivalent raises an alarm. `--json` prints the counts for tooling; `--full` runs the full depth
/// of `triad verify` (all precisions, the reports' search size) instead of the always-on quick depth.
enum MutantsCommand: Command {
    static let name = "mutants"
    static let summary = "run the suite against every mutant and equivalent"
    static let json = Flag("json", "print the counts and outcomes as JSON instead of text")
    static let full = Flag("full", "run at the full depth of triad verify (all precisions) instead of the quick depth")
    static let options: [any OptionDeclaration] = [json, full]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let json = arguments.isSet(Self.json), full = arguments.isSet(Self.full)
        let settings = full ? ClaimRun.reportSettings : MutationRun.quickSettings
        let precisions = full ? Theorem1Matrix.precisions : MutationRun.quickPrecisions
        let run = try MutationRun.run(settings: settings, precisions: precisions) { o in
            if !json {
                let status = o.meetsRequirement ? "ok  " : "FAIL"
                let verdict = o.kind == .mutant ? (o.killers.isEmpty ? "SURVIVED" : "killed by \(o.killers.joined(separator: ", "))")
                    : (o.killers.isEmpty ? "no alarm" : "FALSE ALARM from \(o.killers.joined(separator: ", "))")
                print("\(status) \(o.kind.rawValue) \(o.id): \(verdict) (\(String(format: "%.1f", o.seconds)) s)")
            }
        }
        let field = try FieldMutantCatalogue.outcomes()
        if !json {
            for o in field {
                let status = o.meetsRequirement ? "ok  " : "FAIL"
                let verdict = o.kind == .mutant ? (o.killers.isEmpty ? "SURVIVED" : "killed by \(o.killers.joined(separator: ", "))")
                    : (o.killers.isEmpty ? "no alarm" : "FALSE ALARM from \(o.killers.joined(separator: ", "))")
                print("\(status) field \(o.kind.rawValue) \(o.id): \(verdict) (\(String(format: "%.1f", o.seconds)) s)")
            }
        }
        let failing = (run.outcomes + field).filter { !$0.meetsRequirement }
        if json {
            struct Output: Encodable {
                let mutants, killed, equivalents, false_alarms: Int
                let outcomes: [MutationRun.Outcome]
                let field_outcomes: [MutationRun.Outcome]
                let kills_per_claim: [String: Int]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(Output(mutants: run.mutantCount, killed: run.killed, equivalents: run.equivalentCount,
                                                 false_alarms: run.falseAlarms, outcomes: run.outcomes, field_outcomes: field,
                                                 kills_per_claim: Dictionary(uniqueKeysWithValues: run.killsPerClaim.map { ($0.claim, $0.kills) })))
            print(String(decoding: data, as: UTF8.self))
        } else {
            let fieldMutants = field.filter { $0.kind == .mutant }, fieldEquivalents = field.filter { $0.kind == .equivalent }
            print("\n\(run.killed)/\(run.mutantCount) mutants killed, \(run.falseAlarms)/\(run.equivalentCount) false alarms; field: "
                  + "\(fieldMutants.filter { !$0.killers.isEmpty }.count)/\(fieldMutants.count) killed, "
                  + "\(fieldEquivalents.filter { !$0.killers.isEmpty }.count)/\(fieldEquivalents.count) false alarms")
        }
        return failing.isEmpty ? 0 : 1
    }
}
