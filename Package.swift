// swift-tools-version:6.0
// Triad: checks the theory of self-supervised clustering (GEDI, Theorem 1) by machine.
// No package dependencies by design: Foundation, the standard library and Swift Testing only.
import PackageDescription

let package = Package(
    name: "Triad",
    products: [
        // What users import in their own test targets to check their losses.
        .library(name: "Triad", targets: ["TriadCore", "TriadCheck"]),
        .executable(name: "triad", targets: ["triad"]),
    ],
    targets: [
        // The mathematics: scalars, the exact model, the finite world, the GEDI terms.
        .target(name: "TriadCore"),
        // The checker: property engine, failure-mode builders, Theorem 1 verdicts, reports.
        .target(name: "TriadCheck", dependencies: ["TriadCore"]),
        // The trainer: layers, optimiser, SGLD, baselines, data, metrics, figures.
        .target(name: "TriadTrain", dependencies: ["TriadCore"]),
        // The command-line tool only wires the modules together.
        .executableTarget(name: "triad", dependencies: ["TriadCore", "TriadCheck", "TriadTrain"]),
        // Shared helpers for the test targets (labelled sweeps, tolerances, seeds).
        .target(name: "TriadTestSupport", dependencies: ["TriadCore", "TriadCheck"], path: "Tests/TriadTestSupport"),
        .testTarget(name: "TriadCoreTests", dependencies: ["TriadCore", "TriadTestSupport"]),
        .testTarget(name: "TriadCheckTests", dependencies: ["TriadCore", "TriadCheck", "TriadTestSupport"]),
        .testTarget(name: "TriadTrainTests", dependencies: ["TriadCore", "TriadTrain", "TriadTestSupport"]),
    ]
)
