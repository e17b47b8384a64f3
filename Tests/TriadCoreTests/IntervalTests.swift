import Glibc
import Testing
import TriadCore
import TriadTestSupport

/// The interval type encloses the exact result of every operation. The reference is the same
/// operation in Float80, whose error (2^-64 relative) is 2^-11 of the one-ulp widening, so a
/// correctly widened Double interval contains the Float80 value.
@Suite("Interval arithmetic encloses exact results")
struct IntervalTests {
    static func contains(_ i: Interval, _ x: Float80) -> Bool {
        Float80(i.lower) <= x && x <= Float80(i.upper)
    }

    @Test("+ - * / sqrt exp log log1p expm1 of random operands contain the Float80 result")
    func enclosureAgainstFloat80() {
        var rng = TestSeed.generator("enclosureAgainstFloat80", default: 11)
        for _ in 0..<5_000 {
            let a = rng.uniform(-20, 20) * Glibc.exp(rng.uniform(-10, 10))
            let b = rng.uniform(-20, 20) * Glibc.exp(rng.uniform(-10, 10))
            let (ia, ib) = (Interval(a), Interval(b))
            let (fa, fb) = (Float80(a), Float80(b))
            #expect(Self.contains(ia + ib, fa + fb), "a=\(a) b=\(b)")
            #expect(Self.contains(ia - ib, fa - fb), "a=\(a) b=\(b)")
            #expect(Self.contains(ia * ib, fa * fb), "a=\(a) b=\(b)")
            #expect(Self.contains(ia / ib, fa / fb), "a=\(a) b=\(b)")
            let pa = Swift.abs(a), e = rng.uniform(-700, 700)
            #expect(Self.contains(Interval.sqrt(Interval(pa)), Float80(pa).squareRoot()), "a=\(pa)")
            #expect(Self.contains(Interval.log(Interval(pa)), Glibc.logl(Float80(pa))), "a=\(pa)")
            #expect(Self.contains(Interval.exp(Interval(e)), Glibc.expl(Float80(e))), "e=\(e)")
            let small = rng.uniform(-0.999, 2) * Glibc.exp(rng.uniform(-30, 0))
            #expect(Self.contains(Interval.log1p(Interval(small)), Glibc.log1pl(Float80(small))), "x=\(small)")
            #expect(Self.contains(Interval.expm1(Interval(small)), Glibc.expm1l(Float80(small))), "x=\(small)")
        }
    }

    @Test("Comparisons are certain: overlapping intervals are neither < nor >")
    func certainComparisons() {
        let a = Interval(lower: 0, upper: 2), b = Interval(lower: 1, upper: 3), c = Interval(lower: 4, upper: 5)
        #expect(!(a < b) && !(b < a) && !(a > b))
        #expect(a < c && c > a && a <= c && !(c <= a))
        #expect(Interval.maximum(a, b) == Interval(lower: 1, upper: 3))
        #expect(Interval.minimum(a, c) == a)
    }

    @Test("Edges: division by an interval containing 0 is the whole line; log below 0 is NaN; NaN propagates")
    func edges() {
        #expect(Interval(1) / Interval(lower: -1, upper: 1) == .entire)
        #expect(Interval.log(Interval(lower: -2, upper: -1)).isNaN)
        #expect(Interval.log(Interval(lower: -1, upper: 1)).lower == -.infinity)
        #expect((Interval(lower: .nan, upper: .nan) + Interval(1)).isNaN)
        #expect(Interval.exp(Interval(-1e6)).lower >= 0)
        #expect(Interval(1 << 60 + 1).contains(Double(1 << 60)))
        let wide = Interval.exp(Interval(1000))
        #expect(wide.upper == .infinity && wide.lower.isFinite)
    }
}
