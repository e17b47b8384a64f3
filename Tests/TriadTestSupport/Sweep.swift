/// A labelled sweep in the style of swift-collections' `withEvery`: runs `body` for every value,
/// and when the body throws or records an issue the label and value are in the message.
///
///     try withEvery("tau", in: [1e-3, 0.1, 1]) { tau in ... }
public func withEvery<S: Sequence>(
    _ label: String, in values: S, _ body: (S.Element) throws -> Void
) rethrows {
    for value in values {
        do {
            try body(value)
        } catch {
            print("failing configuration: \(label) = \(value)")
            throw error
        }
    }
}

/// Whether `a` and `b` agree within `absolute + relative · max(|a|, |b|)`: the tolerance form
/// every Triad test states with its reason.
public func isClose(_ a: Double, _ b: Double, absolute: Double, relative: Double) -> Bool {
    if a == b { return true }
    return abs(a - b) <= absolute + relative * max(abs(a), abs(b))
}
