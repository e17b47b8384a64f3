/// A property of any value type, for catalogues (`[any CheckableProperty]`) that the `triad` CLI
/// runs by id. ``Property`` conforms.
public protocol CheckableProperty: Sendable {
    /// The property's id, as in replay tokens.
    var id: String { get }
    /// Runs the property; see ``Property/check(_:testName:)``.
    func check(_ settings: CheckSettings, testName: String?) throws -> PropertyResult
}
