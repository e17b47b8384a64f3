import TriadCore

/// Every check of the suite, keyed by the id of the claim it checks in `Proofs/`. Running it against
/// a ``TermSet`` (Triad's terms, a mutant or a user's) gives one ``ClaimResult`` per claim.
public struct ClaimRegistry: Sendable {
    public var terms: TermSet
    /// Seed and search cases of the Theorem 1 cells (the bound checks use `5 ×` as many cases).
    public var settings: CheckSettings
    /// The precision in which the bound claims run (beside Interval) and the Theorem 1 verdicts are read.
    public var precision: String

    public init(terms: TermSet = .reference,
                settings: CheckSettings = CheckSettings(seed: Theorem1Check.defaultSeed, cases: Theorem1Check.defaultCases),
                precision: String = Theorem1Matrix.reference) {
        self.terms = terms
        self.settings = settings
        self.precision = precision
    }

    /// The ids this registry checks; `ClaimCatalogTests` compares them with the ids of `Proofs/`.
    public static let checkedIDs: [String] =
        ["EQ4.GEN", "EQ4.INV", "EQ4.PRIOR", "PROP21.GEDI", "ID.CE", "ID.CONDITIONAL", "EQ11",
         "GRAD.TERMS", "SYM.ORDER", "SYM.SPLIT", "SYM.LABELS"]
        + ValueChecks.claimIDs
        + TermRole.allCases.flatMap { r in FailureMode.allCases.map { Theorem1Check.claimID(r, $0) } }
        + ["H.NONUNIFORM", "H.CONFIDENCE", "H.SMALLTAU", "H.GROUPS"]

    /// Runs the bound and identity claims.
    public func boundClaims() throws -> [ClaimResult] {
        let cases = settings.caseCount * 5
        let main = precision == "Float" ? try BoundSummary.run(cases: cases, seed: settings.seed, as: Float.self, terms: terms)
            : try BoundSummary.run(cases: cases, seed: settings.seed, as: Double.self, terms: terms)
        let summaries = [main, try BoundSummary.run(cases: cases, seed: settings.seed, as: Interval.self, terms: terms)]
        let identities = IdentityChecks(terms: terms, cases: max(20, cases / 3), seed: settings.seed)
        let gaps = try identities.gapsAreDivergences()
        var out: [ClaimResult] = []
        for (id, role) in [("EQ4.GEN", TermRole.generative), ("EQ4.INV", .invariance), ("EQ4.PRIOR", .prior), ("PROP21.GEDI", .gedi)] {
            let violations = summaries.flatMap(\.rows).filter { $0.role == role }.reduce(0) { $0 + $1.violations }
            let firstViolation: String? = summaries.compactMap(\.firstViolation).first { $0.hasPrefix(role.rawValue) }
            var holds = violations == 0
            var evidence = "\(cases) cases × {\(main.typeName), Interval} × {population, empirical}: \(violations) violations"
            if let line = firstViolation?.split(separator: "\n").first { evidence += "; first: " + String(line) }
            if role == .generative || role == .prior {
                let mine = gaps.failures.filter { $0.hasPrefix(role == .generative ? "gap_GEN" : "gap_PRIOR") }
                holds = holds && mine.isEmpty
                evidence += "; gap = KL identity: \(mine.isEmpty ? "holds" : "fails (\(mine.count) cases)")"
            }
            out.append(result(id, holds, evidence))
        }
        for (id, outcome) in [("ID.CE", identities.crossEntropyDecomposes()), ("ID.CONDITIONAL", try identities.conditionalOfJoint()),
                              ("EQ11", try identities.energyGradient())] {
            out.append(result(id, outcome.holds, outcome.evidence + (outcome.failures.first.map { "; first failure: \($0.split(separator: "\n")[0])" } ?? "")))
        }
        let consistency = ConsistencyChecks(terms: terms, cases: max(12, cases / 4), seed: settings.seed)
        for (id, outcome) in [("GRAD.TERMS", consistency.gradients()), ("SYM.ORDER", consistency.pairOrder()),
                              ("SYM.SPLIT", consistency.splitting()), ("SYM.LABELS", consistency.labels())] {
            out.append(result(id, outcome.holds, outcome.evidence + (outcome.failures.first.map { "; first failure: \($0)" } ?? "")))
        }
        for (id, outcome) in try ValueChecks(terms: terms).all() {
            out.append(result(id, outcome.holds, outcome.evidence + (outcome.failures.first.map { "; first failure: \($0)" } ?? "")))
        }
        return out
    }

    func result(_ id: String, _ holds: Bool, _ evidence: String) -> ClaimResult {
        ClaimResult(id: id, expected: "holds", observed: holds ? "holds" : "fails", evidence: evidence)
    }

    /// The Theorem 1 claims from a matrix: the verdict of `precision`, required to be the same in every
    /// precision the matrix was run in.
    public static func theoremClaims(_ matrix: Theorem1Matrix, precision: String = Theorem1Matrix.reference) -> [ClaimResult] {
        TermRole.allCases.flatMap { role in
            FailureMode.allCases.compactMap { mode in
                guard let cell = matrix.cell(role, mode, precision: precision) else { return nil }
                // The verdict must not depend on the precision: a disagreement is reported as the observation.
                let others = matrix.cells.filter { $0.role == role && $0.mode == mode && $0.verdict != cell.verdict }
                let observed = others.isEmpty ? cell.verdict.rawValue
                    : "\(cell.verdict.rawValue), but " + others.map { "\($0.verdict.rawValue) in \($0.precision)" }.joined(separator: ", ")
                return ClaimResult(id: Theorem1Check.claimID(role, mode), expected: Theorem1Matrix.paper(role, mode).rawValue,
                                   observed: observed, evidence: cell.summary)
            }
        }
    }

    /// The hypothesis claims.
    public func hypothesisClaims() throws -> [ClaimResult] {
        try HypothesisChecks(terms: terms, seed: settings.seed).all().map {
            ClaimResult(id: $0.id, expected: "needed", observed: $0.needed ? "needed" : "not needed", evidence: $0.evidence)
        }
    }

    /// Every claim: bounds and identities, the Theorem 1 matrix (in `precisions`), the hypotheses.
    public func runAll(precisions: [String] = Theorem1Matrix.precisions) throws -> (claims: [ClaimResult], matrix: Theorem1Matrix) {
        let list = precisions.contains(precision) ? precisions : precisions + [precision]
        let matrix = try Theorem1Matrix.run(Theorem1Check(terms: terms, settings: settings), precisions: list)
        return (try boundClaims() + Self.theoremClaims(matrix, precision: precision) + hypothesisClaims(), matrix)
    }
}
