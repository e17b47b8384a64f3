import TriadCore

/// Produces the reference table: every quantity of every catalogued world computed by Triad's own
/// terms (``TermSet/reference``) in Float80, and again in ``Interval`` arithmetic for a certified
/// enclosure. The Float80 value must lie in its enclosure widened by its own rounding
/// (``ReferenceWorld/referenceError(_:role:)``), or generation fails: the two computations check each
/// other. `triad reference --write` writes the result as `ReferenceTable+Stored.swift`.
public enum ReferenceGenerator {
    /// The path of the generated file, relative to the package root.
    public static let storedPath = "Sources/TriadCheck/Reference/ReferenceTable+Stored.swift"
    /// The command that regenerates it.
    public static let command = "swift run triad reference --write"

    /// Computes the table on `worlds`. Throws on a platform without Float80, on an invalid world, or
    /// when a Float80 value falls outside its widened enclosure.
    public static func generate(_ worlds: [ReferenceWorld] = ReferenceWorld.catalogue) throws -> ReferenceTable {
        #if arch(x86_64) || arch(i386)
        return ReferenceTable(rows: try worlds.map { world in
            let f: ReferenceEvaluation<Float80> = try ReferenceEvaluation(world, terms: .reference)
            let i: ReferenceEvaluation<Interval> = try ReferenceEvaluation(world, terms: .reference)
            func entry(_ x: Float80, _ e: Interval, _ kind: ReferenceWorld.QuantityKind, _ role: ReferenceRole?, _ label: String) throws -> ReferenceEntry {
                let slack = Float80(world.referenceError(kind, role: role))
                guard x.isFinite, !e.isNaN, Float80(e.lower) <= x + slack, x - slack <= Float80(e.upper) else {
                    throw TriadError("reference value \(label) of world \(world.name)", "\(x)",
                                     "must lie in its interval enclosure \(e) widened by \(slack)")
                }
                return ReferenceEntry(x, enclosure: (e.lower, e.upper))
            }
            func entries(_ x: Matrix<Float80>, _ e: Matrix<Interval>, _ kind: ReferenceWorld.QuantityKind, _ role: ReferenceRole?,
                         _ label: String) throws -> [ReferenceEntry] {
                try x.storage.indices.map { try entry(x.storage[$0], e.storage[$0], kind, role, "\(label)[\($0)]") }
            }
            var quantities: [ReferenceRole: ReferenceValues.Quantity] = [:]
            for role in ReferenceRole.allCases {
                let (a, b) = (f.quantities[role]!, i.quantities[role]!)
                func optional(_ x: Float80?, _ e: Interval?, _ label: String) throws -> ReferenceEntry? {
                    guard let x, let e else { return nil }
                    return try entry(x, e, .value, role, "\(role.rawValue) \(label)")
                }
                quantities[role] = ReferenceValues.Quantity(
                    value: try entry(a.value, b.value, .value, role, "\(role.rawValue) value"),
                    bound: try optional(a.bound, b.bound, "bound"), gap: try optional(a.gap, b.gap, "gap"),
                    gradient: try entries(a.gradient, b.gradient, .gradient, role, "\(role.rawValue) gradient"))
            }
            return ReferenceTable.Row(world: world, values: ReferenceValues(
                logits: try entries(f.logits, i.logits, .logit, nil, "logits"), quantities: quantities))
        })
        #else
        throw TriadError("platform", "no Float80", "the reference table is generated on x86-64 (Float80)")
        #endif
    }

    /// The Swift source of `ReferenceTable+Stored.swift` for `table`, with a header saying how it was
    /// produced.
    public static func swiftSource(_ table: ReferenceTable) -> String {
        """
        // GENERATED FILE: do not edit. Regenerate with `\(command)` from the package root.
        //
        // The reference table of Triad's value claims (Proofs/values.md): \(table.rows.count) fixed worlds
        // (ReferenceWorld.catalogue), and on each the logits and every term's value, bound, gap and
        // gradient with respect to the logits, for L_GEN, L_INV, L_PRIOR, L_GEDI at the world's weights,
        // and the optional forms (symmetrised L_INV, L_PRIOR with a non-uniform prior, L_GEDI with the
        // symmetrised L_INV). Produced by ReferenceGenerator.generate(): Triad's terms run in Float80
        // (stored as two Doubles, high + low, exactly) and in Interval arithmetic (the stored enclosure);
        // generation fails unless each Float80 value lies in its enclosure widened by its own rounding.
        // Numbers are hexadecimal Doubles; the format is ReferenceTable.render().
        //
        // The checks compare with this table and never regenerate it; the test "the stored reference
        // table is current" regenerates it in memory and compares to Float80 rounding.

        extension ReferenceTable {
            static let storedText = \"\"\"
        \(table.render())\"\"\"
        }

        """
    }

    /// Where `stored` and `fresh` disagree: different worlds or inputs, a Float80 value further than
    /// twice its own rounding (``ReferenceWorld/referenceError(_:role:)``) from the fresh one, or
    /// enclosures that do not meet. Empty when the stored table is current.
    public static func differences(stored: ReferenceTable, fresh: ReferenceTable) -> [String] {
        guard stored.rows.map(\.world) == fresh.rows.map(\.world) else {
            return ["the worlds differ: stored \(stored.rows.map(\.world.name)), catalogue \(fresh.rows.map(\.world.name))"]
        }
        var out: [String] = []
        for (s, f) in zip(stored.rows, fresh.rows) {
            let w = s.world
            func compare(_ a: ReferenceEntry, _ b: ReferenceEntry, _ kind: ReferenceWorld.QuantityKind, _ role: ReferenceRole?, _ label: String) {
                let slack = 2 * w.referenceError(kind, role: role)
                let apart = abs((a.high - b.high) + (a.low - b.low))
                if !(apart <= slack) || a.lower > b.upper || b.lower > a.upper {
                    out.append("world \(w.name) \(label): stored \(a.value) [\(a.lower), \(a.upper)], fresh \(b.value) [\(b.lower), \(b.upper)]")
                }
            }
            for (k, (a, b)) in zip(s.values.logits, f.values.logits).enumerated() { compare(a, b, .logit, nil, "logit[\(k)]") }
            for role in ReferenceRole.allCases {
                guard let a = s.values.quantities[role], let b = f.values.quantities[role] else { out.append("world \(w.name): \(role.rawValue) missing"); continue }
                compare(a.value, b.value, .value, role, "\(role.rawValue) value")
                if (a.bound == nil) != (b.bound == nil) { out.append("world \(w.name) \(role.rawValue): bound present in one table only") }
                if let x = a.bound, let y = b.bound { compare(x, y, .value, role, "\(role.rawValue) bound") }
                if let x = a.gap, let y = b.gap { compare(x, y, .value, role, "\(role.rawValue) gap") }
                for (k, (x, y)) in zip(a.gradient, b.gradient).enumerated() { compare(x, y, .gradient, role, "\(role.rawValue) gradient[\(k)]") }
            }
        }
        return out
    }
}
