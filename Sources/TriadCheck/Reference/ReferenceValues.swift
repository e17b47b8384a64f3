/// The stored reference values of one world: the logits of its points and, for each
/// ``ReferenceRole``, the value, the upper bound and the gap (`bound - value`; both absent for
/// `L_GEN` and `L_GEDI` on a sampled partition, which have no bound) and the gradient with respect
/// to the world's logits (`N × C`, row-major).
public struct ReferenceValues: Sendable, Equatable {
    public struct Quantity: Sendable, Equatable {
        public let value: ReferenceEntry
        public let bound: ReferenceEntry?
        public let gap: ReferenceEntry?
        public let gradient: [ReferenceEntry]

        public init(value: ReferenceEntry, bound: ReferenceEntry?, gap: ReferenceEntry?, gradient: [ReferenceEntry]) {
            self.value = value
            self.bound = bound
            self.gap = gap
            self.gradient = gradient
        }
    }

    /// `l(w_i)_y`, row-major `N × C`.
    public let logits: [ReferenceEntry]
    public let quantities: [ReferenceRole: Quantity]

    public init(logits: [ReferenceEntry], quantities: [ReferenceRole: Quantity]) {
        self.logits = logits
        self.quantities = quantities
    }
}
