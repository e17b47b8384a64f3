import Testing
import TriadCheck
import TriadCore
import TriadTestSupport

/// The generators, checked with the engine itself (each claim is a property run over many cases).
@Suite("Engine: generators")
struct EngineGenTests {
    static let size = Size(N: 5, C: 3, D: 2, n: 7)

    @Test("int(in:) stays in range and is uniform (chi-square, 6 bins, 60000 draws, df 5)")
    func intIsUniform() {
        var random = TestSeed.generator("intIsUniform", default: 2024)
        let seed = random.next()
        let draws = Gen.int(in: -2...3).array(count: 60_000).generate(seed: seed, size: Self.size)
        #expect(draws.allSatisfy { (-2...3).contains($0) })
        let counts = Dictionary(grouping: draws, by: { $0 }).mapValues(\.count)
        let chi2 = (-2...3).reduce(0.0) { acc, v in
            let d = Double(counts[v, default: 0]) - 10_000
            return acc + d * d / 10_000
        }
        // 20.5 is the 0.999 quantile of chi-square with 5 degrees of freedom: a fixed seed, so this
        // is a regression check of the bounded draw, not a flaky statistical test.
        #expect(chi2 < 20.5, "chi2 = \(chi2), counts \(counts)")
        #expect(Gen.int(in: Int.min...Int.max).generate(seed: seed, size: Self.size) != 0)
        #expect(Gen.int(in: 4...4).generate(seed: seed, size: Self.size) == 4)
    }

    @Test("simplex: every shape gives entries in [0, 1] summing to 1 within (K + 2) ulps")
    func simplexIsAProbabilityVector() {
        let shape = Gen.element(of: [SimplexShape.flat, .dirichlet(concentration: 0.05), .dirichlet(concentration: 0.7),
                                     .dirichlet(concentration: 30), .sparse(support: 2), .uniform, .vertex])
        let property = Property(
            "simplex is a probability vector", sizes: SizeSpace(N: 2...50),
            generator: shape.flatMap { s in Gen.zip(.constant(s), Gen.simplex(count: .points, shape: s)) },
            coverage: [.fraction("dirichlet(0.05)", atLeast: 0.05), .fraction("sparse(2)", atLeast: 0.05)]
        ) { shape, p in
            let sum = p.reduce(0, +)
            // Normalising K positive numbers costs at most about K + 2 roundings of 2^-53 each.
            let tolerance = Double(p.count + 2) * Double.ulpOfOne
            return .expect(p.allSatisfy { $0 >= 0 && $0 <= 1 } && abs(sum - 1) <= tolerance,
                           "\(shape): sum \(sum), entries \(p)", regime: shape.description)
        }
        checkProperty(property, cases: 700)
    }

    @Test("simplex shapes: uniform is exactly 1/K, vertex one-hot, sparse has exactly k non-zeros, small concentration is peaked")
    func simplexShapes() {
        var random = TestSeed.generator("simplexShapes", default: 77)
        let seed = random.next()
        #expect(Gen.simplex(count: 4, shape: .uniform).generate(seed: seed, size: Self.size) == [0.25, 0.25, 0.25, 0.25])
        let v = Gen.simplex(count: 6, shape: .vertex).generate(seed: seed, size: Self.size)
        #expect(v.filter { $0 == 1 }.count == 1 && v.filter { $0 == 0 }.count == 5)
        let s = Gen.simplex(count: .points, shape: .sparse(support: 3)).generate(seed: seed, size: Self.size)
        #expect(s.count == 5 && s.filter { $0 > 0 }.count == 3)
        let peaked = Gen.simplex(count: 10, shape: .dirichlet(concentration: 0.01)).array(count: 200)
            .generate(seed: seed, size: Self.size)
        let spread = Gen.simplex(count: 10, shape: .dirichlet(concentration: 100)).array(count: 200)
            .generate(seed: seed, size: Self.size)
        let meanMax = { (ps: [[Double]]) in ps.map { $0.max()! }.reduce(0, +) / Double(ps.count) }
        // Dirichlet(0.01) on 10 entries puts almost all mass on one entry; Dirichlet(100) is near 1/10.
        #expect(meanMax(peaked) > 0.9 && meanMax(spread) < 0.2, "\(meanMax(peaked)) \(meanMax(spread))")
    }

