import Glibc

/// The one seeded generator of the project: xoshiro256** (Blackman and Vigna 2018), its 256-bit
/// state filled from the seed by ``SplitMix64``. Every random entry point of Triad takes an
/// `inout TriadRandom` (or any `RandomNumberGenerator`), so a seed replays a run exactly.
public struct TriadRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var s0, s1, s2, s3: UInt64
    /// The seed this generator was created from (for replay lines in reports and failures).
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
    }

    @inlinable public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// An independent generator derived from this one's stream (for per-case seeds).
    public mutating func split() -> TriadRandom { TriadRandom(seed: next()) }

    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    @inlinable public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform `Double` in `[a, b)`.
    @inlinable public mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * nextUnit()
    }

    /// A standard normal sample (Box-Muller; the second value of the pair is discarded so that the
    /// stream position does not depend on call history).
    @inlinable public mutating func gaussian() -> Double {
        var u = nextUnit()
        while u == 0 { u = nextUnit() }
        let v = nextUnit()
        return (-2 * Glibc.log(u)).squareRoot() * Glibc.cos(2 * Double.pi * v)
    }

    /// A uniform integer in `range`, by Lemire's multiply-and-reject method (unbiased). Written out
    /// rather than using `Int.random(in:using:)` because the standard library does not promise that
    /// its algorithm, hence a replayed case, stays the same across toolchains.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }  // the full 64-bit range
        var product = next().multipliedFullWidth(by: span)
        if product.low < span {
            let threshold = (0 &- span) % span
            while product.low < threshold { product = next().multipliedFullWidth(by: span) }
        }
        return range.lowerBound &+ Int(truncatingIfNeeded: product.high)
    }

    /// Shuffles `array` in place (Fisher-Yates with ``int(in:)``): the same permutation for the same
    /// seed on every toolchain, unlike `shuffle(using:)`.
    public mutating func shuffle<Element>(_ array: inout [Element]) {
        var i = array.count - 1
        while i > 0 {
            array.swapAt(i, int(in: 0...i))
            i -= 1
        }
    }
}
