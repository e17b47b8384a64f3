import Foundation
import Testing
@testable import TriadTrain

/// The experiment layer (`Sources/TriadTrain/Experiments`: presets, sweeps, reports) sits on the
/// training layer and not the other way round: no code outside it names a type declared in it.
@Suite("The training layer does not reach up to the experiments")
struct TrainerLayeringTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/TriadTrain")

    /// The Swift files under `folder`, with their code only (lines and trailing parts after `//` dropped).
    static func code(under folder: URL) throws -> [(name: String, code: String)] {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        return try files.map { url in
            let text = try String(contentsOf: url, encoding: .utf8)
            let code = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { line in line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line) }
                .joined(separator: "\n")
            return (url.path.replacingOccurrences(of: folder.path + "/", with: ""), code)
        }
    }

    @Test("No file outside Experiments/ names a top-level type declared in Experiments/ (e.g. ExperimentPresets, Sweep)")
    func trainingDoesNotReachUp() throws {
        let experiments = try Self.code(under: Self.sources.appendingPathComponent("Experiments"))
        let declared = Set(experiments.flatMap { file in
            file.code.matches(of: /(?m)^(?:public\s+)?(?:final\s+)?(?:struct|enum|class|protocol)\s+([A-Z][A-Za-z0-9]*)/).map { String($0.1) }
        })
        #expect(declared.isSuperset(of: ["ExperimentPresets", "Sweep", "Reproduction", "ToyExperiment"]))
        let below = try Self.code(under: Self.sources).filter { !$0.name.hasPrefix("Experiments/") }
        #expect(below.count > 20)
        for file in below {
            for name in declared.sorted() where file.code.firstMatch(of: try Regex("\\b\(name)\\b")) != nil {
                Issue.record("\(file.name) names \(name), declared in Experiments/")
            }
        }
    }
}
