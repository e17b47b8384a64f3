import TriadCore

/// A claim checked on generated cases: an id, the sizes to draw, a generator, the claim, and the
/// coverage the run must reach.
///
///     let priorBound = Property(
///         "L_PRIOR <= -log C", sizes: SizeSpace(C: 2...8),
///         generator: Gen.simplex(count: .clusters, shape: .dirichlet(concentration: 0.3)),
///         coverage: .fractions(["peaked": 0.1, "spread": 0.1])
///     ) { q in
///         let prior = q.reduce(0) { $0 + log($1) } / Double(q.count)  // sum_y (1/C) log q_y
///         return .expect(prior <= -log(Double(q.count)) + 1e-12, "L_PRIOR = \(prior)",
///                        regime: q.max()! > 0.8 ? "peaked" : "spread")
///     }
///     let result = try priorBound.check(CheckSettings.fromEnvironment(CheckSettings(cases: 200)))
///
/// Case `i` of a run: seed `CheckSettings.caseSeed(runSeed:index:)`, sizes drawn from ``sizes``
/// (see ``SizeSpace``), value `generator.generate(seed:size:)`, verdict `claim(value)`. The claim
/// may throw; a thrown error is a failure of that case (regime ``Verdict/threw``).
public struct Property<Value>: CheckableProperty {
    /// The id in results and replay tokens: non-empty, without `'` or line breaks.
    public let id: String
    /// Where case sizes are drawn from and how far shrinking may go.
    public let sizes: SizeSpace
    /// The value of a case from its seed and sizes.
    public let generator: Gen<Value>
    /// Minimum shares of regimes; an under-sampled regime fails the run.
    public let coverage: [CoverageRequirement]
    /// The claim on one value.
    public let claim: @Sendable (Value) throws -> Verdict

    public init(_ id: String, sizes: SizeSpace = SizeSpace(), generator: Gen<Value>,
                coverage: [CoverageRequirement] = [],
                _ claim: @escaping @Sendable (Value) throws -> Verdict) {
        self.id = id
        self.sizes = sizes
        self.generator = generator
        self.coverage = coverage
        self.claim = claim
    }

    /// Runs exactly one case: the value of `seed` at `size`, then the claim.
    public func evaluate(seed: UInt64, size: Size) -> (verdict: Verdict, value: Value) {
        let value = generator.generate(seed: seed, size: size)
        do {
            return (try claim(value), value)
        } catch {
            return (.fail("threw \(error)", regime: Verdict.threw), value)
        }
    }

    /// The seed and sizes of case `index` of a run of `count` cases with run seed `runSeed`.
    public func plannedCase(index: Int, of count: Int, runSeed: UInt64) throws -> (seed: UInt64, size: Size) {
        let seed = CheckSettings.caseSeed(runSeed: runSeed, index: index)
        return (seed, try sizes.draw(caseSeed: seed, index: index, of: count))
    }

    /// Throws ``TriadError`` when the id, the size space or the coverage requirements are malformed.
    public func validate() throws {
        try require(Replay.isValidID(id), "property id", "'\(id)'", "must be non-empty, without ' or line breaks")
        try sizes.validate()
        var regimes: Set<String> = []
        for r in coverage {
            try require(regimes.insert(r.regime).inserted, "coverage regime", "'\(r.regime)'", "must be required once")
            switch r.minimum {
            case .fraction(let f): try require(f > 0 && f <= 1, "coverage of '\(r.regime)'", f, "must be in (0, 1]")
            case .count(let c): try require(c >= 1, "coverage of '\(r.regime)'", c, "must be >= 1")
            }
        }
    }
}
