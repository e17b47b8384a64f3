import TriadCore

/// One case of one property, as a token that reproduces it exactly:
///
///     <property-id>:<case-seed>:<sizes>        e.g.  gen-fm2-witness:0x1f2e3d4c5b6a7988:N=4,C=3,D=1,n=1
///
/// The case seed is written as 16 hex digits after `0x` (decimal is accepted too); the sizes are
/// `name=value` pairs separated by commas, one per key of the property's ``SizeSpace`` (any order).
/// The id may itself contain `:` (the token is split at its last two colons) but not `'` or a line
/// break. Set in the environment as `TRIAD_REPLAY='<token>'`, it makes ``Property/check(_:testName:)``
/// of the property with that id run only this case (no shrinking, no coverage requirements).
public struct Replay: Sendable, Hashable, CustomStringConvertible {
    /// The environment variable read by ``CheckSettings/overridden(by:)``.
    public static let environmentVariable = "TRIAD_REPLAY"

    public let propertyID: String
    public let seed: UInt64
    /// The sizes by key name.
    public let sizes: [String: Int]
    /// The sizes in the order written (for rendering).
    private let order: [String]

    /// The replay of the case `seed` at `size` of property `propertyID`.
    public init(propertyID: String, seed: UInt64, size: Size) {
        self.propertyID = propertyID
        self.seed = seed
        order = size.keys.map(\.name)
        sizes = Dictionary(uniqueKeysWithValues: zip(order, size.values))
    }

    /// Parses a token; throws ``TriadError`` naming what is malformed.
    public init(parsing token: String) throws {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        try require(parts.count >= 3, Replay.environmentVariable, "'\(token)'", "must read <property-id>:<seed>:<sizes>")
        let id = parts.dropLast(2).joined(separator: ":")
        try require(Replay.isValidID(id), "\(Replay.environmentVariable) property id", "'\(id)'",
                    "must be non-empty, without ' or line breaks")
        let seedText = String(parts[parts.count - 2])
        guard let seed = CheckSettings.parseSeed(seedText) else {
            throw TriadError("\(Replay.environmentVariable) seed", seedText, "must be a decimal or 0x-hex UInt64")
        }
        var sizes: [String: Int] = [:]
        var order: [String] = []
        for pair in parts[parts.count - 1].split(separator: ",", omittingEmptySubsequences: false) {
            let kv = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard kv.count == 2, !kv[0].isEmpty, let value = Int(kv[1]) else {
                throw TriadError("\(Replay.environmentVariable) size", "'\(pair)'", "must read name=integer")
            }
            let name = String(kv[0])
            try require(sizes[name] == nil, "\(Replay.environmentVariable) size", name, "must appear once")
            sizes[name] = value
            order.append(name)
        }
        self.propertyID = id
        self.seed = seed
        self.sizes = sizes
        self.order = order
    }

    /// `<property-id>:0x<16 hex digits>:N=..,C=..`.
    public var token: String {
        let hex = String(seed, radix: 16)
        let seedText = "0x" + String(repeating: "0", count: 16 - hex.count) + hex
        return "\(propertyID):\(seedText):" + order.map { "\($0)=\(sizes[$0]!)" }.joined(separator: ",")
    }

    public var description: String { token }

    /// The sizes as a ``Size`` of `space`: every key of the space named exactly once, no other
    /// name, each value at or above its range's lower bound, meeting the constraint.
    public func size(in space: SizeSpace) throws -> Size {
        let names = Set(space.keys.map(\.name))
        for name in order {
            try require(names.contains(name), "\(Replay.environmentVariable) size", name,
                        "must be one of \(space.keys.map(\.name)) for property \(propertyID)")
        }
        var entries: [(Size.Key, Int)] = []
        for (key, range) in zip(space.keys, space.ranges) {
            guard let value = sizes[key.name] else {
                throw TriadError("\(Replay.environmentVariable) sizes", order.joined(separator: ","), "must give \(key.name)")
            }
            try require(value >= range.lowerBound, "\(Replay.environmentVariable) size \(key.name)", value,
                        "must be >= \(range.lowerBound)")
            entries.append((key, value))
        }
        let size = Size(entries)
        try require(space.admits(size), "\(Replay.environmentVariable) sizes", size, "must meet \(space.constraint)")
        return size
    }

    /// A property id usable in a replay token and a shell line.
    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && !id.contains("'") && !id.contains("\n") && !id.contains("\r")
    }
}
