import Foundation
import TriadCore

extension Gen {
    /// `count` values drawn in order (`count >= 0`; negative traps).
    public func array(count: Int) -> Gen<[Value]> {
        triadPrecondition(count >= 0, "count", count, "must be >= 0")
        return Gen<[Value]> { random, size in (0..<count).map { _ in self.run(&random, size) } }
    }

    /// As many values as the case's size `key` (`.array(count: .points)` gives `N` values).
    public func array(count key: Size.Key) -> Gen<[Value]> {
        Gen<[Value]> { random, size in (0..<size[key]).map { _ in self.run(&random, size) } }
    }

    /// A count drawn from `count` (negative counts give an empty array), then that many values.
    public func array(count: Gen<Int>) -> Gen<[Value]> {
        Gen<[Value]> { random, size in
            (0..<max(0, count.run(&random, size))).map { _ in self.run(&random, size) }
        }
    }
}

extension Gen where Value == [Int] {
    /// A uniform random permutation of `0..<count` (Fisher-Yates).
    public static func permutation(count: Int) -> Gen<[Int]> {
        triadPrecondition(count >= 0, "count", count, "must be >= 0")
        return Gen { random, _ in shuffled(Array(0..<count), &random) }
    }

    /// A uniform random permutation of `0..<size[key]` (e.g. a re-pairing of the `n` pairs, FM3).
    public static func permutation(count key: Size.Key) -> Gen<[Int]> {
        Gen { random, size in shuffled(Array(0..<size[key]), &random) }
    }
}

extension Gen where Value == [Double] {
    /// A random probability vector of length `count >= 1`: entries in `[0, 1]` summing to 1 within
    /// `count + 2` roundings, spread as `shape` says.
    public static func simplex(count: Int, shape: SimplexShape = .flat) -> Gen<[Double]> {
        triadPrecondition(count >= 1, "count", count, "must be >= 1")
        validate(shape)
        return Gen { random, _ in randomSimplex(count, shape, &random) }
    }

    /// A random probability vector with as many entries as the case's size `key`
    /// (`.simplex(count: .points)` is a data law `p` on `Omega`).
    public static func simplex(count key: Size.Key, shape: SimplexShape = .flat) -> Gen<[Double]> {
        validate(shape)
        return Gen { random, size in randomSimplex(max(1, size[key]), shape, &random) }
    }

    private static func validate(_ shape: SimplexShape) {
        switch shape {
        case .dirichlet(let a): triadPrecondition(a > 0 && a.isFinite, "concentration", a, "must be > 0 and finite")
        case .sparse(let k): triadPrecondition(k >= 1, "support", k, "must be >= 1")
        case .flat, .uniform, .vertex: break
        }
    }
}

/// Fisher-Yates with the engine's unbiased bounded draw.
private func shuffled(_ a: [Int], _ random: inout TriadRandom) -> [Int] {
    var a = a
    random.shuffle(&a)
    return a
}

/// `count` normalised `Exp(1)` draws (`-log u`, `u` in `(0, 1]`); all-zero draws (probability
/// about `2^(-53 count)`) fall back to uniform rather than divide by 0.
private func flatWeights(_ count: Int, _ random: inout TriadRandom) -> [Double] {
    let e = (0..<count).map { _ in -log(1 - random.nextUnit()) }
    let total = e.reduce(0, +)
    return total > 0 ? e.map { $0 / total } : Array(repeating: 1 / Double(count), count: count)
}

/// `log` of a `Gamma(a, 1)` draw: Marsaglia and Tsang (2000) for `a >= 1`; for `a < 1` the boost
/// `G(a) = G(a + 1) · u^(1/a)`, kept in log space so that tiny `a` cannot underflow the sum.
private func logGamma(_ a: Double, _ random: inout TriadRandom) -> Double {
    if a < 1 {
        return logGamma(a + 1, &random) + log(1 - random.nextUnit()) / a
    }
    let d = a - 1.0 / 3, c = 1 / (9 * d).squareRoot()
    while true {
        let x = random.gaussian()
        let t = 1 + c * x
        guard t > 0 else { continue }
        let v = t * t * t, u = 1 - random.nextUnit()
        if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return log(d * v) }
    }
}

private func randomSimplex(_ count: Int, _ shape: SimplexShape, _ random: inout TriadRandom) -> [Double] {
    switch shape {
    case .flat:
        return flatWeights(count, &random)
    case .dirichlet(let a):
        return softmax((0..<count).map { _ in logGamma(a, &random) })
    case .sparse(let support):
        let k = min(max(1, support), count)
        let chosen = shuffled(Array(0..<count), &random).prefix(k)
        let w = flatWeights(k, &random)
        var p = Array(repeating: 0.0, count: count)
        for (i, index) in chosen.enumerated() { p[index] = w[i] }
        return p
    case .uniform:
        return Array(repeating: 1 / Double(count), count: count)
    case .vertex:
        var p = Array(repeating: 0.0, count: count)
        p[random.int(in: 0...(count - 1))] = 1
        return p
    }
}
