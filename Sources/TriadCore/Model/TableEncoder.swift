/// The free-table encoder: `enc(w_i) = e_i`, one embedding per point of a finite world
/// (`Proofs/model.md` §3.5). It ignores coordinates; the batch it encodes must be the world's points in
/// order, so row `i` of the output is `e_i`.
public struct TableEncoder<Scalar: Real>: Encoder {
    /// `N × h`: row `i` is the embedding of world point `i`.
    public var table: Matrix<Scalar>

    /// Throws when the table is empty or has a NaN or infinite entry.
    public init(table: Matrix<Scalar>) throws {
        try require(table.rows >= 1 && table.columns >= 1, "embedding table shape",
                    "\(table.rows)x\(table.columns)", "must have at least one row and one column")
        for (n, v) in table.storage.enumerated() {
            try require(v.isFinite, "embedding e[\(n / table.columns)][\(n % table.columns)]", v, "must be finite")
        }
        self.table = table
    }

    public var outputDimension: Int { table.columns }
    public var kind: String { "table" }

    public func encode(_ points: Matrix<Scalar>) -> Matrix<Scalar> {
        triadPrecondition(points.rows == table.rows, "point count for the table encoder", points.rows,
                          "must equal the table's row count \(table.rows)")
        return table
    }
}
