import Foundation
import Testing
import TriadCheck

/// The usage example of the `Property` documentation, run as written.
@Suite("Engine: documented usage example")
struct EngineUsageExampleTests {
    @Test("L_PRIOR <= -log C (Jensen) on random marginals, with both regimes covered")
    func documentedExampleRuns() throws {
        let priorBound = Property(
            "L_PRIOR <= -log C", sizes: SizeSpace(C: 2...8),
            generator: Gen.simplex(count: .clusters, shape: .dirichlet(concentration: 0.3)),
            coverage: .fractions(["peaked": 0.1, "spread": 0.1])
        ) { q in
            // 1e-12 absolute: the mean of at most 8 logs, each below 300 in magnitude, rounded.
            let prior = q.reduce(0) { $0 + log($1) } / Double(q.count)  // sum_y (1/C) log q_y
            return .expect(prior <= -log(Double(q.count)) + 1e-12, "L_PRIOR = \(prior)",
                           regime: q.max()! > 0.8 ? "peaked" : "spread")
        }
        let result = try priorBound.check(CheckSettings(cases: 200))
        print(result.text)
        #expect(result.passed, "\(result.failureMessage ?? "")")
    }
}
