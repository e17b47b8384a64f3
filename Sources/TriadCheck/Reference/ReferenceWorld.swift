import TriadCore

/// One fixed world of the reference table: a finite world with a free-table encoder and a cosine
/// head, the batch form the terms read on it, the loss weights `lambda` of `L_GEDI` and a
/// non-uniform prior `pi` for the optional form of `L_PRIOR`.
///
/// Every input is a `Double` taken as the exact intended value. The laws (`p`, the rows of `A`, the
/// sample weights, `pi`) are dyadic rationals that sum to 1 exactly, so every precision (Float,
/// Double, Float80, Interval) accepts them without a normalisation tolerance and reads the same law.
public struct ReferenceWorld: Sendable, Equatable {
    /// How the batch is built from the world.
    public enum Form: Sendable, Equatable {
        /// Every pair `(w_i, w_j)` with weight `p_i A_ij`; `Gamma` exact over the world.
        case population
        /// A paired dataset with weights `1/n`; `Gamma` exact over the world; the bound of `L_GEN`
        /// uses the dataset's empirical law.
        case empirical([PairedDataset.Pair])
        /// The population pairs with `log Gamma` replaced by the sample surrogate
        /// `Σ_j b_j LSE l(w_{s_j})` over world points `s_j` with non-uniform weights `b_j` (the
        /// trainer's form); `L_GEN` and `L_GEDI` then have no bound.
        case sampled(points: [Int], weights: [Double])
    }

    public let name: String
    /// `N × k`: the embedding `e_i` of world point `i` (the table encoder).
    public let embeddings: [[Double]]
    /// `C × k`: the prototypes, one per row.
    public let prototypes: [[Double]]
    public let temperature: Double
    /// `p`, summing to 1 exactly.
    public let dataLaw: [Double]
    /// `A`, `N × N`, each row summing to 1 exactly.
    public let augmentation: [[Double]]
    public let form: Form
    /// `(lambda_GEN, lambda_INV, lambda_PRIOR)` of `L_GEDI`.
    public let weights: GEDIObjective.Weights
    /// The non-uniform prior `pi` of the optional form of `L_PRIOR`, summing to 1 exactly.
    public let prior: [Double]

    public init(name: String, embeddings: [[Double]], prototypes: [[Double]], temperature: Double, dataLaw: [Double],
                augmentation: [[Double]], form: Form, weights: GEDIObjective.Weights, prior: [Double]) {
        self.name = name
        self.embeddings = embeddings
        self.prototypes = prototypes
        self.temperature = temperature
        self.dataLaw = dataLaw
        self.augmentation = augmentation
        self.form = form
        self.weights = weights
        self.prior = prior
    }

    /// `N`.
    public var count: Int { embeddings.count }
    /// `C`.
    public var clusterCount: Int { prototypes.count }
    /// `k`.
    public var dimension: Int { prototypes.first?.count ?? 0 }
    /// Whether `L_GEN` (and so `L_GEDI`) has an upper bound on this form (not on a sampled partition).
    public var generativeIsBounded: Bool {
        if case .sampled = form { return false }
        return true
    }

    /// The validated finite world in precision `T` (the embeddings serve as its points).
    public func world<T: Real>(_: T.Type = T.self) throws -> FiniteWorld<T> {
        try FiniteWorld(points: Matrix(embeddings.map { $0.map { T($0) } }), dataLaw: dataLaw.map { T($0) },
                        augmentation: Matrix(augmentation.map { $0.map { T($0) } }), clusterCount: clusterCount)
    }

    /// The logits of the world's points through `head`: `l[i, y] = h(e_i; U, tau)`.
    public func logits<T: Real>(head: any LogitHead, as: T.Type = T.self) -> Matrix<T> {
        head.logits(Matrix(embeddings.map { $0.map { T($0) } }), prototypes: Matrix(prototypes.map { $0.map { T($0) } }),
                    temperature: T(temperature))
    }

    /// The batch the terms read, built from the world's logits, with the world point behind each
    /// row of the batch (to chain a term's gradient back to the world's logits) and the data law of
    /// the batch's `x` (the law in the bound of `L_GEN`).
    public struct Batch<T: Real> {
        public let batch: TermBatch<T>
        public let dataLaw: [T]
        let xPoints: [Int]
        let viewPoints: [Int]
        let partitionPoints: [Int]

        /// `∂L/∂l(w_i)`: the rows of `g` summed onto the world points they were gathered from.
        public func worldGradient(_ g: TermGradient<T>, worldSize: Int) -> Matrix<T> {
            let c = batch.clusterCount
            var out = Matrix<T>.zeros(rows: worldSize, columns: c)
            func scatter(_ m: Matrix<T>, _ points: [Int]) {
                guard m.rows == points.count, m.columns == c else { return }
                for (row, i) in points.enumerated() { for y in 0..<c { out[i, y] += m[row, y] } }
            }
            scatter(g.logits, xPoints)
            scatter(g.viewLogits, viewPoints)
            scatter(g.partitionLogits, partitionPoints)
            return out
        }
    }

    /// The batch of ``form`` over `worldLogits` (`N × C`), in precision `T`.
    public func batch<T: Real>(worldLogits: Matrix<T>) throws -> Batch<T> {
        let world: FiniteWorld<T> = try world()
        let pairs = world.pairs
        let all = Array(0..<count)
        switch form {
        case .population:
            return Batch(batch: world.populationBatch(worldLogits: worldLogits), dataLaw: world.dataLaw,
                         xPoints: pairs.map(\.x), viewPoints: pairs.map(\.view), partitionPoints: all)
        case .empirical(let list):
            let dataset = try PairedDataset(pairs: list, worldSize: count)
            return Batch(batch: world.empiricalBatch(worldLogits: worldLogits, dataset: dataset),
                         dataLaw: dataset.empiricalLaw(worldSize: count),
                         xPoints: list.map(\.x), viewPoints: list.map(\.view), partitionPoints: all)
        case .sampled(let points, let weights):
            var b = world.populationBatch(worldLogits: worldLogits)
            b.partition = .sampled(worldLogits.selectingRows(points), weights: weights.map { T($0) })
            return Batch(batch: b, dataLaw: world.dataLaw, xPoints: pairs.map(\.x), viewPoints: pairs.map(\.view),
                         partitionPoints: points)
        }
    }

    /// The number of pairs `n` and partition points `m` of the batch.
    public var batchShape: (pairs: Int, partition: Int) {
        switch form {
        case .population:
            let n = (0..<count).reduce(0) { s, i in s + (dataLaw[i] > 0 ? augmentation[i].filter { $0 > 0 }.count : 0) }
            return (n, count)
        case .empirical(let list): return (list.count, count)
        case .sampled(let points, _):
            let n = (0..<count).reduce(0) { s, i in s + (dataLaw[i] > 0 ? augmentation[i].filter { $0 > 0 }.count : 0) }
            return (n, points.count)
        }
    }
}
