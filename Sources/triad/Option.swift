/// One option of a command that takes a value, declared once: name, value type (with its allowed
/// range), default and help line. The same declaration drives parsing, validation and `--help`.
struct Option<Value: Sendable>: OptionDeclaration {
    let name: String
    /// The value's name in the synopsis: `N`, `DIR`, `S`.
    let placeholder: String
    /// What the option does (one line).
    let summary: String
    let type: OptionType<Value>
    /// The value when the option is not given; `nil` when the command works it out (then
    /// ``defaultText`` says how) — read such an option with ``Arguments/given(_:)``.
    let defaultValue: Value?
    /// The default as `--help` shows it.
    let defaultText: String

    /// An option whose default is `defaultValue`.
    init(_ name: String, _ placeholder: String, _ summary: String, _ type: OptionType<Value>, default defaultValue: Value) {
        self.name = name
        self.placeholder = placeholder
        self.summary = summary
        self.type = type
        self.defaultValue = defaultValue
        defaultText = type.show(defaultValue)
    }

    /// An option whose default the command works out (from a preset, the environment, ...), described by `defaultText`.
    init(_ name: String, _ placeholder: String, _ summary: String, _ type: OptionType<Value>, defaultText: String) {
        self.name = name
        self.placeholder = placeholder
        self.summary = summary
        self.type = type
        defaultValue = nil
        self.defaultText = defaultText
    }

    var takesValue: Bool { true }
    var synopsis: String { "--\(name) \(placeholder)" }
    var help: String { "\(summary); \(placeholder): \(type.requirement) [default: \(defaultText)]" }
    var choices: [String] { type.choices }

    func check(_ text: String) throws -> any Sendable { try parse(text) }

    /// The value of `text`, or ``CommandError/usage(_:)``: `invalid --name = 'text': must be <requirement>[; detail]`.
    func parse(_ text: String) throws -> Value {
        do throws(ValueRejection) {
            return try type.parse(text)
        } catch {
            throw CommandError.usage("invalid --\(name) = '\(text)': must be \(type.requirement)" + (error.detail.map { "; \($0)" } ?? ""))
        }
    }
}

/// An option that takes no value (`--json`); off unless given.
struct Flag: OptionDeclaration {
    let name: String
    let summary: String

    init(_ name: String, _ summary: String) {
        self.name = name
        self.summary = summary
    }

    var takesValue: Bool { false }
    var synopsis: String { "--\(name)" }
    var help: String { "\(summary) [default: off]" }
    var choices: [String] { [] }
    func check(_ text: String) throws -> any Sendable { true }
}
