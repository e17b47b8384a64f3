import Foundation
import Testing
import TriadCheck
import TriadCore

// README: "Check your own loss" — the example below is the README's code, kept compiling and passing
// by this file; `readmeShowsThisExample` checks the README still shows exactly this code.

// BEGIN README EXAMPLE
/// My refactored prior: `L_PRIOR = Σ_y (1/C) log q_y`, with the marginal in log space.
struct MyPrior: ObjectiveTerm {
    var name: String { "my L_PRIOR" }

    func value<T: Real>(_ batch: TermBatch<T>) -> T {
        let logQ = PriorTerm.logMarginal(logits: batch.logits, weights: batch.weights)
        return logQ.reduce(T.zero, +) / T(batch.clusterCount)
    }

    func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T> {
        PriorTerm().gradient(batch)  // or my own; GRAD.TERMS checks it against the value
    }
}

@Test("My prior keeps every claim of Theorem 1, the bounds and the identities")
func myPriorKeepsTheTheory() throws {
    let registry = ClaimRegistry(terms: TermSet(prior: MyPrior()),
                                 settings: CheckSettings(seed: 2023, cases: 10))
    let broken = try registry.runAll(precisions: [.double]).claims.filter { !$0.matches }
    #expect(broken.isEmpty, "\(broken.map(\.line))")  // each failing claim, and on its own line why
}
// END README EXAMPLE

@Test("The README shows exactly the example this file compiles")
func readmeShowsThisExample() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    let begin = try #require(source.range(of: "// BEGIN README EXAMPLE\n")), end = try #require(source.range(of: "// END README EXAMPLE"))
    let example = String(source[begin.upperBound..<end.lowerBound])
    #expect(readme.contains("import Testing\nimport TriadCheck\nimport TriadCore\n\n" + example),
            "README's 'Check your own loss' block differs from Tests/TriadCheckTests/ReadmeExampleTests.swift")
}
