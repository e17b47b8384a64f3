import Foundation
import TriadCheck
import TriadCore

/// `triad verify`: checks every claim of `Proofs/` (the Theorem 1 matrix with evidence, the bounds,
/// identities and hypotheses), prints the matrix, and exits 1 when any outcome differs from the
/// expected one in `Proofs/` (or when a claim has no check, or a check no claim).
enum VerifyCommand: Command {
    static let name = "verify"
    static let summary = "check Theorem 1 and every claim of Proofs/ (--json, --seed S, --cases K, --deep, --proofs DIR)"
    static let valuedOptions: Set<String> = ["seed", "cases", "proofs"]

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let json = arguments.flag("json")
        var settings = try CheckSettings.fromEnvironment(ClaimRun.reportSettings)
        settings.seed = try arguments.value("seed", default: settings.seed, "a decimal or 0x-hex UInt64", CheckSettings.parseSeed)
        settings.cases = try arguments.value("cases", default: settings.cases, "a positive integer") { Int($0).flatMap { $0 >= 1 ? $0 : nil } }
        if arguments.flag("deep") { settings.deep = true }
        let proofs = arguments.string("proofs") ?? "Proofs"
        try arguments.rejectUnknown()

        let catalog = try ClaimCatalog.load(directory: proofs)
        let run = try ClaimRun.reference(settings)
        var problems: [String] = []
        let stated = Set(catalog.claims.map(\.id)), checked = Set(ClaimRegistry.checkedIDs)
        for id in stated.subtracting(checked).sorted() { problems.append("claim \(id) has no check") }
        for id in checked.subtracting(stated).sorted() { problems.append("check \(id) has no claim in \(proofs)/") }
        for r in run.claims {
            guard let claim = catalog.claim(r.id) else { continue }
            if r.observed != claim.expected.rawValue {
                problems.append("\(r.id): expected \(claim.expected.rawValue), observed \(r.observed) — \(r.evidence)")
            }
        }

        if json {
            var matrix: [String: [String: String]] = [:]
            for c in run.matrix.cells where c.precision == Theorem1Matrix.reference {
                matrix[c.role.rawValue, default: [:]][c.mode.rawValue] = c.verdict.rawValue
            }
            struct Output: Encodable {
                let matrix: [String: [String: String]]
                let claims: [ClaimResult]
                let seed: UInt64
                let cases: Int
                let problems: [String]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(Output(matrix: matrix, claims: run.claims, seed: settings.seed,
                                                 cases: settings.caseCount, problems: problems))
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("Theorem 1 (\(Theorem1Matrix.reference); seed \(settings.seed), \(settings.caseCount) search cases per cell)\n")
            let modes = FailureMode.allCases
            print("term".padding(toLength: 9, withPad: " ", startingAt: 0) + modes.map { $0.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) }.joined())
            for role in TermRole.allCases {
                let row = modes.map { mode -> String in
                    let v = run.matrix.cell(role, mode)?.verdict ?? .inconclusive
                    let mark = v == Theorem1Matrix.paper(role, mode) ? "" : "*"
                    return (v.rawValue + mark).padding(toLength: 14, withPad: " ", startingAt: 0)
                }
                print(role.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + row.joined())
            }
            print("\n(* differs from the paper's table)\n")
            for r in run.claims { print("\(r.matches ? "ok  " : "FAIL") \(r.id): \(r.observed) — \(r.evidence)") }
            print(problems.isEmpty ? "\nall \(run.claims.count) claims as stated in \(proofs)/" : "\n\(problems.count) problem(s):\n" + problems.joined(separator: "\n"))
        }
        return problems.isEmpty ? 0 : 1
    }
}
