/// What the parser and `--help` need to know of one option of a command, whatever its value type:
/// ``Option`` (takes a value) and ``Flag`` (takes none).
protocol OptionDeclaration: Sendable {
    /// The name without the leading `--`.
    var name: String { get }
    /// Whether the option takes a value.
    var takesValue: Bool { get }
    /// `--name PLACEHOLDER` (or `--name` for a flag).
    var synopsis: String { get }
    /// The help line: what it does, the requirement on its value and its default.
    var help: String { get }
    /// Words the option accepts when it is a choice (hints for stray positional words).
    var choices: [String] { get }
    /// Parses and validates `text`; throws ``CommandError/usage(_:)`` naming the option and the value.
    func check(_ text: String) throws -> any Sendable
}
