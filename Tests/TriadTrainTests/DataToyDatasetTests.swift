import Glibc
import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

@Suite("Data: toy data sets (moons, circles), held-out split, bounding box")
struct DataToyDatasetTests {
    /// Undoes scale and shift: the unscaled coordinates of point `i`.
    static func unscaled(_ d: ToyDataset, _ i: Int) -> (x: Double, y: Double) {
        ((d.points[i, 0] - d.kind.shift.x) / d.kind.scale, (d.points[i, 1] - d.kind.shift.y) / d.kind.scale)
    }

    @Test("noise-free moons lie on their half circles: label 0 upper, centre (0,0); label 1 lower, centre (1,0.5)")
    func moonsOnTheirHalfCircles() throws {
        var rng = TestSeed.generator("moonsOnTheirHalfCircles", default: 51)
        let d = try ToyDataset.make(.moons, count: 101, noise: 0, using: &rng)
        #expect(d.labels.filter { $0 == 0 }.count == 50)
        #expect(d.labels.filter { $0 == 1 }.count == 51)
        for i in 0..<d.count {
            let p = Self.unscaled(d, i)
            // Scale 2 and shift undone: a few ulps of 2.
            let tol = 1e-14
            if d.labels[i] == 0 {
                #expect(abs(hypot(p.x, p.y) - 1) < tol && p.y >= -tol)
            } else {
                #expect(abs(hypot(p.x - 1, p.y - 0.5) - 1) < tol && p.y <= 0.5 + tol)
            }
        }
    }

    @Test("noise-free circles have radii 3 and 1.5 after scaling ×3")
    func circlesRadii() throws {
        var rng = TestSeed.generator("circlesRadii", default: 52)
        let d = try ToyDataset.make(.circles, count: 80, noise: 0, using: &rng)
        for i in 0..<d.count {
            let r = hypot(d.points[i, 0], d.points[i, 1])
            #expect(abs(r - (d.labels[i] == 0 ? 3 : 1.5)) < 1e-14)
        }
    }

    @Test("evenly spaced positions are scikit-learn's linspace: end point included for moons, excluded for circles")
    func evenlySpacedIsLinspace() throws {
        var rng = TestSeed.generator("evenlySpacedIsLinspace", default: 53)
        for (kind, m) in [(ToyDataKind.moons, 9), (.circles, 12)] {
            let d = try ToyDataset.make(kind, count: 2 * m, noise: 0, using: &rng)
            let angles = (0..<d.count).filter { d.labels[$0] == 0 }.map { i -> Double in
                let p = Self.unscaled(d, i)
                let a = atan2(p.y, p.x)
                return a < -1e-12 ? a + 2 * Double.pi : max(a, 0)
            }.sorted()
            let step = kind == .moons ? Double.pi / Double(m - 1) : 2 * Double.pi / Double(m)
            for (j, a) in angles.enumerated() {
                #expect(abs(a - Double(j) * step) < 1e-12, "\(kind) point \(j): angle \(a)")
            }
        }
    }

    @Test("the noise is Gaussian with standard deviation noise × scale in final coordinates (0.2 moons, 0.24 circles)")
    func noiseScale() throws {
        var rng = TestSeed.generator("noiseScale", default: 54)
        for kind in ToyDataKind.allCases {
            // Same seed: the shuffle consumes the same draws, so the two samples differ by the noise alone.
            var r1 = rng.split()
            var r2 = r1
            let clean = try ToyDataset.make(kind, count: 4000, noise: 0, using: &r1)
            let noisy = try ToyDataset.make(kind, count: 4000, using: &r2)
            #expect(clean.labels == noisy.labels)
            let diffs = zip(clean.points.storage, noisy.points.storage).map { $1 - $0 }
            let mean = diffs.reduce(0, +) / Double(diffs.count)
            let sd = (diffs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(diffs.count)).squareRoot()
            let sigma = kind.noise * kind.scale
            // 8000 draws: standard errors sigma/89 for the mean and sigma/126 for the sd; 5 of each.
            print("[noiseScale.\(kind)] mean \(mean), sd \(sd), expected sd \(sigma)")
            #expect(abs(mean) < 5 * sigma / 89)
            #expect(abs(sd - sigma) < 5 * sigma / 126)
        }
    }

    @Test("the same seed replays the same data set; another seed gives another")
    func determinism() throws {
        var a = TriadRandom(seed: 7), b = TriadRandom(seed: 7), c = TriadRandom(seed: 8)
        let da = try ToyDataset.make(.moons, count: 50, using: &a)
        let db = try ToyDataset.make(.moons, count: 50, using: &b)
        let dc = try ToyDataset.make(.moons, count: 50, using: &c)
        #expect(da == db)
        #expect(da.points != dc.points)
    }

