import TriadCore

/// The figures of one trained ``ToyExperiment``, rendered as SVG text.
///
/// - `assignments`: every cell of a grid over the data box tinted by its predicted cluster
///   (`argmax_y` of the method's logits: the decision regions), with held-out points on top
///   coloured by their true manifold.
/// - `energy` (methods that sample, i.e. `lambda_GEN > 0`): the energy `E(x) = -LSE_y l_y(x)`
///   (TriadCore's ``rowLogSumExp(_:)``, Eq. 2 of the paper) over the grid, with data points and
///   SGLD samples from the persistent replay buffer.
///
/// To keep the committed files small, at most ``plottedPoints`` held-out points and buffer samples
/// are drawn (the first ones: both sets are already in random order).
public struct ToyExperimentFigures: Sendable {
    public var assignments: String
    public var energy: String?

    /// Points drawn per set.
    static let plottedPoints = 600

    /// Evaluates `trainer` on a `resolution × resolution` grid over the data set's box. Throws
    /// ``TriadError`` when `resolution` is outside `1...2000` or the model produced non-finite values.
    init(trainer: Trainer, test: ToyDataset, resolution: Int) throws {
        let grid = try PlotGrid(box: test.kind.boundingBox, columns: resolution, rows: resolution)
        let shown = test.selecting(Array(0..<min(test.count, Self.plottedPoints)))
        let method = trainer.configuration.method
        let title = "\(method) on \(test.kind), seed \(trainer.configuration.seed)"
        let gridLogits = trainer.evaluation(grid.cellCenters).logits.converted(to: Double.self)
        assignments = try ToyFigures.decisionRegions(
            grid: grid, classes: Diagnosis.argmax(gridLogits), points: shown.points, labels: shown.labels,
            title: "\(title): clusters").render()
        guard let gedi = trainer.method as? GEDIMethod<Float>, let sampler = gedi.sampler else {
            energy = nil
            return
        }
        let buffer = sampler.buffer.points.converted(to: Double.self)
        let samples = Matrix(rows: min(buffer.rows, Self.plottedPoints), columns: buffer.columns,
                             storage: Array(buffer.storage.prefix(min(buffer.rows, Self.plottedPoints) * buffer.columns)))
        energy = try ToyFigures.energyLandscape(
            grid: grid, energies: rowLogSumExp(gridLogits).map { -$0 }, samples: samples, data: shown.points,
            title: "\(title): energy E(x) and SGLD samples").render()
    }
}
