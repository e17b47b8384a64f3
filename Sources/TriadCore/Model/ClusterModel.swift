/// The whole discriminative/energy model `Theta = (enc, proj, U)`: encoder, optional projector and
/// cosine cluster head. `logits(points)` gives `l(x)`; the energy is `E(x) = -LSE_y l_y(x)` (Eq. 6).
public struct ClusterModel<T: Real>: Sendable {
    public var encoder: any Encoder<T>
    public var projector: MLP<T>?
    public var head: ClusterHead<T>

    /// Throws when the encoder's (or projector's) output dimension does not match the head's.
    public init(encoder: any Encoder<T>, projector: MLP<T>? = nil, head: ClusterHead<T>) throws {
        let reaching = projector?.outputDimension ?? encoder.outputDimension
        if let projector {
            try require(projector.layers[0].inputWidth == encoder.outputDimension, "projector input width",
                        projector.layers[0].inputWidth, "must equal the encoder's output dimension \(encoder.outputDimension)")
        }
        try require(reaching == head.dimension, "embedding dimension reaching the head", reaching,
                    "must equal the prototype dimension \(head.dimension)")
        self.encoder = encoder
        self.projector = projector
        self.head = head
    }

    /// The embeddings the head reads: `proj(enc(x))`, or `enc(x)` without a projector.
    public func embeddings(_ points: Matrix<T>) -> Matrix<T> {
        let e = encoder.encode(points)
        return projector?.encode(e) ?? e
    }

    /// The logits `l(x)`, `n × C`.
    public func logits(_ points: Matrix<T>) -> Matrix<T> { head.logits(embeddings(points)) }
}

/// The energy of each row of a logit batch: `E(x_i) = -LSE_y l_y(x_i)` (Eq. 6).
@inlinable public func energies<T: Real>(_ logits: Matrix<T>) -> [T] {
    rowLogSumExp(logits).map { -$0 }
}
