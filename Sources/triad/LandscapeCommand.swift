import Foundation
import TriadCheck
import TriadCore

/// `triad landscape`: writes the landscape report (`Reports/landscape.md` by default, its SVG maps in
/// `landscape/` next to it): on each toy law
/// made a grid world, which local optimum of the population `L_GEDI` scores highest over `tau × s` and
/// `tau × λ_GEN` (`Proofs/landscape.md`). The defaults are those of the committed report.
enum LandscapeCommand: Command {
    static let name = "landscape"
    static let summary = "map which optimum of the population objective wins on the toy laws (writes Reports/landscape.md)"
    static let grid = Option("grid", "N", "grid points per side of each law's world (N^2 points)",
                             .integer(2...100, limit: "the augmentation kernel is a dense N^2 x N^2 matrix"),
                             default: LandscapeReport.standard.gridSize)
    static let steps = Option("steps", "K", "ascent steps per start", .integer(1...100_000), default: LandscapeReport.standard.steps)
    static let seed = Option("seed", "S", "seed of the starts' jitter and random starts", .seed, default: LandscapeReport.standard.seed)
    static let workers = Option<Int>.workers(default: 1, "settings computed at once, one thread each")
    static let out = Option("out", "PATH", "the report file to write", .outputFile, default: "Reports/landscape.md")
    static let options: [any OptionDeclaration] = [grid, steps, seed, workers, out]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let path = arguments.value(out)
        let folder = (path as NSString).deletingLastPathComponent
        try OutputPath.check(files: [path] + LandscapeReport.figurePaths().map { (folder.isEmpty ? "." : folder) + "/" + $0 }, option: out.name)
        let report = LandscapeReport(gridSize: arguments.value(grid), steps: arguments.value(steps), seed: arguments.value(seed),
                                     workers: arguments.value(workers))
        let started = Date()
        try report.write(to: path)
        print("wrote \(path) (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
        return 0
    }
}
