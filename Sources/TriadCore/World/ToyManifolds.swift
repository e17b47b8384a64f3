import Glibc

/// The geometry of the two 2-D toy laws of the paper's Appendix D (`Proofs/model.md` §7.4), in one
/// place: the trainer samples from it (`ToyDataKind`), the landscape turns it into a density on a grid.
///
/// - ``moons``: scikit-learn's `make_moons` — label 0 the upper half circle `(cos t, sin t)`, label 1
///   the lower one `(1 - cos t, 1 - sin t - 0.5)`, `t ∈ [0, π]` — Gaussian noise of standard deviation 0.1
///   per coordinate, then scaled ×2 and shifted by `(-1, -0.2)`.
/// - ``circles``: `make_circles(factor: 0.5)` — label 0 the circle of radius 1, label 1 the circle of
///   radius 0.5, `t ∈ [0, 2π)` — noise 0.08, then scaled ×3.
///
/// The noise is added before scaling, so in the final coordinates the law of each manifold is its
/// scaled curve (with `t` uniform) convolved with an isotropic Gaussian of standard deviation
/// ``finalNoise`` = `noise × scale` (0.2 for moons, 0.24 for circles); each manifold has mass 1/2.
public enum ToyManifolds: String, CaseIterable, Sendable, CustomStringConvertible {
    case moons
    case circles

    public var description: String { rawValue }

    /// Standard deviation of the per-coordinate Gaussian noise, in the unscaled coordinates.
    public var noise: Double {
        switch self {
        case .moons: 0.1
        case .circles: 0.08
        }
    }

    /// The factor applied after the noise.
    public var scale: Double {
        switch self {
        case .moons: 2
        case .circles: 3
        }
    }

    /// The shift applied after scaling: `x_final = scale · (x + noise) + shift`.
    public var shift: (x: Double, y: Double) {
        switch self {
        case .moons: (-1, -0.2)
        case .circles: (0, 0)
        }
    }

    /// The noise standard deviation in the final coordinates, `noise × scale`.
    public var finalNoise: Double { noise * scale }

    /// The radius of the inner circle relative to the outer one (`make_circles(factor:)`); 1 for moons.
    public var innerRadiusFactor: Double {
        switch self {
        case .moons: 1
        case .circles: 0.5
        }
    }

    /// The range of the curve parameter `t`: `[0, π]` (moons, end point included) or `[0, 2π)`
    /// (circles, end point excluded, as scikit-learn does).
    public var parameterRange: (lower: Double, upper: Double, includesUpper: Bool) {
        switch self {
        case .moons: (0, Double.pi, true)
        case .circles: (0, 2 * Double.pi, false)
        }
    }

    /// The noise-free point of manifold `label` (0 or 1) at parameter `t`, in unscaled coordinates.
    public func manifoldPoint(label: Int, t: Double) -> (x: Double, y: Double) {
        switch (self, label) {
        case (.moons, 0): return (cos(t), sin(t))
        case (.moons, _): return (1 - cos(t), 1 - sin(t) - 0.5)
        case (.circles, 0): return (cos(t), sin(t))
        case (.circles, _): return (innerRadiusFactor * cos(t), innerRadiusFactor * sin(t))
        }
    }

    /// How many noise standard deviations (in final coordinates) ``box`` adds around the noise-free
    /// manifolds: 4, so a coordinate leaves the box with probability below 6.4e-5 per point even at the
    /// manifold's extreme (the Gaussian two-sided tail beyond 4σ).
    public static var boxMarginInStandardDeviations: Double { 4 }

    /// The box covering the data: the exact box of the noise-free manifolds after scaling and shifting,
    /// widened on every side by ``boxMarginInStandardDeviations`` × ``finalNoise``, as `(lower, upper)`
    /// corners. Moons: x ∈ [-3.8, 3.8], y ∈ [-2.0, 2.6]. Circles: x, y ∈ [-3.96, 3.96].
    public var box: (lower: [Double], upper: [Double]) {
        let (lo, hi): ([Double], [Double])
        switch self {
        case .moons: (lo, hi) = ([-1, -0.5], [2, 1])
        case .circles: (lo, hi) = ([-1, -1], [1, 1])
        }
        let margin = Self.boxMarginInStandardDeviations * finalNoise
        let s = [shift.x, shift.y]
        return ((0..<2).map { scale * lo[$0] + s[$0] - margin }, (0..<2).map { scale * hi[$0] + s[$0] + margin })
    }

    /// The density of manifold `label` at `(x, y)` (final coordinates), up to the factor
    /// `1/(2π σ²)` common to both manifolds: `(1/M) Σ_m exp(-|(x, y) - c(t_m)|² / (2σ²))`, the
    /// convolution of the scaled curve `c` with the noise, by the midpoint rule over `M` values of `t`.
    /// Accuracy at the default `M = 512`: for circles the rule is periodic and its error falls like
    /// `exp(-2π² σ² / h²)` with the curve spacing `h <= 0.037` against `σ = 0.24` (far below rounding); for
    /// moons the open ends give the midpoint rule's `O(h²)` error, about `h² / (24 σ²) <= 2e-4` relative.
    /// Throws when `label` is not 0 or 1 or `M < 1`.
    public func manifoldDensity(label: Int, x: Double, y: Double, quadraturePoints m: Int = 512) throws -> Double {
        try require(label == 0 || label == 1, "manifold label", label, "must be 0 or 1")
        try require(m >= 1, "quadrature points M", m, "must be >= 1")
        let range = parameterRange, sigma2 = finalNoise * finalNoise
        var sum = 0.0
        for k in 0..<m {
            let t = range.lower + (range.upper - range.lower) * (Double(k) + 0.5) / Double(m)
            let c = manifoldPoint(label: label, t: t)
            let (dx, dy) = (x - (scale * c.x + shift.x), y - (scale * c.y + shift.y))
            sum += exp(-(dx * dx + dy * dy) / (2 * sigma2))
        }
        return sum / Double(m)
    }
}
