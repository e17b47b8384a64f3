@testable import triad

/// The message of the usage error with which `triad <words>` stops before doing any work, or `nil`
/// when the command line is accepted. Runs the checks each command makes before its work
/// (`train`'s settings and figure files, `verify`'s option combinations), never the work itself.
func refusal(_ words: [String]) throws -> String? {
    do {
        guard case .run(let command, let arguments) = try Triad.invocation(words) else { return nil }
        if ObjectIdentifier(command) == ObjectIdentifier(TrainCommand.self) { _ = try TrainCommand.experiment(arguments) }
        if ObjectIdentifier(command) == ObjectIdentifier(VerifyCommand.self) { try VerifyCommand.checkCombination(arguments) }
        return nil
    } catch CommandError.usage(let message) {
        return message
    }
}

/// The checked arguments of `triad <command> <words>`; throws the usage error when refused.
func parsed(_ command: any Command.Type, _ words: [String]) throws -> Arguments {
    try command.parse(words)
}

/// `triad a b c`, for failure messages (the one-line replay of a case).
func shown(_ words: [String]) -> String {
    "triad " + words.map { $0.isEmpty || $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
}
