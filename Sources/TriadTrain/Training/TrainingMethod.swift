import TriadCore

/// A self-supervised training method: what one optimisation step computes from a data batch.
///
/// The ``Trainer`` owns the network, the optimiser and the data; a method owns its own state
/// (GEDI's replay buffer, a baseline's batch-norm statistics or extra parameters, which it may
/// optimise itself with its own ``Adam``). GEDI and its ablations are ``GEDIMethod``; SwAV and
/// Barlow Twins conform the same way.
protocol TrainingMethod: AnyObject {
    /// A short name for reports.
    var name: String { get }
    /// The loss gradient of one step on the data batch `data` (`n × D`, Float). When `recordLoss`,
    /// also the loss and its terms. `random` is the method's stream (augmentation, sampling).
    func step(network: Network<Float>, data: Matrix<Float>, recordLoss: Bool, random: inout TriadRandom) -> MethodStep
    /// What evaluation reads of the trained model at `points` (`n × D`): the representation and
    /// the cluster logits (predicted cluster `argmax_y`, `p(y|x) = softmax`).
    func evaluation(network: Network<Float>, points: Matrix<Float>) -> MethodEvaluation
}

/// The model's outputs on evaluation points.
struct MethodEvaluation: Sendable {
    /// `n × k`: the representation tested for representational collapse (the backbone output
    /// `enc(x)`, Definition 1 of the paper).
    var embeddings: Matrix<Float>
    /// `n × C`: the cluster scores; the predicted cluster is the row's argmax.
    var logits: Matrix<Float>

    init(embeddings: Matrix<Float>, logits: Matrix<Float>) {
        self.embeddings = embeddings
        self.logits = logits
    }
}

/// What a ``TrainingMethod`` step returns.
struct MethodStep: Sendable {
    /// The gradient of the loss (to be *descended*).
    var gradient: NetworkGradient<Float>
    /// The loss, when recorded.
    var loss: Double?
    /// Named parts of the loss, when recorded (e.g. `L_GEN`, `L_INV`, `L_PRIOR` values).
    var terms: [String: Double]

    init(gradient: NetworkGradient<Float>, loss: Double? = nil, terms: [String: Double] = [:]) {
        self.gradient = gradient
        self.loss = loss
        self.terms = terms
    }
}
