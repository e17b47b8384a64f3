import Foundation
import Synchronization
import TriadCore

/// A variant of one field objective (`Proofs/field.md`) that the field claims must tell apart from
/// Triad's: a *mutant* (a plausible bug) must be killed — a `FIELD.*` claim changes outcome, and for a
/// value mutant a claim other than `FIELD.GRAD` — and an *equivalent* (a correct refactor) must raise no
/// alarm. The variant replaces the term of the catalogue row `row`.
public struct FieldMutant: Sendable {
    public let id: String
    public let kind: Mutant.Kind
    public let summary: String
    public let changesValue: Bool
    /// The id of the catalogue row whose term the variant replaces (`swav`, `iic`, ...).
    public let row: String
    public let term: any ObjectiveTerm

    public init(_ id: String, _ kind: Mutant.Kind, row: String, _ summary: String, changesValue: Bool = true,
                term: any ObjectiveTerm) {
        self.id = id
        self.kind = kind
        self.summary = summary
        self.changesValue = changesValue
        self.row = row
        self.term = term
    }

    /// The field claims about the variant's row, with the variant in place: the row's cells and
    /// supremum, `FIELD.VALUES` and `FIELD.GRAD` (on the variant alone).
    public func claims(check: FieldCheck = FieldCheck(), gradientSettings: CheckSettings = CheckSettings(seed: 31, cases: 12)) throws
        -> [ClaimResult]
    {
        guard var objective = FieldObjective.catalogue().first(where: { $0.id == row }) else {
            throw TriadError("field mutant row", row, "must be the id of a catalogue row")
        }
        objective.term = term
        let matrix = FieldMatrix(rows: [try check.row(objective)], check: check)
        return FieldChecks.results(matrix) + [FieldChecks.valuesClaim([objective]),
                                              try FieldChecks.gradientClaim([objective], settings: gradientSettings)]
    }

    /// The outcome of the field claims on this variant.
    public func outcome() throws -> MutationRun.Outcome {
        let started = Date()
        let killers = try claims().filter { !$0.matches }.map(\.id)
        return MutationRun.Outcome(id: id, kind: kind, summary: summary, changesValue: changesValue, killers: killers,
                                   seconds: Date().timeIntervalSince(started), gradientClaim: FieldChecks.gradientID)
    }
}

/// The field mutants and equivalents: at least one value mutant, one gradient mutant and one equivalent
/// per objective GEDI is compared with.
public enum FieldMutantCatalogue {
    public static let all: [FieldMutant] = [
        FieldMutant(SwAVLambdaAsEpsilonTerm.id, .mutant, row: "swav", SwAVLambdaAsEpsilonTerm.summary, term: SwAVLambdaAsEpsilonTerm()),
        FieldMutant(SwAVExchangedGradientTerm.id, .mutant, row: "swav", SwAVExchangedGradientTerm.summary, changesValue: false,
                    term: SwAVExchangedGradientTerm()),
        FieldMutant(SwAVHandLogSoftmaxTerm.id, .equivalent, row: "swav", SwAVHandLogSoftmaxTerm.summary, term: SwAVHandLogSoftmaxTerm()),
        FieldMutant(SelfLabellingPlanTargetsTerm.id, .mutant, row: "sela", SelfLabellingPlanTargetsTerm.summary,
                    term: SelfLabellingPlanTargetsTerm()),
        FieldMutant(SelfLabellingUntemperedGradientTerm.id, .mutant, row: "sela", SelfLabellingUntemperedGradientTerm.summary,
                    changesValue: false, term: SelfLabellingUntemperedGradientTerm()),
        FieldMutant(SelfLabellingSplitViewsTerm.id, .equivalent, row: "sela", SelfLabellingSplitViewsTerm.summary,
                    term: SelfLabellingSplitViewsTerm()),
        FieldMutant(DINOUncentredTeacherTerm.id, .mutant, row: "dino", DINOUncentredTeacherTerm.summary, term: DINOUncentredTeacherTerm()),
        FieldMutant(DINOTeacherGradientTerm.id, .mutant, row: "dino", DINOTeacherGradientTerm.summary, changesValue: false,
                    term: DINOTeacherGradientTerm()),
        FieldMutant(DINOEntropyPlusKLTerm.id, .equivalent, row: "dino", DINOEntropyPlusKLTerm.summary, term: DINOEntropyPlusKLTerm()),
        FieldMutant(IICAnchorMarginalsTerm.id, .mutant, row: "iic", IICAnchorMarginalsTerm.summary, term: IICAnchorMarginalsTerm()),
        FieldMutant(IICDetachedViewTerm.id, .mutant, row: "iic", IICDetachedViewTerm.summary, changesValue: false, term: IICDetachedViewTerm()),
        FieldMutant(IICOneSumJointTerm.id, .equivalent, row: "iic", IICOneSumJointTerm.summary, term: IICOneSumJointTerm()),
        FieldMutant(SCANFlippedEntropyTerm.id, .mutant, row: "scan", SCANFlippedEntropyTerm.summary, term: SCANFlippedEntropyTerm()),
        FieldMutant(SCANDetachedNeighbourTerm.id, .mutant, row: "scan", SCANDetachedNeighbourTerm.summary, changesValue: false,
                    term: SCANDetachedNeighbourTerm()),
        FieldMutant(SCANBoundMinusKLTerm.id, .equivalent, row: "scan", SCANBoundMinusKLTerm.summary, term: SCANBoundMinusKLTerm()),
        FieldMutant(BarlowUnbiasedVarianceTerm.id, .mutant, row: "barlow", BarlowUnbiasedVarianceTerm.summary, term: BarlowUnbiasedVarianceTerm()),
        FieldMutant(BarlowDetachedStatisticsTerm.id, .mutant, row: "barlow", BarlowDetachedStatisticsTerm.summary, changesValue: false,
                    term: BarlowDetachedStatisticsTerm()),
        FieldMutant(BarlowWeightedFrobeniusTerm.id, .equivalent, row: "barlow", BarlowWeightedFrobeniusTerm.summary,
                    term: BarlowWeightedFrobeniusTerm()),
    ]

    private static let memo = Mutex<[MutationRun.Outcome]?>(nil)

    /// Every variant's outcome, computed once per process (the tests and the report share it).
    public static func outcomes() throws -> [MutationRun.Outcome] {
        try memo.withLock { cached in
            if let cached { return cached }
            let results = Mutex<[Int: Result<MutationRun.Outcome, any Error>]>([:])
            DispatchQueue.concurrentPerform(iterations: all.count) { k in
                let r = Result { try all[k].outcome() }
                results.withLock { $0[k] = r }
            }
            let out = try results.withLock { r in try all.indices.map { try r[$0]!.get() } }
            cached = out
            return out
        }
    }
}
