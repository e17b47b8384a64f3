import TriadCore

/// One row of the field's failure-mode matrix: an objective (any ``ObjectiveTerm``, maximised), what
/// is known of its supremum, the gap bounds derived for it, and the claims made about it.
///
/// Every objective reads the logits `l(x) = cos(z(x), u_y)/tau` of the exact model (`Proofs/model.md`
/// §1; a free table encoder and the cosine head), on the population batch of a finite world
/// (`Proofs/model.md` §3.2), so that the three failure modes of `Proofs/model.md` §4 mean the same
/// thing for every row. A user's objective needs only ``init(id:name:term:)``: its supremum is then
/// searched for, and every verdict is labelled as searched or as a counterexample.
public struct FieldObjective: Sendable {
    /// The supremum of the objective over all configurations on a world.
    public enum Supremum: Sendable {
        /// Derived in `Proofs/` (`claim`): an upper bound `value(world)` that the aligned witness
        /// (each group at its own prototype, `tau -> 0`) approaches on well-posed worlds — checked by
        /// machine (`FIELD.<ID>.SUP`: no configuration found exceeds it; the witness approaches it).
        case derived(formula: String, claim: String, value: @Sendable (WorldRecipe) -> Double)
        /// Unknown: the best value that search over all configurations finds on the world.
        case searched
    }

    /// A lower bound on the gap `sup - value` over a mode, derived in `Proofs/` (`claim`), as a
    /// function of the world and, for FM2, of a configuration's collapse level `log eps`.
    public struct GapBound: Sendable {
        public let formula: String
        public let claim: String
        public let bound: @Sendable (WorldRecipe, _ logEps: Double) -> Double

        public init(formula: String, claim: String, bound: @escaping @Sendable (WorldRecipe, _ logEps: Double) -> Double) {
            self.formula = formula
            self.claim = claim
            self.bound = bound
        }
    }

    /// A value of the objective known in closed form, derived independently of its code (`Proofs/field.md`).
    public struct ExactValue: Sendable {
        public let label: String
        public let batch: TermBatch<Double>
        public let expected: Double

        public init(_ label: String, batch: TermBatch<Double>, expected: Double) {
            self.label = label
            self.batch = batch
            self.expected = expected
        }
    }

    /// A stable id, lower-case letters and digits (`swav`, `gen`): claims are `FIELD.<ID>.<mode>`.
    public let id: String
    /// The row's name in reports.
    public let name: String
    public var term: any ObjectiveTerm
    public var supremum: Supremum
    /// Derived gap bounds, per mode (FM1, FM2).
    public var gapBounds: [FailureMode: GapBound]
    /// Claims of the paper and the literature about this row.
    public var literature: [LiteratureClaim]
    /// The trainer's method that trains this objective (`gedi`, `swav`, ...), for theory beside practice.
    public var trainerMethod: String?
    /// Closed-form values the objective must reproduce (claim `FIELD.VALUES`).
    public var exactValues: [ExactValue] = []
    /// How much larger than the cosine logits the objective's internal numbers get (e.g. `1/eps` for a
    /// Sinkhorn step, `1/tau_t` for a sharpened teacher): the FM3 rounding bound is scaled by it.
    public var roundingAmplification: Double
    /// The verdict `Proofs/field.md` states for each mode (claims `FIELD.<ID>.<mode>`): the rows of
    /// the catalogue have them, so a changed verdict fails `swift test`; a user's objective has none.
    public var expected: [FailureMode: ModeVerdict]
    /// Whether `Proofs/` states claims for this row.
    public var hasClaims: Bool { !expected.isEmpty }

    /// A user's objective: supremum searched, no derived bounds, no claims.
    public init(id: String, name: String, term: any ObjectiveTerm) {
        self.init(id: id, name: name, term: term, supremum: .searched)
    }

    public init(id: String, name: String, term: any ObjectiveTerm, supremum: Supremum,
                gapBounds: [FailureMode: GapBound] = [:], literature: [LiteratureClaim] = [],
                trainerMethod: String? = nil, roundingAmplification: Double = 1, expected: [FailureMode: ModeVerdict] = [:]) {
        self.id = id
        self.name = name
        self.term = term
        self.supremum = supremum
        self.gapBounds = gapBounds
        self.literature = literature
        self.trainerMethod = trainerMethod
        self.roundingAmplification = roundingAmplification
        self.expected = expected
    }

    /// The id of the claim about this row in `mode`: `FIELD.SWAV.FM3`.
    public func claimID(_ mode: FailureMode) -> String { "FIELD.\(id.uppercased()).\(mode.rawValue)" }
    /// The id of the supremum claim: `FIELD.SWAV.SUP`.
    public var supremumClaimID: String { "FIELD.\(id.uppercased()).SUP" }
}
