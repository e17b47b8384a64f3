import Glibc
import TriadCore

/// The checks of the mechanism claims of `Proofs/landscape.md` (`LAND.RANGE.*`, `LAND.GEN.RANGE`,
/// `LAND.MERGE`): the closed forms of ``EnergyRange`` and ``RangeLimitedLikelihood`` against the
/// energies and terms computed by the head and the terms under check, in every precision of
/// ``Precision/checked``, each a property of the engine (seeded cases, shrinking, replay tokens).
public struct EnergyRangeChecks: Sendable {
    public var terms: TermSet
    /// Seed, cases per precision and replay of the runs.
    public var settings: CheckSettings

    public init(terms: TermSet = .reference, settings: CheckSettings) {
        self.terms = terms
        self.settings = settings
    }

    /// The claim ids, in run order.
    public static let claimIDs = ["LAND.RANGE.BOUND", "LAND.RANGE.PAIR", "LAND.RANGE.ANTIPODAL", "LAND.RANGE.SIMPLEX",
                                  "LAND.GEN.RANGE", "LAND.MERGE"]

    /// The ids of the properties a run checks (`<claim>.<precision>`), for replay tokens.
    public static var propertyIDs: [String] {
        claimIDs.flatMap { id in Precision.checked.map { "\(id).\($0.rawValue)" } }
    }

    /// Directions of the dense search on the unit circle.
    static let denseDirections = 128

    // MARK: - Tolerances

    /// The rounding tolerance of one negative energy `F(z) = LSE_y l_y(z)` in a precision of unit
    /// roundoff `u`, plus that of the `Double` closed form it is compared with:
    /// `4 (2k + C + 10) u S + 64 ε S + 32 (k + 2) ε / tau`, `S = 1/tau + log C + 1` (`ε` = Double's `ulp(1)`).
    /// Reason: each logit is a quotient of a `k`-term dot product by two `k`-term norms (about
    /// `2k + 6` roundings, relative) of size at most `1/tau`; the pivoted log-sum-exp adds `C + 4`
    /// roundings of quantities bounded by `S`; the factor 4 is margin. The closed forms take a few
    /// dozen `Double` operations (and a bisection to `Double` resolution) on quantities bounded by `S`:
    /// `64 ε S`. The configurations themselves are built in `Double` (rotations are `k`-term sums,
    /// directions are normalised), so each cosine of the stored vectors is within about `(4k + 8) ε`
    /// of the ideal geometry's, moving `F` by that over `tau`: `32 (k + 2) ε / tau` (margin 4).
    /// Intervals need no rounding part of their own: their enclosures are certified.
    public static func energyTolerance(unitRoundoff u: Double, certified: Bool, dimension k: Int, clusters c: Int,
                                       temperature tau: Double) -> Double {
        let s = 1 / tau + log(Double(c)) + 1
        return (certified ? 0 : 4 * Double(2 * k + c + 10) * u * s) + 64 * Double.ulpOfOne * s
            + 32 * Double(k + 2) * Double.ulpOfOne / tau
    }

    /// The discretisation error of a dense search over `M` equally spaced directions of a circle:
    /// the true extreme lies within half a step `δ/2 = π/M` of a grid direction, `F` is flat there,
    /// and `|d²F/dφ²| <= 1/tau + 1/tau²` along any great circle (`F'' = Σ_y p_y l_y'' + Var_p(l')`,
    /// with `|l_y''|, |l_y'| <= 1/tau`), so the grid misses the extreme by at most
    /// `(1/tau + 1/tau²) (π/M)² / 2`.
    public static func discretisation(directions m: Int, temperature tau: Double) -> Double {
        (1 / tau + 1 / (tau * tau)) * pow(Double.pi / Double(m), 2) / 2
    }

    // MARK: - Evaluation

    /// `F(z) = LSE_y l_y(z)` at each direction, in precision `T`, through the head under check, as
    /// `(lower, upper)` enclosures (equal ends for floating point).
    static func negativeEnergies<T: Real>(_: T.Type, directions: [[Double]], prototypes: [[Double]], temperature tau: Double,
                                          head: any LogitHead) -> [(lo: Double, hi: Double)] {
        let z = Matrix(directions.map { $0.map { T($0) } })
        let u = Matrix(prototypes.map { $0.map { T($0) } })
        return rowLogSumExp(head.logits(z, prototypes: u, temperature: T(tau))).map { ($0.lowerBound, $0.upperBound) }
    }

