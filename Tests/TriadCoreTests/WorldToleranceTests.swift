import Testing
import TriadCore
import TriadTestSupport

/// The world's normalisation tolerance follows the precision its inputs were made in: a data law
/// and kernel normalised in Double are accepted by a Float80 world, a genuinely wrong sum is not.
@Suite("World tolerance: inputs normalised in Double are accepted in Float80; wrong sums are not")
struct WorldToleranceTests {
    /// `w / Σ w` for a random `w`, computed in Double: its exact sum is `1 - 2^-53`.
    static let doubleLaw: [Double] = [0x1.1ffd30b17f3f9p-2, 0x1.b8ef4eb1bb4c3p-2, 0x1.2713809cc5742p-2]
    /// `1/3` in Double, three times: exact sum `1 - 2^-54`.
    static let third = 1.0 / 3

    static func world<T: Real>(_: T.Type, law: [Double], kernel: [[Double]]) throws -> FiniteWorld<T> {
        try FiniteWorld<T>(points: Matrix([[T(0)], [T(1)], [T(2)]]), dataLaw: law.map { T($0) },
                           augmentation: Matrix(kernel.map { $0.map { T($0) } }), clusterCount: 2)
    }

    #if arch(x86_64) || arch(i386)
    @Test("Float80 world from p and A normalised in Double (exact sums 1 - 2^-53, 1 - 2^-54) is accepted")
    func float80AcceptsDoubleNormalised() throws {
        // The premise: the sums are exact in Float80 and off 1 by more than a few Float80 ulps.
        let sum = Self.doubleLaw.map(Float80.init).reduce(0, +)
        #expect(sum == 1 - 0x1p-53, "sum \(sum)")
        #expect(3 * Float80(Self.third) == 1 - 0x1p-54)
        #expect(Double(1 - sum) > FiniteWorld<Float80>.normalisationTolerance(count: 3) / 100,
                "the test must exercise a sum a Float80-ulp tolerance would reject")
        let kernel = [[Self.third, Self.third, Self.third], Self.doubleLaw, [0, 0, 1]]
        let w = try Self.world(Float80.self, law: Self.doubleLaw, kernel: kernel)
        #expect(w.count == 3)
    }
    #endif

    @Test("Tolerance is 16 N max(u_T, u_Double): Float keeps its own, Double and Float80 use Double's")
    func toleranceRule() {
        #expect(FiniteWorld<Float>.normalisationTolerance(count: 3) == 48 * Double(Float.ulpOfOne))
        #expect(FiniteWorld<Double>.normalisationTolerance(count: 3) == 48 * Double.ulpOfOne)
        #if arch(x86_64) || arch(i386)
        #expect(FiniteWorld<Float80>.normalisationTolerance(count: 3) == 48 * Double.ulpOfOne)
        #endif
        #expect(FiniteWorld<Interval>.normalisationTolerance(count: 3) == 48 * Double.ulpOfOne)
    }


    #if arch(x86_64) || arch(i386)
    @Test("Float80 world: a sum off by 1e-9 or 0.1 is still rejected, the message names the sum")
    func float80RejectsWrongSums() {
        let identity: [[Double]] = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
        // The entries come from Double, so the Float80 sums print Double's rounding digits.
        expectRejection(["sum of data law p", "= 1.09999999999999997", "must be 1"]) {
            _ = try Self.world(Float80.self, law: [0.3, 0.3, 0.5], kernel: identity)
        }
        expectRejection(["sum of data law p", "= 1.00000000099999997", "must be 1"]) {
            _ = try Self.world(Float80.self, law: [0.25, 0.25, 0.500000001], kernel: identity)
        }
        expectRejection(["row 1 sum of augmentation kernel A", "= 0.99999999899999997"]) {
            _ = try Self.world(Float80.self, law: [0.25, 0.25, 0.5],
                               kernel: [[1, 0, 0], [0.5, 0.499999999, 0], [0, 0, 1]])
        }
    }
    #endif
}
