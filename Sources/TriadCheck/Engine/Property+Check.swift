import TriadCore

extension Property {
    /// Runs the property and returns the result (never throws for a failing case: a failure is in
    /// the result).
    ///
    /// - Normal run: cases `0 ..< settings.caseCount`, stopping at the first failure, which is then
    ///   shrunk: with its seed fixed, ``SizeSpace/shrinkCandidates(of:)`` are tried in order and the
    ///   first that still fails replaces the current size, until none does or
    ///   `settings.maxShrinkEvaluations` is spent. If every planned case passes but a coverage
    ///   requirement is short, the run goes on with cases `caseCount, caseCount + 1, ...` (same
    ///   seeding) until every requirement is met or `caseCount · coverageExtension` cases have run;
    ///   a requirement still short then fails the run.
    /// - Replay: when `settings.replay` names this property, only that case runs (no shrinking, no
    ///   coverage requirements). A replay of another property is ignored here; the caller that runs
    ///   a set of properties reports a token that none of them matched (``ClaimRegistry`` does).
    ///
    /// `observe` sees every case of the run (value and verdict; not the shrinking evaluations): the
    /// place to aggregate statistics for a report from the very cases the engine checked.
    /// `testName` (the Swift Testing function, e.g. `"plantedFailureIsShrunk"`) goes into the replay
    /// line. Throws ``TriadError`` only for a malformed property, settings or replay token.
    public func check(_ settings: CheckSettings = CheckSettings(), testName: String? = nil) throws -> PropertyResult {
        try run(settings, testName: testName, observe: nil)
    }

    /// ``check(_:testName:)`` with `observe` called on every case of the run.
    public func check(_ settings: CheckSettings = CheckSettings(), testName: String? = nil,
                      observe: @escaping (Value, Verdict) throws -> Void) throws -> PropertyResult {
        try run(settings, testName: testName, observe: observe)
    }

    private func run(_ settings: CheckSettings, testName: String?,
                     observe: ((Value, Verdict) throws -> Void)?) throws -> PropertyResult {
        try validate()
        try settings.validate()
        let clock = ContinuousClock()
        let start = clock.now
        if let replay = settings.replay, replay.propertyID == id {
            let size = try replay.size(in: sizes)
            let (verdict, value) = evaluate(seed: replay.seed, size: size)
            try observe?(value, verdict)
            let counterexample = verdict.passed ? nil : Counterexample(
                caseIndex: nil, seed: replay.seed, originalSize: size, size: size, message: verdict.message,
                regime: verdict.regime, value: describe(value), shrinkSteps: 0, shrinkEvaluations: 0,
                shrinkBudgetExhausted: false, replay: Replay(propertyID: id, seed: replay.seed, size: size))
            return PropertyResult(
                propertyID: id, settings: settings, casesRun: 1, replayed: true, counterexample: counterexample,
                coverage: CoverageTable(counts: [verdict.regime: 1], requirements: coverage, assessed: false),
                elapsed: clock.now - start, testName: testName)
        }

        let count = settings.caseCount
        let limit = coverage.isEmpty ? count : count * settings.coverageExtension
        var counts: [String: Int] = [:]
        var counterexample: Counterexample? = nil
        var index = 0
        while index < count || (index < limit && CoverageTable.isShort(counts, coverage, planned: count)) {
            let (seed, size) = try plannedCase(index: index, of: count, runSeed: settings.seed)
            let (verdict, value) = evaluate(seed: seed, size: size)
            try observe?(value, verdict)
            counts[verdict.regime, default: 0] += 1
            index += 1
            if !verdict.passed {
                counterexample = shrink(index: index - 1, seed: seed, size: size, verdict: verdict,
                                        budget: settings.maxShrinkEvaluations)
                break
            }
        }
        return PropertyResult(
            propertyID: id, settings: settings, casesRun: index, replayed: false, counterexample: counterexample,
            coverage: CoverageTable(counts: counts, requirements: coverage, assessed: counterexample == nil, planned: count),
            elapsed: clock.now - start, testName: testName)
    }

    /// Greedy shrinking of the sizes of a failing case, its seed fixed.
    private func shrink(index: Int, seed: UInt64, size original: Size, verdict: Verdict, budget: Int) -> Counterexample {
        var size = original
        var current = verdict
        var steps = 0, evaluations = 0
        var tried: Set<Size> = []
        var improved = true
        search: while improved {
            improved = false
            for candidate in sizes.shrinkCandidates(of: size) where !tried.contains(candidate) {
                guard evaluations < budget else { break search }
                tried.insert(candidate)
                evaluations += 1
                let v = evaluate(seed: seed, size: candidate).verdict
                if !v.passed {
                    size = candidate
                    current = v
                    steps += 1
                    improved = true
                    continue search
                }
            }
        }
        let exhausted = evaluations >= budget && sizes.shrinkCandidates(of: size).contains { !tried.contains($0) }
        return Counterexample(
            caseIndex: index, seed: seed, originalSize: original, size: size, message: current.message,
            regime: current.regime, value: describe(generator.generate(seed: seed, size: size)),
            shrinkSteps: steps, shrinkEvaluations: evaluations, shrinkBudgetExhausted: exhausted,
            replay: Replay(propertyID: id, seed: seed, size: size))
    }

    private func describe(_ value: Value) -> String {
        let text = String(describing: value)
        return text.count <= 2000 ? text : String(text.prefix(2000)) + "... (\(text.count) characters)"
    }
}