    /// `M` directions `(cos φ, sin φ)`, `φ = 2π i / M`.
    static func circle(_ m: Int) -> [[Double]] {
        (0..<m).map { i in let phi = 2 * Double.pi * Double(i) / Double(m); return [cos(phi), sin(phi)] }
    }

    /// A uniformly random direction in `R^k`.
    static func randomDirection(_ k: Int, using rng: inout TriadRandom) -> [Double] {
        while true {
            let v = (0..<k).map { _ in rng.gaussian() }
            let n = v.map { $0 * $0 }.reduce(0, +).squareRoot()
            if n > 1e-6 { return v.map { $0 / n } }
        }
    }

    /// A random rotation of `R^k` (Gram-Schmidt on Gaussian columns), as its `k` orthonormal rows.
    static func randomRotation(_ k: Int, using rng: inout TriadRandom) -> [[Double]] {
        var basis: [[Double]] = []
        while basis.count < k {
            var v = (0..<k).map { _ in rng.gaussian() }
            for b in basis {
                let d = zip(v, b).map(*).reduce(0, +)
                v = zip(v, b).map { $0 - d * $1 }
            }
            let n = v.map { $0 * $0 }.reduce(0, +).squareRoot()
            if n > 1e-3 { basis.append(v.map { $0 / n }) }
        }
        return basis
    }

    /// `R x` for the rotation given by its rows.
    static func rotate(_ x: [Double], _ r: [[Double]]) -> [Double] {
        (0..<r.count).map { a in (0..<x.count).reduce(0) { $0 + r[$1][a] * x[$1] } }
    }

    /// One case's failures against closed-form extremes: every value inside `[min - tol, max + tol]`,
    /// each `exact` direction at its stated value within `tol`, and (when `dense`) the grid's best
    /// within `disc + tol` of each extreme.
    static func compare(_ values: [(lo: Double, hi: Double)], extremes e: EnergyRange.Extremes, tolerance tol: Double,
                        exact: [(label: String, index: Int, value: Double)], denseDiscretisation disc: Double?) -> [String] {
        var failures: [String] = []
        for (i, v) in values.enumerated() where !(v.hi >= e.minimum - tol && v.lo <= e.maximum + tol) {
            failures.append("direction \(i): F in [\(v.lo), \(v.hi)] outside the closed-form range \(e) (tol \(tol))")
            break
        }
        for x in exact {
            let v = values[x.index]
            if !(v.hi >= x.value - tol && v.lo <= x.value + tol) {
                failures.append("\(x.label): F in [\(v.lo), \(v.hi)], closed form \(x.value) (tol \(tol))")
            }
        }
        if let disc {
            let top = values.map(\.hi).max()!, bottom = values.map(\.lo).min()!
            if !(top >= e.maximum - disc - tol) { failures.append("dense max \(top) below the closed-form max \(e.maximum) by more than \(disc + tol)") }
            if !(bottom <= e.minimum + disc + tol) { failures.append("dense min \(bottom) above the closed-form min \(e.minimum) by more than \(disc + tol)") }
        }
        return failures
    }

    /// A log-uniform temperature in `[0.05, 2]`.
    static func temperature(using rng: inout TriadRandom) -> Double { exp(rng.uniform(log(0.05), log(2))) }

    // MARK: - Runs

    /// Runs the claim `id` in every checked precision: `claim(T, value)` gives a case's failures and regime.
    func run<V>(_ id: String, sizes: SizeSpace, generator: Gen<V>, coverage: [CoverageRequirement] = [], what: String,
                _ claim: @escaping @Sendable (Precision, V) throws -> (failures: [String], regime: String)) throws -> IdentityChecks.Outcome {
        var failures: [String] = [], counts: [String] = []
        var last: PropertyResult? = nil
        for precision in Precision.checked {
            let property = Property("\(id).\(precision.rawValue)", sizes: sizes, generator: generator, coverage: coverage) { value in
                let (f, regime) = try claim(precision, value)
                return .expectNone(f, regime: regime)
            }
            let result = try property.check(settings)
            if let message = result.failureMessage {
                failures.append(message + (result.counterexample.map { "; replay: TRIAD_REPLAY='\($0.replay.token)'" } ?? ""))
            }
            counts.append("\(result.casesRun) in \(precision.rawValue)")
            last = result
        }
        return IdentityChecks.Outcome(failures: failures, evidence: "\(what); cases: " + counts.joined(separator: ", "), result: last)
    }

