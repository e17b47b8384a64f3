import Glibc
import TriadCore

/// The landscape claims of `Proofs/landscape.md` (`LAND.MOONS.*`, `LAND.CIRCLES.*`): "at this setting, on
/// this law, the population objective prefers this optimum", each checked by running the landscape
/// ascent from the claim's starts on a grid world and reading which optimum scores highest, with the
/// values side by side as evidence. Small on purpose (at most 16 points along the longer side, 60
/// steps, two starts where the grid is finer), so that `swift test` runs them in seconds in a debug
/// build: a loss refactor that moves the landscape changes a winner or a value and fails the suite.
/// `Reports/landscape.md` maps the same question over many settings.
public struct LandscapeChecks: Sendable {
    /// One claim: the law, the setting, the grid and starts it runs on, and the kind of optimum that
    /// must score highest among the optima those starts reach.
    public struct Claim: Sendable {
        public let id: String
        public let law: ToyManifolds
        public let setting: LandscapeSetting
        public let gridSize: Int
        public let starts: [LandscapeStart]
        public let winner: OptimumKind
    }

    public var terms: TermSet
    public var steps: Int
    public var seed: UInt64

    /// The claims' steps and seed.
    public static let defaultSteps = 60
    public static let defaultSeed: UInt64 = 2023

    /// How far the merged-uniform optimum found may sit below its closed form
    /// `λ_GEN G(p, 2/tau) - (λ_INV + λ_PRIOR) log 2` (`LAND.MERGE`): `1e-3`. Reason: the ascent stops after a
    /// fixed number of steps, and on these worlds the last tenth of the ascent gains at most about `1e-5`
    /// from the merged start (its start is already the best merged configuration), so the value is
    /// settled to far better than `1e-3`; a loss whose merged
    /// optimum moves (a wrong prior or invariance term at uniform predictions, a wrong partition) misses it
    /// by much more.
    public static let mergedValueTolerance = 1e-3

    public init(terms: TermSet = .reference, steps: Int = LandscapeChecks.defaultSteps, seed: UInt64 = LandscapeChecks.defaultSeed) {
        self.terms = terms
        self.steps = steps
        self.seed = seed
    }

    /// The claims, in `Proofs/landscape.md` order.
    public static let claims: [Claim] = [
        Claim(id: "LAND.MOONS.CHOSEN", law: .moons, setting: .chosenPreset, gridSize: 16, starts: [.manifolds, .cut], winner: .cut),
        Claim(id: "LAND.CIRCLES.CHOSEN", law: .circles, setting: .chosenPreset, gridSize: 16, starts: [.manifolds, .cut], winner: .cut),
        Claim(id: "LAND.MOONS.PREVIOUS", law: .moons, setting: previous, gridSize: 16, starts: [.manifolds, .cut], winner: .manifolds),
        Claim(id: "LAND.CIRCLES.PREVIOUS", law: .circles, setting: previous, gridSize: 16, starts: [.manifolds, .cut], winner: .manifolds),
        Claim(id: "LAND.MOONS.WARM", law: .moons, setting: warm, gridSize: 10, starts: LandscapeStart.allCases, winner: .mergedUniform),
        Claim(id: "LAND.CIRCLES.WARM", law: .circles, setting: warm, gridSize: 10, starts: LandscapeStart.allCases, winner: .mergedUniform),
    ]

    /// `tau = 0.2, s = 0.3, λ = (1, 1, 1)`: the previous sweep's choice, the trainer's preset until the
    /// successive-halving sweep replaced it (`Reports/sweep.md`).
    public static let previous = try! LandscapeSetting(temperature: 0.2, augmentationStd: 0.3)

    /// `tau = 1, s = 0.3, λ = (1, 1, 1)`.
    static let warm = try! LandscapeSetting(temperature: 1, augmentationStd: 0.3)

    public static var claimIDs: [String] { claims.map(\.id) }

    /// One claim's outcome: whether it holds, the evidence line, and the reason when it does not.
    public struct Outcome: Sendable {
        public let id: String
        public let holds: Bool
        public let evidence: String
        public let reason: String?
        public let result: LandscapeResult
    }

    /// Checks one claim.
    public func check(_ claim: Claim) throws -> Outcome {
        let search = try LandscapeSearch(terms: terms, steps: steps)
        let r = try search.landscape(law: claim.law, gridSize: claim.gridSize, setting: claim.setting, seed: seed, starts: claim.starts)
        let w = r.winner
        var reasons: [String] = []
        if w.kind != claim.winner {
            reasons.append("the highest optimum is \(w.kind.rawValue) (from the \(w.start.rawValue) start, L_GEDI \(Self.f(w.gedi))), not \(claim.winner.rawValue)")
        }
        var evidence = "\(claim.law), \(claim.setting), grid \(claim.gridSize) along the longer side, \(steps) steps, starts \(claim.starts.map(\.rawValue).joined(separator: "/")), seed \(seed): winner \(w.kind.rawValue) "
            + "L_GEDI \(Self.f(w.gedi))"
        if let runnerUp = r.optima.filter({ $0.kind != w.kind }).max(by: { $0.gedi < $1.gedi }) {
            evidence += ", next \(runnerUp.kind.rawValue) \(Self.f(runnerUp.gedi)) (margin \(Self.f(w.gedi - runnerUp.gedi)))"
        }
        evidence += "; from " + r.optima.map { "\($0.start.rawValue): \($0.kind.rawValue) \(Self.f($0.gedi))" }.joined(separator: ", ")
        if claim.winner == .mergedUniform {
            let weights = claim.setting.weights
            let closed = weights.generative * r.bestMergedGenerative - (weights.invariance + weights.prior) * log(2.0)
            evidence += "; closed form of the merged optimum \(Self.f(closed))"
            if w.kind == .mergedUniform && !(abs(w.gedi - closed) <= Self.mergedValueTolerance) {
                reasons.append("the merged-uniform optimum \(Self.f(w.gedi)) is not at its closed form \(Self.f(closed)) (tolerance \(Self.mergedValueTolerance))")
            }
        }
        return Outcome(id: claim.id, holds: reasons.isEmpty, evidence: evidence,
                       reason: reasons.isEmpty ? nil : reasons.joined(separator: "; ") + "; replay: swift test --filter LandscapeClaimTests", result: r)
    }

    /// Every claim, in ``claims`` order.
    public func all() throws -> [Outcome] { try Self.claims.map { try check($0) } }

    static func f(_ x: Double) -> String { String(format: "%.4f", x) }
}
