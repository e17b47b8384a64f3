import TriadCore
import TriadKernels
import Glibc

/// Adam (Kingma and Ba 2015) with PyTorch's `torch.optim.Adam` arithmetic (no weight decay, no
/// AMSGrad). For each parameter `p` with gradient `g` of the loss being *minimised*, at step
/// `t = 1, 2, ...`:
///
///     m ← β1 m + (1 - β1) g,      v ← β2 v + (1 - β2) g²,
///     p ← p - (lr / (1 - β1^t)) · m / (sqrt(v) / sqrt(1 - β2^t) + eps).
///
/// Defaults: `β1 = 0.9`, `β2 = 0.999`, `eps = 1e-8`. The moments live in the parameters'
/// precision; the bias corrections are computed in `Double`.
///
/// The state is keyed by a tensor index, so any set of tensors (a ``Network``'s, or a baseline's
/// extra parameters with their own `Adam`) can be optimised: call ``beginStep()`` once per step,
/// then ``update(tensor:parameters:gradient:)`` for each tensor.
///
/// The arithmetic is TriadKernels' ``AdamUpdate``, on the vector unit ``isa`` (every unit gives
/// the same bits).
struct Adam<T: TrainScalar>: Sendable {
    /// The vector unit of the Float updates (the trainer passes its own).
    let isa: KernelISA
    let learningRate: Double
    let beta1: Double
    let beta2: Double
    let epsilon: Double
    /// The number of steps begun so far (`t`).
    private(set) var step = 0
    var firstMoments: [[T]] = []
    var secondMoments: [[T]] = []

    /// Throws ``TriadError`` unless `lr > 0`, `β1, β2 ∈ [0, 1)` and `eps > 0`, all finite.
    init(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
         isa: KernelISA = .selected) throws {
        try require(learningRate.isFinite && learningRate > 0, "learning rate", learningRate, "must be finite and > 0")
        try require(beta1 >= 0 && beta1 < 1, "Adam beta1", beta1, "must be in [0, 1)")
        try require(beta2 >= 0 && beta2 < 1, "Adam beta2", beta2, "must be in [0, 1)")
        try require(epsilon.isFinite && epsilon > 0, "Adam epsilon", epsilon, "must be finite and > 0")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.isa = isa
    }

    /// Starts step `t + 1` (sets the bias corrections of the updates that follow).
    mutating func beginStep() { step += 1 }

    /// Updates one tensor with its gradient (the loss gradient, descended). Precondition:
    /// ``beginStep()`` was called, and the tensor keeps its size from step to step.
    mutating func update(tensor index: Int, parameters p: inout [T], gradient g: [T]) {
        triadPrecondition(step >= 1, "Adam step", step, "must be >= 1: call beginStep() first")
        triadPrecondition(p.count == g.count, "gradient size", g.count, "must equal the tensor size \(p.count)")
        while firstMoments.count <= index {
            firstMoments.append([])
            secondMoments.append([])
        }
        if firstMoments[index].isEmpty {
            firstMoments[index] = [T](repeating: T.zero, count: p.count)
            secondMoments[index] = [T](repeating: T.zero, count: p.count)
        }
        triadPrecondition(firstMoments[index].count == p.count, "tensor \(index) size", p.count,
                          "must stay \(firstMoments[index].count)")
        let t = Double(step)
        let coefficients = AdamCoefficients(beta1: T(beta1), beta2: T(beta2), oneMinusBeta1: T(1 - beta1),
                                            oneMinusBeta2: T(1 - beta2),
                                            stepSize: T(learningRate / (1 - cPow(beta1, t))),
                                            secondMomentCorrection: T((1 - cPow(beta2, t)).squareRoot()),
                                            epsilon: T(epsilon))
        let count = p.count, isa = isa
        guard count > 0 else { return }
        g.withUnsafeBufferPointer { g in
            p.withUnsafeMutableBufferPointer { p in
                firstMoments[index].withUnsafeMutableBufferPointer { m in
                    secondMoments[index].withUnsafeMutableBufferPointer { v in
                        T.adamUpdate(count: count, parameters: p.baseAddress!, gradient: g.baseAddress!,
                                     firstMoments: m.baseAddress!, secondMoments: v.baseAddress!,
                                     coefficients: coefficients, on: isa)
                    }
                }
            }
        }
    }

    /// One step on every tensor of a network: ``beginStep()`` and an update per tensor.
    mutating func step(_ network: inout Network<T>, gradient: NetworkGradient<T>) {
        beginStep()
        network.updateTensors(with: gradient) { index, p, g in update(tensor: index, parameters: &p, gradient: g) }
    }
}

/// `x^y` in Double without Foundation (the C library's `pow`).
@inline(__always) func cPow(_ x: Double, _ y: Double) -> Double {
    Glibc.pow(x, y)
}