    /// `LAND.RANGE.BOUND`: for random prototypes in the plane (`C` in 2...6), every `F` on a dense
    /// circle lies in `[log C - 1/tau, log C + 1/tau]`; merged prototypes (one direction, random
    /// positive scales) reach both ends exactly at `z = ±u`, so their range is `2/tau`.
    public func bound() throws -> IdentityChecks.Outcome {
        let head = terms.head
        let cases = Gen<(prototypes: [[Double]], tau: Double, merged: Bool)> { rng, size in
            let c = size[.clusters], tau = Self.temperature(using: &rng)
            let merged = rng.nextUnit() < 0.4
            let u = Self.randomDirection(2, using: &rng)
            let protos = (0..<c).map { _ -> [Double] in
                let scale = rng.uniform(0.1, 10)
                return merged ? u.map { $0 * scale } : Self.randomDirection(2, using: &rng)
            }
            return (protos, tau, merged)
        }
        return try run("LAND.RANGE.BOUND", sizes: SizeSpace([(.clusters, 2...6)]), generator: cases,
                       coverage: [.fraction("merged", atLeast: 0.2), .fraction("spread", atLeast: 0.2)],
                       what: "F on \(Self.denseDirections) directions within log C ± 1/tau; merged: both ends attained") { precision, v in
            let c = v.prototypes.count
            let e = try EnergyRange.merged(clusters: c, temperature: v.tau)
            var dirs = Self.circle(Self.denseDirections)
            let u = v.prototypes[0], n = (u[0] * u[0] + u[1] * u[1]).squareRoot()
            dirs += [[u[0] / n, u[1] / n], [-u[0] / n, -u[1] / n]]
            let values = try precision.dispatch(EnergyVisitor(directions: dirs, prototypes: v.prototypes, tau: v.tau, head: head))
            let tol = Self.energyTolerance(unitRoundoff: precision.unitRoundoff, certified: precision.isCertified,
                                           dimension: 2, clusters: c, temperature: v.tau)
            let m = Self.denseDirections
            let exact = v.merged ? [("F(u)", m, e.maximum), ("F(-u)", m + 1, e.minimum)] : []
            return (Self.compare(values, extremes: e, tolerance: tol, exact: exact, denseDiscretisation: nil),
                    v.merged ? "merged" : "spread")
        }
    }

    /// `LAND.RANGE.PAIR`: two prototypes at a random angle (merged and opposite included), randomly
    /// rotated and scaled: `F` at the bisector's opposite is the closed-form minimum, at the bisector
    /// the maximum when `sin²(θ/2) <= tau cos(θ/2)`, and a dense circle stays inside and reaches both.
    public func pair() throws -> IdentityChecks.Outcome {
        let head = terms.head
        let cases = Gen<(theta: Double, tau: Double, rotation: Double, scales: [Double])> { rng, _ in
            let pick = rng.nextUnit()
            let theta = pick < 0.15 ? 0 : pick < 0.3 ? Double.pi : rng.uniform(0, Double.pi)
            return (theta, Self.temperature(using: &rng), rng.uniform(0, 2 * Double.pi), [rng.uniform(0.1, 10), rng.uniform(0.1, 10)])
        }
        @Sendable func regime(_ theta: Double, _ tau: Double) -> String {
            if theta == 0 { return "merged" }
            if theta == Double.pi { return "opposite" }
            return pow(sin(theta / 2), 2) <= tau * cos(theta / 2) ? "max at bisector" : "max off bisector"
        }
        return try run("LAND.RANGE.PAIR", sizes: SizeSpace([(.clusters, 2...2)]), generator: cases,
                       coverage: ["merged", "opposite", "max at bisector", "max off bisector"].map { .fraction($0, atLeast: 0.05) },
                       what: "closed-form extremes at the bisector and its opposite; \(Self.denseDirections) directions inside and reaching both") { precision, v in
            let (a, b) = (v.rotation + v.theta / 2, v.rotation - v.theta / 2)
            let protos = [[v.scales[0] * cos(a), v.scales[0] * sin(a)], [v.scales[1] * cos(b), v.scales[1] * sin(b)]]
            let e = try EnergyRange.pair(angle: v.theta, temperature: v.tau)
            var dirs = Self.circle(Self.denseDirections)
            dirs += [[cos(v.rotation), sin(v.rotation)], [-cos(v.rotation), -sin(v.rotation)]]
            let values = try precision.dispatch(EnergyVisitor(directions: dirs, prototypes: protos, tau: v.tau, head: head))
            let tol = Self.energyTolerance(unitRoundoff: precision.unitRoundoff, certified: precision.isCertified,
                                           dimension: 2, clusters: 2, temperature: v.tau)
            let m = Self.denseDirections, r = regime(v.theta, v.tau)
            var exact = [("F(-bisector)", m + 1, e.minimum)]
            if r != "max off bisector" && r != "opposite" { exact.append(("F(bisector)", m, e.maximum)) }
            return (Self.compare(values, extremes: e, tolerance: tol, exact: exact,
                                 denseDiscretisation: Self.discretisation(directions: m, temperature: v.tau)), r)
        }
    }

