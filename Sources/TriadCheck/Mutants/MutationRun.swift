import Dispatch
import Foundation
import Synchronization
import TriadCore

/// The suite run against each mutant and equivalent: which claims changed outcome (killed it), and
/// whether that is what the catalogue requires.
public struct MutationRun: Sendable {
    /// One variant's outcome.
    public struct Outcome: Sendable, Codable {
        public let id: String
        public let kind: Mutant.Kind
        public let summary: String
        public let changesValue: Bool
        /// Claims whose observed outcome differs from the expected one, in run order.
        public let killers: [String]
        /// Seconds the whole suite took on this variant (wall clock; printed, not committed).
        public let seconds: Double

        /// The gradient claim that alone may not kill a value mutant: `GRAD.TERMS` (`FIELD.GRAD` for a field mutant).
        public var gradientClaim: String = "GRAD.TERMS"

        public init(id: String, kind: Mutant.Kind, summary: String, changesValue: Bool, killers: [String], seconds: Double,
                    gradientClaim: String = "GRAD.TERMS") {
            self.id = id
            self.kind = kind
            self.summary = summary
            self.changesValue = changesValue
            self.killers = killers
            self.seconds = seconds
            self.gradientClaim = gradientClaim
        }

        /// Mutants: killed, and for value mutants by some check other than the gradient claim.
        /// Equivalents: no claim changed.
        public var meetsRequirement: Bool {
            switch kind {
            case .mutant: !killers.isEmpty && (!changesValue || killers.contains { $0 != gradientClaim })
            case .equivalent: killers.isEmpty
            }
        }
    }

    /// The settings of the always-on run (`swift test`, the committed `Reports/mutants.md`): small
    /// searches, the matrix in Float and Double.
    public static let quickSettings = CheckSettings(seed: Theorem1Check.defaultSeed, cases: 10)
    public static let quickPrecisions: [Precision] = [.float, .double]

    public let outcomes: [Outcome]
    public let settings: CheckSettings
    public let precisions: [Precision]

    /// Runs the suite against every variant of `catalogue`, two variants at a time (the outcomes do not
    /// depend on the order or the threads: each variant's run is seeded on its own).
    public static func run(_ catalogue: [Mutant] = MutantCatalogue.all, settings: CheckSettings = quickSettings,
                           precisions: [Precision] = quickPrecisions,
                           progress: @Sendable (Outcome) -> Void = { _ in }) throws -> MutationRun {
        let results = Mutex<[Int: Result<Outcome, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: catalogue.count) { index in
            let m = catalogue[index]
            let started = Date()
            let result = Result<Outcome, any Error> {
                let registry = ClaimRegistry(terms: m.terms, settings: settings, precision: m.precision)
                // Without the landscape claims (`runAll`'s default; an ascent per start on grid worlds):
                // at the always-on depth they would multiply the run by the catalogue's size.
                let claims = try registry.runAll(precisions: precisions).claims
                return Outcome(id: m.id, kind: m.kind, summary: m.summary, changesValue: m.changesValue,
                               killers: claims.filter { !$0.matches }.map(\.id), seconds: Date().timeIntervalSince(started))
            }
            if case .success(let o) = result { progress(o) }
            results.withLock { $0[index] = result }
        }
        let outcomes = try results.withLock { r in try catalogue.indices.map { try r[$0]!.get() } }
        return MutationRun(outcomes: outcomes, settings: settings, precisions: precisions)
    }

    private static let memo = Mutex<MutationRun?>(nil)

    /// The always-on run of the whole catalogue at ``quickSettings``, computed once per process (the
    /// mutant tests and the guard of `Reports/mutants.md` share it).
    public static func quick() throws -> MutationRun {
        try memo.withLock { cached in
            if let cached { return cached }
            let run = try run()
            cached = run
            return run
        }
    }

    public var mutantCount: Int { outcomes.filter { $0.kind == .mutant }.count }
    public var killed: Int { outcomes.filter { $0.kind == .mutant && !$0.killers.isEmpty }.count }
    public var equivalentCount: Int { outcomes.filter { $0.kind == .equivalent }.count }
    public var falseAlarms: Int { outcomes.filter { $0.kind == .equivalent && !$0.killers.isEmpty }.count }

    /// How many variants each claim killed, most first.
    public var killsPerClaim: [(claim: String, kills: Int)] {
        var counts: [String: Int] = [:]
        for o in outcomes where o.kind == .mutant { for k in o.killers { counts[k, default: 0] += 1 } }
        return counts.map { ($0.key, $0.value) }.sorted { ($0.kills, $1.claim) > ($1.kills, $0.claim) }
    }
}