    @Test("the documented bounding boxes hold their values and cover all but a tiny fraction of the data")
    func boundingBoxCoversData() throws {
        #expect(ToyDataKind.moons.boundingBox.lower.enumerated().allSatisfy { abs($1 - [-3.8, -2.0][$0]) < 1e-12 })
        #expect(ToyDataKind.moons.boundingBox.upper.enumerated().allSatisfy { abs($1 - [3.8, 2.6][$0]) < 1e-12 })
        #expect(ToyDataKind.circles.boundingBox.upper.allSatisfy { abs($0 - 3.96) < 1e-12 })
        var rng = TestSeed.generator("boundingBoxCoversData", default: 55)
        for kind in ToyDataKind.allCases {
            let d = try ToyDataset.make(kind, count: 20000, positions: .uniform, using: &rng)
            let outside = (0..<d.count).filter { !kind.boundingBox.contains(d.points.row($0)) }.count
            // Per coordinate the chance to pass the 4σ margin is at most 3.2e-5: expect ~1 of 20 000.
            print("[boundingBoxCoversData.\(kind)] \(outside) of 20000 outside \(kind.boundingBox)")
            #expect(outside <= 20)
        }
    }

    @Test("uniform positions stay in the parameter range and spread over it (mean near the midpoint)")
    func uniformPositions() throws {
        var rng = TestSeed.generator("uniformPositions", default: 56)
        let d = try ToyDataset.make(.moons, count: 2000, positions: .uniform, noise: 0, using: &rng)
        var sum = 0.0
        var count = 0
        for i in 0..<d.count where d.labels[i] == 0 {
            let p = Self.unscaled(d, i)
            let t = atan2(p.y, p.x)
            #expect(t >= -1e-12 && t <= Double.pi + 1e-12)
            sum += t
            count += 1
        }
        // Mean of 1000 uniforms on [0, π]: sd π/sqrt(12 · 1000) ≈ 0.029; 5 sd.
        #expect(abs(sum / Double(count) - Double.pi / 2) < 0.15)
    }

    @Test("the split's test set does not depend on how many training batches are drawn, and batches are fresh")
    func splitIndependence() throws {
        var r1 = TestSeed.generator("splitIndependence", default: 57)
        var r2 = r1
        var s1 = try ToyDataSplit(.circles, batchSize: 40, testCount: 100, using: &r1)
        let s2 = try ToyDataSplit(.circles, batchSize: 40, testCount: 100, using: &r2)
        let b1 = s1.nextBatch(), b2 = s1.nextBatch()
        #expect(s1.test == s2.test)
        #expect(b1.count == 40 && s1.test.count == 100)
        #expect(b1.points != b2.points)
        #expect(r1.next() == r2.next())  // both callers' generators advanced by the same two draws
    }

    @Test("box sampling stays inside the box; clamping maps into it and fixes inside points")
    func boxSamplingAndClamp() throws {
        var rng = TestSeed.generator("boxSamplingAndClamp", default: 58)
        let box = ToyDataKind.moons.boundingBox
        let s = try box.sampleUniform(count: 500, using: &rng)
        for r in 0..<500 { #expect(box.contains(s.row(r))) }
        #expect(box.clamped([100, -100]) == [3.8, -2.0])
        #expect(box.clamped([0.5, 0.5]) == [0.5, 0.5])
        let cover = try BoundingBox.covering(Matrix([[0, 1], [2, -1]]), margin: 0.5)
        #expect(cover.lower == [-0.5, -1.5] && cover.upper == [2.5, 1.5])
    }

    @Test("invalid arguments throw a TriadError")
    func invalidArguments() {
        var rng = TriadRandom(seed: 1)
        #expect(throws: TriadError.self) { try ToyDataset.make(.moons, count: 0, using: &rng) }
        #expect(throws: TriadError.self) { try ToyDataset.make(.moons, count: 5, noise: -1, using: &rng) }
        #expect(throws: TriadError.self) { try ToyDataSplit(.moons, batchSize: 1, testCount: 10, using: &rng) }
        #expect(throws: TriadError.self) { try BoundingBox(lower: [0, 0], upper: [1, 0]) }
        #expect(throws: TriadError.self) { try BoundingBox(lower: [0], upper: [.infinity]) }
        #expect(throws: TriadError.self) { try BoundingBox.covering(Matrix<Double>.zeros(rows: 0, columns: 2)) }
        #expect(throws: TriadError.self) { try ToyDataKind.moons.boundingBox.sampleUniform(count: -1, using: &rng) }
    }
}
