import Foundation
import TriadCheck

/// How the text of an option becomes a value: the requirement it states (in errors and in `--help`),
/// the parser, and how a value is printed (for defaults in `--help`).
///
/// A parser returns the value or throws ``ValueRejection`` (optionally with a detail such as
/// "entry 2 '-1' is not ..."); ``Option`` turns that into the one error wording
/// `invalid --name = 'text': must be <requirement>[; detail]`.
struct OptionType<Value: Sendable>: Sendable {
    /// What a value must be: "an integer in 2...100000".
    let requirement: String
    /// The words the option accepts, when it is a choice (for the hint on a stray positional word).
    var choices: [String] = []
    let parse: @Sendable (String) throws(ValueRejection) -> Value
    let show: @Sendable (Value) -> String
}

// MARK: - Scalars

extension OptionType where Value == Int {
    /// An integer in `range`. Scientific notation that denotes an integer (`1e5`) is read as that
    /// integer, so `--batch 1e8` is refused for its size, with the limit, not for its spelling.
    /// `limit`, when given, says why the upper end is where it is (printed in the error).
    static func integer(_ range: ClosedRange<Int>, limit: String? = nil) -> OptionType {
        let upper = range.upperBound == Int.max ? "an integer >= \(range.lowerBound)" : "an integer in \(range.lowerBound)...\(range.upperBound)"
        return OptionType(requirement: upper + (limit.map { " (\($0))" } ?? ""), parse: { text throws(ValueRejection) in
            guard let n = integerValue(text) else { throw ValueRejection() }
            guard range.contains(n) else { throw ValueRejection() }
            return n
        }, show: { String($0) })
    }

    /// `text` as an integer: decimal digits with an optional sign, or a decimal number in
    /// scientific notation whose value is an integer of magnitude below 2^62.
    static func integerValue(_ text: String) -> Int? {
        if let n = Int(text) { return n }
        guard !text.contains(where: { $0 == "x" || $0 == "X" || $0.isLetter && $0 != "e" && $0 != "E" }),
              let d = Double(text), d.isFinite, d == d.rounded(), abs(d) < 0x1p62 else { return nil }
        return Int(d)
    }
}

extension OptionType where Value == Double {
    /// A finite number `> lower` (`open`) or `>= lower`, and `<= upper`. NaN and infinities are refused.
    static func number(above lower: Double, orEqual: Bool, upTo upper: Double, limit: String? = nil) -> OptionType {
        let low = orEqual ? ">= \(show(lower))" : "> \(show(lower))"
        return OptionType(requirement: "a finite number \(low) and <= \(show(upper))" + (limit.map { " (\($0))" } ?? ""),
                          parse: { text throws(ValueRejection) in
            guard let d = Double(text), d.isFinite else { throw ValueRejection() }
            guard orEqual ? d >= lower : d > lower, d <= upper else { throw ValueRejection() }
            return d
        }, show: show)
    }

    /// A number as `--help` prints it: the shortest text that reads back as the same Double.
    static func show(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)" }
}

extension OptionType where Value == UInt64 {
    /// A seed: decimal or `0x`-hex `UInt64`, read by ``CheckSettings/parseSeed(_:)``, the one seed
    /// reader of the tool, the tests and the `TRIAD_SEED` variable.
    static var seed: OptionType {
        OptionType(requirement: "a decimal or 0x-hex UInt64", parse: { text throws(ValueRejection) in
            guard let s = CheckSettings.parseSeed(text) else { throw ValueRejection() }
            return s
        }, show: { String($0) })
    }
}

extension OptionType where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// One of the cases of `Value`, by raw value.
    static var choice: OptionType {
        let names = Value.allCases.map(\.rawValue)
        return OptionType(requirement: "one of " + names.joined(separator: ", "), choices: names,
                          parse: { text throws(ValueRejection) in
            guard let v = Value(rawValue: text) else { throw ValueRejection() }
            return v
        }, show: { $0.rawValue })
    }
}

// MARK: - Lists

