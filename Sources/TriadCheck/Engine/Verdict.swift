/// What a property says about one case: pass or fail, the evidence, and the regime the case fell
/// into (the row of the coverage table, e.g. `"well-posed"` or `"ill-posed: uniform p"`).
public struct Verdict: Sendable, Hashable {
    /// Whether the claim held on this case.
    public let passed: Bool
    /// The evidence: on failure what was observed against what was claimed (shown in the result).
    public let message: String
    /// The regime label, counted in the coverage table.
    public let regime: String
    /// An optional measurement of the case (e.g. error over tolerance) that a caller aggregates
    /// over the run through ``Property/check(_:testName:observe:)``.
    public var measure: Double? = nil

    /// The regime of properties that do not classify their cases.
    public static let unclassified = "unclassified"
    /// The regime of a case whose generator or property threw.
    public static let threw = "threw"

    public init(passed: Bool, message: String, regime: String = Verdict.unclassified) {
        self.passed = passed
        self.message = message
        self.regime = regime
    }

    /// The claim held.
    public static func pass(regime: String = unclassified, _ message: String = "") -> Verdict {
        Verdict(passed: true, message: message, regime: regime)
    }

    /// The claim failed, with the evidence.
    public static func fail(_ message: String, regime: String = unclassified) -> Verdict {
        Verdict(passed: false, message: message, regime: regime)
    }

    /// Passes when `condition` holds; otherwise fails with `message` (built only on failure).
    public static func expect(_ condition: Bool, _ message: @autoclosure () -> String,
                              regime: String = unclassified, measure: Double? = nil) -> Verdict {
        var v = condition ? pass(regime: regime) : fail(message(), regime: regime)
        v.measure = measure
        return v
    }

    /// Passes when `failures` is empty; otherwise fails with them joined (the first few).
    public static func expectNone(_ failures: [String], regime: String = unclassified, measure: Double? = nil) -> Verdict {
        let shown = failures.prefix(3).joined(separator: "; ") + (failures.count > 3 ? "; and \(failures.count - 3) more" : "")
        return expect(failures.isEmpty, shown, regime: regime, measure: measure)
    }
}
