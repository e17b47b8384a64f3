import TriadCore

/// The arithmetic peak of a vector unit as the kernels can use it: the rate of the unit's
/// ``ThroughputLoop`` (twelve independent multiply-add chains in registers, the same vector type
/// and accumulation as the unit's matrix kernel), best of three timed runs after a warm-up.
enum PeakThroughput {
    /// FLOPs per second (2 per lane per multiply-add) of `isa`'s loop, each timed run doing
    /// `iterations` rounds. The unit must be supported by this CPU.
    static func measure(_ isa: KernelISA, iterations: Int = 20_000_000) -> Double {
        triadPrecondition(isa.isSupported, "kernel instruction set", isa, "must be supported by this CPU")
        // The loop writes its result through `sink`, so it is not a pure function that the
        // optimiser could move out of the timed region or merge between repetitions.
        var sink: Float = 0
        _ = isa.throughputLoop(rounds: iterations / 20, sink: &sink)  // warm-up (clock ramp)
        var best = 0.0
        for _ in 0..<3 {
            let start = ContinuousClock.now
            let flops = isa.throughputLoop(rounds: iterations, sink: &sink)
            let seconds = (ContinuousClock.now - start).seconds
            if seconds > 0 { best = max(best, flops / seconds) }
        }
        return sink.isNaN ? 0 : best
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (s, a) = components
        return Double(s) + Double(a) * 1e-18
    }
}
