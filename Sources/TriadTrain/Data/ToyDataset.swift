import TriadCore

/// A labelled sample of a toy data set: `points` is `count × 2`, `labels[i] ∈ {0, 1}` names the
/// manifold point `i` was drawn from (the ground truth that NMI is measured against).
struct ToyDataset: Sendable, Equatable {
    /// Which data set.
    let kind: ToyDataKind
    /// One point per row, final (noisy, scaled, shifted) coordinates.
    let points: Matrix<Double>
    /// The manifold of each point: 0 = upper moon / outer circle, 1 = lower moon / inner circle.
    let labels: [Int]

    /// The number of points.
    var count: Int { labels.count }

    /// A sample of `count` points built as scikit-learn does (`Proofs/model.md` §7.4):
    /// 1. `count / 2` (rounded down) points on manifold 0 and the rest on manifold 1, their curve
    ///    parameters chosen by `positions` (default: evenly spaced, scikit-learn's `linspace`);
    /// 2. the points shuffled (Fisher-Yates, driven by `rng`), as `make_moons(shuffle=True)` does;
    /// 3. Gaussian noise of standard deviation `noise` (default: the kind's) added to each coordinate;
    /// 4. the result multiplied by the kind's `scale` and shifted by its `shift`.
    ///
    /// `rng` is consumed in that order (parameters if uniform, then the shuffle, then the noise), so a
    /// seed replays the sample. Throws ``TriadError`` when `count < 1` or `noise` is negative or not
    /// finite.
    static func make(
        _ kind: ToyDataKind, count: Int, positions: ManifoldPositions = .evenlySpaced,
        noise: Double? = nil, using rng: inout TriadRandom
    ) throws -> ToyDataset {
        try require(count >= 1, "sample count", count, "must be >= 1")
        let sigma = noise ?? kind.noise
        try require(sigma.isFinite && sigma >= 0, "noise", sigma, "must be finite and >= 0")
        let outer = count / 2, inner = count - outer
        var raw: [(x: Double, y: Double)] = []
        var labels: [Int] = []
        raw.reserveCapacity(count)
        labels.reserveCapacity(count)
        for (label, m) in [(0, outer), (1, inner)] {
            for t in curveParameters(kind, count: m, positions: positions, using: &rng) {
                raw.append(kind.manifoldPoint(label: label, t: t))
                labels.append(label)
            }
        }
        // Fisher-Yates, from the end; the modulo bias of `next() % (i + 1)` is below (i + 1) / 2^64.
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                raw.swapAt(i, j)
                labels.swapAt(i, j)
            }
        }
        var points = Matrix<Double>.zeros(rows: count, columns: 2)
        let shift = kind.shift
        for i in 0..<count {
            let nx = sigma == 0 ? 0 : sigma * rng.gaussian()
            let ny = sigma == 0 ? 0 : sigma * rng.gaussian()
            points[i, 0] = kind.scale * (raw[i].x + nx) + shift.x
            points[i, 1] = kind.scale * (raw[i].y + ny) + shift.y
        }
        return ToyDataset(kind: kind, points: points, labels: labels)
    }

    /// The `m` curve parameters of one manifold.
    static func curveParameters(
        _ kind: ToyDataKind, count m: Int, positions: ManifoldPositions, using rng: inout TriadRandom
    ) -> [Double] {
        let range = kind.parameterRange
        switch positions {
        case .evenlySpaced:
            // numpy.linspace(lower, upper, m, endpoint): step (upper-lower)/(m-1) with the end point,
            // (upper-lower)/m without; a single value is `lower`.
            let divisions = range.includesUpper ? m - 1 : m
            guard divisions > 0 else { return m == 1 ? [range.lower] : [] }
            let step = (range.upper - range.lower) / Double(divisions)
            return (0..<m).map { range.lower + Double($0) * step }
        case .uniform:
            // Uniform on [lower, upper): the end point has probability 0 either way.
            return (0..<m).map { _ in rng.uniform(range.lower, range.upper) }
        }
    }

    /// The points of the given rows, in that order (for mini-batches of a fixed pool).
    func selecting(_ indices: [Int]) -> ToyDataset {
        ToyDataset(kind: kind, points: points.selectingRows(indices), labels: indices.map { labels[$0] })
    }
}
