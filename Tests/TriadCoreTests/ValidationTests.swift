import Testing
import TriadCore
import TriadTestSupport

/// Every rejected input gets a `TriadError` that names the parameter and the offending value, in the
/// one wording `invalid <parameter> = <value>: <requirement>`.
@Suite("Bad input is rejected with a clear error naming the value")
struct ValidationTests {
    static let points = Matrix<Double>([[0], [1], [2]])
    static let law: [Double] = [0.25, 0.25, 0.5]
    static let identity = Matrix<Double>([[1, 0, 0], [0, 1, 0], [0, 0, 1]])


    static func world(points: Matrix<Double> = points, law: [Double] = law, kernel: Matrix<Double> = identity,
                      c: Int = 2) throws {
        _ = try FiniteWorld(points: points, dataLaw: law, augmentation: kernel, clusterCount: c)
    }

    @Test("A valid world is accepted")
    func accepts() throws { try Self.world() }

    @Test("Negative probability")
    func negativeProbability() {
        expectRejection(["data law p[0]", "-0.25", ">= 0"]) { try Self.world(law: [-0.25, 0.75, 0.5]) }
    }

    @Test("Non-normalised data law")
    func notNormalised() {
        expectRejection(["sum of data law p", "1.1", "must be 1"]) { try Self.world(law: [0.3, 0.3, 0.5]) }
    }

    @Test("Non-stochastic kernel row")
    func nonStochasticRow() {
        expectRejection(["row 1 sum of augmentation kernel A", "0.5"]) {
            try Self.world(kernel: Matrix([[1, 0, 0], [0, 0.5, 0], [0, 0, 1]]))
        }
        expectRejection(["augmentation kernel A[2, 0]", "-1"]) {
            try Self.world(kernel: Matrix([[1, 0, 0], [0, 1, 0], [-1, 1, 1]]))
        }
    }

    @Test("N < 2 and C < 2")
    func tooSmall() {
        expectRejection(["point count N", "= 1"]) {
            try Self.world(points: Matrix([[0]]), law: [1], kernel: Matrix([[1]]))
        }
        expectRejection(["cluster count C", "= 1"]) { try Self.world(c: 1) }
    }

    @Test("NaN and infinite entries")
    func nonFinite() {
        expectRejection(["point w[1][0]", "nan"]) { try Self.world(points: Matrix([[0], [.nan], [2]])) }
        expectRejection(["data law p[2]", "inf"]) { try Self.world(law: [0.5, 0.5, .infinity]) }
        expectRejection(["augmentation kernel A[0, 1]", "nan"]) {
            try Self.world(kernel: Matrix([[1, .nan, 0], [0, 1, 0], [0, 0, 1]]))
        }
        expectRejection(["prototype u[1][0]", "inf"]) {
            _ = try ClusterHead(prototypes: Matrix([[1.0, 0], [.infinity, 0]]), temperature: 1)
        }
        expectRejection(["embedding e[0][1]", "nan"]) { _ = try TableEncoder(table: Matrix([[1.0, .nan]])) }
    }

    @Test("tau <= 0, NaN or infinite")
    func badTemperature() {
        for tau in [0, -1, Double.nan, .infinity] {
            expectRejection(["temperature tau", "\(tau)"]) {
                _ = try ClusterHead(prototypes: Matrix([[1.0, 0], [0, 1]]), temperature: tau)
            }
        }
    }

    @Test("Mismatched dimensions")
    func mismatched() {
        expectRejection(["data law length", "= 2", "N = 3"]) { try Self.world(law: [0.5, 0.5]) }
        expectRejection(["augmentation kernel shape", "2x2"]) { try Self.world(kernel: Matrix([[1, 0], [0, 1]])) }
        expectRejection(["embedding dimension reaching the head", "= 3", "prototype dimension 2"]) {
            _ = try ClusterModel(encoder: TableEncoder(table: Matrix([[1.0, 0, 0], [0, 1, 0]])),
                                 head: ClusterHead(prototypes: Matrix([[1.0, 0], [0, 1]]), temperature: 1))
        }
        expectRejection(["MLP layer 1 input width", "= 3"]) {
            _ = try MLP(layers: [.init(weight: Matrix([[1.0, 0]]), bias: [0]),
                                 .init(weight: Matrix([[1.0, 0, 0]]), bias: [0])])
        }
        expectRejection(["dataset point x_1", "= 5"]) {
            _ = try PairedDataset(pairs: [.init(x: 0, view: 0), .init(x: 5, view: 0)], worldSize: 3)
        }
        expectRejection(["permutation", "permutation of 0..<2"]) {
            _ = try PairedDataset(pairs: [.init(x: 0, view: 0), .init(x: 1, view: 1)], worldSize: 3).repaired(by: [0, 0])
        }
    }

    @Test("Bad objective weights and priors")
    func weightsAndPriors() {
        expectRejection(["weight lambda_INV", "-1"]) {
            _ = try GEDIObjective(weights: .init(invariance: -1))
        }
        expectRejection(["sum of prior pi", "0.9"]) { _ = try PriorTerm(prior: [0.5, 0.4]) }
        expectRejection(["prior pi[0]", "-0.5"]) { _ = try PriorTerm(prior: [-0.5, 1.5]) }
    }

    @Test("Interval worlds: an enclosure of the sum that misses 1 is rejected; one that meets 1 is accepted")
    func intervalLaw() throws {
        let pts = Matrix<Interval>([[0], [1]])
        let third = Interval(1) / Interval(3)
        _ = try FiniteWorld(points: pts, dataLaw: [third, Interval(2) / Interval(3)],
                            augmentation: Matrix([[1, 0], [0, 1]]), clusterCount: 2)
        expectRejection(["sum of data law p"]) {
            _ = try FiniteWorld(points: pts, dataLaw: [third, third], augmentation: Matrix([[1, 0], [0, 1]]), clusterCount: 2)
        }
    }
}
