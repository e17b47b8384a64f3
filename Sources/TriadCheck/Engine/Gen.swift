import TriadCore

/// A generator of values: a function of a random stream and the case's structural ``Size``.
///
/// A case's value is `generator.run(&random, size)` with `random = TriadRandom(seed: caseSeed)`, so
/// the seed and the sizes alone reproduce it. Generators compose (``map(_:)``, ``flatMap(_:)``,
/// ``zip(_:)``, ``oneOf(_:_:)``, ``frequency(_:_:)``) and read sizes through ``size(_:)`` and
/// ``sized(_:)``; shrinking re-runs the same generator on the same seed with smaller sizes.
///
/// Draws are sequential, so a generator that reads sizes only for counts (``array(count:)``) gives
/// at a smaller size a prefix of what it gave at a larger one.
public struct Gen<Value>: Sendable {
    /// Produces one value, advancing `random`.
    public let run: @Sendable (inout TriadRandom, Size) -> Value

    public init(_ run: @escaping @Sendable (inout TriadRandom, Size) -> Value) { self.run = run }

    /// The value for a case: `run` on a fresh `TriadRandom(seed: seed)`.
    public func generate(seed: UInt64, size: Size) -> Value {
        var random = TriadRandom(seed: seed)
        return run(&random, size)
    }

    /// Applies `transform` to every generated value.
    public func map<B>(_ transform: @escaping @Sendable (Value) -> B) -> Gen<B> {
        Gen<B> { random, size in transform(self.run(&random, size)) }
    }

    /// Applies a throwing `transform` (e.g. a `FiniteWorld` initialiser that validates its input);
    /// the claim calls `try result.get()`, so a thrown error becomes a failure of that case.
    public func tryMap<B>(_ transform: @escaping @Sendable (Value) throws -> B) -> Gen<Result<B, any Error>> {
        Gen<Result<B, any Error>> { random, size in
            let value = self.run(&random, size)
            return Result { try transform(value) }
        }
    }

    /// Generates a value, then runs the generator that `next` builds from it (dependent generation:
    /// e.g. a count, then an array of that count).
    public func flatMap<B>(_ next: @escaping @Sendable (Value) -> Gen<B>) -> Gen<B> {
        Gen<B> { random, size in next(self.run(&random, size)).run(&random, size) }
    }

    /// Always `value`.
    public static func constant(_ value: Value) -> Gen where Value: Sendable {
        Gen { _, _ in value }
    }

    /// A generator chosen from the case's sizes.
    public static func sized(_ build: @escaping @Sendable (Size) -> Gen) -> Gen {
        Gen { random, size in build(size).run(&random, size) }
    }

    /// The values of `generators`, drawn in order, as a tuple: `Gen.zip(points, weights, tau)`.
    public static func zip<each T>(_ generators: repeat Gen<each T>) -> Gen where Value == (repeat each T) {
        Gen { random, size in (repeat (each generators).run(&random, size)) }
    }

    /// One of the generators, each with probability `1 / count`.
    public static func oneOf(_ first: Gen, _ rest: Gen...) -> Gen {
        let all = [first] + rest
        return Gen { random, size in all[random.int(in: 0...(all.count - 1))].run(&random, size) }
    }

    /// One of the generators, chosen with probability proportional to its weight (weights >= 0,
    /// not all 0; anything else is a programming error and traps).
    public static func frequency(_ first: (Int, Gen), _ rest: (Int, Gen)...) -> Gen {
        let all = [first] + rest
        let total = all.reduce(0) { $0 + $1.0 }
        triadPrecondition(all.allSatisfy { $0.0 >= 0 } && total > 0, "frequency weights", all.map(\.0),
                          "must be >= 0 and not all 0")
        return Gen { random, size in
            var pick = random.int(in: 0...(total - 1))
            for (weight, generator) in all {
                if pick < weight { return generator.run(&random, size) }
                pick -= weight
            }
            return all[all.count - 1].1.run(&random, size)  // unreachable: pick < total
        }
    }

    /// One of `elements`, uniformly (a non-empty array; empty is a programming error and traps).
    public static func element(of elements: [Value]) -> Gen where Value: Sendable {
        triadPrecondition(!elements.isEmpty, "elements", "[]", "must not be empty")
        return Gen { random, _ in elements[random.int(in: 0...(elements.count - 1))] }
    }
}

extension Gen where Value == Size {
    /// The case's sizes themselves (to pass them to the property: `Gen.zip(.currentSize, world)`).
    public static var currentSize: Gen<Size> { Gen { _, size in size } }
}

extension Gen where Value == TriadRandom {
    /// An independent generator split from the case's stream, for properties that search at random
    /// themselves (an adversarial search inside a failure mode); replays like every other value.
    public static var random: Gen<TriadRandom> { Gen { random, _ in random.split() } }
}
