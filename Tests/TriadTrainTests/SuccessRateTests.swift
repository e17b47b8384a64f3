import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

@Suite("Success rate")
struct SuccessRateTests {
    @Test("Wilson 95% intervals: the textbook values (0/20, 10/20, 20/20, 1/10) to 1e-4")
    func wilsonTextbookValues() throws {
        // Published values of the Wilson score interval (e.g. Newcombe 1998, Table I style):
        // 0/20 → [0, 0.1611], 10/20 → [0.2993, 0.7007], 20/20 → [0.8389, 1], 1/10 → [0.0179, 0.4042].
        let cases: [(Int, Int, Double, Double)] = [(0, 20, 0, 0.1611), (10, 20, 0.2993, 0.7007),
                                                   (20, 20, 0.8389, 1), (1, 10, 0.0179, 0.4042)]
        for (k, n, lo, hi) in cases {
            let w = try SuccessRate(successes: k, trials: n).wilson()
            #expect(abs(w.lower - lo) < 1e-4 && abs(w.upper - hi) < 1e-4, "\(k)/\(n): [\(w.lower), \(w.upper)]")
        }
    }

    @Test("The interval contains the rate, is symmetric under k ↔ n − k, and narrows as n grows at a fixed rate")
    func wilsonShape() throws {
        for n in [1, 2, 5, 20, 100] {
            for k in 0...n {
                let r = try SuccessRate(successes: k, trials: n), w = r.wilson()
                #expect(w.lower <= r.rate && r.rate <= w.upper && w.lower >= 0 && w.upper <= 1)
                let m = try SuccessRate(successes: n - k, trials: n).wilson()
                #expect(abs(w.lower - (1 - m.upper)) < 1e-12 && abs(w.upper - (1 - m.lower)) < 1e-12)
            }
        }
        let small = try SuccessRate(successes: 5, trials: 20).wilson(), large = try SuccessRate(successes: 50, trials: 200).wilson()
        #expect(large.upper - large.lower < small.upper - small.lower)
    }

    @Test("NMI values become successes at >= 0.9; bad counts are refused with the value")
    func fromValues() throws {
        let r = try SuccessRate(values: [0.95, 0.9, 0.89, 0.1, 1.0])
        #expect(r.successes == 3 && r.trials == 5)
        #expect(r.description == "3/5 (60%, 95% CI 23-88%)")
        expectRejection(["invalid trials = 0"]) { _ = try SuccessRate(values: []) }
        expectRejection(["invalid successes = 4", "0...3"]) { _ = try SuccessRate(successes: 4, trials: 3) }
    }

    @Test("Pool protocol: batches are distinct points of one training set drawn once; the held-out set is the protocol's invariant")
    func poolProtocol() throws {
        var a = TriadRandom(seed: 4), b = TriadRandom(seed: 4)
        var fresh = try ToyDataSplit(.circles, batchSize: 50, testCount: 30, protocol: .fresh, using: &a)
        var pool = try ToyDataSplit(.circles, batchSize: 50, testCount: 30, protocol: .pool(size: 80), using: &b)
        #expect(fresh.test == pool.test)
        #expect(fresh.pool == nil)
        let set = try #require(pool.pool)
        #expect(set.count == 80)
        let rows = Set((0..<set.count).map { [set.points[$0, 0], set.points[$0, 1]] })
        for _ in 0..<5 {
            let batch = pool.nextBatch()
            let batchRows = (0..<batch.count).map { [batch.points[$0, 0], batch.points[$0, 1]] }
            #expect(batch.count == 50)
            #expect(Set(batchRows).count == 50, "a batch repeats a point")
            #expect(batchRows.allSatisfy(rows.contains), "a batch point is not in the pool")
        }
        #expect(fresh.nextBatch().count == 50)
        var c = TriadRandom(seed: 4)
        expectRejection(["invalid pool size = 40", ">= the batch size 50"]) {
            _ = try ToyDataSplit(.moons, batchSize: 50, testCount: 30, protocol: .pool(size: 40), using: &c)
        }
    }
}
