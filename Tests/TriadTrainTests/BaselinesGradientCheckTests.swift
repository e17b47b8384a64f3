import Glibc
import Testing
import TriadCore
import TriadTestSupport

/// Central differences for the baseline losses' gradient checks (Double only).
///
/// Step `h = 1e-5 · max(1, |x|)`: the truncation error of a central difference is about
/// `h² |f'''| / 6 ≈ 1e-10 · |f'''|`, the rounding error about `ε |f| / h ≈ 2e-11 · |f|`; the losses here
/// have `|f|, |f'''| ≲ 10²` on the O(1) inputs the tests use, so both stay below 1e-8. The tolerance,
/// absolute 1e-6 + relative 1e-5, is two orders above that and far below the O(1) relative error of a
/// wrong derivation.
enum BaselineGradientCheck {
    static let absolute = 1e-6
    static let relative = 1e-5

    /// `d f / d x` by central differences, entry by entry.
    static func numericalGradient(_ x: Matrix<Double>, _ f: (Matrix<Double>) throws -> Double) rethrows -> Matrix<Double> {
        var g = Matrix<Double>.zeros(rows: x.rows, columns: x.columns)
        for i in x.storage.indices {
            let h = 1e-5 * max(1, abs(x.storage[i]))
            var plus = x, minus = x
            plus.storage[i] += h
            minus.storage[i] -= h
            g.storage[i] = (try f(plus) - f(minus)) / (2 * h)
        }
        return g
    }

    /// The same for a vector argument.
    static func numericalGradient(_ x: [Double], _ f: ([Double]) throws -> Double) rethrows -> [Double] {
        try numericalGradient(Matrix(rows: 1, columns: x.count, storage: x)) { try f($0.storage) }.storage
    }

    /// Expects every entry of `analytic` to match `numeric` within the stated tolerance.
    static func expectMatch(_ analytic: [Double], _ numeric: [Double], _ what: String) {
        #expect(analytic.count == numeric.count, "\(what): lengths differ")
        var worst = 0.0
        for (a, b) in zip(analytic, numeric) {
            #expect(isClose(a, b, absolute: absolute, relative: relative), "\(what): analytic \(a) vs numeric \(b)")
            worst = max(worst, abs(a - b))
        }
        print("[\(what)] largest |analytic - numeric| = \(worst)")
    }

    /// A matrix with entries drawn from `N(0, scale²)`.
    static func gaussianMatrix(rows: Int, columns: Int, scale: Double = 1, using rng: inout TriadRandom) -> Matrix<Double> {
        var m = Matrix<Double>.zeros(rows: rows, columns: columns)
        for i in m.storage.indices { m.storage[i] = scale * rng.gaussian() }
        return m
    }
}

@Suite("Baselines: the central-difference helper itself")
struct BaselinesGradientCheckTests {
    @Test("the central-difference helper recovers the gradient of a known quadratic-exponential function")
    func helperRecoversKnownGradient() {
        var rng = TestSeed.generator("helperRecoversKnownGradient", default: 11)
        let x = BaselineGradientCheck.gaussianMatrix(rows: 3, columns: 2, using: &rng)
        // f(x) = Σ x_i² + exp(x_0); gradient 2x + e^{x_0} δ_0.
        let numeric = BaselineGradientCheck.numericalGradient(x) { m in
            m.storage.reduce(0) { $0 + $1 * $1 } + Glibc.exp(m.storage[0])
        }
        var analytic = x.storage.map { 2 * $0 }
        analytic[0] += Glibc.exp(x.storage[0])
        BaselineGradientCheck.expectMatch(analytic, numeric.storage, "helper on a known function")
    }
}
