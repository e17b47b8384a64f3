import Testing
import TriadCheck
@testable import triad

/// Seeds are read by one function everywhere: `CheckSettings.parseSeed`, decimal or 0x-hex UInt64.
@Suite struct SeedOptionTests {
    static let texts = ["0", "16", "0x10", "0X1f", "18446744073709551615", "0xffffffffffffffff", "-1", "0x", "1e3", "x10",
                        "18446744073709551616", "", "0x1g", " 7"]

    @Test("the seed option reads exactly what CheckSettings.parseSeed reads", arguments: texts)
    func sameReader(_ text: String) {
        let option: UInt64? = try? OptionType<UInt64>.seed.parse(text)
        #expect(option == CheckSettings.parseSeed(text), "seed text '\(text)'")
    }

    @Test("--seed 0x10 is 16 for every command that takes a seed")
    func hexSeedEverywhere() throws {
        #expect(try parsed(TrainCommand.self, ["--seed", "0x10"]).value(TrainCommand.seed) == 16)
        #expect(try TrainCommand.experiment(parsed(TrainCommand.self, ["--seed", "0x10"])).configuration.seed == 16)
        #expect(try parsed(VerifyCommand.self, ["--seed", "0x10"]).given(VerifyCommand.seed) == 16)
        #expect(try VerifyCommand.settings(parsed(VerifyCommand.self, ["--seed=0x10"])).seed == 16)
        #expect(try parsed(ReproduceCommand.self, ["--seeds", "0x10,3"]).value(ReproduceCommand.seeds) == [16, 3])
        #expect(try parsed(VerifyCommand.self, ["--seeds", "0x10"]).given(VerifyCommand.seeds) == [16])
    }

    @Test("seed lists: inclusive ranges and comma lists, in the order written",
          arguments: [("0..3", [0, 1, 2, 3]), ("1,4,6", [1, 4, 6]), ("0x10..0x12,7", [16, 17, 18, 7]), ("5..5", [5]),
                      ("18446744073709551614..18446744073709551615", [18446744073709551614, 18446744073709551615])] as [(String, [UInt64])])
    func seedLists(_ text: String, _ seeds: [UInt64]) throws {
        #expect(try OptionType<[UInt64]>.seeds(maxCount: 100, limit: "test").parse(text) == seeds, "--seeds \(text)")
    }

    @Test("a seed list is refused past its count limit without being expanded")
    func seedListLimit() {
        let type = OptionType<[UInt64]>.seeds(maxCount: 10, limit: "test")
        #expect((try? type.parse("0..9")) != nil)
        #expect((try? type.parse("0..10")) == nil)
        #expect((try? type.parse("0..4,10..15")) == nil)
        #expect((try? type.parse("0..18446744073709551615")) == nil)
    }

    @Test("verify reads TRIAD_SEED with the same reader; the option wins; a bad value is a usage error naming it")
    func environmentSeed() throws {
        let none = try parsed(VerifyCommand.self, [])
        #expect(try VerifyCommand.settings(none, environment: ["TRIAD_SEED": "0x10"]).seed == 16)
        #expect(try VerifyCommand.settings(parsed(VerifyCommand.self, ["--seed", "3"]), environment: ["TRIAD_SEED": "0x10"]).seed == 3)
        #expect(try VerifyCommand.settings(none, environment: [:]).seed == ClaimRun.reportSettings.seed)
        #expect {
            try VerifyCommand.settings(none, environment: ["TRIAD_SEED": "garbage"])
        } throws: { error in
            guard case CommandError.usage(let m) = error else { return false }
            return m.contains("TRIAD_SEED") && m.contains("'garbage'")
        }
    }
}
