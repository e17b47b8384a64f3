/// An owned, zero-initialised, 64-byte aligned scalar buffer that the kernels read and write
/// through raw pointers. Grows on demand (contents are then zeroed again).
final class KernelBuffer<T: TrainScalar> {
    private(set) var pointer: UnsafeMutablePointer<T>
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 1)
        pointer = Self.allocate(self.capacity)
    }

    deinit { pointer.deallocate() }

    static func allocate(_ count: Int) -> UnsafeMutablePointer<T> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<T>.stride, alignment: 64)
        let p = raw.bindMemory(to: T.self, capacity: count)
        p.initialize(repeating: T.zero, count: count)
        return p
    }

    /// Makes room for `count` scalars; when it has to grow, the new storage is all zeros.
    func reserve(_ count: Int) {
        if count <= capacity { return }
        pointer.deallocate()
        capacity = count
        pointer = Self.allocate(count)
    }

    /// Sets the first `count` scalars to zero.
    func zero(_ count: Int) {
        pointer.update(repeating: T.zero, count: Swift.min(count, capacity))
    }
}
