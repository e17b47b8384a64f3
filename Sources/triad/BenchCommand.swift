import Foundation
import TriadTrain

/// `triad bench`: times one GEDI training step at its real size and its parts (release builds
/// only are meaningful), with the achieved GFLOP/s and this machine's register-only peak.
enum BenchCommand: Command {
    static let name = "bench"
    static let summary = "time one GEDI training step and its parts (release builds only are meaningful)"

    // The timings of all repeats are kept (for the median); a step takes ~2 ms, so a million
    // repeats is over half an hour.
    static let repeats = Option("repeats", "N", "timed steps per measurement (the median is printed)",
                                .integer(1...1_000_000, limit: "every timing is kept; ~2 ms per step"), default: 200)
    static let warmup = Option("warmup", "N", "untimed steps before each measurement",
                               .integer(0...1_000_000, limit: "~2 ms per step"), default: 50)
    static let json = Flag("json", "print one JSON object instead of text")
    static let options: [any OptionDeclaration] = [repeats, warmup, json]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let json = arguments.isSet(Self.json), repeats = arguments.value(Self.repeats), warmup = arguments.value(Self.warmup)
        let r = try StepBenchmark.run(repeats: repeats, warmup: warmup)
        let reference = StepBenchmark.pytorchReferenceMilliseconds
        if json {
            let object: [String: Any] = [
                "gedi_step_ms": r.gediStep, "nogen_step_ms": r.noGenStep, "gedi_step_ms_2_threads": r.gediStepTwoThreads, "gflops": r.gediGFLOPS,
                "nogen_gflops": r.noGenGFLOPS, "forward_ms": r.forward, "forward_gflops": r.forwardGFLOPS,
                "backward_ms": r.backward, "backward_gflops": r.backwardGFLOPS, "sgld_ms": r.sampling,
                "sgld_gflops": r.samplingGFLOPS, "objective_ms": r.objective, "adam_ms": r.optimizer,
                "gedi_mflop": r.gediMFLOP, "nogen_mflop": r.noGenMFLOP, "peak_gflops": r.peakGFLOPS,
                "peak_fraction": r.gediGFLOPS / r.peakGFLOPS, "pytorch_reference_ms": reference,
                "speedup_vs_pytorch": reference / r.gediStep, "repeats": r.repeats, "threads": 1,
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return 0
        }
        func line(_ label: String, _ ms: Double, _ gflops: Double?) -> String {
            let rate = gflops.map { String(format: "%6.1f GFLOP/s", $0) } ?? ""
            return label.padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: "%7.3f ms  ", ms) + rate
        }
        print("GEDI toy step, Float, 1 thread: batch 400, backbone 2-100-100-2, projector 2-4-2, C = 2")
        print("median of \(r.repeats) after \(warmup) warm-up steps; FLOPs counted analytically (useful work only)")
        print(line(String(format: "GEDI step (%.1f MFLOP)", r.gediMFLOP), r.gediStep, r.gediGFLOPS))
        print(line(String(format: "  forward, 1200 rows (%.1f MFLOP)", r.forwardMFLOP), r.forward, r.forwardGFLOPS))
        print(line(String(format: "  backward, 1200 rows (%.1f MFLOP)", r.backwardMFLOP), r.backward, r.backwardGFLOPS))
        print(line(String(format: "  SGLD, 400 samples x 1 step (%.1f MFLOP)", r.samplingMFLOP), r.sampling, r.samplingGFLOPS))
        print(line("  objective gradient (TriadCore terms)", r.objective, nil))
        print(line("  Adam", r.optimizer, nil))
        print(line(String(format: "no-gen step (%.1f MFLOP)", r.noGenMFLOP), r.noGenStep, r.noGenGFLOPS))
        print(line("GEDI step, 2 threads (bit-identical results)", r.gediStepTwoThreads, r.gediMFLOP / r.gediStepTwoThreads))
        print(String(format: "peak (register-only multiply-add loop): %.1f GFLOP/s; GEDI step at %.0f%% of peak",
                     r.peakGFLOPS, 100 * r.gediGFLOPS / r.peakGFLOPS))
        print(String(format: "PyTorch CPU reference %.1f ms/step: %.1fx faster", reference, reference / r.gediStep))
        return 0
    }
}
