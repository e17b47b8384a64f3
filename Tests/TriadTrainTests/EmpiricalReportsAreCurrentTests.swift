import Foundation
import Testing
import TriadCore
@testable import TriadTrain

/// The committed `Reports/empirical.md` and `Reports/sweep.md` agree with the code. Full
/// reproduction (70 runs) and the sweep stay out of `swift test`; instead: the settings the report
/// states are the settings the code now uses, every claim and method is there, every figure link
/// resolves, the sweep's winner is the setting the presets use — and a short fingerprint run is
/// retrained here and must give, bit for bit, the losses and NMI the report recorded.
@Suite("Committed empirical reports match the code")
struct EmpiricalReportsAreCurrentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let regenerate = "regenerate with: swift run -c release triad reproduce"

    static func committed(_ name: String) throws -> String {
        let path = root.appendingPathComponent("Reports/\(name)").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("Reports/\(name) is missing; \(regenerate)")
            throw TriadError("report", name, "must exist")
        }
        return text
    }

    @Test("empirical.md states the settings the code now uses, every claim with a verdict, every method, and links existing figures")
    func empiricalStructure() throws {
        let text = try Self.committed("empirical.md")
        let plan = Reproduction.standard
        #expect(text.contains(EmpiricalReport.settingsTable(plan)),
                "the settings in Reports/empirical.md are not the code's; \(Self.regenerate)")
        for claim in EmpiricalClaim.catalogue {
            let row = text.split(separator: "\n").first { $0.hasPrefix("| \(claim.id) |") }
            #expect(row != nil, "claim \(claim.id) is missing; \(Self.regenerate)")
            if let row { #expect(row.contains("**confirmed**") || row.contains("**not confirmed**")) }
        }
        for m in plan.methods {
            for d in plan.datasets {
                #expect(text.contains("| \(m) | \(d) | "), "per-seed row \(m)/\(d) is missing; \(Self.regenerate)")
            }
        }
        let links = text.matches(of: /\((figures\/[a-z]+-[a-z]+-(?:clusters|energy)\.svg)\)/).map { String($0.1) }
        #expect(links.count >= plan.methods.count * plan.datasets.count)
        for link in Set(links) {
            let path = Self.root.appendingPathComponent("Reports/\(link)").path
            #expect(FileManager.default.fileExists(atPath: path), "Reports/\(link) is missing; \(Self.regenerate)")
        }
    }

    @Test("The report's fingerprint (a 300-step GEDI run) is reproduced bit for bit by the code now")
    func fingerprintReproduces() throws {
        let text = try Self.committed("empirical.md")
        let now = EmpiricalReport.fingerprintLine(try EmpiricalReport.fingerprintExperiment.run())
        print("[empirical] fingerprint now: \(now)")
        #expect(text.contains("`\(now)`"), """
            the trainer's numbers changed since Reports/empirical.md was generated (fingerprint now: \(now)); \
            \(Self.regenerate)
            """)
    }

    @Test("sweep.md lists stage 1 of Sweep.standard in order, and its winner is the setting the presets use")
    func sweepIsCurrent() throws {
        let text = try Self.committed("sweep.md")
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| 1 |") }
        let listed = rows.map { row in
            row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }[2]
                .replacingOccurrences(of: " **←**", with: "")
        }
        #expect(listed == Sweep.standard.candidates.map(\.overrides.description),
                "Reports/sweep.md was made from another candidate list; regenerate with: swift run -c release triad sweep")
        #expect(text.contains("**Winner**: \(Sweep.chosen) ("), "the sweep's winner is not Sweep.chosen (\(Sweep.chosen))")
        #expect(text.contains("This is the setting `triad reproduce` uses"))
    }
}
