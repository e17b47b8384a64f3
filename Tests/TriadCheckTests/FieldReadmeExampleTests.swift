import Foundation
import Testing
import TriadCheck
import TriadCore

// README: "Give your own objective its row" — the example below is the README's code, kept compiling
// and passing by this file; `readmeShowsTheFieldExample` checks the README still shows exactly this code.

// BEGIN FIELD EXAMPLE
/// My objective: agreement between the views plus half the prior term.
struct MyObjective: ObjectiveTerm {
    var name: String { "L_INV + ½ L_PRIOR" }

    func value<T: Real>(_ batch: TermBatch<T>) -> T {
        InvarianceTerm().value(batch) + PriorTerm().value(batch) / T(2)
    }

    func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T> {
        var g = InvarianceTerm().gradient(batch)
        g.add(PriorTerm().gradient(batch), scaledBy: T.one / T(2))
        return g
    }
}

@Test("My objective's row of the failure-mode matrix")
func myObjectiveRow() throws {
    let row = try FieldCheck().row(FieldObjective(id: "mine", name: "my objective", term: MyObjective()))
    for cell in row.cells { print("\(cell.mode.rawValue): \(cell.label) — \(cell.evidence)") }
    #expect(row.cell(.clusterCollapse).verdict == .penalises)  // the prior term sees the collapse
    #expect(row.cell(.permutation).verdict == .penalises)      // the invariance term sees re-pairing
}
// END FIELD EXAMPLE

@Test("The README shows exactly the field example this file compiles")
func readmeShowsTheFieldExample() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    let begin = try #require(source.range(of: "// BEGIN FIELD EXAMPLE\n")), end = try #require(source.range(of: "// END FIELD EXAMPLE"))
    let example = String(source[begin.upperBound..<end.lowerBound])
    #expect(readme.contains("import Testing\nimport TriadCheck\nimport TriadCore\n\n" + example),
            "README's 'Give your own objective its row' block differs from Tests/TriadCheckTests/FieldReadmeExampleTests.swift")
}