extension OptionType {
    /// A comma-separated list of `element` values with `counts.lowerBound` to `counts.upperBound`
    /// entries (`limit` says why the upper end is there), no empty entry, and, when `distinct`, no
    /// repeated one. Every wrong entry and a wrong count are named in one error.
    static func list<E: Sendable & Equatable>(of element: OptionType<E>, counts: ClosedRange<Int>, distinct: Bool,
                                              what: String = "values", limit: String? = nil) -> OptionType where Value == [E]
    {
        let count = counts.lowerBound == counts.upperBound ? "\(counts.lowerBound)" : "\(counts.lowerBound) to \(counts.upperBound)"
        let requirement = "a comma-separated list of \(count)\(distinct ? " distinct" : "") \(what), each \(element.requirement)"
            + (limit.map { " (\($0))" } ?? "")
        return OptionType(requirement: requirement, parse: { text throws(ValueRejection) in
            let entries = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var values: [E] = [], problems: [String] = []
            if !counts.contains(entries.count) { problems.append("got \(entries.count) entries") }
            for (i, entry) in entries.enumerated() {
                do throws(ValueRejection) {
                    let v = try element.parse(entry)
                    if distinct && values.contains(v) { problems.append("entry \(i + 1) '\(entry)' repeats an earlier one") }
                    values.append(v)
                } catch {
                    problems.append("entry \(i + 1) '\(entry)' is " + (error.detail ?? "not \(element.requirement)"))
                }
            }
            guard problems.isEmpty else { throw ValueRejection(problems.joined(separator: "; ")) }
            return values
        }, show: { $0.map(element.show).joined(separator: ",") })
    }
}

extension OptionType where Value == [UInt64] {
    /// Seeds as a comma-separated list of seeds and inclusive ranges `A..B` (`0..199`, `1,4,6`,
    /// `0x10..0x1f,7`), each seed read by ``seed``; at most `maxCount` seeds in all (`limit` says
    /// why), none repeated, every range with `A <= B`. Seeds keep the order written.
    static func seeds(maxCount: Int, limit: String) -> OptionType {
        OptionType(requirement: "seeds and inclusive ranges A..B, comma-separated, each seed \(OptionType<UInt64>.seed.requirement); "
                       + "distinct, at most \(maxCount) in all (\(limit))", parse: { text throws(ValueRejection) in
            var seeds: [UInt64] = [], seen = Set<UInt64>()
            for (i, entry) in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init).enumerated() {
                let ends = entry.components(separatedBy: "..")
                guard ends.count <= 2 else { throw ValueRejection("entry \(i + 1) '\(entry)' is not a seed or a range A..B") }
                var bounds: [UInt64] = []
                for end in ends {
                    do throws(ValueRejection) { bounds.append(try OptionType<UInt64>.seed.parse(end)) } catch {
                        throw ValueRejection("entry \(i + 1) '\(entry)': '\(end)' is not \(OptionType<UInt64>.seed.requirement)")
                    }
                }
                let low = bounds[0], high = bounds[bounds.count - 1]
                guard low <= high else { throw ValueRejection("entry \(i + 1) '\(entry)' is an empty range (\(low) > \(high))") }
                // Counted before it is expanded: `0..0xffffffffffffffff` must not be materialised.
                guard high - low < UInt64(maxCount), seeds.count + Int(high - low) + 1 <= maxCount else {
                    throw ValueRejection("more than \(maxCount) seeds")
                }
                for s in low...high {
                    guard seen.insert(s).inserted else { throw ValueRejection("seed \(s) is given twice") }
                    seeds.append(s)
                }
            }
            return seeds
        }, show: { seeds in
            if seeds.count > 2, zip(seeds, seeds.dropFirst()).allSatisfy({ $0 &+ 1 == $1 }) { return "\(seeds[0])..\(seeds.last!)" }
            return seeds.map(String.init).joined(separator: ",")
        })
    }
}

extension OptionType where Value == String {
    /// A folder the command writes into, checked now, before any work (``OutputPath``): a non-empty
    /// path not starting with `-`, that is a writable folder or can be created as one.
    static var outputFolder: OptionType {
        OptionType(requirement: "a folder that exists and is writable, or can be created", parse: { text throws(ValueRejection) in
            do throws(OutputPath.Failure) { try OutputPath.checkFolder(text) } catch { throw ValueRejection(error.reason) }
            return text
        }, show: { $0 })
    }

    /// A file the command writes, checked now, before any work (``OutputPath/checkFile(_:)``): its folder
    /// exists and is writable or can be created, and the path is not a folder.
    static var outputFile: OptionType {
        OptionType(requirement: "a file path that can be written", parse: { text throws(ValueRejection) in
            guard !text.isEmpty else { throw ValueRejection("the path is empty") }
            do throws(OutputPath.Failure) { try OutputPath.checkFile(text) } catch { throw ValueRejection(error.reason) }
            return text
        }, show: { $0 })
    }

    /// A folder the command reads: a non-empty path to an existing folder.
    static var inputFolder: OptionType {
        OptionType(requirement: "an existing folder", parse: { text throws(ValueRejection) in
            var isFolder: ObjCBool = false
            guard !text.isEmpty, FileManager.default.fileExists(atPath: text, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValueRejection()
            }
            return text
        }, show: { $0 })
    }
}
