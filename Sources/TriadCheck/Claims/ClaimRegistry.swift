import TriadCore

/// Every check of the suite, keyed by the id of the claim it checks in `Proofs/`. Running it against
/// a ``TermSet`` (Triad's terms, a mutant or a user's) gives one ``ClaimResult`` per claim.
public struct ClaimRegistry: Sendable {
    public var terms: TermSet
    /// Seed and search cases of the Theorem 1 cells (the bound checks use `5 ×` as many cases).
    public var settings: CheckSettings
    /// The precision in which the bound claims run (beside Interval) and the Theorem 1 verdicts are read.
    public var precision: Precision

    public init(terms: TermSet = .reference,
                settings: CheckSettings = CheckSettings(seed: Theorem1Check.defaultSeed, cases: Theorem1Check.defaultCases),
                precision: Precision = Theorem1Matrix.reference) {
        self.terms = terms
        self.settings = settings
        self.precision = precision
    }

    /// The ids this registry checks; `ClaimCatalogTests` compares them with the ids of `Proofs/`.
    public static let checkedIDs: [String] =
        ["EQ4.GEN", "EQ4.INV", "EQ4.PRIOR", "PROP21.GEDI", "ID.CE", "ID.CONDITIONAL", "EQ11",
         "GRAD.TERMS", "SYM.ORDER", "SYM.SPLIT", "SYM.LABELS"]
        + ValueChecks.claimIDs
        + EnergyRangeChecks.claimIDs
        + TermRole.allCases.flatMap { r in FailureMode.allCases.map { Theorem1Check.claimID(r, $0) } }
        + ["H.NONUNIFORM", "H.CONFIDENCE", "H.SMALLTAU", "H.GROUPS"]
        + LandscapeChecks.claimIDs
        + FieldChecks.claimIDs

    /// The ids of every property a claim run checks: the ids a `TRIAD_REPLAY` token may name.
    /// (`EQ4.<precision>`, `ID.GAPS`, `ID.CE`, `ID.CONDITIONAL`, `EQ11`, `GRAD.TERMS`, `SYM.*`, and per
    /// Theorem 1 cell and precision `T1.<term>.<mode>.search.<precision>` or `.invariance.<precision>`, and per
    /// mechanism claim and precision `LAND.<...>.<precision>`.)
    public static let propertyIDs: Set<String> = {
        var ids = Set(Precision.allCases.map { "EQ4.\($0)" })
        ids.formUnion(["ID.GAPS", "ID.CE", "ID.CONDITIONAL", "EQ11", "GRAD.TERMS", "SYM.ORDER", "SYM.SPLIT", "SYM.LABELS",
                       "H.NONUNIFORM", "H.CONFIDENCE", "H.SMALLTAU", "H.GROUPS"])
        for role in TermRole.allCases {
            for mode in FailureMode.allCases {
                for p in Precision.allCases {
                    ids.insert(Theorem1Check.claimID(role, mode) + (mode == .permutation ? ".invariance." : ".search.") + p.rawValue)
                }
            }
        }
        ids.formUnion(EnergyRangeChecks.propertyIDs)
        ids.formUnion(FieldObjective.catalogue().map { $0.claimID(.permutation) + ".invariance" })
        return ids
    }()

    /// Throws ``TriadError`` when `replay` names no property of a claim run: a stale or mistyped token
    /// would otherwise run the whole suite and replay nothing.
    public static func validate(replay: Replay?) throws {
        guard let replay, !propertyIDs.contains(replay.propertyID) else { return }
        throw TriadError(Replay.environmentVariable, "'\(replay.token)'",
                         "names no property of the claims (property ids look like \(propertyIDs.sorted().prefix(3).joined(separator: ", ")), ...)")
    }

