import Foundation
import Testing
import TriadTrain
@testable import triad

/// `triad bench`'s output on a tiny run (3 timed steps, 20-step training runs, a short peak loop):
/// the keys scripts read, and parts that are the step's own phases.
@Suite("Bench output")
struct BenchOutputTests {
    /// One tiny run shared by the tests (its peak loops and training runs take a few seconds).
    static let tiny = Result { try StepBenchmark.run(repeats: 3, warmup: 1, trainingIterations: 20, peakIterations: 2_000) }
    static func tinyRun() throws -> StepBenchmark.Result { try tiny.get() }

    @Test("--json keeps gedi_step_ms, nogen_step_ms and gflops, and adds peak_gflops and isa (the unit used)")
    func jsonKeys() throws {
        let r = try Self.tinyRun()
        let text = try BenchCommand.jsonText(r)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        for key in ["gedi_step_ms", "nogen_step_ms", "gflops", "peak_gflops", "widest_peak_gflops", "parts_sum_ms",
                    "rest_ms", "runs_per_hour_1_workers", "runs_per_hour_2_workers", "part_objective_ms",
                    "part_method_rest_ms"] {
            let value = object[key] as? Double
            #expect(value.map { $0.isFinite } == true, "\(key) = \(String(describing: object[key]))")
        }
        #expect(object["isa"] as? String == KernelISA.selected.rawValue)
        #expect(object["widest_isa"] as? String == KernelISA.widest.rawValue)
        #expect(object["pytorch_reference_ms"] == nil && object["speedup_vs_pytorch"] == nil,
                "a figure measured on another machine is not this machine's comparison")
    }

    @Test("The parts are the GEDI step's phases: every phase but the unmarked rest was timed, and the text names the rest")
    func partsAreThePhases() throws {
        let r = try Self.tinyRun()
        for phase in StepPhase.allCases where phase != .methodRest && phase != .record {
            #expect(r.phase(phase) > 0, "\(phase) was not timed")
        }
        #expect(abs(r.phaseSum - StepPhase.allCases.map(r.phase).reduce(0, +)) < 1e-12)
        #expect(Set(r.peaks.keys) == Set(KernelISA.allCases.filter(\.isSupported)))
        #expect(r.runsPerHour[1].map { $0 > 0 } == true && r.runsPerHour[2].map { $0 > 0 } == true)
        let text = BenchCommand.text(r, warmup: 1)
        for fragment in ["sum of the parts", "rest (between the marks)", "peak of \(r.isa.rawValue)", "per hour on 1 worker"] {
            #expect(text.contains(fragment), "missing '\(fragment)'")
        }
        #expect(!text.contains("PyTorch"))
    }
}
