import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

@Suite("Sampling")
struct SamplingTests {
    static func network(_ random: inout TriadRandom) throws -> Network<Double> {
        try Network<Double>.pytorchDefault(backboneWidths: [2, 8, 8, 2], temperature: 0.1, random: &random)
    }

    static let box = try! BoundingBox(lower: [-1, -2], upper: [3, 1])

    @Test("Clamped SGLD keeps every sample in the box even with a huge step; unconstrained chains leave it")
    func clampKeepsSamplesInBox() throws {
        var random = TestSeed.generator("Sampling/clampKeepsSamplesInBox", default: 31)
        let net = try Self.network(&random)
        let workspace = NetworkWorkspace(for: net)
        workspace.load(net)
        var escaped = 0
        for boundary in [LangevinConfiguration.Boundary.clamp, .none] {
            let config = LangevinConfiguration(stepSize: 100, noise: 1, steps: 5, bufferSize: 50, boundary: boundary)
            var sampler = try LangevinSampler<Double>(configuration: config, box: Self.box, inputDimension: 2,
                                                      random: &random)
            let samples = sampler.sample(count: 40, workspace: workspace, head: net.head, random: &random)
            let outside = (0..<samples.rows).filter { !Self.box.contains(samples.row($0)) }.count
            if boundary == .clamp {
                #expect(outside == 0)
                for i in 0..<sampler.buffer.capacity { #expect(Self.box.contains(sampler.buffer.points.row(i))) }
            } else {
                escaped = outside
            }
        }
        #expect(escaped > 0, "the unconstrained run must leave the box, or the clamp check proves nothing")
    }

    @Test("A small noiseless SGLD step raises -E(x) = LSE_y l_y(x) at every sample (the drift ascends)")
    func driftAscendsNegativeEnergy() throws {
        var random = TestSeed.generator("Sampling/driftAscendsNegativeEnergy", default: 32)
        let net = try Self.network(&random)
        let workspace = NetworkWorkspace(for: net)
        workspace.load(net)
        let config = LangevinConfiguration(stepSize: 1e-4, noise: 0, steps: 1, bufferSize: 30, reinitialization: 0)
        var sampler = try LangevinSampler<Double>(configuration: config, box: Self.box, inputDimension: 2,
                                                  random: &random)
        let before = sampler.buffer.points
        let samples = sampler.sample(count: 30, workspace: workspace, head: net.head, random: &random)
        // With no noise and no re-initialisation, every drawn index starts at its buffer point and
        // is written back moved by alpha · ∇LSE (repeated draws of an index end at the same point),
        // so each moved buffer row is one sample's start and end.
        let e0 = rowLogSumExp(net.logits(before)), e1 = rowLogSumExp(net.logits(sampler.buffer.points))
        var raised = 0, moved = 0
        for i in 0..<before.rows where before.row(i) != sampler.buffer.points.row(i) {
            moved += 1
            // First order: LSE(x + a g) - LSE(x) = a |g|² + O(a²) > 0.
            if e1[i] > e0[i] { raised += 1 }
        }
        #expect(samples.rows == 30)
        #expect(moved > 0)
        #expect(raised == moved)
    }

    @Test("Replay buffer: re-init probability 1 draws fresh box points, 0 draws buffer points; write-back stores samples")
    func bufferDrawAndWriteBack() throws {
        var random = TestSeed.generator("Sampling/bufferDrawAndWriteBack", default: 33)
        var buffer = try ReplayBuffer<Double>(capacity: 20, box: Self.box, random: &random)
        var out = [Double](repeating: 0, count: 10 * 2)
        let stored = Set((0..<buffer.capacity).map { buffer.points.row($0) })
        let fresh = out.withUnsafeMutableBufferPointer {
            buffer.draw(count: 10, reinitialization: 1, into: $0.baseAddress!, stride: 2, random: &random)
        }
        #expect(fresh.count == 10)
        for i in 0..<10 {
            let p = [out[2 * i], out[2 * i + 1]]
            #expect(Self.box.contains(p))
            #expect(!stored.contains(p))
        }
        let kept = out.withUnsafeMutableBufferPointer {
            buffer.draw(count: 10, reinitialization: 0, into: $0.baseAddress!, stride: 2, random: &random)
        }
        for (i, index) in kept.enumerated() { #expect([out[2 * i], out[2 * i + 1]] == buffer.points.row(index)) }
        let samples = (0..<20).map { Double($0) + 100 }
        samples.withUnsafeBufferPointer { buffer.writeBack(indices: kept, from: $0.baseAddress!, stride: 2) }
        // The last occurrence of an index wins.
        for (i, index) in kept.enumerated() where kept.lastIndex(of: index) == i {
            #expect(buffer.points.row(index) == [samples[2 * i], samples[2 * i + 1]])
        }
    }

    @Test("Invalid sampler settings throw TriadError")
    func invalidSettingsThrow() {
        for bad in [LangevinConfiguration(stepSize: -1), LangevinConfiguration(noise: .nan),
                    LangevinConfiguration(steps: 0), LangevinConfiguration(bufferSize: 0),
                    LangevinConfiguration(reinitialization: 1.5), LangevinConfiguration(sampleCount: 0)] {
            #expect(throws: TriadError.self) { try bad.validate() }
        }
    }
}
