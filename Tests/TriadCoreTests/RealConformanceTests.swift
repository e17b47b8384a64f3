import Testing
import TriadCore

/// Every precision implements the `Real` ladder consistently: the elementary functions agree with
/// Double within a few of the type's own ulps (relative), and enclosures are ordered.
@Suite("Real conformances agree with Double within their precision")
struct RealConformanceTests {
    static let inputs: [Double] = [1e-6, 0.1, 0.5, 1, 2, 7.25, 30]

    static func check<T: Real>(_: T.Type, ulps: Double, inputs: [Double] = inputs) {
        // Reason: each call is a correctly rounded or ≤1-ulp C library result, plus one rounding of the
        // input to T and one of the output: a few ulps of T, relative.
        let tol = ulps * T.unitRoundoff
        for x in inputs {
            let t = T(x)
            let cases: [(String, T, Double)] = [
                ("exp", T.exp(t), Double.exp(t.midpoint)), ("log", T.log(t), Double.log(t.midpoint)),
                ("log1p", T.log1p(t), Double.log1p(t.midpoint)), ("expm1", T.expm1(t), Double.expm1(t.midpoint)),
                ("sqrt", T.sqrt(t), t.midpoint.squareRoot()),
            ]
            for (name, got, want) in cases {
                #expect(abs(got.midpoint - want) <= tol * max(1, abs(want)), "\(T.typeName).\(name)(\(x)) = \(got), Double gives \(want)")
                #expect(got.lowerBound <= got.upperBound)
            }
            #expect((t + t - t).midpoint == t.midpoint || T.isCertified)
            #expect(T.maximum(t, T(0)).midpoint == t.midpoint)
        }
    }

    @Test("Float, Double, Float80, Float16 and Interval agree with Double")
    func agreement() {
        Self.check(Float.self, ulps: 4)
        Self.check(Double.self, ulps: 4)
        Self.check(Float80.self, ulps: 8192) // compared with Double, the coarser of the two
        Self.check(Float16.self, ulps: 4, inputs: Self.inputs.filter { $0 < 10 }) // exp(30) > Float16.greatestFiniteMagnitude
        Self.check(Interval.self, ulps: 8)
    }

    @Test("NaN is never lost: maximum/minimum with NaN is NaN in every floating type")
    func nanPropagates() {
        #expect(Double.maximum(.nan, 1).isNaN && Float.minimum(1, .nan).isNaN)
        #expect(Float80.maximum(.nan, 1).isNaN)
    }
}
