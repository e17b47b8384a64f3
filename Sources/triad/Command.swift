/// One subcommand of `triad`: a name, a one-line summary, its declared options, and a run method
/// that returns the process exit status. `run` gets arguments already checked against `options`.
protocol Command: Sendable {
    static var name: String { get }
    static var summary: String { get }
    /// Every option the command takes, declared once (see ``Option``); `--help` lists them in this order.
    static var options: [any OptionDeclaration] { get }
    static func run(_ arguments: Arguments) throws -> Int32
}

extension Command {
    /// The command's options parsed from `words` (the words after the command's name).
    static func parse(_ words: [String]) throws -> Arguments {
        try Arguments(words, options: options)
    }

    /// `triad <name> --help`: the summary, then every option with its requirement and default.
    static var help: String {
        let width = min(26, max("-h, --help".count, options.map(\.synopsis.count).max() ?? 0) + 2)
        let lines = options.map { o -> String in
            let synopsis = o.synopsis.count < width ? o.synopsis.padding(toLength: width, withPad: " ", startingAt: 0)
                : o.synopsis + "\n" + String(repeating: " ", count: width + 2)
            return "  " + synopsis + o.help
        }
        return "triad \(name): \(summary)\n\nusage: triad \(name) [options]\n\noptions:\n"
            + lines.joined(separator: "\n") + "\n  " + "-h, --help".padding(toLength: width, withPad: " ", startingAt: 0)
            + "print this help"
    }
}
