import Foundation
import TriadCore

extension Gen where Value == Int {
    /// A uniform integer in `range` (unbiased).
    public static func int(in range: ClosedRange<Int>) -> Gen<Int> {
        Gen { random, _ in random.int(in: range) }
    }

    /// The case's value of the size `key` (`Gen.size(.points)` is `N`).
    public static func size(_ key: Size.Key) -> Gen<Int> {
        Gen { _, size in size[key] }
    }
}

extension Gen where Value == Double {
    /// A uniform `Double` in `[a, b)` (`a` when `a == b`); bounds must be finite (traps otherwise).
    public static func double(in range: ClosedRange<Double>) -> Gen<Double> {
        triadPrecondition(range.lowerBound.isFinite && range.upperBound.isFinite, "range", range, "must be finite")
        return Gen { random, _ in random.uniform(range.lowerBound, range.upperBound) }
    }

    /// `exp(uniform(log a, log b))`: every decade of `[a, b]` equally likely, for scales such as a
    /// temperature `tau` or a collapse level `eps`. Needs `0 < a <= b < inf` (traps otherwise).
    public static func logUniform(in range: ClosedRange<Double>) -> Gen<Double> {
        triadPrecondition(range.lowerBound > 0 && range.upperBound.isFinite, "range", range,
                          "must be positive and finite")
        let (a, b) = (log(range.lowerBound), log(range.upperBound))
        return Gen { random, _ in min(range.upperBound, max(range.lowerBound, exp(random.uniform(a, b)))) }
    }

    /// A normal sample `mean + deviation · z`.
    public static func gaussian(mean: Double = 0, deviation: Double = 1) -> Gen<Double> {
        Gen { random, _ in mean + deviation * random.gaussian() }
    }
}

extension Gen where Value == Bool {
    /// `true` with probability `probability` (clamped to `[0, 1]`).
    public static func bool(probability: Double = 0.5) -> Gen<Bool> {
        Gen { random, _ in random.nextUnit() < probability }
    }
}
