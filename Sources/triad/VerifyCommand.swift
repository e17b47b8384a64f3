import Foundation
import TriadCheck
import TriadCore

/// `triad verify`: checks every claim of `Proofs/` (the Theorem 1 matrix with evidence, the bounds,
/// identities and hypotheses), prints the matrix, and exits 1 when any outcome differs from the
/// expected one in `Proofs/` (or when a claim has no check, or a check no claim).
enum VerifyCommand: Command {
    static let name = "verify"
    static let summary = "check Theorem 1 and every claim of Proofs/; --seeds A..B checks them at every seed of a range"

    static let json = Flag("json", "print JSON instead of text")
    static let seed = Option("seed", "S", "seed of the random cases", .seed,
                             defaultText: "$TRIAD_SEED, else \(ClaimRun.reportSettings.seed)")
    // The bound claims run 5 x cases, deep mode 100 x that: 1e7 keeps every count far inside Int.
    static let cases = Option("cases", "K", "search cases per Theorem 1 cell (the bound claims run 5 x as many)",
                              .integer(1...10_000_000, limit: "deep mode multiplies by 100; cases are run, not stored, but take time"),
                              defaultText: "$TRIAD_CASES, else \(ClaimRun.reportSettings.cases)")
    static let deep = Flag("deep", "run 100 x the cases ($TRIAD_DEEP=1 too)")
    static let proofs = Option("proofs", "DIR", "the folder of the claims (Proofs/*.md)", .inputFolder, default: "Proofs")
    // A sweep keeps one small outcome per seed; every seed takes the time of one verify run.
    static let seeds = Option("seeds", "LIST", "check every claim at each of these seeds (A..B inclusive, or a comma list) "
                                  + "and print one line per seed", .seeds(maxCount: 100_000, limit: "each seed is a full verify run"),
                              defaultText: "none: one run at --seed")
    static let workers = Option<Int>.workers(default: 1, "with --seeds: seeds checked at once, one thread each")
    static let options: [any OptionDeclaration] = [json, seed, cases, deep, proofs, seeds, workers]

    /// The settings of the run: the reports' settings, then `TRIAD_*` from `environment`, then the
    /// options. A `TRIAD_*` value that does not parse is a usage error naming the variable and value.
    static func settings(_ arguments: Arguments,
                         environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CheckSettings {
        var settings: CheckSettings
        do { settings = try ClaimRun.reportSettings.overridden(by: environment) } catch let error as TriadError {
            throw CommandError.usage(error.description)
        }
        if let s = arguments.given(seed) { settings.seed = s }
        if let c = arguments.given(cases) { settings.cases = c }
        if arguments.isSet(deep) { settings.deep = true }
        return settings
    }

    /// Throws ``CommandError/usage(_:)`` for options that do not go together.
    static func checkCombination(_ arguments: Arguments) throws {
        if arguments.isGiven(seeds) && arguments.isGiven(seed) {
            throw CommandError.usage("--seed '\(arguments.texts["seed"]!)' and --seeds '\(arguments.texts["seeds"]!)' exclude each other")
        }
        if arguments.isGiven(workers) && !arguments.isGiven(seeds) {
            throw CommandError.usage("--workers '\(arguments.texts["workers"]!)' applies only with --seeds")
        }
    }

    static func run(_ arguments: Arguments) throws -> Int32 {
        try checkCombination(arguments)
        let settings = try settings(arguments)
        let json = arguments.isSet(Self.json)
        let proofs = arguments.value(Self.proofs)
        let catalog = try ClaimCatalog.load(directory: proofs)
        var problems = catalogProblems(catalog, proofs: proofs)
        if let seeds = arguments.given(Self.seeds) {
            return try sweep(seeds: seeds, workers: arguments.value(workers), settings: settings, catalog: catalog,
                             problems: problems, json: json)
        }

        let run = try ClaimRun.reference(settings)
        problems += disagreements(run.claims, catalog: catalog).map { "\($0.claim): \($0.why)" }

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
            for r in run.claims { print(r.line) }
            print(problems.isEmpty ? "\nall \(run.claims.count) claims as stated in \(proofs)/" : "\n\(problems.count) problem(s):\n" + problems.joined(separator: "\n"))
        }
        return problems.isEmpty ? 0 : 1
    }
}

extension VerifyCommand {
    /// Claims of the catalogue with no check, and checks with no claim (the same at every seed).
    static func catalogProblems(_ catalog: ClaimCatalog, proofs: String) -> [String] {
        let stated = Set(catalog.claims.map(\.id)), checked = Set(ClaimRegistry.checkedIDs)
        return stated.subtracting(checked).sorted().map { "claim \($0) has no check" }
            + checked.subtracting(stated).sorted().map { "check \($0) has no claim in \(proofs)/" }
    }

    /// The claims whose observed outcome is not the one `catalog` states, with why.
    static func disagreements(_ claims: [ClaimResult], catalog: ClaimCatalog) -> [SeedSweep.Failure] {
        claims.compactMap { r in
            guard let claim = catalog.claim(r.id), r.observed != claim.expected.rawValue else { return nil }
            return SeedSweep.Failure(claim: r.id, why: "expected \(claim.expected.rawValue), observed \(r.observed) — \(r.evidence)"
                                     + (r.reason.map { " — why: \($0)" } ?? ""))
        }
    }

    /// The claims that do not come out as stated at `seed`: the one call of the claim engine per
    /// seed of a sweep (every claim but the landscape ones, which take no seed: `runAll`'s default). Not ``ClaimRun/reference(_:)``, which memoises under a lock and would
    /// serialise the workers.
    static func failures(seed: UInt64, settings: CheckSettings, catalog: ClaimCatalog) throws -> [SeedSweep.Failure] {
        var settings = settings
        settings.seed = seed
        let (claims, _) = try ClaimRegistry(settings: settings).runAll()
        return disagreements(claims, catalog: catalog)
    }

    /// `triad verify --seeds`: one line per seed (in seed order), then `N of M seeds passed`; exit
    /// status 1 when a seed failed (or the catalogue and the checks disagree).
    static func sweep(seeds: [UInt64], workers: Int, settings: CheckSettings, catalog: ClaimCatalog, problems: [String],
                      json: Bool) throws -> Int32 {
        if !json {
            for p in problems { print("problem: \(p)") }
            print("triad verify: \(seeds.count) seed(s), \(settings.caseCount) search cases per cell, \(workers) worker(s)")
            fflush(nil)
        }
        let outcomes = try SeedSweep.run(seeds: seeds, workers: workers, check: { seed in
            try failures(seed: seed, settings: settings, catalog: catalog)
        }, report: { outcome in
            guard !json else { return }
            for line in outcome.lines { print(line) }
            fflush(nil)
        })
        let passed = outcomes.allSatisfy(\.passed) && problems.isEmpty
        if json {
            struct Output: Encodable {
                let seeds: [SeedSweep.Outcome]
                let passed, total, cases: Int
                let problems: [String]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(Output(seeds: outcomes, passed: outcomes.filter(\.passed).count, total: outcomes.count,
                                                 cases: settings.caseCount, problems: problems))
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(SeedSweep.summary(outcomes))
        }
        return passed ? 0 : 1
    }
}