    @Test("permutation is a permutation of 0..<count; every one of 3! appears")
    func permutationIsAPermutation() {
        var random = TestSeed.generator("permutationIsAPermutation", default: 5)
        let seed = random.next()
        let perms = Gen.permutation(count: .samples).array(count: 50).generate(seed: seed, size: Self.size)
        #expect(perms.allSatisfy { $0.sorted() == Array(0..<7) })
        let small = Set(Gen.permutation(count: 3).array(count: 200).generate(seed: seed, size: Self.size))
        #expect(small.count == 6)
    }

    @Test("combinators: map, flatMap, zip, oneOf, frequency, sized, size, logUniform, bool")
    func combinators() {
        var random = TestSeed.generator("combinators", default: 9)
        let seed = random.next()
        let size = Self.size
        #expect(Gen.int(in: 1...3).map { $0 * 10 }.array(count: 30).generate(seed: seed, size: size)
                    .allSatisfy { [10, 20, 30].contains($0) })
        let dependent = Gen.int(in: 0...5).flatMap { k in Gen.constant(1).array(count: k) }.array(count: 40)
            .generate(seed: seed, size: size)
        #expect(Set(dependent.map(\.count)) == Set(0...5))
        let (a, b, c) = Gen.zip(Gen.size(.points), Gen.size(.clusters), Gen.size(.samples)).generate(seed: seed, size: size)
        #expect((a, b, c) == (5, 3, 7))
        #expect(Gen.sized { s in Gen.constant(s.D * 100) }.generate(seed: seed, size: size) == 200)
        #expect(Set(Gen.oneOf(.constant("x"), .constant("y")).array(count: 50).generate(seed: seed, size: size)) == ["x", "y"])
        let weighted = Gen.frequency((0, .constant("never")), (3, .constant("a")), (1, .constant("b")))
            .array(count: 4000).generate(seed: seed, size: size)
        let aShare = Double(weighted.filter { $0 == "a" }.count) / 4000
        #expect(!weighted.contains("never") && abs(aShare - 0.75) < 0.03, "share of a = \(aShare)")
        let taus = Gen.logUniform(in: 1e-3...10).array(count: 2000).generate(seed: seed, size: size)
        #expect(taus.allSatisfy { (1e-3...10).contains($0) })
        let belowOne = Double(taus.filter { $0 < 1 }.count) / 2000
        #expect(abs(belowOne - 0.75) < 0.04, "3 of 4 decades lie below 1: share \(belowOne)")
        let bools = Gen.bool(probability: 0.2).array(count: 4000).generate(seed: seed, size: size)
        #expect(abs(Double(bools.filter { $0 }.count) / 4000 - 0.2) < 0.03)
        #expect(Gen.bool(probability: 0).array(count: 100).generate(seed: seed, size: size).allSatisfy { !$0 })
        let validated = Gen.int(in: 0...9).tryMap { v in
            try require(v < 5, "v", v, "must be < 5")
            return v
        }.array(count: 100).generate(seed: seed, size: size)
        #expect(validated.contains { (try? $0.get()) == nil } && validated.allSatisfy { ((try? $0.get()) ?? 0) < 5 })
    }

    @Test("a generator's value is a function of its seed and size alone; arrays at a smaller size are prefixes")
    func valuesReplayFromSeedAndSize() {
        var random = TestSeed.generator("valuesReplayFromSeedAndSize", default: 31)
        let seed = random.next()
        let g = Gen.gaussian().array(count: .points)
        let big = g.generate(seed: seed, size: Size(N: 9, C: 2, D: 1, n: 1))
        #expect(g.generate(seed: seed, size: Size(N: 9, C: 2, D: 1, n: 1)) == big)
        #expect(Array(big.prefix(4)) == g.generate(seed: seed, size: Size(N: 4, C: 5, D: 3, n: 8)))
        #expect(g.generate(seed: seed &+ 1, size: Size(N: 9, C: 2, D: 1, n: 1)) != big)
        // A split generator inside the value replays too.
        let r1 = Gen<TriadRandom>.random.map { r in var r = r; return r.next() }.generate(seed: seed, size: Self.size)
        let r2 = Gen<TriadRandom>.random.map { r in var r = r; return r.next() }.generate(seed: seed, size: Self.size)
        #expect(r1 == r2)
    }
}
