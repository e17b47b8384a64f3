import TriadCore

/// Persistent SGLD (`Proofs/model.md` §7.2; JEM, Grathwohl et al. 2020): draws points from a
/// ``ReplayBuffer``, runs `steps` Langevin steps
///
///     x ← x + alpha ∇_x LSE_y l_y(x) + sigma · N(0, 1),   then the boundary rule (clamp to the box),
///
/// and writes the detached samples back. `∇_x LSE_y l_y(x)` is the network's input gradient for
/// the logit gradient `∂LSE/∂l = softmax(l)` (TriadCore's ``Matrix/rowSoftmax()``), back through
/// the head, the projector and the backbone (no parameter gradients are formed).
///
/// Random stream per call: the draw (``ReplayBuffer/draw(count:reinitialization:into:stride:random:)``),
/// then per step `m · D` normals in row order.
struct LangevinSampler<T: TrainScalar>: Sendable {
    let configuration: LangevinConfiguration
    private(set) var buffer: ReplayBuffer<T>

    /// Throws ``TriadError`` when the configuration is invalid or the box's dimension is not the
    /// network's input dimension `D`.
    init(configuration: LangevinConfiguration, box: BoundingBox, inputDimension: Int,
                random: inout TriadRandom) throws {
        try configuration.validate()
        try require(box.dimension == inputDimension, "box dimension", box.dimension,
                    "must equal the input dimension \(inputDimension)")
        self.configuration = configuration
        buffer = try ReplayBuffer(capacity: configuration.bufferSize, box: box, random: &random)
    }

    /// Runs the chains for `count` samples on a workspace loaded with the current network, and
    /// returns the samples (`count × D`), also written back into the buffer.
    mutating func sample(count: Int, workspace: NetworkWorkspace<T>, head: ClusterHead<T>,
                                random: inout TriadRandom) -> Matrix<T> {
        let d = buffer.dimension
        var x = [T](repeating: T.zero, count: count * d)
        let indices = x.withUnsafeMutableBufferPointer { p in
            buffer.draw(count: count, reinitialization: configuration.reinitialization, into: p.baseAddress!,
                        stride: d, random: &random)
        }
        let alpha = T(configuration.stepSize)
        let lower = buffer.box.lower.map { T($0) }, upper = buffer.box.upper.map { T($0) }
        let clamp = configuration.boundary == .clamp
        var noise = [T](repeating: T.zero, count: count * d)
        for _ in 0..<configuration.steps {
            let (input, s) = workspace.prepareInput(rows: count)
            for i in 0..<count { for c in 0..<d { input[i * s + c] = x[i * d + c] } }
            let logits = workspace.forward(head: head)
            workspace.backward(head: head, logitGradient: logits.rowSoftmax(), parameters: false, input: true)
            let (g, gs) = workspace.inputGradient
            noise.withUnsafeMutableBufferPointer { n in
                GaussianNoise.fill(n.baseAddress!, count: count * d, scale: configuration.noise, adding: false,
                                   random: &random)
            }
            for i in 0..<count {
                for c in 0..<d {
                    var v = x[i * d + c] + alpha * g[i * gs + c] + noise[i * d + c]
                    if clamp { v = Swift.min(Swift.max(v, lower[c]), upper[c]) }
                    x[i * d + c] = v
                }
            }
        }
        x.withUnsafeBufferPointer { buffer.writeBack(indices: indices, from: $0.baseAddress!, stride: d) }
        return Matrix(rows: count, columns: d, storage: x)
    }
}
