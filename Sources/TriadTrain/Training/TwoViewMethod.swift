import TriadCore

/// The training step the two baselines share (`Proofs/model.md` §7.3): two Gaussian views of the batch
/// (``GaussianViews``), the method's loss and parameter gradient on them, then the method's update
/// of its own state. When either fails (a non-finite activation), the step returns a NaN gradient,
/// which ``Trainer/step(batch:recordLoss:)`` refuses. ``SwAVMethod`` and ``BarlowTwinsMethod``
/// conform; GEDI has its own step (``GEDIMethod``).
protocol TwoViewMethod: TrainingMethod {
    /// `s`: the views are `x + N(0, s²)`.
    var augmentationStd: Double { get }
    /// The name the loss is recorded under in ``MethodStep/terms`` (e.g. `L_SwAV`).
    var lossName: String { get }
    /// The loss and the network's gradient on the pair of views, after the method's own update;
    /// `nil` when the loss or the update failed.
    func train(network: Network<Float>, viewA: Matrix<Float>, viewB: Matrix<Float>)
        -> (gradient: NetworkGradient<Float>, loss: Float)?
    /// Evaluation mode: the backbone output and the logits whose argmax is the cluster.
    func evaluate(network: Network<Float>, points: Matrix<Float>) -> (embeddings: Matrix<Float>, logits: Matrix<Float>)
}

extension TwoViewMethod {
    /// Views (the stream's first `2 n D` normals), then ``train(network:viewA:viewB:)``; records
    /// the loss under ``lossName``.
    func step(network: Network<Float>, data: Matrix<Float>, recordLoss: Bool,
                     random: inout TriadRandom) -> MethodStep {
        let (a, b) = GaussianViews.pair(of: data, std: augmentationStd, random: &random)
        guard let result = train(network: network, viewA: a, viewB: b) else {
            return MethodStep(gradient: .notANumber(like: network), loss: recordLoss ? .nan : nil)
        }
        guard recordLoss else { return MethodStep(gradient: result.gradient) }
        let loss = Double(result.loss)
        return MethodStep(gradient: result.gradient, loss: loss, terms: [lossName: loss])
    }

    func evaluation(network: Network<Float>, points: Matrix<Float>) -> MethodEvaluation {
        let e = evaluate(network: network, points: points)
        return MethodEvaluation(embeddings: e.embeddings, logits: e.logits)
    }
}
