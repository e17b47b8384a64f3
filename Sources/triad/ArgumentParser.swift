/// A small argument parser: `--name value`, `--flag`, and positional words, with errors that name
/// the offending argument. Written here because the design allows no packages.
struct Arguments {
    private(set) var positional: [String] = []
    private var options: [String: String] = [:]
    private var flags: Set<String> = []
    private var consumed: Set<String> = []

    /// Parses `words`; `valued` lists the options that take a value (without the leading `--`).
    init(_ words: [String], valued: Set<String>) throws {
        var i = 0
        while i < words.count {
            let w = words[i]
            if w.hasPrefix("--") {
                var name = String(w.dropFirst(2))
                var inline: String? = nil
                if let eq = name.firstIndex(of: "=") {
                    inline = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                if valued.contains(name) {
                    if let inline {
                        options[name] = inline
                    } else {
                        guard i + 1 < words.count else { throw CommandError.usage("option --\(name) needs a value") }
                        options[name] = words[i + 1]
                        i += 1
                    }
                } else {
                    guard inline == nil else { throw CommandError.usage("option --\(name) takes no value, got \(inline!)") }
                    flags.insert(name)
                }
            } else {
                positional.append(w)
            }
            i += 1
        }
    }

    /// Whether `--name` was given.
    mutating func flag(_ name: String) -> Bool {
        consumed.insert(name)
        return flags.contains(name)
    }

    /// The value of `--name`, if given.
    mutating func string(_ name: String) -> String? {
        consumed.insert(name)
        return options[name]
    }

    /// The value of `--name` parsed by `parse`, or `fallback`; a value that does not parse is an error
    /// naming the option and the value.
    mutating func value<V>(_ name: String, default fallback: V, _ what: String, _ parse: (String) -> V?) throws -> V {
        guard let raw = string(name) else { return fallback }
        guard let v = parse(raw) else { throw CommandError.usage("invalid --\(name) = \(raw): must be \(what)") }
        return v
    }

    /// Throws when an option or flag was given that the command never asked for.
    func rejectUnknown() throws {
        let unknown = Set(options.keys).union(flags).subtracting(consumed)
        if let first = unknown.sorted().first { throw CommandError.usage("unknown option --\(first)") }
    }
}

/// A command-line failure, printed as `triad: <message>` with exit status 2 (usage) or 1.
enum CommandError: Error, CustomStringConvertible {
    case usage(String)
    case failed(String)
    var description: String {
        switch self {
        case .usage(let m), .failed(let m): m
        }
    }
}
