import Testing
import TriadCore
import TriadTestSupport
@testable import TriadTrain

/// Hand-derived backward passes against central differences, in Double.
///
/// Tolerance form for every check: `|analytic - numeric| <= 1e-8 + 1e-6 · max(|analytic|, |numeric|)`.
/// Reason: central differences with `h = 1e-6` have truncation error `O(h²) ~ 1e-12` (smooth
/// pieces; random inputs keep every ReLU pre-activation far from its kink relative to `h`) and
/// round-off `~ 1e-16 · |L| / h ~ 1e-10 · |L|`, with `|L| = O(1)` here.
@Suite("Network gradients")
struct NetworkGradientTests {
    static let h = 1e-6

    static func close(_ a: Double, _ n: Double) -> Bool { isClose(a, n, absolute: 1e-8, relative: 1e-6) }

    static func randomMatrix(_ rows: Int, _ columns: Int, _ random: inout TriadRandom, scale: Double = 1) -> Matrix<Double> {
        var m = Matrix<Double>.zeros(rows: rows, columns: columns)
        for i in m.storage.indices { m.storage[i] = scale * random.uniform(-1, 1) }
        return m
    }

    static func randomMLP(_ widths: [Int], _ random: inout TriadRandom) throws -> MLP<Double> {
        try MLP(layers: (1..<widths.count).map { l in
            MLP<Double>.Layer(weight: randomMatrix(widths[l], widths[l - 1], &random),
                              bias: (0..<widths[l]).map { _ in random.uniform(-0.5, 0.5) })
        })
    }

    /// `L = Σ R ⊙ mlp(x)`: the MLP workspace's backward with output gradient `R`.
    static func mlpLoss(_ mlp: MLP<Double>, _ x: Matrix<Double>, _ r: Matrix<Double>) -> Double {
        let y = mlp.encode(x)  // TriadCore's own forward, independent of the kernels
        return zip(y.storage, r.storage).reduce(0) { $0 + $1.0 * $1.1 }
    }

    @Test("MLP backward (each layer's weights, biases and the input) equals central differences",
          arguments: [[3, 5, 4, 2], [2, 1], [2, 7, 2], [4, 9, 13, 3]])
    func mlpBackwardMatchesFiniteDifferences(widths: [Int]) throws {
        var random = TestSeed.generator("Network gradients/mlpBackward \(widths)", default: 21)
        let n = 7
        let mlp = try Self.randomMLP(widths, &random)
        let x = Self.randomMatrix(n, widths[0], &random, scale: 2)
        let r = Self.randomMatrix(n, widths.last!, &random)
        let workspace = MLPWorkspace<Double>(widths: widths)
        workspace.load(mlp)
        let input = workspace.prepareInput(rows: n)
        for i in 0..<n { for d in 0..<widths[0] { input[i * workspace.strides[0] + d] = x[i, d] } }
        let out = workspace.forward()
        // The kernels' forward equals TriadCore's MLP.encode.
        let reference = mlp.encode(x)
        for i in 0..<n {
            for o in 0..<widths.last! {
                #expect(Self.close(out[i * workspace.strides.last! + o], reference[i, o]))
            }
        }
        let g = workspace.prepareOutputGradient()
        for i in 0..<n { for o in 0..<widths.last! { g[i * workspace.strides.last! + o] = r[i, o] } }
        let dx = workspace.backward(parameters: true, input: true)!
        let layers = workspace.layerGradients()
        for l in mlp.layers.indices {
            for e in mlp.layers[l].weight.storage.indices {
                var plus = mlp, minus = mlp
                plus.layers[l].weight.storage[e] += Self.h
                minus.layers[l].weight.storage[e] -= Self.h
                let numeric = (Self.mlpLoss(plus, x, r) - Self.mlpLoss(minus, x, r)) / (2 * Self.h)
                let analytic = layers[l].weight.storage[e]
                #expect(Self.close(analytic, numeric), "dW\(l + 1)[\(e)] = \(analytic), numeric \(numeric)")
            }
            for e in mlp.layers[l].bias.indices {
                var plus = mlp, minus = mlp
                plus.layers[l].bias[e] += Self.h
                minus.layers[l].bias[e] -= Self.h
                let numeric = (Self.mlpLoss(plus, x, r) - Self.mlpLoss(minus, x, r)) / (2 * Self.h)
                #expect(Self.close(layers[l].bias[e], numeric), "db\(l + 1)[\(e)] = \(layers[l].bias[e]), numeric \(numeric)")
            }
        }
        for i in 0..<n {
            for d in 0..<widths[0] {
                var plus = x, minus = x
                plus[i, d] += Self.h
                minus[i, d] -= Self.h
                let numeric = (Self.mlpLoss(mlp, plus, r) - Self.mlpLoss(mlp, minus, r)) / (2 * Self.h)
                let analytic = dx[i * workspace.strides[0] + d]
                #expect(Self.close(analytic, numeric), "dx[\(i), \(d)] = \(analytic), numeric \(numeric)")
            }
        }
    }

    static func smallNetwork(_ random: inout TriadRandom, clusters: Int = 2, tau: Double = 0.5) throws -> Network<Double> {
        try Network<Double>.pytorchDefault(backboneWidths: [2, 5, 5, 2], projectorWidths: [2, 4, 2],
                                           clusterCount: clusters, temperature: tau, random: &random)
    }

