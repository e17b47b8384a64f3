import Foundation
import TriadTrain

/// `triad bench`: times one GEDI training step at its real size and its parts (release builds
/// only are meaningful), with the achieved GFLOP/s and this machine's register-only peak.
enum BenchCommand: Command {
    static let name = "bench"
    static let summary = "time one GEDI training step and its parts (--json, --repeats N, --warmup N)"
    static let valuedOptions: Set<String> = ["repeats", "warmup"]

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let json = arguments.flag("json")
        let repeats = try arguments.value("repeats", default: 200, "an integer >= 1") { Int($0).flatMap { $0 >= 1 ? $0 : nil } }
        let warmup = try arguments.value("warmup", default: 50, "an integer >= 0") { Int($0).flatMap { $0 >= 0 ? $0 : nil } }
        try arguments.rejectUnknown()
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
