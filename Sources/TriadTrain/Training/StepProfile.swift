/// The parts of one training step, in the order they run (GEDI's step; ``Trainer/step(batch:recordLoss:)``
/// and ``GEDIMethod`` mark them).
public enum StepPhase: Int, CaseIterable, Sendable, CustomStringConvertible {
    /// Copying the parameters into the kernels' layouts (``NetworkWorkspace/load(_:)``).
    case load
    /// The augmented views `x + N(0, s²)`.
    case views
    /// SGLD: drawing from the replay buffer, one forward and input-gradient pass per sampler
    /// step, the noise, the write-back.
    case sampling
    /// Stacking `[x; x'; x~]` into the network's input buffer.
    case assembly
    /// The forward pass over the stacked batch: backbone, projector, cosine head.
    case forward
    /// `∂L_GEDI/∂l` from TriadCore's terms, negated and stacked for the backward pass.
    case objective
    /// The backward pass: head, projector, backbone, parameter gradients gathered.
    case backward
    /// The loss and term values, on the steps that record them.
    case record
    /// Whatever else the method's step does (none for GEDI; the whole step for methods that mark
    /// no part).
    case methodRest
    /// The trainer's check that the gradient is finite.
    case check
    /// The Adam update.
    case optimizer

    /// A short machine-readable name (`triad bench --json` writes `part_<key>_ms`).
    public var key: String {
        switch self {
        case .load: "load"
        case .views: "views"
        case .sampling: "sgld"
        case .assembly: "assembly"
        case .forward: "forward"
        case .objective: "objective"
        case .backward: "backward"
        case .record: "record"
        case .methodRest: "method_rest"
        case .check: "check"
        case .optimizer: "adam"
        }
    }

    public var description: String {
        switch self {
        case .load: "load parameters"
        case .views: "augmented views"
        case .sampling: "SGLD sampling"
        case .assembly: "input assembly"
        case .forward: "forward (MLP, head)"
        case .objective: "objective gradient"
        case .backward: "backward (head, MLP)"
        case .record: "loss record"
        case .methodRest: "rest of the method's step"
        case .check: "finite-gradient check"
        case .optimizer: "Adam"
        }
    }
}

/// Times the phases of training steps: the step calls ``start()``, then ``mark(_:)`` at the end of
/// each phase (the time since the previous mark is charged to that phase), then ``finish()``.
/// A trainer or method without a profile pays one `nil` check per mark.
///
/// Cost: one monotonic clock read per mark (~20-30 ns; 11 marks against a ~1.4 ms step).
public final class StepProfile {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private var current: [Duration]
    /// Seconds per phase (indexed by ``StepPhase/rawValue``) of every finished step.
    public private(set) var steps: [[Double]] = []

    public init() {
        last = clock.now
        current = Array(repeating: .zero, count: StepPhase.allCases.count)
    }

    /// Begins a step.
    func start() {
        for i in current.indices { current[i] = .zero }
        last = clock.now
    }

    /// Ends `phase`: charges it the time since the previous mark (or ``start()``).
    @inline(__always)
    func mark(_ phase: StepPhase) {
        let now = clock.now
        current[phase.rawValue] += now - last
        last = now
    }

    /// Ends the step and keeps its phases.
    func finish() {
        steps.append(current.map(\.seconds))
    }

    /// Forgets the finished steps.
    public func reset() { steps.removeAll(keepingCapacity: true) }

    /// The median over the finished steps of `phase`'s time, in milliseconds (0 without steps).
    public func medianMilliseconds(_ phase: StepPhase) -> Double {
        let values = steps.map { $0[phase.rawValue] * 1e3 }.sorted()
        return values.isEmpty ? 0 : values[values.count / 2]
    }
}
