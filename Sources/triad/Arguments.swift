/// The parsed, validated options of one command line: `--name value`, `--name=value` and `--flag`,
/// against the command's declared options. Written here because the design allows no packages.
///
/// Every word is checked when the value is built, before the command does any work; errors name
/// the option and the offending word (exit status 2):
/// - an option the command does not declare, or a single-dash word (`-json`);
/// - a positional word (no command takes one: `triad train gedi` is refused, with a hint
///   `--method gedi` when a choice matches);
/// - an option given twice;
/// - a valued option with no value, or followed by another option (`--figures --json`; a value
///   that starts with `--` can be given as `--name=value`, e.g. `--lr=-1`, which is then refused for its range);
/// - a flag given a value (`--json=1`);
/// - a value that does not meet the option's ``OptionType`` (range, list shape, finite numbers,
///   usable output folder).
struct Arguments {
    /// The declared options, by name.
    private let declared: [String: any OptionDeclaration]
    /// The given options' parsed values (`true` for a flag).
    private var values: [String: any Sendable] = [:]
    /// The given options' texts, for messages about combinations of options.
    private(set) var texts: [String: String] = [:]

    /// Parses `words` (the command line after the command's name) against `options`.
    init(_ words: [String], options: [any OptionDeclaration]) throws {
        declared = Dictionary(options.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var i = 0
        while i < words.count {
            let word = words[i]
            i += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                throw CommandError.usage(Self.strayWord(word, options: options))
            }
            var name = String(word.dropFirst(2))
            var inline: String? = nil
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let option = declared[name] else {
                throw CommandError.usage("unknown option --\(name)" + Self.suggestion(name, options: options))
            }
            if let earlier = texts[name] {
                let shown = option.takesValue ? " ('\(earlier)', then '\(inline ?? (i < words.count ? words[i] : ""))')" : ""
                throw CommandError.usage("option --\(name) is given twice\(shown)")
            }
            if option.takesValue {
                let text: String
                if let inline {
                    text = inline
                } else {
                    guard i < words.count else {
                        throw CommandError.usage("option --\(name) needs a value (\(option.synopsis)) at the end of the command line")
                    }
                    guard !words[i].hasPrefix("--") else {
                        throw CommandError.usage("option --\(name) needs a value (\(option.synopsis)) but is followed by the option \(words[i])")
                    }
                    text = words[i]
                    i += 1
                }
                values[name] = try option.check(text)
                texts[name] = text
            } else {
                if let inline { throw CommandError.usage("option --\(name) takes no value, got '\(inline)'") }
                values[name] = true
                texts[name] = ""
            }
        }
    }

    /// The error for a word that is not `--name`: a single-dash word or a positional word.
    static func strayWord(_ word: String, options: [any OptionDeclaration]) -> String {
        if word.hasPrefix("-") && word != "-" && word != "--" {
            let name = String(word.drop(while: { $0 == "-" }))
            let hint = options.contains { $0.name == name } ? " (did you mean --\(name)?)" : ""
            return "unknown option '\(word)': options are written with two dashes\(hint)"
        }
        let hint = options.first { $0.choices.contains(word) }.map { " (did you mean --\($0.name) \(word)?)" } ?? ""
        return "unexpected argument '\(word)': this command takes only options\(hint)"
    }

    /// ` (did you mean --x?)` for a declared option close to `name` (one edit, or a prefix), else "".
    static func suggestion(_ name: String, options: [any OptionDeclaration]) -> String {
        func close(_ a: String, _ b: String) -> Bool {
            if a.hasPrefix(b) || b.hasPrefix(a) { return min(a.count, b.count) >= 3 }
            let x = Array(a), y = Array(b)
            guard abs(x.count - y.count) <= 1 else { return false }
            // Edit distance <= 1.
            var i = 0, j = 0, edits = 0
            while i < x.count && j < y.count {
                if x[i] == y[j] { i += 1; j += 1; continue }
                edits += 1
                if edits > 1 { return false }
                if x.count > y.count { i += 1 } else if y.count > x.count { j += 1 } else { i += 1; j += 1 }
            }
            return edits + (x.count - i) + (y.count - j) <= 1
        }
        return options.first { close($0.name, name) }.map { " (did you mean --\($0.name)?)" } ?? ""
    }

    /// Whether `option` was declared (reading an undeclared option is a programming error).
    private func requireDeclared(_ name: String) {
        precondition(declared[name] != nil, "triad: option --\(name) is read but not declared by the command")
    }

    /// Whether the flag was given.
    func isSet(_ flag: Flag) -> Bool {
        requireDeclared(flag.name)
        return values[flag.name] != nil
    }

    /// Whether the option was given.
    func isGiven(_ option: some OptionDeclaration) -> Bool {
        requireDeclared(option.name)
        return values[option.name] != nil
    }

    /// The option's value when given, else `nil`.
    func given<V>(_ option: Option<V>) -> V? {
        requireDeclared(option.name)
        return values[option.name].map { $0 as! V }
    }

    /// The option's value when given, else its declared default (which it must have).
    func value<V>(_ option: Option<V>) -> V {
        guard let v = given(option) ?? option.defaultValue else {
            preconditionFailure("triad: option --\(option.name) has no declared default; read it with given(_:)")
        }
        return v
    }
}