    /// `LAND.RANGE.ANTIPODAL`: `m` antipodal pairs on randomly rotated orthonormal axes of `R^k`,
    /// `k ∈ {m, m + 1}`: `F(e_1)` is the closed-form maximum, the minimum is attained at `(1..1)/sqrt m`
    /// (`k = m`) or at the free axis (`k > m`), and random directions stay inside.
    public func antipodal() throws -> IdentityChecks.Outcome {
        let head = terms.head
        let cases = Gen<(m: Int, k: Int, tau: Double, rotation: [[Double]], random: [[Double]])> { rng, size in
            let m = size[.pairs], k = m + (rng.nextUnit() < 0.5 ? 0 : 1)
            let rotation = Self.randomRotation(k, using: &rng)
            return (m, k, Self.temperature(using: &rng), rotation, (0..<32).map { _ in Self.randomDirection(k, using: &rng) })
        }
        return try run("LAND.RANGE.ANTIPODAL", sizes: SizeSpace([(.pairs, 1...3)]), generator: cases,
                       coverage: [.fraction("k = m", atLeast: 0.2), .fraction("k > m", atLeast: 0.2)],
                       what: "closed-form extremes at their stated directions; 32 random directions inside") { precision, v in
            func axis(_ j: Int) -> [Double] { (0..<v.k).map { $0 == j ? 1 : 0 } }
            let protos = (0..<v.m).flatMap { j in [Self.rotate(axis(j), v.rotation), Self.rotate(axis(j).map { -$0 }, v.rotation)] }
            let e = try EnergyRange.antipodalPairs(v.m, dimension: v.k, temperature: v.tau)
            let argmin = v.k > v.m ? axis(v.m) : (0..<v.k).map { _ in 1 / Double(v.m).squareRoot() }
            let dirs = v.random + [Self.rotate(axis(0), v.rotation), Self.rotate(argmin, v.rotation)]
            let values = try precision.dispatch(EnergyVisitor(directions: dirs, prototypes: protos, tau: v.tau, head: head))
            let tol = Self.energyTolerance(unitRoundoff: precision.unitRoundoff, certified: precision.isCertified,
                                           dimension: v.k, clusters: 2 * v.m, temperature: v.tau)
            let n = v.random.count
            return (Self.compare(values, extremes: e, tolerance: tol,
                                 exact: [("F(e_1)", n, e.maximum), ("F(argmin)", n + 1, e.minimum)], denseDiscretisation: nil),
                    v.k == v.m ? "k = m" : "k > m")
        }
    }

