/// A dense row-major matrix; a batch of `rows` vectors of length `columns` (logits, embeddings,
/// probabilities). Storage is contiguous: entry `(r, c)` is `storage[r * columns + c]`.
public struct Matrix<Scalar: Sendable>: Sendable {
    public let rows: Int
    public let columns: Int
    public var storage: [Scalar]

    /// A `rows × columns` matrix filled with `value`.
    @inlinable public init(rows: Int, columns: Int, repeating value: Scalar) {
        triadPrecondition(rows >= 0 && columns >= 0, "matrix shape", "\(rows)x\(columns)", "must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over the given row-major storage. Precondition: `storage.count == rows * columns`.
    @inlinable public init(rows: Int, columns: Int, storage: [Scalar]) {
        triadPrecondition(storage.count == rows * columns, "matrix storage count", storage.count,
                          "must equal rows * columns = \(rows * columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from nested rows; every row must have the same length.
    @inlinable public init(_ nested: [[Scalar]]) {
        let columns = nested.first?.count ?? 0
        for (r, row) in nested.enumerated() {
            triadPrecondition(row.count == columns, "matrix row \(r) length", row.count,
                              "must equal the first row's length \(columns)")
        }
        self.init(rows: nested.count, columns: columns, storage: nested.flatMap { $0 })
    }

    @inlinable public subscript(row: Int, column: Int) -> Scalar {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// Row `r` as an array.
    @inlinable public func row(_ r: Int) -> [Scalar] {
        Array(storage[(r * columns)..<((r + 1) * columns)])
    }

    /// The rows as nested arrays.
    public var nested: [[Scalar]] { (0..<rows).map(row) }

    /// The matrix whose row `i` is row `indices[i]` of this one (gather).
    @inlinable public func selectingRows(_ indices: [Int]) -> Matrix {
        var out: [Scalar] = []
        out.reserveCapacity(indices.count * columns)
        for i in indices { out.append(contentsOf: storage[(i * columns)..<((i + 1) * columns)]) }
        return Matrix(rows: indices.count, columns: columns, storage: out)
    }

    /// Applies `transform` to every entry.
    @inlinable public func map<T>(_ transform: (Scalar) throws -> T) rethrows -> Matrix<T> {
        Matrix<T>(rows: rows, columns: columns, storage: try storage.map(transform))
    }
}

extension Matrix: Equatable where Scalar: Equatable {}

extension Matrix where Scalar: Real {
    /// The zero matrix.
    @inlinable public static func zeros(rows: Int, columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, repeating: Scalar.zero)
    }

    /// Entrywise conversion between precisions through `Double` (intervals: their midpoints
    /// are *not* used; a `Double` source becomes a point interval).
    @inlinable public func converted<T: Real>(to: T.Type = T.self) -> Matrix<T> {
        map { T($0.midpoint) }
    }

    /// Entrywise sum. Precondition: equal shapes.
    @inlinable public static func + (a: Matrix, b: Matrix) -> Matrix {
        triadPrecondition(a.rows == b.rows && a.columns == b.columns, "matrix shapes",
                          "\(a.rows)x\(a.columns) + \(b.rows)x\(b.columns)", "must be equal")
        var out = a
        for i in out.storage.indices { out.storage[i] = a.storage[i] + b.storage[i] }
        return out
    }
}
