import Glibc
import TriadCore

extension FieldObjective {
    /// The paper's source, for the literature claims.
    static let paper = "Sansone, \"The Triad of Failure Modes and a Possible Way Out\""

    /// `H(p)` of a world's data law.
    static func entropy(_ w: WorldRecipe) -> Double {
        let total = Double(w.lawCounts.reduce(0, +))
        return Information.entropy(w.lawCounts.map { Double($0) / total })
    }

    /// `log N - H(p) = KL(p || uniform)`: the gap of `L_GEN` in FM1 (`T1.GEN.FM1`).
    static let generativeFM1 = GapBound(formula: "λ_GEN (log N - H(p))", claim: "T1.GEN.FM1") { w, _ in
        log(Double(w.count)) - entropy(w)
    }

    /// `g(eps)`: the gap of `L_PRIOR` in `FM2(eps)` (`T1.PRIOR.FM2`).
    static let priorFM2 = GapBound(formula: "λ_PRIOR g(eps)", claim: "T1.PRIOR.FM2") { w, logEps in
        ClusterCollapse.priorGapBound(logEps: logEps, clusters: w.clusterCount)
    }

    /// A GEDI-family row at `weights` (`L_GEDI`, or an ablation): supremum `λ_GEN (-H(p)) - λ_PRIOR log C`
    /// (Prop. 2.1), and the derived gap bounds of the terms it keeps, scaled by their weights.
    static func gedi(id: String, name: String, weights w: GEDIObjective.Weights, terms: TermSet = .reference,
                     expected: [ModeVerdict], literature: [LiteratureClaim] = [], trainerMethod: String?) -> FieldObjective {
        var set = terms
        set.weights = w
        var bounds: [FailureMode: GapBound] = [:]
        if w.generative > 0 {
            bounds[.representationalCollapse] = GapBound(formula: w.generative == 1 ? "log N - H(p)" : "\(w.generative) (log N - H(p))",
                                                         claim: "T1.GEN.FM1") { world, e in w.generative * generativeFM1.bound(world, e) }
        }
        if w.prior > 0 {
            bounds[.clusterCollapse] = GapBound(formula: w.prior == 1 ? "g(eps)" : "\(w.prior) g(eps)",
                                                claim: "T1.PRIOR.FM2") { world, e in w.prior * priorFM2.bound(world, e) }
        }
        return FieldObjective(
            id: id, name: name, term: set.gedi,
            supremum: .derived(formula: supremumFormula(w), claim: "PROP21.GEDI") { world in
                -w.generative * entropy(world) - w.prior * log(Double(world.clusterCount))
            },
            gapBounds: bounds, literature: literature, trainerMethod: trainerMethod,
            expected: Dictionary(uniqueKeysWithValues: zip(FailureMode.allCases, expected)))
    }

    /// `λ_GEN (-H(p)) - λ_PRIOR log C` written for the weights: `-H(p) - log C`, `0`, `-2 log C`, ...
    static func supremumFormula(_ w: GEDIObjective.Weights) -> String {
        func scaled(_ x: Double, _ text: String) -> String { x == 1 ? text : "\(LandscapeSetting.number(x)) \(text)" }
        var parts: [String] = []
        if w.generative > 0 { parts.append("-" + scaled(w.generative, "H(p)")) }
        if w.prior > 0 { parts.append("-" + scaled(w.prior, "log C")) }
        return parts.isEmpty ? "0" : parts.joined(separator: " ")
    }

    /// The GEDI rows of the matrix: each term alone (Theorem 1's rows), `L_GEDI`, and the three ablations
    /// the trainer runs.
    public static func gediRows(terms: TermSet = .reference) -> [FieldObjective] {
        let jem = LiteratureClaim(mode: .clusterCollapse, verdict: .admits,
                                  statement: "purely generative training (JEM) does not help clustering: nothing stops one cluster taking every point",
                                  source: paper + ", §2 and Table 2")
        let jemPermutation = LiteratureClaim(mode: .permutation, verdict: .admits,
                                             statement: "purely generative training (JEM) does not tie the two views' assignments together",
                                             source: paper + ", §2 and Table 2")
        return [
            gedi(id: "gen", name: "L_GEN alone (JEM's objective)", weights: .init(generative: 1, invariance: 0, prior: 0), terms: terms,
                 expected: [.penalises, .admits, .admits], literature: [jem, jemPermutation], trainerMethod: "jem"),
            gedi(id: "inv", name: "L_INV alone", weights: .init(generative: 0, invariance: 1, prior: 0), terms: terms,
                 expected: [.admits, .admits, .penalises], trainerMethod: nil),
            gedi(id: "prior", name: "L_PRIOR alone", weights: .init(generative: 0, invariance: 0, prior: 1), terms: terms,
                 expected: [.admits, .penalises, .admits], trainerMethod: nil),
            gedi(id: "gedi", name: "L_GEDI = L_GEN + L_INV + L_PRIOR", weights: .unit, terms: terms,
                 expected: [.penalises, .penalises, .penalises], literature: FailureMode.allCases.map {
                     LiteratureClaim(mode: $0, verdict: .penalises, statement: "GEDI rules out every failure mode (Theorem 1)",
                                     source: paper + ", Theorem 1")
                 }, trainerMethod: "gedi"),
            gedi(id: "nogen", name: "\"no gen\" = L_INV + L_PRIOR", weights: .init(generative: 0, invariance: 1, prior: 1), terms: terms,
                 expected: [.penalises, .penalises, .penalises], trainerMethod: "nogen"),
            gedi(id: "noinv", name: "\"no inv\" = L_GEN + L_PRIOR", weights: .init(generative: 1, invariance: 0, prior: 1), terms: terms,
                 expected: [.penalises, .penalises, .admits], trainerMethod: "noinv"),
            gedi(id: "nounif", name: "\"no unif\" = L_GEN + L_INV", weights: .init(generative: 1, invariance: 1, prior: 0), terms: terms,
                 expected: [.penalises, .admits, .penalises], trainerMethod: "nounif"),
        ]
    }
}

extension FieldObjective {
    /// Every row of the field matrix: the GEDI rows, then the objectives GEDI is compared with.
    public static func catalogue(terms: TermSet = .reference) -> [FieldObjective] {
        gediRows(terms: terms) + fieldRows()
    }

    /// The objectives GEDI is compared with (`Proofs/field.md`).
    public static func fieldRows() -> [FieldObjective] { [swav(), sela(), dino(), iic(), scan(), barlow()] }
}
