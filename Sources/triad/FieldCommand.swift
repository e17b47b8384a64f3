import Foundation
import TriadCheck
import TriadCore

/// `triad field`: the field's failure-mode matrix (`Reports/field.md`): every objective of the
/// catalogue checked against the three failure modes, with the evidence strength of each verdict.
enum FieldCommand: Command {
    static let name = "field"
    static let summary = "the failure-mode matrix of GEDI's terms and the objectives it is compared with"
    static let json = Flag("json", "print JSON instead of text")
    static let objective = Option("objective", "NAME", "check only this row",
                                  OptionType<String>(requirement: "one of " + ids.joined(separator: ", "), choices: ids,
                                                     parse: { text throws(ValueRejection) in
                                                         guard ids.contains(text) else { throw ValueRejection() }
                                                         return text
                                                     }, show: { $0 }),
                                  defaultText: "every row")
    static let cases = Option("cases", "K", "random starts per world and mode (FM3: 8 × K re-pairings)", .integer(1...10_000),
                              default: FieldCheck.defaultCases)
    static let steps = Option("ascent-steps", "K", "accepted steps of each ascent", .integer(1...100_000), default: FieldCheck.defaultAscentSteps)
    static let seed = Option("seed", "S", "seed of the worlds and the starts", .seed, default: FieldCheck.defaultSeed)
    static let options: [any OptionDeclaration] = [json, objective, cases, steps, seed]

    static var ids: [String] { FieldObjective.catalogue().map(\.id) }

    static func run(_ arguments: Arguments) throws -> Int32 {
        let objectives = FieldObjective.catalogue().filter { o in arguments.given(Self.objective).map { $0 == o.id } ?? true }
        let check = FieldCheck(settings: CheckSettings(seed: arguments.value(Self.seed), cases: arguments.value(Self.cases)),
                               ascentSteps: arguments.value(Self.steps))
        let matrix = try FieldMatrix.run(objectives, check: check)
        if arguments.isSet(Self.json) {
            struct Cell: Encodable { let verdict, strength, evidence: String; let cases: Int; let replay: String? }
            struct Claim: Encodable { let mode, verdict, statement, source: String; let confirmed: Bool? }
            struct Row: Encodable {
                let id, name, supremum: String
                let supremum_holds: Bool
                let cells: [String: Cell]
                let claims: [Claim]
            }
            let rows = matrix.rows.map { r in
                Row(id: r.objective.id, name: r.objective.name, supremum: r.supremum, supremum_holds: r.supremumHolds,
                    cells: Dictionary(uniqueKeysWithValues: r.cells.map {
                        ($0.mode.rawValue, Cell(verdict: $0.verdict.rawValue, strength: $0.strength.rawValue, evidence: $0.evidence,
                                                cases: $0.cases, replay: $0.replay))
                    }),
                    claims: r.literatureOutcomes.map {
                        Claim(mode: $0.claim.mode.rawValue, verdict: $0.claim.verdict.rawValue, statement: $0.claim.statement,
                              source: $0.claim.source, confirmed: $0.confirmed)
                    })
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return 0
        }
        let width = max(10, (matrix.rows.map(\.objective.id.count).max() ?? 0) + 2)
        print("objective".padding(toLength: width, withPad: " ", startingAt: 0)
              + FailureMode.allCases.map { $0.rawValue.padding(toLength: 30, withPad: " ", startingAt: 0) }.joined())
        for r in matrix.rows {
            print(r.objective.id.padding(toLength: width, withPad: " ", startingAt: 0)
                  + r.cells.map { $0.label.padding(toLength: 30, withPad: " ", startingAt: 0) }.joined())
        }
        print("")
        for r in matrix.rows {
            print("\(r.objective.id) — \(r.objective.name); supremum \(r.supremum)"
                  + (r.supremumHolds ? "" : "; EXCEEDED: \(r.supremumViolation ?? "")"))
            for c in r.cells { print("  \(c.mode.rawValue) \(c.label): \(c.evidence)" + (c.replay.map { "; replay: \($0)" } ?? "")) }
            for (claim, ok) in r.literatureOutcomes {
                print("  claim (\(claim.source)): \(claim.mode.rawValue) \(claim.verdict.rawValue) — "
                      + (ok.map { $0 ? "confirmed" : "NOT confirmed" } ?? "undecided"))
            }
        }
        return 0
    }
}
