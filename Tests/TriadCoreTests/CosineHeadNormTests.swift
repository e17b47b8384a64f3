import Testing
import TriadCore

/// The cosine head's floored norm `max(|a|, 1e-12)` at the edges, against exact values: huge
/// embeddings (no overflow), a zero embedding (logit 0, no NaN, in every precision including
/// Float16), norms strictly between the floor `1e-12` and `1e-6` (the floor does not apply) and
/// below `1e-12` (it does), in value and in the backward pass.
@Suite("Cosine head norm: scaled, floored at exactly 1e-12, exact values at the edges")
struct CosineHeadNormTests {
    /// Logits of one embedding against the prototypes (one per row) at temperature `tau`.
    static func logits<T: Real>(_ z: [T], _ u: [[T]], tau: T = T(1)) throws -> [T] {
        try ClusterHead(prototypes: Matrix(u), temperature: tau).logits(Matrix([z])).storage
    }

    /// Reason for the tolerance: a cosine is a dot product of `k <= 2` terms, two square roots and
    /// two divisions of scaled `O(1)` numbers, each rounded once (relative `u`); `8 u` relative is
    /// margin. Intervals must contain the exact value.
    static func expectClose<T: Real>(_ v: T, _ expected: Double, _ what: String,
                                     sourceLocation: SourceLocation = #_sourceLocation) {
        let tol = 8 * T.unitRoundoff * Swift.max(abs(expected), Double.leastNormalMagnitude)
        let slack = T.isCertified ? 2 * Double.ulpOfOne * abs(expected) : tol
        #expect(!v.isNaN && v.lowerBound <= expected + slack && v.upperBound >= expected - slack,
                "\(T.typeName) \(what): \(v), expected \(expected)", sourceLocation: sourceLocation)
    }

    // MARK: huge embeddings

    /// `cos((G, 0), u_1 = (1, 0)) = 1`, `cos((G, 0), u_2 = (0, 1)) = 0`, `cos((G, G), (1, 1)) = 1`,
    /// `cos((-G, G), (1, 1)) = 0` for `G` up to the largest finite value: the unscaled sum of squares
    /// overflowed above about 1e19 in Float and the logits silently became 0.
    static func huge<T: FloatingReal>(_: T.Type) throws {
        for g in [T(1e20), T(1e30), T.greatestFiniteMagnitude / 2, T.greatestFiniteMagnitude] where g.isFinite {
            let l = try logits([g, 0], [[1, 0], [0, 1]])
            #expect(l == [1, 0], "\(T.typeName) embedding (\(g), 0): logits \(l), expected [1, 0]")
            let d = try logits([g, g], [[1, 1], [1, -1]])
            expectClose(d[0], 1, "cos((G, G), (1, 1)) at G = \(g)")
            #expect(d[1] == 0, "\(T.typeName) cos((G, G), (1, -1)) at G = \(g): \(d[1])")
            let e = try logits([-g, g], [[1, 1], [-1, 1]], tau: T(0.5))
            #expect(e[0] == 0, "\(T.typeName) cos((-G, G), (1, 1)) at G = \(g): \(e[0])")
            expectClose(e[1], 2, "cos((-G, G), (-1, 1)) / 0.5 at G = \(g)")
        }
    }

    @Test("Huge embeddings (1e20, 1e30, greatest finite) give the exact cosine: Float")
    func hugeFloat() throws { try Self.huge(Float.self) }
    @Test("Huge embeddings give the exact cosine: Double")
    func hugeDouble() throws { try Self.huge(Double.self) }
    #if arch(x86_64) || arch(i386)
    @Test("Huge embeddings give the exact cosine: Float80")
    func hugeFloat80() throws { try Self.huge(Float80.self) }
    #endif
    #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    @Test("Huge embeddings give the exact cosine: Float16")
    func hugeFloat16() throws { try Self.huge(Float16.self) }
    #endif

    @Test("Huge embedding backward: d cos/dz = (û - cos ẑ)/|z| is 0 along z and 1/|z| across, in Float")
    func hugeBackward() throws {
        let head = try ClusterHead<Float>(prototypes: Matrix([[1, 0], [0, 1]]), temperature: 1)
        let (dz, du) = head.backward(Matrix([[1e20, 0]]), logitGradient: Matrix([[1, 1]]))
        // u_1 contributes ((1,0) - 1·(1,0))/1e20 = 0; u_2 contributes ((0,1) - 0)/1e20.
        #expect(dz.storage[0] == 0, "dz[0] = \(dz.storage[0])")
        Self.expectClose(dz.storage[1], 1e-20, "dz[1]")
        // d cos/du_y = (ẑ - cos û_y)/|u_y|: (0, 0) for u_1, (1, 0) for u_2.
        #expect(du.storage == [0, 0, 1, 0], "du = \(du.storage)")
    }

    // MARK: zero embedding

    static func zero<T: Real>(_: T.Type) throws {
        let l = try logits([T(0), T(0)], [[T(1), T(0)], [T(-0.5), T(2)]], tau: T(0.1))
        for (y, v) in l.enumerated() {
            #expect(v.lowerBound == 0 && v.upperBound == 0, "\(T.typeName) zero embedding: logit \(y) = \(v)")
        }
    }

    @Test("A zero embedding gives logit 0 (not NaN) in Float16, Float, Double, Float80 and Interval")
    func zeroEverywhere() throws {
        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
        try Self.zero(Float16.self)
        #endif
        try Self.zero(Float.self)
        try Self.zero(Double.self)
        #if arch(x86_64) || arch(i386)
        try Self.zero(Float80.self)
        #endif
        try Self.zero(Interval.self)
    }

    #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    /// In Float16 the squares of entries below about 2.4e-4 underflow (and `1e-12` itself rounds to
    /// 0), so the unscaled norm of `r (0.6, 0.8)` was 0 and the cosine NaN. Tolerance: the entries'
    /// own rounding to Float16 (relative `u`, less precise for the subnormal `0.6e-4`) plus the
    /// cosine's, within `8 u`.
    @Test("Float16: small embeddings (norm 1e-3, 1e-4, 6.1e-5) give the true cosine, not NaN")
    func smallFloat16() throws {
        for r in [1e-3, 1e-4, 6.1e-5] {
            let l = try Self.logits([Float16(0.6 * r), Float16(0.8 * r)], [[1, 0], [0, 2]], tau: 0.5)
            Self.expectClose(l[0], 1.2, "|z| = \(r): logit 0")
            Self.expectClose(l[1], 1.6, "|z| = \(r): logit 1")
        }
    }
    #endif

    // MARK: the floor: 1e-12 exactly

    /// Embeddings `r (0.6, 0.8)` against `u_1 = (1, 0)`, `u_2 = (0, 2)` at `tau = 0.5`:
    /// for `r > 1e-12` the true cosines `(0.6, 0.8)` (logits `(1.2, 1.6)`); for `r < 1e-12` the floor
    /// applies, `l_y = a·u_y / (1e-12 |u_y| tau)` = `(r/1e-12)(1.2, 1.6)`. A floor of `1e-6` would
    /// give `(r/1e-6)(1.2, 1.6)` at `r = 1e-9` and `3e-8`.
    static func floorValues<T: Real>(_: T.Type) throws {
        for (r, factor) in [(3e-8, 1.0), (1e-9, 1.0), (2e-11, 1.0), (5e-13, 0.5), (1e-14, 0.01)] {
            let l = try logits([T(0.6 * r), T(0.8 * r)], [[T(1), T(0)], [T(0), T(2)]], tau: T(0.5))
            expectClose(l[0], 1.2 * factor, "|z| = \(r): logit 0")
            expectClose(l[1], 1.6 * factor, "|z| = \(r): logit 1")
        }
    }

    @Test("Norms 3e-8, 1e-9, 2e-11: true cosine; 5e-13, 1e-14: floored at 1e-12 (Float, Double, Float80, Interval)")
    func floor() throws {
        try Self.floorValues(Float.self)
        try Self.floorValues(Double.self)
        #if arch(x86_64) || arch(i386)
        try Self.floorValues(Float80.self)
        #endif
        try Self.floorValues(Interval.self)
    }

    /// `z = r (0.6, 0.8)`, `u = (1, 0)`, `tau = 1`, `G = 1`: above the floor
    /// `∂cos/∂z = (û - cos ẑ)/|z| = (0.64, -0.48)/r` and `∂cos/∂u = (ẑ - cos û)/|u| = (0, 0.8)`;
    /// below it `∂cos/∂z = û/1e-12 = (1e12, 0)` and `∂cos/∂u = (0, 0.8 r/1e-12)`.
    static func floorBackward<T: Real>(_: T.Type) throws {
        let head = try ClusterHead<T>(prototypes: Matrix([[T(1), T(0)], [T(0), T(1)]]), temperature: T(1))
        for r in [3e-8, 1e-9, 2e-11, 5e-13, 1e-14] {
            let (dz, du) = head.backward(Matrix([[T(0.6 * r), T(0.8 * r)]]), logitGradient: Matrix([[T(1), T(0)]]))
            let above = r > 1e-12
            expectClose(dz.storage[0], above ? 0.64 / r : 1e12, "|z| = \(r): ∂cos/∂z_0")
            expectClose(dz.storage[1], above ? -0.48 / r : 0, "|z| = \(r): ∂cos/∂z_1")
            expectClose(du.storage[0], 0, "|z| = \(r): ∂cos/∂u_0")
            expectClose(du.storage[1], above ? 0.8 : 0.8 * r / 1e-12, "|z| = \(r): ∂cos/∂u_1")
        }
    }

    @Test("Backward at norms 3e-8 .. 1e-14: (û - cos ẑ)/|z| above 1e-12, û/1e-12 below (Float, Double, Float80)")
    func floorGradient() throws {
        try Self.floorBackward(Float.self)
        try Self.floorBackward(Double.self)
        #if arch(x86_64) || arch(i386)
        try Self.floorBackward(Float80.self)
        #endif
    }
}
