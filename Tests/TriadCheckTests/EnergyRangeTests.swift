import Foundation
import Testing
import TriadCheck
import TriadCore
import TriadTestSupport

/// The closed forms of the energy range and of the range-limited likelihood (`Proofs/landscape.md`,
/// `LAND.RANGE.*`, `LAND.GEN.RANGE`) at exact values, their edges and their refusals. The claims
/// themselves run as properties of the engine in every claim run (`ClaimCatalogTests`).
@Suite("The cosine head's energy range and the best L_GEN it allows have the closed forms of Proofs/landscape.md")
struct EnergyRangeTests {
    @Test("Merged prototypes span exactly 2/tau, opposite ones log cosh(1/tau), and the pair formula joins them")
    func pairEndpoints() throws {
        for tau in [0.05, 0.2, 0.5, 1, 3] {
            #expect(abs(try EnergyRange.pair(angle: 0, temperature: tau).width - 2 / tau) <= 4e-15 * (1 + 2 / tau))
            #expect(abs(try EnergyRange.merged(clusters: 5, temperature: tau).width - 2 / tau) <= 4e-15 * (1 + 2 / tau))
            let opposite = try EnergyRange.pair(angle: Double.pi, temperature: tau)
            #expect(abs(opposite.width - EnergyRange.logCosh(1 / tau)) <= 1e-14 * (1 + 1 / tau))
            #expect(abs(opposite.minimum - log(2.0)) <= 4e-15)
            // The same configuration read as one antipodal pair and as the 2-simplex.
            #expect(abs(try EnergyRange.antipodalPairs(1, dimension: 2, temperature: tau).width - opposite.width) <= 1e-13)
            #expect(abs(try EnergyRange.simplex(clusters: 2, dimension: 2, temperature: tau).width - opposite.width) <= 1e-13)
            // In one dimension an opposite pair has no direction orthogonal to it: range 0.
            #expect(abs(try EnergyRange.antipodalPairs(1, dimension: 1, temperature: tau).width) <= 1e-13)
        }
        // log cosh(1/tau) = 1/tau - log 2 + log(1 + e^{-2/tau}): at tau = 0.5, 2 - log 2 + log(1 + e^-4).
        #expect(abs(EnergyRange.logCosh(2) - (2 - log(2.0) + log1p(exp(-4.0)))) <= 1e-15)
    }

    @Test("The pair's range falls strictly with the angle, from 2/tau, on both branches of the maximum")
    func pairMonotone() throws {
        for tau in [0.1, 0.5, 2] {
            var last = Double.infinity
            for k in 0...60 {
                let w = try EnergyRange.pair(angle: Double.pi * Double(k) / 60, temperature: tau).width
                #expect(w < last || k == 0, "tau \(tau) angle step \(k): width \(w) not below \(last)")
                #expect(w <= 2 / tau)
                last = w
            }
        }
        // tau = 0.5, theta = pi/2: s^2 = 2 > c = sqrt(2): off-bisector branch, values from a
        // 10^6-point scan of h(v) = c sqrt(1 - v^2) + log cosh(s v) (max 1.53133...).
        let e = try EnergyRange.pair(angle: Double.pi / 2, temperature: 0.5)
        #expect(abs(e.minimum - (log(2.0) - 2.0.squareRoot())) <= 1e-15)
        #expect(e.maximum > log(2.0) + 2.0.squareRoot())
    }

    @Test("Regular simplex and antipodal pairs: extremes at exact values (C = 3 in the plane, C = 4 as two pairs)")
    func simplexAndPairs() throws {
        let tau = 0.5
        // C = 3, k = 2: max at a vertex, log(e^2 + 2 e^-1); min at an anti-vertex, log(2 e^1 + e^-2).
        let s = try EnergyRange.simplex(clusters: 3, dimension: 2, temperature: tau)
        #expect(abs(s.maximum - log(exp(2.0) + 2 * exp(-1.0))) <= 1e-14)
        #expect(abs(s.minimum - log(2 * exp(1.0) + exp(-2.0))) <= 1e-14)
        #expect(try EnergyRange.simplex(clusters: 3, dimension: 3, temperature: tau).minimum == log(3.0))
        // Two pairs in the plane: max log(2(cosh 2 + 1)), min log(4 cosh(2/sqrt 2)).
        let a = try EnergyRange.antipodalPairs(2, dimension: 2, temperature: tau)
        #expect(abs(a.maximum - log(2 * (cosh(2.0) + 1))) <= 1e-14)
        #expect(abs(a.minimum - log(4 * cosh(2 / 2.0.squareRoot()))) <= 1e-14)
        #expect(try EnergyRange.antipodalPairs(2, dimension: 3, temperature: tau).minimum == log(4.0))
    }

    @Test("Bad settings are refused with the value named")
    func refusals() {
        expectRejection(["prototype angle theta", "4"]) { _ = try EnergyRange.pair(angle: 4, temperature: 1) }
        expectRejection(["temperature tau", "0"]) { _ = try EnergyRange.pair(angle: 1, temperature: 0) }
        expectRejection(["embedding dimension k", "1"]) { _ = try EnergyRange.antipodalPairs(2, dimension: 1, temperature: 1) }
        expectRejection(["embedding dimension k", "2"]) { _ = try EnergyRange.simplex(clusters: 4, dimension: 2, temperature: 1) }
        expectRejection(["energy range width w", "-1"]) { _ = try RangeLimitedLikelihood.best(dataLaw: [0.5, 0.5], width: -1) }
        expectRejection(["data law p[1]", "-0.5"]) { _ = try RangeLimitedLikelihood.best(dataLaw: [1.5, -0.5], width: 1) }
    }

    @Test("G(p, w): -log N at w = 0, -H(p) once w covers log(max p / min p), increasing in between")
    func rangeLimitedLikelihood() throws {
        let p = [0.5, 0.25, 0.125, 0.125]
        #expect(abs(try RangeLimitedLikelihood.best(dataLaw: p, width: 0).value + log(4.0)) <= 1e-15)
        let h = Information.entropy(p)
        #expect(abs(try RangeLimitedLikelihood.best(dataLaw: p, width: log(4.0)).value + h) <= 1e-14)
        #expect(abs(try RangeLimitedLikelihood.best(dataLaw: p, width: 50).value + h) <= 1e-14)
        var last = -Double.infinity
        for k in 0...20 {
            let g = try RangeLimitedLikelihood.best(dataLaw: p, width: log(4.0) * Double(k) / 20).value
            #expect(g > last && g <= -h + 1e-14)
            last = g
        }
        // Two points, p = (0.8, 0.2), w = log 2 < log 4: the larger at the top, f = (log 2, 0),
        // G = 0.8 log 2 - log 3.
        #expect(abs(try RangeLimitedLikelihood.best(dataLaw: [0.8, 0.2], width: log(2.0)).value - (0.8 * log(2.0) - log(3.0))) <= 1e-15)
    }

    @Test("A head whose logits exceed 1/tau breaks LAND.RANGE.BOUND (the check can fail)")
    func plantedHeadIsCaught() throws {
        struct SquaredTemperature: LogitHead {
            var name: String { "cos/tau^2" }
            func logits<T: Real>(_ z: Matrix<T>, prototypes: Matrix<T>, temperature: T) -> Matrix<T> {
                ClusterHead.cosineLogits(z, prototypes: prototypes, temperature: temperature * temperature)
            }
        }
        let checks = EnergyRangeChecks(terms: TermSet(head: SquaredTemperature()), settings: CheckSettings(seed: 7, cases: 6))
        #expect(!(try checks.bound().holds))
        #expect(!(try checks.pair().holds))
    }
}