    /// `LAND.RANGE.SIMPLEX`: the regular simplex of `C` prototypes (2...6), in `R^(C-1)` or `R^C`,
    /// randomly rotated and scaled: `F` at each two-valued critical direction `normalise(Σ_{y<j} u_y)`
    /// equals `phi_j`, the extremes are attained where stated, and random directions stay inside.
    public func simplex() throws -> IdentityChecks.Outcome {
        let head = terms.head
        let cases = Gen<(c: Int, k: Int, tau: Double, rotation: [[Double]], scales: [Double], random: [[Double]])> { rng, size in
            let c = size[.clusters], k = c - 1 + (rng.nextUnit() < 0.5 ? 0 : 1)
            return (c, k, Self.temperature(using: &rng), Self.randomRotation(k, using: &rng),
                    (0..<c).map { _ in rng.uniform(0.1, 10) }, (0..<32).map { _ in Self.randomDirection(k, using: &rng) })
        }
        return try run("LAND.RANGE.SIMPLEX", sizes: SizeSpace([(.clusters, 2...6)]), generator: cases,
                       coverage: [.fraction("k = C - 1", atLeast: 0.2), .fraction("k = C", atLeast: 0.2)],
                       what: "F = phi_j at every two-valued critical direction, extremes where stated; 32 random directions inside") { precision, v in
            let vertices = Self.simplexVertices(v.c)
            func embed(_ x: [Double]) -> [Double] { Self.rotate(x + Array(repeating: 0, count: v.k - x.count), v.rotation) }
            let protos = vertices.enumerated().map { y, x in embed(x).map { $0 * v.scales[y] } }
            let e = try EnergyRange.simplex(clusters: v.c, dimension: v.k, temperature: v.tau)
            var dirs = v.random, exact: [(String, Int, Double)] = []
            for cand in EnergyRange.simplexCriticalCosines(clusters: v.c) {
                var s = Array(repeating: 0.0, count: v.c - 1)
                for y in 0..<cand.j { for a in 0..<(v.c - 1) { s[a] += vertices[y][a] } }
                let n = s.map { $0 * $0 }.reduce(0, +).squareRoot()
                let phi: Double = logSumExp([log(Double(cand.j)) + cand.a / v.tau, log(Double(v.c - cand.j)) + cand.b / v.tau])
                exact.append(("F(critical j = \(cand.j))", dirs.count, phi))
                dirs.append(embed(s.map { $0 / n }))
            }
            if v.k == v.c {
                exact.append(("F(orthogonal to the span)", dirs.count, e.minimum))
                dirs.append(Self.rotate((0..<v.k).map { $0 == v.k - 1 ? 1 : 0 }, v.rotation))
            }
            let values = try precision.dispatch(EnergyVisitor(directions: dirs, prototypes: protos, tau: v.tau, head: head))
            let tol = Self.energyTolerance(unitRoundoff: precision.unitRoundoff, certified: precision.isCertified,
                                           dimension: v.k, clusters: v.c, temperature: v.tau)
            return (Self.compare(values, extremes: e, tolerance: tol, exact: exact, denseDiscretisation: nil),
                    v.k == v.c - 1 ? "k = C - 1" : "k = C")
        }
    }

    /// The `C` unit vertices of the regular simplex in `R^(C-1)`: `e_y - 1/C` in `R^C`, normalised, in the
    /// orthonormal (Helmert) basis `h_j = (1, .., 1, -j, 0, ..)/sqrt(j(j+1))` of the hyperplane `Σ x = 0`.
    static func simplexVertices(_ c: Int) -> [[Double]] {
        let norm = (Double(c - 1) / Double(c)).squareRoot()
        return (0..<c).map { y in
            (1..<c).map { j -> Double in
                // <e_y, h_j>; the 1/C part is orthogonal to every h_j.
                let scale = 1 / (Double(j) * Double(j + 1)).squareRoot()
                let entry: Double = y < j ? 1 : (y == j ? -Double(j) : 0)
                return entry * scale / norm
            }
        }
    }

    /// Evaluates ``negativeEnergies(_:directions:prototypes:temperature:head:)`` in a ``Precision``.
    struct EnergyVisitor: PrecisionVisitor {
        let directions: [[Double]]
        let prototypes: [[Double]]
        let tau: Double
        let head: any LogitHead
        func visit<T: Real>(_: T.Type) throws -> [(lo: Double, hi: Double)] {
            EnergyRangeChecks.negativeEnergies(T.self, directions: directions, prototypes: prototypes, temperature: tau, head: head)
        }
    }
}

extension Size.Key {
    /// `m`: the number of antipodal prototype pairs (`C = 2m`).
    static let pairs = Size.Key("m", minimum: 1, "antipodal prototype pairs")
}

extension Precision {
    /// The unit roundoff of the precision's type (`ulp(1)`).
    var unitRoundoff: Double {
        struct Visitor: PrecisionVisitor { func visit<T: Real>(_: T.Type) throws -> Double { T.unitRoundoff } }
        return (try? dispatch(Visitor())) ?? Double.ulpOfOne
    }
}
