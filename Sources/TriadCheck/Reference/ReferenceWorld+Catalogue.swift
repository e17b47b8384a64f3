import TriadCore

extension ReferenceWorld {
    /// The fixed worlds of the reference table: temperatures from 0.01 to 10, 2 to 8 clusters, near
    /// one-hot posteriors, zero, collapsed, tiny (norm between the cosine's floor `1e-12` and `1e-6`)
    /// and below-the-floor embeddings, a zero prototype, highly non-uniform data laws (down to
    /// `2^-20`, and a zero entry), paired datasets (the empirical form), sampled partitions with
    /// non-uniform sample weights, and loss weights other than 0 and 1 (one with a zero weight).
    ///
    /// Inputs come from integer arithmetic only (a fixed linear congruential generator and dyadic
    /// fractions), so they are the same on every machine; the table stores them anyway.
    public static let catalogue: [ReferenceWorld] = {
        let lambda = GEDIObjective.Weights(generative: 0.3, invariance: 1.7, prior: 0.6)
        var worlds: [ReferenceWorld] = []
        func add(_ name: String, seed: UInt64, n: Int, k: Int = 2, c: Int, tau: Double, law: Law = .mild, kernel: Kernel = .mix,
                 embedding: Embedding = .random, form: FormRecipe = .population, weights: GEDIObjective.Weights = lambda,
                 prior: [Double]? = nil, zeroPrototype: Bool = false) {
            var g = Integers(seed: seed)
            var prototypes = (0..<c).map { _ in (0..<k).map { _ in Double(g.next(in: -32...32)) / 32 } }
            for y in prototypes.indices where prototypes[y].allSatisfy({ $0 == 0 }) { prototypes[y][y % k] = 1 }
            if zeroPrototype { prototypes[c - 1] = Array(repeating: 0, count: k) }
            var embeddings = (0..<n).map { _ in (0..<k).map { _ in Double(g.next(in: -32...32)) / 32 } }
            switch embedding {
            case .random: break
            case .aligned:
                // Each point is its cluster's prototype plus a perturbation of at most 1/64 per coordinate.
                for i in 0..<n { embeddings[i] = prototypes[i % c].map { $0 + Double(g.next(in: -4...4)) / 256 } }
            case .zeroRows(let rows): for i in rows { embeddings[i] = Array(repeating: 0, count: k) }
            case .collapsed: for i in 0..<n { embeddings[i] = embeddings[0] }
            case .scaled(let rows, let scale): for i in rows { embeddings[i] = embeddings[i].map { $0 * scale } }
            }
            let p: [Double]
            switch law {
            case .mild: p = dyadic((0..<n).map { _ in g.next(in: 8...16) }, bits: 12)
            case .skewed: p = dyadic((0..<n).map { 1 << (2 * (n - 1 - $0)) }, bits: 2 * n + 4)
            case .extreme: p = [Double((1 << 20) - (n - 1))] .map { $0 / Double(1 << 20) } + Array(repeating: 0x1p-20, count: n - 1)
            case .withZero: p = dyadic((0..<n).map { $0 == 1 ? 0 : g.next(in: 4...16) }, bits: 10)
            }
            let a: [[Double]]
            switch kernel {
            case .identity: a = (0..<n).map { i in (0..<n).map { $0 == i ? 1 : 0 } }
            case .mix:
                a = (0..<n).map { i in
                    var row = Array(repeating: 0.0, count: n)
                    row[i] += 0.5; row[(i + 1) % n] += 0.25; row[(i + n - 1) % n] += 0.25
                    return row
                }
            case .dense: a = (0..<n).map { _ in dyadic((0..<n).map { _ in g.next(in: 1...9) }, bits: 8) }
            case .groups(let count):
                a = (0..<n).map { i in dyadic((0..<n).map { $0 % count == i % count ? g.next(in: 1...5) : 0 }, bits: 8) }
            }
            let f: Form
            switch form {
            case .population: f = .population
            case .empirical(let size):
                f = .empirical((0..<size).map { _ in PairedDataset.Pair(x: g.next(in: 0...(n - 1)), view: g.next(in: 0...(n - 1))) })
            case .sampled(let size):
                f = .sampled(points: (0..<size).map { _ in g.next(in: 0...(n - 1)) },
                             weights: dyadic((0..<size).map { 1 << (3 * $0 % 7) }, bits: 10))
            }
            let pi = prior ?? dyadic((0..<c).map { 1 << (c - 1 - $0) }, bits: c + 2)
            worlds.append(ReferenceWorld(name: name, embeddings: embeddings, prototypes: prototypes, temperature: tau,
                                         dataLaw: p, augmentation: a, form: f, weights: weights, prior: pi))
        }
        add("tau1-c2", seed: 1, n: 3, c: 2, tau: 1)
        add("tau0.5-c3-skewed", seed: 2, n: 4, c: 3, tau: 0.5, law: .skewed)
        add("tau0.1-c4-dense", seed: 3, n: 5, k: 3, c: 4, tau: 0.1, kernel: .dense)
        add("tau0.01-c2-onehot", seed: 4, n: 4, c: 2, tau: 0.01, embedding: .aligned)
        add("tau0.01-c8-onehot", seed: 5, n: 3, k: 4, c: 8, tau: 0.01, kernel: .dense, embedding: .aligned)
        add("tau10-c5", seed: 6, n: 4, k: 3, c: 5, tau: 10)
        add("tau2-c6", seed: 7, n: 3, c: 6, tau: 2, kernel: .identity)
        add("tau0.05-c3-extreme-p", seed: 8, n: 6, c: 3, tau: 0.05, law: .extreme)
        add("tau0.2-c3-zero-p", seed: 9, n: 4, c: 3, tau: 0.2, law: .withZero, kernel: .dense)
        add("tau0.2-c3-zero-embeddings", seed: 10, n: 4, c: 3, tau: 0.2, embedding: .zeroRows([0, 2]))
        add("tau0.1-c4-collapsed", seed: 11, n: 4, c: 4, tau: 0.1, embedding: .collapsed)
        add("tau0.5-c3-tiny-embeddings", seed: 12, n: 4, c: 3, tau: 0.5, embedding: .scaled([0, 1, 2, 3], 0x1p-30))
        add("tau0.05-c2-tiny-embeddings", seed: 13, n: 3, c: 2, tau: 0.05, embedding: .scaled([1], 0x1p-24))
        add("tau1-c2-below-floor", seed: 14, n: 3, c: 2, tau: 1, embedding: .scaled([0, 2], 0x1p-43))
        add("tau0.3-c3-zero-prototype", seed: 15, n: 4, c: 3, tau: 0.3, zeroPrototype: true)
        add("tau0.3-c3-empirical", seed: 16, n: 4, c: 3, tau: 0.3, form: .empirical(5))
        add("tau0.05-c4-empirical", seed: 17, n: 5, k: 3, c: 4, tau: 0.05, embedding: .aligned, form: .empirical(7))
        add("tau0.01-c2-empirical", seed: 18, n: 3, c: 2, tau: 0.01, form: .empirical(4))
        add("tau0.5-c3-sampled", seed: 19, n: 4, c: 3, tau: 0.5, form: .sampled(3))
        add("tau0.1-c4-sampled", seed: 20, n: 5, k: 3, c: 4, tau: 0.1, law: .skewed, form: .sampled(5))
        add("tau0.02-c2-sampled", seed: 21, n: 3, c: 2, tau: 0.02, embedding: .aligned, form: .sampled(2))
        add("tau0.25-c3-no-gen", seed: 22, n: 4, c: 3, tau: 0.25,
            weights: GEDIObjective.Weights(generative: 0, invariance: 0.7, prior: 1.3))
        add("tau1-c4-weights", seed: 23, n: 4, c: 4, tau: 1, kernel: .dense,
            weights: GEDIObjective.Weights(generative: 1.3, invariance: 0.05, prior: 2.5))
        add("tau0.7-c7-dense", seed: 24, n: 4, k: 3, c: 7, tau: 0.7, kernel: .dense)
        add("tau0.1-c2-groups", seed: 25, n: 6, c: 2, tau: 0.1, law: .skewed, kernel: .groups(2), embedding: .aligned)
        add("tau0.01-c4-dense-skewed", seed: 26, n: 6, k: 3, c: 4, tau: 0.01, law: .skewed, kernel: .dense)
        add("tau5-c8", seed: 27, n: 2, k: 3, c: 8, tau: 5, kernel: .dense)
        add("tau0.1-c3-mixed-scales", seed: 28, n: 5, k: 3, c: 3, tau: 0.1, embedding: .scaled([1, 3], 0x1p-28),
            prior: [0.5, 0.5, 0])
        add("tau0.3-c3-sampled-tiny", seed: 29, n: 4, c: 3, tau: 0.3, embedding: .scaled([0, 3], 0x1p-27), form: .sampled(4))
        add("tau0.03-c5-large-embeddings", seed: 30, n: 4, k: 3, c: 5, tau: 0.03, embedding: .scaled([0, 1], 0x1p10),
            form: .empirical(6))
        return worlds
    }()

    enum Law { case mild, skewed, extreme, withZero }
    enum Kernel { case identity, mix, dense, groups(Int) }
    enum Embedding { case random, aligned, zeroRows([Int]), collapsed, scaled([Int], Double) }
    enum FormRecipe { case population, empirical(Int), sampled(Int) }

    /// Non-negative integers scaled to a law of dyadic fractions `e_i / 2^bits` that sums to 1
    /// exactly: each entry is rounded down and the remainder goes to the largest.
    static func dyadic(_ weights: [Int], bits: Int) -> [Double] {
        let total = weights.reduce(0, +), scale = 1 << bits
        var e = weights.map { $0 * scale / total }
        e[weights.indices.max { weights[$0] < weights[$1] }!] += scale - e.reduce(0, +)
        return e.map { Double($0) / Double(scale) }
    }

    /// A fixed integer sequence (Knuth's MMIX linear congruential generator), the same on every machine.
    struct Integers {
        var state: UInt64
        init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }
        mutating func next(in range: ClosedRange<Int>) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
    }
}
