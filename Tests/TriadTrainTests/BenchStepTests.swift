import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

@Suite("Bench")
struct BenchStepTests {
    @Test("The benchmark's analytic FLOP count: 2·in·out per row per pass, ≈ 91.2 MFLOP per GEDI step")
    func flopCountByHand() {
        // Backbone 2-100-100-2: 2·(2·100 + 100·100 + 100·2) = 20 800 per row forward.
        #expect(StepBenchmark.forwardFLOPs([2, 100, 100, 2], rows: 1) == 20_800)
        // Parameters only: every layer's weight gradient, input gradients of layers 2 and 3.
        #expect(StepBenchmark.backwardFLOPs([2, 100, 100, 2], rows: 1, parameters: true, input: false)
                == 20_800 + 2 * (100 * 100 + 100 * 2))
        #expect(StepBenchmark.backwardFLOPs([2, 100, 100, 2], rows: 1, parameters: false, input: true) == 20_800)
        // Projector 2-4-2: 32 per row and pass.
        #expect(StepBenchmark.forwardFLOPs([2, 4, 2], rows: 10) == 320)
        // One GEDI step: 1200 rows forward + parameter backward (projector input gradient always),
        // plus SGLD on 400 rows (forward + input backward).
        let train = 1200.0 * (20_800 + 32 + 20_800 + 20_400 + 32 + 32)
        let sgld = 400.0 * (20_800 + 32 + 20_800 + 32)
        #expect(abs((train + sgld) / 1e6 - 91.18) < 0.01)
    }

    @Test("The peak loop of every unit this CPU has measures a positive, finite rate", arguments: KernelTests.units)
    func peakIsPositive(isa: KernelISA) {
        let peak = PeakThroughput.measure(isa, iterations: 2_000)
        #expect(peak.isFinite && peak > 0, "\(isa): \(peak)")
    }
}
