import TriadCore

/// The sizes a property draws its cases from: a range per ``Size/Key`` and an optional constraint
/// between them (e.g. `N >= C`).
///
/// - Drawing (case `i` of `K`): each size is uniform in `lower ... lower + ceil((upper - lower) · s)`
///   with the ramp `s = min(1, (i + 1) / max(1, K / 2))`, so the first cases are small and the
///   second half of the run covers the whole range. A draw that breaks the constraint is redrawn
///   (up to 100 times on the ramp, then 100 times on the full range).
/// - Shrinking never goes below a range's lower bound, and skips sizes that break the constraint.
///
/// Definition errors (a lower bound below the key's minimum, an empty key list, a repeated name)
/// are reported by ``validate()``, which ``Property/check(_:testName:)`` calls first.
public struct SizeSpace: Sendable {
    /// The keys, in order (the order of replay lines).
    public let keys: [Size.Key]
    /// The range of each key, aligned with ``keys``.
    public let ranges: [ClosedRange<Int>]
    /// The constraint between sizes; sizes that break it are never generated.
    public let admits: @Sendable (Size) -> Bool
    /// The constraint in words, for messages (`"N >= C"`); empty when there is none.
    public let constraint: String

    /// A space from `(key, range)` pairs in the given order, with an optional constraint
    /// (`constraint` names it in messages).
    public init(_ entries: [(Size.Key, ClosedRange<Int>)], constraint: String = "",
                where admits: @escaping @Sendable (Size) -> Bool = { _ in true }) {
        keys = entries.map(\.0)
        ranges = entries.map(\.1)
        self.constraint = constraint
        self.admits = admits
    }

    /// The standard world space with keys `N, C, D, n` (defaults: small worlds, fast to check).
    public init(N: ClosedRange<Int> = 2...8, C: ClosedRange<Int> = 2...4, D: ClosedRange<Int> = 1...3,
                n: ClosedRange<Int> = 1...16, constraint: String = "",
                where admits: @escaping @Sendable (Size) -> Bool = { _ in true }) {
        self.init([(.points, N), (.clusters, C), (.dimension, D), (.samples, n)],
                  constraint: constraint, where: admits)
    }

    /// The smallest size of the space (every key at its lower bound; may break the constraint).
    public var lowest: Size { Size(zip(keys, ranges).map { ($0, $1.lowerBound) }) }

    /// The range of `key`, if the space has it.
    public func range(of key: Size.Key) -> ClosedRange<Int>? { keys.firstIndex(of: key).map { ranges[$0] } }

    /// Throws ``TriadError`` when the space is malformed.
    public func validate() throws {
        try require(!keys.isEmpty, "sizes", "[]", "must have at least one key")
        try require(Set(keys.map(\.name)).count == keys.count, "sizes", keys.map(\.name), "keys must have distinct names")
        for (key, range) in zip(keys, ranges) {
            try require(key.hasValidName, "size key name", "'\(key.name)'", "must be letters, digits or _")
            try require(range.lowerBound >= key.minimum, "range of \(key.name)", range,
                        "must start at or above the minimum \(key.name) = \(key.minimum)")
        }
    }

    /// Whether `size` has this space's keys, at or above the lower bounds, and meets the constraint
    /// (values above the upper bounds are allowed: a replay may ask for a larger case).
    public func contains(_ size: Size) -> Bool {
        size.keys == keys && zip(size.values, ranges).allSatisfy { $0 >= $1.lowerBound } && admits(size)
    }

    /// The size of case `index` of `count`, drawn from a generator seeded with the case seed (salted,
    /// so that the value's stream `TriadRandom(seed: caseSeed)` is not the size's stream).
    public func draw(caseSeed: UInt64, index: Int, of count: Int) throws -> Size {
        var random = TriadRandom(seed: caseSeed ^ 0xA076_1D64_78BD_642F)
        let scale = min(1, Double(index + 1) / Double(max(1, count / 2)))
        for attempt in 0..<200 {
            let s = attempt < 100 ? scale : 1
            let values = ranges.map { r -> Int in
                let upper = r.lowerBound + Int((Double(r.upperBound - r.lowerBound) * s).rounded(.up))
                return random.int(in: r.lowerBound...min(upper, r.upperBound))
            }
            let size = Size(Array(zip(keys, values)))
            if admits(size) { return size }
        }
        throw TriadError("sizes", description, "no size meeting the constraint \(constraint) in 200 draws")
    }

    /// The sizes shrinking tries next from `size`, most aggressive first: every key at its lower
    /// bound at once, then for each key in order its lower bound, `v - (v - lo)/2`, `v - (v - lo)/4`,
    /// ..., `v - 1`. Only sizes inside the space are listed.
    public func shrinkCandidates(of size: Size) -> [Size] {
        var out: [Size] = []
        var seen: Set<Size> = [size]
        func offer(_ candidate: Size) {
            if contains(candidate), seen.insert(candidate).inserted { out.append(candidate) }
        }
        offer(Size(zip(keys, ranges).map { ($0, $1.lowerBound) }))
        for (key, range) in zip(keys, ranges) {
            let v = size[key], lo = range.lowerBound
            guard v > lo else { continue }
            offer(size.with(key, lo))
            var step = (v - lo) / 2
            while step > 0 {
                offer(size.with(key, v - step))
                step /= 2
            }
            offer(size.with(key, v - 1))
        }
        return out
    }
}

extension SizeSpace: CustomStringConvertible {
    /// `N in 2...8, C in 2...4 where N >= C`.
    public var description: String {
        let ranges = zip(keys, ranges).map { "\($0.name) in \($1)" }.joined(separator: ", ")
        return constraint.isEmpty ? ranges : "\(ranges) where \(constraint)"
    }
}
