/// The one error of Triad's public API: an input that breaks a stated requirement.
///
/// Every rejection reads the same way, naming the parameter, the offending value and the rule:
/// `invalid <parameter> = <value>: <requirement>`, for example
/// `invalid data law p[3] = -0.1: must be >= 0`.
public struct TriadError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The parameter, with an index when one entry is at fault (`p[3]`, `A[2, 0]`).
    public let parameter: String
    /// The offending value, as text.
    public let value: String
    /// The requirement it breaks.
    public let requirement: String

    public init(_ parameter: String, _ value: some CustomStringConvertible, _ requirement: String) {
        self.parameter = parameter
        self.value = value.description
        self.requirement = requirement
    }

    public var description: String { "invalid \(parameter) = \(value): \(requirement)" }
}

/// Throws ``TriadError`` unless `condition` holds; the one wording of preconditions on input.
@inlinable public func require(
    _ condition: Bool, _ parameter: @autoclosure () -> String,
    _ value: @autoclosure () -> any CustomStringConvertible, _ requirement: @autoclosure () -> String
) throws {
    if !condition { throw TriadError(parameter(), value().description, requirement()) }
}

/// Traps with the project's error wording; for programming errors inside the library (a caller
/// that skipped validation), never for user input, which gets a thrown ``TriadError``.
@inlinable public func triadPrecondition(
    _ condition: @autoclosure () -> Bool, _ parameter: @autoclosure () -> String,
    _ value: @autoclosure () -> any CustomStringConvertible, _ requirement: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition() {
        preconditionFailure(TriadError(parameter(), value().description, requirement()).description,
                            file: file, line: line)
    }
}
