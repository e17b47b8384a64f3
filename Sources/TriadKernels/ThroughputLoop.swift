/// The arithmetic peak of one vector unit as a kernel can use it: a register-only loop of twelve
/// independent multiply-add chains `c ← c · m + a` on `V` (twelve so that the latency of each
/// chain is hidden), accumulated as `M` does. Specialised by the instruction-set modules, each
/// compiled for its own target CPU, like ``RegisterTileKernel``.
public enum ThroughputLoop<V: KernelVector, M: MultiplyAdd> {
    /// Runs `rounds` rounds (twelve multiply-adds of `V.scalarCount` lanes each) and returns the
    /// FLOPs done (2 per lane per multiply-add). The operands derive from `sink` and the result is
    /// added to it, so the loop can be neither precomputed nor removed.
    @inlinable @inline(__always)
    public static func run(rounds: Int, sink: inout Float) -> Double {
        let m = V(repeating: 0.999_999 + sink * 1e-30), a = V(repeating: 1e-7)
        var c0 = V(repeating: 1), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0
        var c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0
        for _ in 0..<rounds {
            // c ← a + c · m, as M accumulates.
            step(&c0, m, a); step(&c1, m, a); step(&c2, m, a); step(&c3, m, a)
            step(&c4, m, a); step(&c5, m, a); step(&c6, m, a); step(&c7, m, a)
            step(&c8, m, a); step(&c9, m, a); step(&c10, m, a); step(&c11, m, a)
        }
        let s = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11))
        sink += s.sum()
        return Double(rounds) * 12 * Double(V.scalarCount) * 2
    }

    @inlinable @inline(__always)
    static func step(_ c: inout V, _ m: V, _ a: V) {
        var t = a
        M.accumulate(&t, c, m)
        c = t
    }
}
