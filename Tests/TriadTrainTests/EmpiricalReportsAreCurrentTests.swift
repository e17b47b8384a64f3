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

    @Test("empirical.md states the settings the code now uses, every claim with a verdict under every protocol, every method × data set × protocol with its success rate, and links existing figures")
    func empiricalStructure() throws {
        let text = try Self.committed("empirical.md")
        let plan = Reproduction.standard
        #expect(text.contains(EmpiricalReport.settingsTable(plan)),
                "the settings in Reports/empirical.md are not the code's; \(Self.regenerate)")
        #expect(text.contains("\(plan.experiments.count) runs"), "Reports/empirical.md is not of Reproduction.standard; \(Self.regenerate)")
        for claim in EmpiricalClaim.catalogue {
            let row = text.split(separator: "\n").first { $0.hasPrefix("| \(claim.id) |") }
            #expect(row != nil, "claim \(claim.id) is missing; \(Self.regenerate)")
            if let row {
                // One verdict per protocol.
                let verdicts = row.matches(of: /\*\*(?:not )?confirmed\*\*/).count
                #expect(verdicts == plan.protocols.count, "claim \(claim.id) has \(verdicts) verdicts")
            }
        }
        for m in plan.methods {
            for d in plan.datasets {
                for p in plan.protocols {
                    let n = plan.seeds(for: m).count
                    let row = text.split(separator: "\n").first { $0.hasPrefix("| \(m) | \(d) | \(p) | ") && $0.contains("/\(n) (") }
                    #expect(row != nil, "success-rate row \(m)/\(d)/\(p) over \(n) seeds is missing; \(Self.regenerate)")
                }
            }
        }
        // The two levels: what the objective prefers at each GEDI-objective method's setting, beside training.
        #expect(text.contains("## Two levels: the objective, and training"), "the two-level section is missing; \(Self.regenerate)")
        for m in plan.methods where m.usesGEDIObjective {
            for d in plan.datasets {
                let row = text.split(separator: "\n").first { $0.hasPrefix("| \(m) | ") && $0.contains(" | \(d) | **") }
                #expect(row != nil, "the objective level of \(m) on \(d) is missing; \(Self.regenerate)")
            }
        }
        let links = text.matches(of: /\((figures\/[a-z]+-[a-z]+-(?:clusters|energy)\.svg)\)/).map { String($0.1) }
        #expect(links.count >= plan.methods.count * plan.datasets.count)
        for link in Set(links) {
            let path = Self.root.appendingPathComponent("Reports/\(link)").path
            #expect(FileManager.default.fileExists(atPath: path), "Reports/\(link) is missing; \(Self.regenerate)")
        }
    }

    @Test("stability.md is of WarmStartStability.standard: its warm start, every method × data set over its seeds, each seed's NMI before and after")
    func stabilityStructure() throws {
        let text = try Self.committed("stability.md")
        let plan = WarmStartStability.standard
        let again = "regenerate with: swift run -c release triad stability"
        #expect(text.contains("(\(plan.warmStartSteps) Adam steps"), "the warm start in Reports/stability.md is not the code's; \(again)")
        for m in plan.methods {
            for d in plan.datasets {
                let n = plan.seeds(for: m).count
                let row = text.split(separator: "\n").first { $0.hasPrefix("| \(m) | \(d) | ") && $0.contains("/\(n) (") }
                #expect(row != nil, "row \(m)/\(d) over \(n) seeds is missing; \(again)")
                let perSeed = text.split(separator: "\n").first { $0.hasPrefix("| \(m) | \(d) | ") && $0.contains(" → ") }
                #expect(perSeed.map { $0.components(separatedBy: " → ").count - 1 } == n, "per-seed row \(m)/\(d) lacks seeds; \(again)")
            }
        }
    }

    @Test("A supervised warm start fits the true labels (held-out NMI > 0.9 after 300 steps on moons), then training goes on from there")
    func warmStartFitsTheLabels() throws {
        var c = ExperimentPresets.configuration(.gedi, seed: 5)
        c.iterations = 5
        c.batchSize = 100
        let r = try ToyExperiment(configuration: c, dataset: .moons, testCount: 400, warmStartSteps: 300).run()
        let start = try #require(r.warmStartDiagnosis)
        #expect(start.nmi > 0.9, "NMI after the warm start: \(start.nmi)")
        #expect(r.records.last?.iteration == 5)
        var jem = ExperimentPresets.configuration(.swav, seed: 5)
        jem.iterations = 1
        #expect(throws: TriadError.self, "SwAV's model is more than the network") {
            try ToyExperiment(configuration: jem, dataset: .moons, testCount: 10, warmStartSteps: 1).run()
        }
    }

    /// The fingerprint line committed in `Reports/empirical.md`.
    static func committedFingerprint() throws -> TrainingFingerprint {
        let text = try committed("empirical.md")
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("`steps 1-") }) else {
            Issue.record("Reports/empirical.md has no fingerprint line; \(regenerate)")
            throw TriadError("fingerprint line", "none", "must be in Reports/empirical.md")
        }
        return try TrainingFingerprint(line: String(line.dropFirst().dropLast()))
    }

    @Test("""
        The report's fingerprint (first 10 steps of a 300-step GEDI run) is reproduced within 8 rounding \
        envelopes, measured now by rounding twins (every initial parameter moved by one ulp); NMI within 0.1
        """)
    func fingerprintReproducesWithinRounding() throws {
        let now = try TrainingFingerprint(TrainingFingerprint.experiment.run())
        print("[empirical] fingerprint now: \(now.line)")
        let committed = try Self.committedFingerprint()
        let envelope = try TrainingFingerprint.roundingEnvelope(of: now)
        print("[empirical] rounding envelope by step: "
              + envelope.map { String(format: "%.2g", $0) }.joined(separator: " "))
        let violations = now.violations(against: committed, envelope: envelope)
        #expect(violations.isEmpty, """
            the trainer's numbers changed beyond rounding since Reports/empirical.md was generated:
            \(violations.joined(separator: "\n"))
            fingerprint now: \(now.line); \(Self.regenerate)
            """)
    }

    @Test("The fingerprint run is bit-for-bit deterministic in one binary (every recorded step and the NMI), and its line parses back exactly")
    func fingerprintIsBitExactAcrossRuns() throws {
        let first = try TrainingFingerprint.experiment.run()
        let second = try TrainingFingerprint.experiment.run()
        #expect(first.records.count == TrainingFingerprint.experiment.configuration.iterations)
        for (a, b) in zip(first.records, second.records) {
            #expect(a.iteration == b.iteration && a.loss.bitPattern == b.loss.bitPattern
                    && a.terms == b.terms && a.gradientMagnitude.bitPattern == b.gradientMagnitude.bitPattern,
                    "step \(a.iteration): \(a.loss) vs \(b.loss), \(a.terms) vs \(b.terms)")
        }
        #expect(first.nmi.bitPattern == second.nmi.bitPattern)
        let fingerprint = try TrainingFingerprint(first)
        #expect(try TrainingFingerprint(line: fingerprint.line) == fingerprint)
        #expect(fingerprint == (try TrainingFingerprint(second)))
    }

    @Test("The fingerprint comparison fails a changed number: a step-1 loss moved by 1e-3 and an NMI moved by 0.2 are reported")
    func fingerprintComparisonCanFail() throws {
        var steps = [[Double]](repeating: [1.25, -0.01, -0.69, -0.69, 0.14], count: TrainingFingerprint.horizon)
        let reference = TrainingFingerprint(steps: steps, nmi: 0.1)
        let envelope = [Double](repeating: 1e-6, count: TrainingFingerprint.horizon)
        #expect(reference.violations(against: reference, envelope: envelope).isEmpty)
        steps[0][0] += 1e-3
        let changed = TrainingFingerprint(steps: steps, nmi: 0.3)
        let violations = reference.violations(against: changed, envelope: envelope)
        #expect(violations.count == 2 && violations[0].hasPrefix("step 1 loss") && violations[1].hasPrefix("NMI"))
        #expect(throws: TriadError.self) { try TrainingFingerprint(line: "losses 100: 0.1") }
    }

    @Test("sweep.md lists every candidate of Sweep.standard once, with a success rate per data set over the seeds of its rung, and its winner is the setting the presets use")
    func sweepIsCurrent() throws {
        let text = try Self.committed("sweep.md")
        let again = "regenerate with: swift run -c release triad sweep"
        let sweep = Sweep.standard
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains(" (") && $0.contains("%, ") }
        var listed: [String] = []
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let rung = Int(cells[0]), (1...sweep.rungs.count).contains(rung) else {
                Issue.record("row without a rung: \(row)")
                continue
            }
            listed.append(cells[1].replacingOccurrences(of: " **←**", with: ""))
            for k in sweep.datasets.indices {
                #expect(cells[2 + k].contains("/\(sweep.rungs[rung - 1].seeds) ("),
                        "row \(cells[1]) of rung \(rung) is not over \(sweep.rungs[rung - 1].seeds) seeds; \(again)")
            }
        }
        #expect(listed.sorted() == sweep.candidates.map(\.overrides.description).sorted(),
                "Reports/sweep.md was made from another candidate list; \(again)")
        #expect(text.contains("(\(sweep.runCount) runs in all)"), "Reports/sweep.md is not of Sweep.standard; \(again)")
        #expect(text.contains("**Winner**: \(ExperimentPresets.chosen) ("), "the sweep's winner is not ExperimentPresets.chosen (\(ExperimentPresets.chosen))")
        #expect(text.contains("`triad reproduce` trains GEDI and its ablations with the winner"), "Reports/sweep.md is not of this code's render; \(again)")
    }
}
