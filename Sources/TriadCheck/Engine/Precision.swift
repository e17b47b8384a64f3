import TriadCore

/// A scalar type a check runs in: the one place where a precision named in settings, reports or on
/// the command line becomes a concrete ``Real`` type.
///
/// Every generic check is written once as `func f<T: Real>(_: T.Type)`; a caller that holds a
/// `Precision` value reaches it through ``dispatch(_:)`` with a ``PrecisionVisitor``. No other code
/// switches over precision names.
public enum Precision: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case float16 = "Float16"
    case float = "Float"
    case double = "Double"
    case float80 = "Float80"
    case interval = "Interval"

    /// The precisions of the Theorem 1 matrix and the claim runs (Float16 is in the bounds report only:
    /// with 11 significant bits its rounding tolerance swallows the gaps the verdicts read).
    public static let checked: [Precision] = [.float, .double, .float80, .interval]

    /// The precision whose verdicts are the matrix's; the others are compared with it.
    public static let reference: Precision = .double

    /// The precision named `text` (`Float16`, `Float`, `Double`, `Float80`, `Interval`).
    public init(parsing text: String) throws {
        guard let p = Precision(rawValue: text) else {
            throw TriadError("precision", "'\(text)'", "must be one of \(Precision.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = p
    }

    /// The type's name as `Real.typeName` spells it.
    public var description: String { rawValue }

    /// Whether values in this precision are certified enclosures (interval arithmetic).
    public var isCertified: Bool { self == .interval }

    /// Runs `visitor` with the concrete type of this precision.
    public func dispatch<V: PrecisionVisitor>(_ visitor: V) throws -> V.Output {
        switch self {
        case .float16: try visitor.visit(Float16.self)
        case .float: try visitor.visit(Float.self)
        case .double: try visitor.visit(Double.self)
        case .float80: try visitor.visit(Float80.self)
        case .interval: try visitor.visit(Interval.self)
        }
    }
}

/// A computation generic over the scalar type, run in a ``Precision`` by ``Precision/dispatch(_:)``.
public protocol PrecisionVisitor {
    associatedtype Output
    func visit<T: Real>(_: T.Type) throws -> Output
}
