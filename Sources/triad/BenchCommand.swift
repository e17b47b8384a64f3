import Foundation
import TriadTrain

/// `triad bench`: times one GEDI training step at its real size and its parts (release builds
/// only are meaningful), the peak of the vector unit used and of the widest one present, and how
/// many full training runs an hour takes on 1 and 2 workers.
enum BenchCommand: Command {
    static let name = "bench"
    static let summary = "time one GEDI training step, its parts, the vector units' peaks and runs per hour (release builds only are meaningful)"

    // The timings of all repeats are kept (for the median); a step takes ~1.5 ms, so a million
    // repeats is about half an hour.
    static let repeats = Option("repeats", "N", "timed steps per measurement (the median is printed)",
                                .integer(1...1_000_000, limit: "every timing is kept; ~1.5 ms per step"), default: 200)
    static let warmup = Option("warmup", "N", "untimed steps before each measurement",
                               .integer(0...1_000_000, limit: "~1.5 ms per step"), default: 50)
    static let isa = Option<KernelISA>("isa", "UNIT", "the vector unit of the matrix products (default: TRIAD_ISA, else the widest this CPU has)",
                            .choice, defaultText: KernelISA.selected.rawValue)
    static let trainingIterations = Option(
        "training-iterations", "K", "steps of each full training run timed for runs per hour (0: skip)",
        .integer(0...1_000_000, limit: "one run of 7000 steps takes ~10 s"), default: 7_000)
    static let json = Flag("json", "print one JSON object instead of text")
    static let options: [any OptionDeclaration] = [repeats, warmup, isa, trainingIterations, json]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let warmup = arguments.value(Self.warmup)
        let unit = arguments.given(Self.isa) ?? .selected
        let r = try StepBenchmark.run(repeats: arguments.value(Self.repeats), warmup: warmup, isa: unit,
                                      trainingIterations: arguments.value(Self.trainingIterations))
        if arguments.isSet(Self.json) {
            print(try jsonText(r))
        } else {
            print(text(r, warmup: warmup))
        }
        return 0
    }

    static func jsonText(_ r: StepBenchmark.Result) throws -> String {
        var object: [String: Any] = [
            "gedi_step_ms": r.gediStep, "nogen_step_ms": r.noGenStep, "gedi_step_ms_2_threads": r.gediStepTwoThreads,
            "gflops": r.gediGFLOPS, "nogen_gflops": r.noGenGFLOPS, "forward_gflops": r.forwardGFLOPS,
            "backward_gflops": r.backwardGFLOPS, "sgld_gflops": r.samplingGFLOPS,
            "gedi_mflop": r.gediMFLOP, "nogen_mflop": r.noGenMFLOP,
            "isa": r.isa.rawValue, "widest_isa": r.widestISA.rawValue,
            "peak_gflops": r.peakGFLOPS, "widest_peak_gflops": r.widestPeakGFLOPS,
            "peak_fraction": r.gediGFLOPS / r.peakGFLOPS, "widest_peak_fraction": r.gediGFLOPS / r.widestPeakGFLOPS,
            "parts_sum_ms": r.phaseSum, "rest_ms": r.rest, "repeats": r.repeats, "threads": 1,
            "training_iterations": r.trainingIterations,
        ]
        for p in StepPhase.allCases { object["part_\(p.key)_ms"] = r.phase(p) }
        for (unit, peak) in r.peaks { object["peak_gflops_\(unit.rawValue)"] = peak }
        for (workers, rate) in r.runsPerHour { object["runs_per_hour_\(workers)_workers"] = rate }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func text(_ r: StepBenchmark.Result, warmup: Int) -> String {
        func line(_ label: String, _ ms: Double, _ gflops: Double? = nil) -> String {
            let rate = gflops.map { String(format: "%6.1f GFLOP/s", $0) } ?? ""
            return label.padding(toLength: 46, withPad: " ", startingAt: 0) + String(format: "%7.3f ms  ", ms) + rate
        }
        var out: [String] = []
        out.append("GEDI toy step, Float, 1 thread, \(r.isa) kernels: batch 400, backbone 2-100-100-2, projector 2-4-2, C = 2")
        out.append("median of \(r.repeats) after \(warmup) warm-up steps; FLOPs counted analytically (useful work only)")
        out.append(line(String(format: "GEDI step (%.1f MFLOP)", r.gediMFLOP), r.gediStep, r.gediGFLOPS))
        out.append("  its parts (medians of the phases of the same step, timed with the profile on):")
        for p in StepPhase.allCases {
            let rate: Double? = switch p {
            case .forward: r.forwardGFLOPS
            case .backward: r.backwardGFLOPS
            case .sampling: r.samplingGFLOPS
            default: nil
            }
            out.append(line("    " + p.description, r.phase(p), rate))
        }
        out.append(line("    sum of the parts", r.phaseSum))
        out.append(line("    rest (between the marks)", r.rest)
                   + String(format: "  %+.1f%% of the step", 100 * r.rest / r.gediStep))
        out.append(line(String(format: "no-gen step (%.1f MFLOP)", r.noGenMFLOP), r.noGenStep, r.noGenGFLOPS))
        out.append(line("GEDI step, 2 threads (bit-identical results)", r.gediStepTwoThreads, r.gediMFLOP / r.gediStepTwoThreads))
        for unit in KernelISA.allCases {
            guard let peak = r.peaks[unit] else { continue }
            let role = [unit == r.isa ? "used" : nil, unit == r.widestISA ? "widest present" : nil].compactMap { $0 }
            out.append(String(format: "peak of %@ (%d lanes, register-only multiply-add loop): %6.1f GFLOP/s%@",
                              unit.rawValue, unit.lanes, peak, role.isEmpty ? "" : " — " + role.joined(separator: ", ")))
        }
        out.append(String(format: "GEDI step at %.0f%% of the used unit's peak, %.0f%% of the widest unit's",
                          100 * r.gediGFLOPS / r.peakGFLOPS, 100 * r.gediGFLOPS / r.widestPeakGFLOPS))
        if let one = r.runsPerHour[1], let two = r.runsPerHour[2] {
            out.append(String(format: "full training runs (GEDI preset, moons, %d steps, evaluation included): %.0f per hour on 1 worker, %.0f on 2",
                              r.trainingIterations, one, two))
        }
        return out.joined(separator: "\n")
    }
}
