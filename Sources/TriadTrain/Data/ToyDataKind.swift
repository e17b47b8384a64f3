import Glibc
import TriadCore

/// The two 2-D toy data sets of the paper's Appendix D (`Proofs/model.md` §7.4), generated "as in the EBM code
/// the paper builds on" (the toy-data module of FFJORD, which calls scikit-learn):
///
/// - ``moons``: scikit-learn's `make_moons` — label 0 is the upper half circle `(cos t, sin t)`,
///   label 1 the lower one `(1 - cos t, 1 - sin t - 0.5)`, `t ∈ [0, π]` — with Gaussian noise of
///   standard deviation 0.1 per coordinate, then scaled ×2 and shifted by `(-1, -0.2)`.
/// - ``circles``: scikit-learn's `make_circles(factor: 0.5)` — label 0 the circle of radius 1,
///   label 1 the circle of radius 0.5, `t ∈ [0, 2π)` — noise 0.08, then scaled ×3.
///
/// The noise is added *before* scaling (as in the reference code), so the effective noise standard
/// deviation in the final coordinates is `noise × scale` (0.2 for moons, 0.24 for circles).
public enum ToyDataKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case moons
    case circles

    public var description: String { rawValue }

    /// Standard deviation of the per-coordinate Gaussian noise, in the unscaled coordinates.
    var noise: Double {
        switch self {
        case .moons: 0.1
        case .circles: 0.08
        }
    }

    /// The factor applied after the noise.
    var scale: Double {
        switch self {
        case .moons: 2
        case .circles: 3
        }
    }

    /// The shift applied after scaling: `x_final = scale · (x + noise) + shift`.
    var shift: (x: Double, y: Double) {
        switch self {
        case .moons: (-1, -0.2)
        case .circles: (0, 0)
        }
    }

    /// The radius of the inner circle relative to the outer one (`make_circles(factor:)`); 1 for moons,
    /// whose two half circles both have radius 1.
    var innerRadiusFactor: Double {
        switch self {
        case .moons: 1
        case .circles: 0.5
        }
    }

    /// The range of the curve parameter `t`: `[0, π]` (moons, end point included) or `[0, 2π)`
    /// (circles, end point excluded so that the first and last points differ, as scikit-learn does).
    var parameterRange: (lower: Double, upper: Double, includesUpper: Bool) {
        switch self {
        case .moons: (0, Double.pi, true)
        case .circles: (0, 2 * Double.pi, false)
        }
    }

    /// The noise-free point of manifold `label` (0 or 1) at parameter `t`, in unscaled coordinates.
    public func manifoldPoint(label: Int, t: Double) -> (x: Double, y: Double) {
        switch (self, label) {
        case (.moons, 0): return (Glibc.cos(t), Glibc.sin(t))
        case (.moons, _): return (1 - Glibc.cos(t), 1 - Glibc.sin(t) - 0.5)
        case (.circles, 0): return (Glibc.cos(t), Glibc.sin(t))
        case (.circles, _): return (innerRadiusFactor * Glibc.cos(t), innerRadiusFactor * Glibc.sin(t))
        }
    }

    /// How many noise standard deviations (in final coordinates) ``boundingBox`` adds around the
    /// noise-free manifolds: 4, so a coordinate leaves the box with probability below 6.4e-5 per
    /// point even at the manifold's extreme (the Gaussian two-sided tail beyond 4σ).
    static var boxMarginInStandardDeviations: Double { 4 }

    /// A box covering the data, for uniform re-initialisation of SGLD samples (`Proofs/model.md` §7.2):
    /// the exact box of the noise-free manifolds after scaling and shifting, widened on every side by
    /// ``boxMarginInStandardDeviations`` × `noise × scale`.
    /// Moons: x ∈ [-3.8, 3.8], y ∈ [-2.0, 2.6]. Circles: x, y ∈ [-3.96, 3.96].
    var boundingBox: BoundingBox {
        // Noise-free extents in unscaled coordinates.
        let (lo, hi): ([Double], [Double])
        switch self {
        case .moons: (lo, hi) = ([-1, -0.5], [2, 1])
        case .circles: (lo, hi) = ([-1, -1], [1, 1])
        }
        let margin = Self.boxMarginInStandardDeviations * noise * scale
        let s = [shift.x, shift.y]
        // Finite and lower < upper by construction.
        return BoundingBox(validLower: (0..<2).map { scale * lo[$0] + s[$0] - margin },
                           upper: (0..<2).map { scale * hi[$0] + s[$0] + margin })
    }
}

/// How the curve parameter `t` of each manifold point is chosen.
enum ManifoldPositions: String, Sendable, CaseIterable {
    /// scikit-learn's construction: `m` evenly spaced values (`numpy.linspace`), end point included for
    /// moons and excluded for circles. The reference code draws a fresh set of this kind for every
    /// training batch, so the batches differ only by their noise and order. This is the default.
    case evenlySpaced
    /// `t` drawn uniformly on the parameter range for every point: the same law in the limit of many
    /// points, without the grid.
    case uniform
}