    /// Runs the bound and identity claims, each a property of the engine at ``settings`` (the bound
    /// checks at `5 ×` the cases: they are the cheapest and the most varied).
    public func boundClaims() throws -> [ClaimResult] {
        var boundSettings = settings
        boundSettings.cases = settings.cases * 5
        let summaries = try [precision == .float ? .float : .double, Precision.interval].map {
            try BoundSummary.run(settings: boundSettings, in: $0, terms: terms)
        }
        var identitySettings = settings
        identitySettings.cases = max(20, boundSettings.cases / 3)
        let identities = IdentityChecks(terms: terms, settings: identitySettings)
        let gaps = try identities.gapsAreDivergences()
        var out: [ClaimResult] = []
        for (id, role) in [("EQ4.GEN", TermRole.generative), ("EQ4.INV", .invariance), ("EQ4.PRIOR", .prior), ("PROP21.GEDI", .gedi)] {
            let violations = summaries.flatMap(\.rows).filter { $0.role == role }.reduce(0) { $0 + $1.violations }
            let failed = summaries.filter { $0.rows.contains { $0.role == role && $0.violations > 0 } || ($0.result.map { !$0.passed && $0.counterexample == nil } ?? false) }
            var reasons = failed.compactMap { $0.firstViolation?.split(separator: "\n").first.map(String.init) }
            var evidence = summaries.map { "\($0.cases) cases in \($0.typeName)" }.joined(separator: ", ")
                + " × {population, empirical}: \(violations) violations"
            if role == .generative || role == .prior {
                // The KL form of the gap (Proofs/bounds.md) is part of the claim for these two terms.
                evidence += "; gap = KL identity: \(gaps.holds ? "holds" : "fails") (\(gaps.evidence))"
                reasons += gaps.failures.filter { $0.contains(role == .generative ? "gap_GEN" : "gap_PRIOR") || !$0.contains("gap_") }
            }
            out.append(result(id, reasons.isEmpty, evidence, reason: reasons.first))
        }
        for (id, outcome) in [("ID.CE", try identities.crossEntropyDecomposes()), ("ID.CONDITIONAL", try identities.conditionalOfJoint()),
                              ("EQ11", try identities.energyGradient())] {
            out.append(result(id, outcome.holds, outcome.evidence, reason: outcome.failures.first))
        }
        var consistencySettings = settings
        consistencySettings.cases = max(12, boundSettings.cases / 4)
        let consistency = ConsistencyChecks(terms: terms, settings: consistencySettings)
        for (id, outcome) in [("GRAD.TERMS", try consistency.gradients()), ("SYM.ORDER", try consistency.pairOrder()),
                              ("SYM.SPLIT", try consistency.splitting()), ("SYM.LABELS", try consistency.labels())] {
            out.append(result(id, outcome.holds, outcome.evidence, reason: outcome.failures.first))
        }
        for (id, outcome) in try ValueChecks(terms: terms).all() {
            out.append(result(id, outcome.holds, outcome.evidence, reason: outcome.failures.first))
        }
        return out + (try mechanismClaims())
    }

    /// The mechanism claims of `Proofs/landscape.md` (`LAND.RANGE.*`, `LAND.GEN.RANGE`, `LAND.MERGE`), each in
    /// every checked precision, at half ``settings``' cases per precision (at least 5): each case already
    /// evaluates the energy at 40 to 130 directions or a whole world's terms, four times.
    public func mechanismClaims() throws -> [ClaimResult] {
        var mechanismSettings = settings
        mechanismSettings.cases = max(5, settings.cases / 2)
        return try EnergyRangeChecks(terms: terms, settings: mechanismSettings).all().map {
            result($0.id, $0.outcome.holds, $0.outcome.evidence, reason: $0.outcome.failures.first)
        }
    }

    func result(_ id: String, _ holds: Bool, _ evidence: String, reason: String? = nil) -> ClaimResult {
        ClaimResult(id: id, expected: "holds", observed: holds ? "holds" : "fails", evidence: evidence,
                    reason: reason.map { $0.split(separator: "\n").first.map(String.init) ?? $0 })
    }

    /// The Theorem 1 claims from a matrix: the verdict of `precision`, required to be the same in every
    /// precision the matrix was run in.
    public static func theoremClaims(_ matrix: Theorem1Matrix, precision: Precision = Theorem1Matrix.reference) -> [ClaimResult] {
        TermRole.allCases.flatMap { role in
            FailureMode.allCases.compactMap { mode in
                guard let cell = matrix.cell(role, mode, precision: precision) else { return nil }
                // The verdict must not depend on the precision: a disagreement is reported as the observation.
                let others = matrix.cells.filter { $0.role == role && $0.mode == mode && $0.verdict != cell.verdict }
                let observed = others.isEmpty ? cell.verdict.rawValue
                    : "\(cell.verdict.rawValue), but " + others.map { "\($0.verdict.rawValue) in \($0.precision)" }.joined(separator: ", ")
                let reason = cell.reason ?? others.compactMap { o in o.reason.map { "in \(o.precision): \($0)" } }.first
                return ClaimResult(id: Theorem1Check.claimID(role, mode), expected: Theorem1Matrix.paper(role, mode).rawValue,
                                   observed: observed, evidence: cell.summary, reason: reason)
            }
        }
    }

