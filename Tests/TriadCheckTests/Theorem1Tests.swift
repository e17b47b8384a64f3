import Testing
import TriadCheck
import TriadCore
import TriadTestSupport

/// Theorem 1 by machine: every cell of the matrix, in every precision, reaches the verdict of the
/// paper's table, with evidence (witness gaps for "admits", derived gap bounds unbeaten by search or a
/// certified change under re-pairing for "penalises").
@Suite("Theorem 1: each term penalises or admits each failure mode as the paper claims")
struct Theorem1Tests {
    @Test("The matrix in Float, Double, Float80 and Interval matches the paper's table")
    func matrix() throws {
        let settings = TestSeed.settings(seed: Theorem1Check.defaultSeed, cases: Theorem1Check.defaultCases)
        print("[Theorem1] seed \(settings.seed), \(settings.caseCount) search cases per cell — replay: TRIAD_SEED=\(settings.seed) swift test --filter Theorem1Tests")
        // The reports' run is memoised per process: this test and the report guard share it.
        let matrix = try ClaimRun.reference(settings).matrix
        for c in matrix.cells {
            let expected = Theorem1Matrix.paper(c.role, c.mode)
            #expect(c.verdict == expected, """
                \(Theorem1Check.claimID(c.role, c.mode)) in \(c.precision): \(c.verdict.rawValue), paper says \(expected.rawValue) — \(c.summary)
                why: \(c.reason ?? "-")
                \(c.search.description)
                """)
        }
    }
}
