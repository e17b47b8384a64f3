/// The machine's arithmetic peak as the kernels see it: a register-only loop of independent
/// multiply-add chains, `c ← c · m + a` (fused when the build targets FMA, as in
/// ``FloatKernels``), twelve chains so the latency of each is hidden. Both `SIMD8<Float>` and
/// `SIMD4<Float>` are tried and the faster is reported: without AVX a `SIMD8` is two SSE
/// registers and twelve of them spill; with AVX the `SIMD4` version uses half of each register.
enum PeakThroughput {
    /// FLOPs per second (2 per lane per multiply-add) of the faster loop, each run for
    /// `iterations` rounds.
    static func measure(iterations: Int = 20_000_000) -> Double {
        max(rate(iterations) { run(SIMD8<Float>.self, $0, &$1) },
            rate(iterations) { run(SIMD4<Float>.self, $0, &$1) })
    }

    static func rate(_ iterations: Int, _ body: (Int, inout Float) -> Double) -> Double {
        // The loop writes its result through `sink`, so it is not a pure function that the
        // optimiser could move out of the timed region or merge between repetitions.
        var sink: Float = 0
        _ = body(iterations / 20, &sink)  // warm-up (clock ramp)
        var best = 0.0
        for _ in 0..<3 {
            let start = ContinuousClock.now
            let flops = body(iterations, &sink)
            let seconds = (ContinuousClock.now - start).seconds
            if seconds > 0 { best = max(best, flops / seconds) }
        }
        return sink.isNaN ? 0 : best
    }

    @inline(__always) static func step<V: SIMD>(_ c: inout V, _ m: V, _ a: V) where V.Scalar == Float {
        #if TRIAD_FMA
        c = c.addingProduct(m, a)
        #else
        c = c * m + a
        #endif
    }

    /// Twelve independent chains of `rounds` multiply-adds on `V`; returns the FLOPs done.
    @inline(never) static func run<V: SIMD>(_: V.Type, _ rounds: Int, _ sink: inout Float) -> Double
        where V.Scalar == Float
    {
        // Operands derived from the sink: not compile-time constants.
        let m = V(repeating: 0.999_999 + sink * 1e-30), a = V(repeating: 1e-7)
        var c0 = V(repeating: 1), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0
        var c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0
        for _ in 0..<rounds {
            step(&c0, m, a); step(&c1, m, a); step(&c2, m, a); step(&c3, m, a)
            step(&c4, m, a); step(&c5, m, a); step(&c6, m, a); step(&c7, m, a)
            step(&c8, m, a); step(&c9, m, a); step(&c10, m, a); step(&c11, m, a)
        }
        let s = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11))
        sink += s.sum()
        return Double(rounds) * 12 * Double(V.scalarCount) * 2
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (s, a) = components
        return Double(s) + Double(a) * 1e-18
    }
}
