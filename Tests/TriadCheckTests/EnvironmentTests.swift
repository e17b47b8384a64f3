import Testing
import TriadCheck
import TriadCore
import TriadTestSupport

/// The tests and the tool read `TRIAD_*` through one reader; a malformed value is an error that
/// names the variable and the value, never a trap, a silent default or a run that checks nothing.
@Suite("Environment: one reader of TRIAD_SEED, TRIAD_CASES, TRIAD_DEEP and TRIAD_REPLAY for tests and tool")
struct EnvironmentTests {
    @Test("the test helper applies every variable: seed in hex, cases, deep mode, a replay of a claim's property")
    func variablesApply() {
        let s = TestSeed.settings(seed: 5, cases: 7, environment: [
            "TRIAD_SEED": "0x10", "TRIAD_CASES": "3", "TRIAD_DEEP": "1",
            "TRIAD_REPLAY": "EQ11:0x7ab22fb9c487da50:N=2,C=4,D=1,n=1",
        ])
        #expect(s.seed == 16 && s.cases == 3 && s.deep && s.caseCount == 300)
        #expect(s.replay?.propertyID == "EQ11")
        #expect(TestSeed.settings(seed: 5, cases: 7, environment: [:]) == CheckSettings(seed: 5, cases: 7))
    }

    @Test("a malformed variable records an issue naming it and its value, and the test goes on at its defaults",
          arguments: [("TRIAD_CASES", "0"), ("TRIAD_CASES", "-1"), ("TRIAD_SEED", "garbage"), ("TRIAD_DEEP", "maybe"),
                      ("TRIAD_REPLAY", "no-colons")])
    func malformedVariable(_ name: String, _ value: String) {
        var settings: CheckSettings?
        withKnownIssue {
            settings = TestSeed.settings(seed: 5, cases: 7, environment: [name: value])
        } matching: { issue in
            let text = String(describing: issue)
            return text.contains(name) && text.contains(value)
        }
        #expect(settings == CheckSettings(seed: 5, cases: 7))
    }

    @Test("a replay token that names no property of the claims is an error, in the tests and in a claim run")
    func unknownReplayIsAnError() throws {
        let token = "T1.GEN.FM9.search.Double:0x01:N=3,C=2,D=1,n=1"
        let replay = try Replay(parsing: token)
        #expect(throws: TriadError.self) { try ClaimRegistry.validate(replay: replay) }
        do {
            try ClaimRegistry.validate(replay: replay)
        } catch {
            #expect("\(error)".contains("T1.GEN.FM9.search.Double"), "the error names the token: \(error)")
        }
        var settings = CheckSettings(seed: 1, cases: 2)
        settings.replay = replay
        #expect(throws: TriadError.self) { try ClaimRegistry(settings: settings).runAll(precisions: [.double]) }
        withKnownIssue { _ = TestSeed.settings(environment: ["TRIAD_REPLAY": token]) }
    }

    @Test("every property a claim run checks has an id a replay token may name")
    func everyPropertyIsKnown() throws {
        // Each claim's failure message carries its property's replay token; the ids must be known.
        for id in ["EQ4.Double", "EQ4.Interval", "ID.GAPS", "ID.CE", "ID.CONDITIONAL", "EQ11", "GRAD.TERMS", "SYM.ORDER",
                   "SYM.SPLIT", "SYM.LABELS", "H.NONUNIFORM", "H.CONFIDENCE", "H.SMALLTAU", "H.GROUPS",
                   "T1.PRIOR.FM2.search.Float", "T1.INV.FM3.invariance.Interval"] {
            #expect(ClaimRegistry.propertyIDs.contains(id), "\(id)")
        }
    }
}
