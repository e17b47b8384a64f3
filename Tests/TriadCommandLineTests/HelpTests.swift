import Testing
@testable import triad

/// `triad <command> --help` lists every declared option with its requirement and its default.
@Suite struct HelpTests {
    @Test("every option of every command appears in its help with a default", arguments: ["report", "verify", "field", "mutants", "train", "reproduce", "sweep", "stability", "bench", "reference", "landscape"])
    func everyOptionHasALineWithDefault(_ name: String) throws {
        let command = try #require(Triad.commands.first { $0.name == name })
        let lines = command.help.split(separator: "\n").map(String.init)
        for option in command.options {
            // A long synopsis puts the help on the next line.
            guard let i = lines.firstIndex(where: { $0.hasPrefix("  " + option.synopsis + " ") || $0 == "  " + option.synopsis }) else {
                Issue.record("triad \(name) --help has no line for \(option.synopsis)")
                continue
            }
            let text = lines[i] + (i + 1 < lines.count ? lines[i + 1] : "")
            #expect(text.contains("[default: "), "triad \(name) --help: \(lines[i])")
            #expect(text.contains(option.help), "triad \(name) --help: \(lines[i])")
        }
        #expect(lines.contains { $0.contains("--help") })
    }

    @Test("train's help shows the real defaults, the preset's and the method exceptions")
    func trainDefaults() {
        let help = TrainCommand.help
        for fragment in ["--batch N", "[default: the method's preset: 400]", "--test-count N", "[default: 2000]",
                         "--lr X", "jem 0.0001", "--seed S", "[default: 0]", "--method NAME", "[default: gedi]",
                         "--figures DIR", "[default: none]", "--json", "[default: off]", "2...100000"] {
            #expect(help.contains(fragment), "triad train --help lacks '\(fragment)'")
        }
    }

    @Test("verify's help shows --seeds and --workers with their defaults")
    func verifyDefaults() {
        let help = VerifyCommand.help
        for fragment in ["--seeds LIST", "A..B", "--workers N", "[default: 1]", "--proofs DIR", "[default: Proofs]"] {
            #expect(help.contains(fragment), "triad verify --help lacks '\(fragment)'")
        }
    }
}

extension HelpTests {
    @Test("the help tests cover every command")
    func everyCommandCovered() {
        #expect(Set(Triad.commands.map { $0.name }) == ["report", "verify", "field", "mutants", "train", "reproduce", "sweep", "stability", "bench", "reference", "landscape"])
    }
}

extension HelpTests {
    @Test("field lists its rows and options; an unknown row is refused naming it and the valid ids")
    func fieldHelpAndRefusal() throws {
        let help = FieldCommand.help
        for fragment in ["--objective NAME", "swav", "barlow", "--cases K", "--ascent-steps K", "--seed S", "--json"] {
            #expect(help.contains(fragment), "triad field --help lacks '\(fragment)'")
        }
        for (words, fragments) in [(["field", "--objective", "simclr"], ["invalid --objective = 'simclr'", "swav"]),
                                   (["field", "--cases", "0"], ["invalid --cases = '0'"])] {
            let message = try refusal(words)
            for fragment in fragments {
                #expect(message?.contains(fragment) == true, "\(shown(words)): \(message ?? "accepted")")
            }
        }
        #expect(try refusal(["field", "--objective", "iic", "--seed", "7"]) == nil)
    }
}

extension HelpTests {
    @Test("landscape refuses a grid out of 2...100, a non-positive step count, an output path that is a folder, each naming the value")
    func landscapeRefusals() throws {
        for (words, fragment) in [(["landscape", "--grid", "1"], "invalid --grid = '1'"), (["landscape", "--grid", "101"], "invalid --grid = '101'"),
                                  (["landscape", "--steps", "0"], "invalid --steps = '0'"), (["landscape", "--out", "/"], "invalid --out = '/'"),
                                  (["landscape", "--out", ""], "invalid --out = ''")] {
            let message = try refusal(words)
            #expect(message?.contains(fragment) == true, "\(shown(words)): \(message ?? "accepted")")
        }
        #expect(try refusal(["landscape", "--grid", "12", "--steps", "10", "--out", "/tmp/triad-landscape-help-test.md"]) == nil)
        #expect(LandscapeCommand.help.contains("[default: 16]") && LandscapeCommand.help.contains("[default: Reports/landscape.md]"))
    }
}
