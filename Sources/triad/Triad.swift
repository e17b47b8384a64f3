import Foundation
import TriadTrain

/// `triad`: wires the mathematics, the checker and the trainer to the command line.
@main
enum Triad {
    /// Every subcommand; add a new one here.
    static let commands: [any Command.Type] = [ReportCommand.self, VerifyCommand.self, FieldCommand.self, MutantsCommand.self, LandscapeCommand.self, TrainCommand.self, ReproduceCommand.self, SweepCommand.self, StabilityCommand.self, BenchCommand.self, ReferenceCommand.self]

    static func main() {
        exit(run(Array(CommandLine.arguments.dropFirst())))
    }

    /// What a command line asks for: the top-level usage, a command's help, or a command with its
    /// checked options.
    enum Invocation {
        case usage
        case help(any Command.Type)
        case run(any Command.Type, Arguments)
    }

    /// Reads `words` (the command line without the program name). Throws ``CommandError/usage(_:)``
    /// for an unknown command or a command line its command refuses; does no work.
    static func invocation(_ words: [String]) throws -> Invocation {
        guard let first = words.first else { throw CommandError.usage("no command given\n\(usage)") }
        if first == "--help" || first == "-h" || first == "help" {
            guard words.count == 1 else {
                if words.count == 2, let command = commands.first(where: { $0.name == words[1] }) { return .help(command) }
                throw CommandError.usage("help takes at most one word, a command name; got \(words.dropFirst().map { "'\($0)'" }.joined(separator: " "))")
            }
            return .usage
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            throw CommandError.usage("unknown command '\(first)'\n\(usage)")
        }
        // `--help` anywhere asks for the help, whatever else is on the line.
        if words.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) { return .help(command) }
        let arguments = try command.parse(Array(words.dropFirst()))
        // The trainer's kernels read TRIAD_ISA; a value they cannot use is refused before any work.
        do { _ = try KernelISA.fromEnvironment() } catch { throw CommandError.usage("\(error)") }
        return .run(command, arguments)
    }

    /// Runs the command line `words` and returns the exit status: 0 success, 1 the work failed
    /// (or a check did), 2 the command line is wrong (then nothing was done).
    static func run(_ words: [String]) -> Int32 {
        let prefix = words.first.flatMap { w in commands.contains { $0.name == w } ? "triad \(w)" : nil } ?? "triad"
        do {
            switch try invocation(words) {
            case .usage:
                print(usage)
                return 0
            case .help(let command):
                print(command.help)
                return 0
            case .run(let command, let arguments):
                return try command.run(arguments)
            }
        } catch let error as CommandError {
            printError("\(prefix): \(error)")
            return error.status
        } catch {
            printError("\(prefix): \(error)")
            return 1
        }
    }

    static func printError(_ message: String) {
        fflush(nil)  // all C streams: what print buffered comes before the error
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static var usage: String {
        "usage: triad <command> [options]   (triad <command> --help lists its options)\n\ncommands:\n"
            + commands.map { "  \($0.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \($0.summary)" }
                .joined(separator: "\n")
    }
}
