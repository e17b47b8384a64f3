// swift-tools-version:6.0
// Triad: checks the theory of self-supervised clustering (GEDI, Theorem 1) by machine.
// No package dependencies by design: Foundation, the standard library and Swift Testing only.
import PackageDescription

// The trainer's matrix kernels (Sources/TriadTrain/Kernels) are built for AVX2 + FMA on x86-64:
// measured on the project machines (AMD Zen 3), one GEDI training step takes 1.75 ms with
// `-target-cpu haswell` and fused multiply-add, 3.7 ms with haswell but separate multiply and
// add, 6.2 ms for the default x86-64 target (SSE2 only; the 6x16 register tile spills).
// Trade-off: an x86-64 CPU without AVX2/FMA (Intel before Haswell, AMD before Excavator, some
// Atom/Pentium/Celeron parts) dies with SIGILL running the trainer; and unsafeFlags make any
// product containing TriadTrain unusable as a package dependency. TriadTrain is deliberately
// not in the `Triad` library product (TriadCore + TriadCheck stay flag-free), only in the `triad`
// tool. TRIAD_FMA selects `addProduct` in the kernels; keep it with the flag (without hardware
// FMA `addProduct` becomes a per-lane library call). AArch64 always has FMA: the define alone.
// To build for an older x86-64 CPU, remove both settings below (the kernels fall back to
// `c += a * b`). `-O` also optimises TriadTrain in debug builds (SwiftPM passes -Onone first; the
// last flag wins): `swift test` then runs the trainer's tests on the same optimised kernels as
// release, in ~2 s instead of ~10 s (unspecialised generic SIMD code at -Onone), at the price of
// stepping through TriadTrain in a debugger.
//
// Stale builds: optimised TriadTrain inlines and specialises TriadCore's `@inlinable` bodies (the
// loss terms, the cosine head, the softmax). An incremental debug build does not recompile it
// after such a body changes: the driver's cross-module dependency tracking compares declaration
// fingerprints of TriadCore's interface, and a body edit leaves them unchanged, so the trainer's
// tests would run the old loss (reproduced: `PriorTerm.value` edited, `swift build` recompiled
// PriorTerm.swift only and `triad train` printed the old L_PRIOR; `-disable-incremental-imports`
// is ignored as obsolete by Swift 6.3). Hence, in debug builds only, whole-module mode for
// TriadTrain (`-wmo`; `-num-threads 2` so it still writes one object file per source, as SwiftPM's
// debug output map and index store expect): whole-module builds are not incremental, so any change
// to TriadCore's module recompiles all of TriadTrain. Cost: an incremental debug build after a
// TriadCore or TriadTrain edit recompiles TriadTrain whole (measured on a loaded 2-core machine:
// 37-39 s after a one-line TriadCore edit, 28 s after touching one TriadTrain file; 4-5 s, and
// stale, before). Release builds are already whole-module and keep exactly the flags above, so the
// trainer's speed is unchanged (`triad bench`, 12-13 interleaved runs: median GEDI step ratio
// 0.96, within the machine's noise). The alternative,
// loss terms not `@inlinable` with Float/Double entry points compiled in TriadCore, was not
// taken: it covers the loss terms only (the head and softmax are inlined too), and in debug it
// would run TriadCore's unoptimised code in every training step. TriadCheck and the test targets
// build at -Onone in debug and inline nothing, so they need no such flag (nor does TriadTrain on
// the other architectures, where it has no `-O` in debug).
#if arch(x86_64)
let trainerSettings: [SwiftSetting] = [.define("TRIAD_FMA"), .unsafeFlags(["-target-cpu", "haswell", "-O"]),
                                       .unsafeFlags(["-wmo", "-num-threads", "2"], .when(configuration: .debug))]
#elseif arch(arm64)
let trainerSettings: [SwiftSetting] = [.define("TRIAD_FMA")]
#else
let trainerSettings: [SwiftSetting] = []
#endif

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
        .target(name: "TriadTrain", dependencies: ["TriadCore"], swiftSettings: trainerSettings),
        // The command-line tool only wires the modules together.
        .executableTarget(name: "triad", dependencies: ["TriadCore", "TriadCheck", "TriadTrain"]),
        // Shared helpers for the test targets (labelled sweeps, tolerances, seeds).
        .target(name: "TriadTestSupport", dependencies: ["TriadCore", "TriadCheck"], path: "Tests/TriadTestSupport"),
        .testTarget(name: "TriadCoreTests", dependencies: ["TriadCore", "TriadTestSupport"]),
        .testTarget(name: "TriadCheckTests", dependencies: ["TriadCore", "TriadCheck", "TriadTestSupport"]),
        .testTarget(name: "TriadTrainTests", dependencies: ["TriadCore", "TriadTrain", "TriadTestSupport"]),
        .testTarget(name: "TriadCommandLineTests", dependencies: ["triad"]),
    ]
)