    /// The hypothesis outcomes, run at ``settings``.
    public func hypotheses() throws -> [HypothesisChecks.Outcome] {
        try HypothesisChecks(terms: terms, settings: settings).all()
    }

    /// The hypothesis claims from their outcomes.
    public static func hypothesisClaims(_ outcomes: [HypothesisChecks.Outcome]) -> [ClaimResult] {
        outcomes.map {
            ClaimResult(id: $0.id, expected: "needed", observed: $0.needed ? "needed" : "not needed", evidence: $0.evidence,
                        reason: $0.result?.failureMessage.map { "the conclusion held where the hypothesis was broken: " + $0 })
        }
    }

    /// The hypothesis claims.
    public func hypothesisClaims() throws -> [ClaimResult] { Self.hypothesisClaims(try hypotheses()) }

    /// The landscape claims of `Proofs/landscape.md` (`LAND.MOONS.*`, `LAND.CIRCLES.*`): which optimum the
    /// population objective prefers on small grid worlds of the toy laws (``LandscapeChecks``; deterministic,
    /// independent of ``settings``).
    public func landscapeClaims() throws -> [ClaimResult] {
        try LandscapeChecks(terms: terms).all().map { result($0.id, $0.holds, $0.evidence, reason: $0.reason) }
    }

    /// The field claims of `Proofs/field.md` (`FIELD.*`): every catalogued row of the field matrix, with
    /// this registry's GEDI terms (the memoised standard matrix for Triad's own).
    public func fieldClaims() throws -> [ClaimResult] {
        let isReference = terms.objectiveVariant == nil && settings.seed == FieldCheck.defaultSeed
            && type(of: terms.generative) == GenerativeTerm.self && type(of: terms.invariance) == InvarianceTerm.self
            && type(of: terms.prior) == PriorTerm.self && type(of: terms.head) == CosineHead.self
        let matrix = isReference ? try FieldMatrix.standard()
            : try FieldMatrix.run(FieldObjective.catalogue(terms: terms),
                                  check: FieldCheck(settings: CheckSettings(seed: settings.seed, cases: FieldCheck.defaultCases)))
        let objectives = matrix.rows.map(\.objective)
        var gradientSettings = settings
        gradientSettings.cases = max(12, settings.cases / 4)
        return FieldChecks.results(matrix)
            + [FieldChecks.valuesClaim(objectives), try FieldChecks.gradientClaim(objectives, settings: gradientSettings)]
    }

    /// Every claim: bounds and identities, the Theorem 1 matrix (in `precisions`), the hypotheses, and,
    /// when `landscape` is true, the landscape claims and the field claims (``fieldClaims()``). Those take no seed and cost an ascent per start on
    /// grid worlds (seconds in a release build, tens of seconds in a debug build), so they are off by
    /// default here, where per-seed sweeps and users' tests call repeatedly; ``runEverything(precisions:landscape:)``
    /// (the reference run of `triad verify` and the reports) includes them.
    public func runAll(precisions: [Precision] = Theorem1Matrix.precisions, landscape: Bool = false) throws
        -> (claims: [ClaimResult], matrix: Theorem1Matrix)
    {
        let run = try runEverything(precisions: precisions, landscape: landscape)
        return (run.claims, run.matrix)
    }

    /// ``runAll(precisions:landscape:)`` with the hypothesis measurements (for `Reports/assumptions.md`).
    public func runEverything(precisions: [Precision] = Theorem1Matrix.precisions, landscape: Bool = true) throws
        -> (claims: [ClaimResult], matrix: Theorem1Matrix, hypotheses: [HypothesisChecks.Outcome])
    {
        try Self.validate(replay: settings.replay)
        let list = precisions.contains(precision) ? precisions : precisions + [precision]
        let matrix = try Theorem1Matrix.run(Theorem1Check(terms: terms, settings: settings), precisions: list)
        let hypotheses = try hypotheses()
        return (try boundClaims() + Self.theoremClaims(matrix, precision: precision) + Self.hypothesisClaims(hypotheses)
                    + (landscape ? try landscapeClaims() + fieldClaims() : []), matrix, hypotheses)
    }
}
