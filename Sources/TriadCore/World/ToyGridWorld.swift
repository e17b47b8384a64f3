import Glibc

/// A toy law of ``ToyManifolds`` made a finite world (`Proofs/landscape.md`, "The toy laws as finite
/// worlds"): `Omega` is a square grid over the data box, `n` points along its longer side and as many
/// along the shorter side as the same step `h` allows (centred), `p_i` the law's density at grid point
/// `i` normalised over the grid, the true label of a point the manifold carrying more density there,
/// and `A` the Gaussian augmentation kernel of standard deviation `s`, truncated at radius `3s`,
/// restricted to the grid and row-normalised, with `C = 2` clusters.
///
/// The truncation keeps the number of pairs `p_i A_ij > 0` near `N · 28 (s/h)²` instead of `N²`; it
/// drops the kernel's tail beyond `3s`, 1.1% of a 2-D Gaussian's mass, and the row normalisation gives
/// that mass back to the kept neighbours. A row always keeps its own point; when `3s < h` it keeps only
/// that one (`A = I`: the augmentation connects nothing, and `L_INV` only rewards confidence).
public struct ToyGridWorld: Sendable {
    /// The law.
    public let law: ToyManifolds
    /// Points `n` along the box's longer side.
    public let gridSize: Int
    /// The grid step `h` (the same on both axes).
    public let step: Double
    /// The augmentation standard deviation `s`, in final coordinates.
    public let augmentationStd: Double
    /// The world: grid points, data law, kernel, `C = 2`.
    public let world: FiniteWorld<Double>
    /// The true manifold (0 or 1) of each point: the one whose density is larger (0 on a tie).
    public let trueLabels: [Int]

    /// The grid world. Throws ``TriadError`` when `n < 2` or `n > 100` (a dense `N × N` kernel, `N <= n²`,
    /// beyond that is over 800 MB), or `s` is not finite and `> 0`.
    public init(law: ToyManifolds, gridSize n: Int, augmentationStd s: Double) throws {
        try require(n >= 2 && n <= 100, "grid size n", n, "must be in 2...100 (the kernel is dense, n^2 x n^2)")
        try require(s.isFinite && s > 0, "augmentation std s", s, "must be finite and > 0")
        let box = law.box
        let extent = [box.upper[0] - box.lower[0], box.upper[1] - box.lower[1]]
        let long = extent[0] >= extent[1] ? 0 : 1, h = extent[long] / Double(n - 1)
        var counts = [n, n]
        counts[1 - long] = max(2, Int((extent[1 - long] / h).rounded()) + 1)
        // Each axis centred in the box (the shorter one covers (counts - 1) h, within h/2 of its extent).
        let origin = (0..<2).map { box.lower[$0] + (extent[$0] - Double(counts[$0] - 1) * h) / 2 }
        var coordinates: [Double] = [], densities: [Double] = [], labels: [Int] = []
        for a in 0..<counts[1] {
            for b in 0..<counts[0] {
                let x = origin[0] + Double(b) * h, y = origin[1] + Double(a) * h
                let d0 = try law.manifoldDensity(label: 0, x: x, y: y), d1 = try law.manifoldDensity(label: 1, x: x, y: y)
                coordinates += [x, y]
                densities.append(d0 + d1)
                labels.append(d1 > d0 ? 1 : 0)
            }
        }
        let count = counts[0] * counts[1], total = densities.reduce(0, +)
        let points = Matrix(rows: count, columns: 2, storage: coordinates)
        var kernel = Matrix<Double>.zeros(rows: count, columns: count)
        let radius2 = 9 * s * s
        for i in 0..<count {
            var row = 0.0
            for j in 0..<count {
                let (dx, dy) = (points[i, 0] - points[j, 0], points[i, 1] - points[j, 1])
                let d2 = dx * dx + dy * dy
                if d2 <= radius2 { let w = exp(-d2 / (2 * s * s)); kernel[i, j] = w; row += w }
            }
            for j in 0..<count where kernel[i, j] > 0 { kernel[i, j] /= row }
        }
        self.law = law
        self.gridSize = n
        self.step = h
        self.augmentationStd = s
        self.world = try FiniteWorld(points: points, dataLaw: densities.map { $0 / total }, augmentation: kernel, clusterCount: 2)
        self.trueLabels = labels
    }

    /// `N`, the number of grid points.
    public var count: Int { world.count }
}
