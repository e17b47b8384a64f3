import Foundation
import TriadCore

/// The claims of `Proofs/*.md`, parsed: a claim is a level-2 heading `## <ID> — <title>` followed,
/// in its section, by a line `expected: <outcome>`.
public struct ClaimCatalog: Sendable {
    public let claims: [Claim]

    /// Parses one Markdown file's text. Throws ``TriadError`` on a heading with a malformed id, a claim
    /// without (or with an unknown) `expected:` line, or an id stated twice.
    public static func parse(_ text: String, file: String) throws -> [Claim] {
        var claims: [Claim] = []
        var current: (id: String, title: String)? = nil
        var expected: Claim.Outcome? = nil
        func close() throws {
            guard let c = current else { return }
            guard let e = expected else {
                throw TriadError("claim \(c.id) in \(file)", "no expected line", "must have a line 'expected: <\(Claim.Outcome.allCases.map(\.rawValue).joined(separator: "|"))>'")
            }
            claims.append(Claim(id: c.id, title: c.title, expected: e, file: file))
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                try close()
                let heading = line.dropFirst(3)
                guard let dash = heading.range(of: " — ") else {
                    throw TriadError("claim heading in \(file)", "'\(line)'", "must read '## <ID> — <title>'")
                }
                let id = String(heading[..<dash.lowerBound])
                try require(id.range(of: "^[A-Z][A-Z0-9]*(\\.[A-Z0-9]+)*$", options: .regularExpression) != nil,
                            "claim id in \(file)", "'\(id)'", "must be dot-separated upper-case words, e.g. T1.GEN.FM1")
                current = (id, String(heading[dash.upperBound...]))
                expected = nil
            } else if current != nil, expected == nil, line.hasPrefix("expected:") {
                let word = line.dropFirst("expected:".count).trimmingCharacters(in: .whitespaces)
                guard let outcome = Claim.Outcome(rawValue: word) else {
                    throw TriadError("expected outcome of \(current!.id) in \(file)", "'\(word)'",
                                     "must be one of \(Claim.Outcome.allCases.map(\.rawValue))")
                }
                expected = outcome
            }
        }
        try close()
        return claims
    }

    /// Loads every `*.md` of `directory` (except README.md), sorted by file name.
    public static func load(directory: String) throws -> ClaimCatalog {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
        } catch {
            throw TriadError("Proofs directory", directory, "must exist and be readable")
        }
        var claims: [Claim] = []
        for f in files {
            let text = try String(contentsOfFile: directory + "/" + f, encoding: .utf8)
            claims += try parse(text, file: f)
        }
        var seen: Set<String> = []
        for c in claims { try require(seen.insert(c.id).inserted, "claim id", c.id, "must be stated once in Proofs/") }
        return ClaimCatalog(claims: claims)
    }

    /// The claim with this id.
    public func claim(_ id: String) -> Claim? { claims.first { $0.id == id } }
}
