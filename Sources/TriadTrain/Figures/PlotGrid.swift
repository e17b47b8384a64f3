import TriadCore

/// A regular grid of `columns × rows` cells over a 2-D box, on which a caller evaluates a model
/// (class predictions, energies) for a figure. Cell `(r, c)` covers
/// `x ∈ [x0 + c·dx, x0 + (c+1)·dx]`, `y ∈ [y0 + r·dy, y0 + (r+1)·dy]`, row 0 at the bottom; values
/// for the grid are flat arrays indexed `r · columns + c` (the order of ``cellCenters``).
struct PlotGrid: Sendable, Equatable {
    /// The area covered.
    let box: BoundingBox
    /// Cells along `x`.
    let columns: Int
    /// Cells along `y`.
    let rows: Int

    /// Throws ``TriadError`` unless the box is 2-D and both counts are in `1...2000`.
    init(box: BoundingBox, columns: Int, rows: Int) throws {
        try require(box.dimension == 2, "grid box dimension", box.dimension, "must be 2")
        try require(columns >= 1 && columns <= 2000, "grid columns", columns, "must be in 1...2000")
        try require(rows >= 1 && rows <= 2000, "grid rows", rows, "must be in 1...2000")
        self.box = box
        self.columns = columns
        self.rows = rows
    }

    /// The number of cells.
    var count: Int { rows * columns }
    /// Cell width and height in data units.
    var cellSize: (dx: Double, dy: Double) {
        (box.extent[0] / Double(columns), box.extent[1] / Double(rows))
    }

    /// The centre of every cell, one per row of a `count × 2` matrix, in value order.
    var cellCenters: Matrix<Double> {
        let (dx, dy) = cellSize
        var out = Matrix<Double>.zeros(rows: count, columns: 2)
        for r in 0..<rows {
            for c in 0..<columns {
                out[r * columns + c, 0] = box.lower[0] + (Double(c) + 0.5) * dx
                out[r * columns + c, 1] = box.lower[1] + (Double(r) + 0.5) * dy
            }
        }
        return out
    }
}
