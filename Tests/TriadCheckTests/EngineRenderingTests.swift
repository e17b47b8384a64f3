import Testing
import TriadCheck
import TriadCore

/// The text and Markdown renderings of results carry every field a reader needs.
@Suite("Engine: result rendering")
struct EngineRenderingTests {
    @Test("a failed result renders id, cases, seed, shrunk counterexample, replay line, coverage and time")
    func failedResultRendering() throws {
        let result = try EngineShrinkTests.planted.check(CheckSettings(seed: 0xC0FFEE, cases: 200), testName: "someTest()")
        let c = try #require(result.counterexample)
        let text = result.text
        print(text)
        #expect(text.hasPrefix("FAIL planted: N>=4 and C>=3 fails: counterexample after \(result.casesRun) of 200 cases, seed 0x0000000000c0ffee"))
        for field in ["sizes: N=4,C=3,D=1,n=1 (shrunk from \(c.originalSize))", "evidence: \(c.message)",
                      "replay: TRIAD_REPLAY='\(c.replay.token)' swift test --filter 'someTest'",
                      "shrinking: \(c.shrinkSteps) steps", "coverage:", " s)"] {
            #expect(text.contains(field), "missing '\(field)'")
        }
        let md = result.markdown(timing: false)
        print(md)
        #expect(md.hasPrefix("### Property `planted: N>=4 and C>=3 fails`: failed"))
        #expect(md.contains("| replay | `TRIAD_REPLAY='\(c.replay.token)' swift test --filter 'someTest'` |"))
        #expect(md.contains("| regime | cases | share | required |\n|---|---:|---:|---|"))
        #expect(!md.contains("elapsed") && result.markdown().contains("| elapsed | "))
    }

    @Test("a passing result names the seed and the rerun line; the coverage table counts every case")
    func passedResultRendering() throws {
        let p = Property("always", generator: Gen.int(in: 0...3)) { v in .pass(regime: v < 2 ? "low" : "high") }
        let result = try p.check(CheckSettings(seed: 1, cases: 40, deep: true))
        print(result.text)
        #expect(result.passed && result.casesRun == 4000 && result.coverage.total == 4000)
        #expect(result.text.hasPrefix("PASS always: 4000 of 4000 cases, seed 0x0000000000000001, deep"))
        #expect(result.rerunLine == "TRIAD_SEED=0x0000000000000001 TRIAD_CASES=40 TRIAD_DEEP=1 swift test")
        #expect(result.replayLine == nil && result.failureMessage == nil)
    }
}