    /// `L = Σ R ⊙ l(x)` through TriadCore's MLP.encode and ClusterHead.logits (no kernels).
    static func networkLoss(_ net: Network<Double>, _ x: Matrix<Double>, _ r: Matrix<Double>) -> Double {
        let l = net.head.logits(net.projector.encode(net.backbone.encode(x)))
        return zip(l.storage, r.storage).reduce(0) { $0 + $1.0 * $1.1 }
    }

    @Test("Whole network backward (backbone, projector, cosine head: every parameter and the input) equals central differences",
          arguments: [2, 3])
    func networkBackwardMatchesFiniteDifferences(clusters: Int) throws {
        var random = TestSeed.generator("Network gradients/networkBackward C=\(clusters)", default: 22)
        var net = try Self.smallNetwork(&random, clusters: clusters)
        let n = 9
        let x = Self.randomMatrix(n, 2, &random, scale: 2)
        let r = Self.randomMatrix(n, clusters, &random)
        let workspace = NetworkWorkspace(for: net)
        workspace.load(net)
        workspace.setInput(x)
        let logits = workspace.forward(head: net.head)
        let reference = net.head.logits(net.projector.encode(net.backbone.encode(x)))
        for i in logits.storage.indices { #expect(Self.close(logits.storage[i], reference.storage[i])) }
        let gradient = workspace.backward(head: net.head, logitGradient: r, parameters: true, input: true)!
        let analytic = gradient.flattened
        let theta = net.flattenedParameters
        #expect(analytic.count == theta.count)
        for e in theta.indices {
            var p = theta
            p[e] += Self.h; net.setFlattenedParameters(p); let up = Self.networkLoss(net, x, r)
            p[e] -= 2 * Self.h; net.setFlattenedParameters(p); let down = Self.networkLoss(net, x, r)
            let numeric = (up - down) / (2 * Self.h)
            #expect(Self.close(analytic[e], numeric), "parameter \(e): \(analytic[e]), numeric \(numeric)")
        }
        net.setFlattenedParameters(theta)
        let dx = workspace.inputGradientMatrix()
        for i in 0..<n {
            for d in 0..<2 {
                var plus = x, minus = x
                plus[i, d] += Self.h
                minus[i, d] -= Self.h
                let numeric = (Self.networkLoss(net, plus, r) - Self.networkLoss(net, minus, r)) / (2 * Self.h)
                #expect(Self.close(dx[i, d], numeric), "dx[\(i), \(d)] = \(dx[i, d]), numeric \(numeric)")
            }
        }
    }

    @Test("SGLD's drift ∇_x LSE_y l_y(x) (backprop of rowSoftmax) equals central differences of -E(x)")
    func energyInputGradientMatchesFiniteDifferences() throws {
        var random = TestSeed.generator("Network gradients/energyInputGradient", default: 23)
        let net = try Self.smallNetwork(&random, tau: 0.2)
        let x = Self.randomMatrix(6, 2, &random, scale: 2)
        let workspace = NetworkWorkspace(for: net)
        workspace.load(net)
        workspace.setInput(x)
        let logits = workspace.forward(head: net.head)
        workspace.backward(head: net.head, logitGradient: logits.rowSoftmax(), parameters: false, input: true)
        let dx = workspace.inputGradientMatrix()
        func negativeEnergy(_ p: Matrix<Double>) -> Double { rowLogSumExp(net.logits(p)).reduce(0, +) }
        for i in 0..<x.rows {
            for d in 0..<2 {
                var plus = x, minus = x
                plus[i, d] += Self.h
                minus[i, d] -= Self.h
                let numeric = (negativeEnergy(plus) - negativeEnergy(minus)) / (2 * Self.h)
                #expect(Self.close(dx[i, d], numeric), "∇LSE[\(i), \(d)] = \(dx[i, d]), numeric \(numeric)")
            }
        }
    }

    @Test("Float network agrees with the Double network (forward and gradients) within Float round-off")
    func floatNetworkMatchesDouble() throws {
        var random = TestSeed.generator("Network gradients/floatMatchesDouble", default: 24)
        let netD = try Network<Double>.pytorchDefault(backboneWidths: [2, 20, 19, 2], temperature: 0.5, random: &random)
        let netF: Network<Float> = netD.converted()
        let netDF: Network<Double> = netF.converted()  // the Float parameters, exactly, in Double
        let x = Self.randomMatrix(25, 2, &random, scale: 2)
        let r = Self.randomMatrix(25, 2, &random)
        func run<T: TrainScalar>(_ net: Network<T>) -> (Matrix<T>, [T]) {
            let w = NetworkWorkspace(for: net)
            w.load(net)
            w.setInput(x.converted(to: T.self))
            let l = w.forward(head: net.head)
            return (l, w.backward(head: net.head, logitGradient: r.converted(to: T.self), parameters: true, input: false)!.flattened)
        }
        let (lf, gf) = run(netF), (ld, gd) = run(netDF)
        // Float round-off through ~20-term sums, a few layers and the cosine (1/tau = 2): 1e-4
        // relative of the largest entry is ~1000 ulps, far above the error and far below a bug.
        let lScale = ld.storage.map(abs).max()!, gScale = gd.map(abs).max()!
        for i in ld.storage.indices { #expect(abs(Double(lf.storage[i]) - ld.storage[i]) <= 1e-4 * lScale) }
        for i in gd.indices { #expect(abs(Double(gf[i]) - gd[i]) <= 1e-4 * gScale, "gradient entry \(i)") }
    }
}
