import Foundation
import Testing
import TriadCheck
import TriadCore

/// `Proofs/` and the suite agree: every claim stated there has a check, every check has a claim, and
/// every check's outcome is the claim's expected one.
@Suite("Proofs/ claims and the suite's checks correspond one to one, with matching outcomes")
struct ClaimCatalogTests {
    static let proofs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Proofs").path

    @Test("Every claim of Proofs/ has a check and every check has a claim")
    func oneToOne() throws {
        let catalog = try ClaimCatalog.load(directory: Self.proofs)
        let stated = Set(catalog.claims.map(\.id)), checked = Set(ClaimRegistry.checkedIDs)
        #expect(stated.subtracting(checked).isEmpty, "claims with no check: \(stated.subtracting(checked).sorted())")
        #expect(checked.subtracting(stated).isEmpty, "checks with no claim: \(checked.subtracting(stated).sorted())")
    }

    @Test("Every check's observed outcome is the expected outcome written in Proofs/")
    func outcomesMatch() throws {
        let catalog = try ClaimCatalog.load(directory: Self.proofs)
        let run = try ClaimRun.reference()
        #expect(Set(run.claims.map(\.id)) == Set(ClaimRegistry.checkedIDs))
        for result in run.claims {
            let claim = try #require(catalog.claim(result.id), "no claim \(result.id) in Proofs/")
            #expect(result.observed == claim.expected.rawValue,
                    """
                    \(result.id) (\(claim.file)): expected \(claim.expected.rawValue), observed \(result.observed) — \(result.evidence)
                    why: \(result.reason ?? "-")
                    replay: swift run -c release triad verify --seed \(run.settings.seed) --cases \(run.settings.cases)
                    """)
        }
    }

    @Test("The parser rejects a claim without an expected line, a malformed id and an unknown outcome")
    func parserRejects() {
        #expect(throws: TriadError.self) { try ClaimCatalog.parse("## T1.GEN.FM1 — x\nno outcome here\n", file: "t.md") }
        #expect(throws: TriadError.self) { try ClaimCatalog.parse("## t1.gen — x\nexpected: holds\n", file: "t.md") }
        #expect(throws: TriadError.self) { try ClaimCatalog.parse("## EQ4.GEN — x\nexpected: maybe\n", file: "t.md") }
        #expect(throws: TriadError.self) { try ClaimCatalog.parse("## EQ4.GEN without dash\nexpected: holds\n", file: "t.md") }
        let ok = try? ClaimCatalog.parse("# title\n\n## EQ4.GEN — bound\nexpected: holds\ntext\n## H.X — y\nexpected: needed\n", file: "t.md")
        #expect(ok?.map(\.id) == ["EQ4.GEN", "H.X"])
        #expect(ok?.map(\.expected) == [.holds, .needed])
    }
}
