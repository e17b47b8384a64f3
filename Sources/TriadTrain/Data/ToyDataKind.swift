import Glibc
import TriadCore

/// The two 2-D toy data sets of the paper's Appendix D (`Proofs/model.md` §7.4), generated "as in the EBM code
/// the paper builds on" (the toy-data module of FFJORD, which calls scikit-learn): ``moons`` and
/// ``circles``, whose geometry (curves, noise 0.1 / 0.08 added before scaling ×2 / ×3, shift, box) is
/// defined once in TriadCore's ``ToyManifolds`` and read from there.
public enum ToyDataKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case moons
    case circles

    public var description: String { rawValue }

    /// The geometry of the law, defined once in TriadCore (``ToyManifolds``): noise, scale, shift,
    /// curves and box.
    public var manifolds: ToyManifolds {
        switch self {
        case .moons: .moons
        case .circles: .circles
        }
    }

    /// Standard deviation of the per-coordinate Gaussian noise, in the unscaled coordinates.
    var noise: Double { manifolds.noise }

    /// The factor applied after the noise.
    var scale: Double { manifolds.scale }

    /// The shift applied after scaling: `x_final = scale · (x + noise) + shift`.
    var shift: (x: Double, y: Double) { manifolds.shift }

    /// The radius of the inner circle relative to the outer one (`make_circles(factor:)`); 1 for moons.
    var innerRadiusFactor: Double { manifolds.innerRadiusFactor }

    /// The range of the curve parameter `t` (see ``ToyManifolds/parameterRange``).
    var parameterRange: (lower: Double, upper: Double, includesUpper: Bool) { manifolds.parameterRange }

    /// The noise-free point of manifold `label` (0 or 1) at parameter `t`, in unscaled coordinates.
    public func manifoldPoint(label: Int, t: Double) -> (x: Double, y: Double) { manifolds.manifoldPoint(label: label, t: t) }

    /// How many noise standard deviations (in final coordinates) ``boundingBox`` adds around the
    /// noise-free manifolds (``ToyManifolds/boxMarginInStandardDeviations``).
    static var boxMarginInStandardDeviations: Double { ToyManifolds.boxMarginInStandardDeviations }

    /// A box covering the data, for uniform re-initialisation of SGLD samples (`Proofs/model.md` §7.2):
    /// the exact box of the noise-free manifolds after scaling and shifting, widened on every side by
    /// ``boxMarginInStandardDeviations`` × `noise × scale`.
    /// Moons: x ∈ [-3.8, 3.8], y ∈ [-2.0, 2.6]. Circles: x, y ∈ [-3.96, 3.96].
    var boundingBox: BoundingBox {
        let box = manifolds.box
        // Finite and lower < upper by construction.
        return BoundingBox(validLower: box.lower, upper: box.upper)
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
