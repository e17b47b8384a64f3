import Foundation

/// `triad`: wires the mathematics, the checker and the trainer to the command line.
@main
enum Triad {
    /// Every subcommand; add a new one here.
    static let commands: [any Command.Type] = [ReportCommand.self, VerifyCommand.self, MutantsCommand.self, TrainCommand.self, ReproduceCommand.self, SweepCommand.self, BenchCommand.self, ReferenceCommand.self]

    static func main() {
        let words = Array(CommandLine.arguments.dropFirst())
        guard let first = words.first, first != "--help", first != "-h", first != "help" else {
            print(usage)
            exit(words.isEmpty ? 2 : 0)
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            FileHandle.standardError.write(Data("triad: unknown command \(first)\n\(usage)\n".utf8))
            exit(2)
        }
        if words.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) {
            print("triad \(command.name): \(command.summary)\noptions taking a value: "
                  + command.valuedOptions.sorted().map { "--" + $0 }.joined(separator: ", "))
            exit(0)
        }
        do {
            var arguments = try Arguments(Array(words.dropFirst()), valued: command.valuedOptions)
            let status = try command.run(&arguments)
            exit(status)
        } catch let error as CommandError {
            FileHandle.standardError.write(Data("triad \(first): \(error)\n".utf8))
            if case .usage = error { exit(2) }
            exit(1)
        } catch {
            FileHandle.standardError.write(Data("triad \(first): \(error)\n".utf8))
            exit(1)
        }
    }

    static var usage: String {
        "usage: triad <command> [options]\n\ncommands:\n"
            + commands.map { "  \($0.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \($0.summary)" }
                .joined(separator: "\n")
    }
}
