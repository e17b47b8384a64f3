import Dispatch
import Foundation
import TriadKernels

/// A second thread for the large matrix products.
///
/// Determinism: a product is split by *rows of C* into two fixed halves (whole 6-row tiles: the
/// first `⌊tiles / 2⌋` tiles on the calling thread, the rest on the helper). Every entry of `C`
/// is computed by exactly one thread, by the same code and in the same order as without the
/// pool, so the results are bit-identical whatever the number of threads (a test checks it).
/// Products below ``minimumFLOPs`` run on the calling thread (the hand-off costs a few µs).
/// One product at a time: a pool serves one workspace's passes, not concurrent callers.
final class KernelPool: @unchecked Sendable {
    /// The default threshold: products smaller than this run unsplit.
    static let defaultMinimumFLOPs = 4_000_000.0
    /// This pool's threshold.
    let minimumFLOPs: Double

    /// The worker's side; the thread holds it strongly, the pool stops it on deinit.
    final class Worker: @unchecked Sendable {
        let start = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        var job: (() -> Void)?
        var stopping = false

        func loop() {
            while true {
                start.wait()
                if stopping { return }
                job?()
                job = nil
                finished.signal()
            }
        }
    }

    let worker = Worker()

    init(minimumFLOPs: Double = KernelPool.defaultMinimumFLOPs) {
        self.minimumFLOPs = minimumFLOPs
        let worker = self.worker
        let thread = Thread { worker.loop() }
        thread.name = "triad-kernel"
        thread.start()
    }

    deinit {
        worker.stopping = true
        worker.start.signal()
    }

    /// Runs `product`, split over the caller and the helper thread when it is large enough.
    func run<T: TrainScalar>(_ product: MatrixProduct<T>, isa: KernelISA) {
        let tiles = product.rows / 6
        guard product.flops >= minimumFLOPs, tiles >= 2 else {
            T.runProduct(product, on: isa)
            return
        }
        let split = (tiles / 2) * 6
        let first = product.rowSlice(0, split), second = product.rowSlice(split, product.rows)
        let box = UncheckedBox(second)
        worker.job = { T.runProduct(box.value, on: isa) }
        worker.start.signal()
        T.runProduct(first, on: isa)
        worker.finished.wait()
    }
}

/// Carries a non-Sendable value to the helper thread; the semaphores order every access.
struct UncheckedBox<V>: @unchecked Sendable {
    let value: V
    init(_ value: V) { self.value = value }
}

extension MatrixProduct {
    /// The product restricted to rows `r0 ..< r1` of `C` (multiples of 6): the same sums for
    /// those rows, with `A`, `C` and a ReLU-mask epilogue offset to them.
    func rowSlice(_ r0: Int, _ r1: Int) -> MatrixProduct {
        var p = self
        p.rows = r1 - r0
        p.a = a + r0 * aRowStride
        p.c = c + r0 * cRowStride
        if case .reluMask(let h, let stride) = epilogue { p.epilogue = .reluMask(h + r0 * stride, stride: stride) }
        return p
    }
}
