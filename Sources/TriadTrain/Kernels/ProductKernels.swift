import TriadCore
import TriadKernels

/// Where a workspace's matrix products run: a vector unit (``KernelISA``) and, optionally, a
/// second thread (``KernelPool``). Neither changes a result: the units with fused accumulation
/// agree bit for bit, and the pool splits by whole output rows.
struct ProductKernels {
    /// The unit the Float products run on (Double products always run ``ReferenceKernels``).
    let isa: KernelISA
    /// The helper thread for large products, if any.
    let pool: KernelPool?

    init(isa: KernelISA = .selected, pool: KernelPool? = nil) {
        triadPrecondition(isa.isSupported, "kernel instruction set", isa, "must be supported by this CPU")
        self.isa = isa
        self.pool = pool
    }

    /// Single-threaded products on `isa`; with `threads == 2`, a new ``KernelPool`` too.
    init(isa: KernelISA = .selected, threads: Int) {
        self.init(isa: isa, pool: threads == 2 ? KernelPool() : nil)
    }

    /// Runs `product`, split over the pool's two threads when there is one and it is large enough.
    @inline(__always)
    func run<T: TrainScalar>(_ product: MatrixProduct<T>) {
        if let pool { pool.run(product, isa: isa) } else { T.runProduct(product, on: isa) }
    }
}
