/// One subcommand of `triad`: a name, a one-line summary, and a run method that returns the
/// process exit status.
protocol Command: Sendable {
    static var name: String { get }
    static var summary: String { get }
    /// Options that take a value (without `--`), for the parser.
    static var valuedOptions: Set<String> { get }
    static func run(_ arguments: inout Arguments) throws -> Int32
}
