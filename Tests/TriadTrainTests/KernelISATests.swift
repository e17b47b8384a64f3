import Foundation
import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

/// How the trainer chooses its vector unit: the CPU's flags, the `TRIAD_ISA` override, the errors.
@Suite("Kernel ISA")
struct KernelISATests {
    static let avx2Flags = "fpu sse sse2 avx avx2 fma bmi1 bmi2 abm movbe f16c"
    static let avx512Flags = avx2Flags + " avx512f avx512cd avx512bw avx512dq avx512vl"

    @Test("The flags line of /proc/cpuinfo is read; the widest unit whose every flag is present wins")
    func widestFollowsTheFlags() {
        let cpuinfo = { (flags: String) in "processor\t: 0\nmodel name\t: Test CPU\nflags\t\t: \(flags)\nbugs\t\t: none\n" }
        let none = CPUFeatures(cpuinfo: "processor : 0\n")
        #expect(none.flags.isEmpty)
        #expect(KernelISA.widest(for: none) == .portable)
        #expect(KernelISA.widest(for: CPUFeatures(cpuinfo: cpuinfo("fpu sse sse2"))) == .portable)
        #if arch(x86_64)
        #expect(KernelISA.widest(for: CPUFeatures(cpuinfo: cpuinfo(Self.avx2Flags))) == .avx2)
        #expect(KernelISA.widest(for: CPUFeatures(cpuinfo: cpuinfo(Self.avx512Flags))) == .avx512)
        // One flag missing drops the unit: AVX2 without FMA is not the FMA kernel's CPU, and
        // AVX-512F alone (Knights Landing has no BW/DQ/VL) is not skylake-avx512's.
        #expect(KernelISA.widest(for: CPUFeatures(cpuinfo: cpuinfo(Self.avx2Flags.replacingOccurrences(of: " fma", with: "")))) == .portable)
        #expect(KernelISA.widest(for: CPUFeatures(cpuinfo: cpuinfo(Self.avx2Flags + " avx512f avx512cd"))) == .avx2)
        #endif
    }

    @Test("TRIAD_ISA: unset or empty means the widest unit; a name that is no unit is refused with the value")
    func environmentOverride() throws {
        #expect(try KernelISA.fromEnvironment([:]) == nil)
        #expect(try KernelISA.fromEnvironment(["TRIAD_ISA": ""]) == nil)
        #expect(try KernelISA.fromEnvironment(["TRIAD_ISA": "portable"]) == .portable)
        expectRejection(["invalid TRIAD_ISA = AVX2", "must be one of avx512, avx2, portable"]) {
            _ = try KernelISA.fromEnvironment(["TRIAD_ISA": "AVX2"])
        }
        for unit in KernelISA.allCases where !unit.isSupported {
            expectRejection(["invalid kernel instruction set = \(unit.rawValue)"]) {
                _ = try KernelISA.fromEnvironment(["TRIAD_ISA": unit.rawValue])
            }
        }
    }

    @Test("TRIAD_ISA, when set for this test run, names a unit this CPU has (else every run would silently use the widest)")
    func environmentOfThisRunIsUsable() {
        #expect(throws: Never.self) { _ = try KernelISA.fromEnvironment() }
        #expect(KernelISA.selected.isSupported)
        #expect(KernelISA.widest.isSupported)
    }

    @Test("Training runs bit-identically on every fused unit this CPU has (AVX-512 and AVX2: the same sums, only wider)")
    func fusedUnitsTrainIdentically() throws {
        let units = KernelISA.allCases.filter { $0.isSupported && $0 != .portable }
        var weights: [[Float]] = []
        for unit in units {
            var config = TrainingConfiguration(iterations: 30, seed: 7)
            config.recordEvery = 0
            config.kernelISA = unit
            var random = TriadRandom(seed: 7)
            var data = try ToyDataSplit(.moons, batchSize: config.batchSize, testCount: 2, using: &random)
            let trainer = try Trainer(configuration: config, box: ToyDataKind.moons.boundingBox, random: &random)
            _ = try trainer.train(source: &data)
            weights.append(trainer.network.flattenedParameters)
        }
        for (unit, w) in zip(units.dropFirst(), weights.dropFirst()) {
            #expect(w.map(\.bitPattern) == weights[0].map(\.bitPattern), "\(unit) differs from \(units[0]) after 30 GEDI steps")
        }
    }

    @Test("The step profile changes no result, and times every phase of a GEDI step")
    func profileIsPassive() throws {
        func run(profiled: Bool) throws -> ([Float], StepProfile?) {
            var config = TrainingConfiguration(iterations: 20, seed: 9)
            config.recordEvery = 5
            var random = TriadRandom(seed: 9)
            var data = try ToyDataSplit(.circles, batchSize: config.batchSize, testCount: 2, using: &random)
            let trainer = try Trainer(configuration: config, box: ToyDataKind.circles.boundingBox, random: &random)
            let profile = profiled ? StepProfile() : nil
            trainer.profile = profile
            _ = try trainer.train(source: &data)
            return (trainer.network.flattenedParameters, profile)
        }
        let (plain, _) = try run(profiled: false)
        let (timed, profile) = try run(profiled: true)
        #expect(plain.map(\.bitPattern) == timed.map(\.bitPattern))
        let steps = profile?.steps ?? []
        #expect(steps.count == 20)
        for phase in StepPhase.allCases where phase != .methodRest {
            // Every GEDI phase runs on every step (the record on every 5th): its time is > 0.
            let timedSteps = steps.filter { $0[phase.rawValue] > 0 }.count
            #expect(timedSteps >= (phase == .record ? 4 : 20), "\(phase): timed on \(timedSteps) of 20 steps")
        }
    }
}
