// swift-tools-version:6.0
// Triad: checks the theory of self-supervised clustering (GEDI, Theorem 1) by machine.
// No package dependencies by design: Foundation, the standard library and Swift Testing only.
import PackageDescription

// The trainer's matrix kernels are written once, generically (`TriadKernels`: the register-tile
// kernel and the throughput loop, `@inlinable`), and specialised in three small modules, each
// compiled for its own target CPU:
//   TriadKernelsAVX512   -target-cpu skylake-avx512  (16 Float lanes per zmm register, FMA)
//   TriadKernelsAVX2     -target-cpu haswell         (8 lanes per ymm register, FMA)
//   TriadKernelsPortable the default target          (4 lanes: SSE2 on x86-64, NEON on AArch64)
// The trainer picks one at run time (`KernelISA`: the widest the CPU has, from its feature
// flags; `TRIAD_ISA` overrides), so one binary uses the machine it runs on, whichever machine
// built it. Trade-off against one build for the building machine (`-target-cpu native`, which
// this toolchain does not accept anyway): three copies of a small kernel in the binary and a
// switch per product (~100 products per step), against binaries that die with SIGILL on a
// smaller machine and a benchmark that cannot compare units in one run. Adam's update is
// dispatched the same way (`AdamUpdate`, element-wise, the same bits on every unit). The rest of
// the trainer (the loss terms, the cosine head, SGLD's noise) is compiled for the default target:
// it is a small part of the step (see `triad bench`), and it then runs on every x86-64 CPU.
// Measured (`triad bench`, AMD Zen 4): see README, "Performance".
//
// unsafeFlags make any product containing these targets unusable as a package dependency:
// TriadTrain and the kernel modules are deliberately not in the `Triad` library product
// (TriadCore + TriadCheck stay flag-free), only in the `triad` tool.
//
// `-O` also optimises these targets in debug builds (SwiftPM passes -Onone first; the last flag
// wins): `swift test` then runs the trainer's tests on the same optimised kernels as release, in
// ~2 s instead of ~10 s (unspecialised generic SIMD code at -Onone), at the price of stepping
// through them in a debugger.
//
// Stale builds: optimised TriadTrain and kernel modules inline and specialise their
// dependencies' `@inlinable` bodies (the loss terms, the cosine head, the softmax, the kernel).
// An incremental debug build does not recompile a client after such a body changes: the driver's
// cross-module dependency tracking compares declaration fingerprints of the dependency's
// interface, and a body edit leaves them unchanged, so the trainer's tests would run the old
// loss (reproduced: `PriorTerm.value` edited, `swift build` recompiled PriorTerm.swift only and
// `triad train` printed the old L_PRIOR; `-disable-incremental-imports` is ignored as obsolete by
// Swift 6.3). Hence, in debug builds only, whole-module mode for them (`-wmo`; `-num-threads 2`
// so it still writes one object file per source, as SwiftPM's debug output map and index store
// expect): whole-module builds are not incremental, so any change to a dependency recompiles the
// client whole (measured on a loaded 2-core machine: 37-39 s after a one-line TriadCore edit,
// 28 s after touching one TriadTrain file; 4-5 s, and stale, before). Release builds are already
// whole-module. The alternative, loss terms not `@inlinable` with Float/Double entry points
// compiled in TriadCore, was not taken: it covers the loss terms only (the head and softmax are
// inlined too), and in debug it would run TriadCore's unoptimised code in every training step.
// TriadCheck and the test targets build at -Onone in debug and inline nothing, so they need no
// such flag.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"]),
                                        .unsafeFlags(["-wmo", "-num-threads", "2"], .when(configuration: .debug))]
// `-fno-math-errno` for the kernel modules: Swift's `Float.squareRoot()` is the C library's
// `sqrtf` inlined from a C header, which the Clang importer compiles with the flags given here;
// with errno semantics each lane of a vector square root becomes a branch and a scalar `sqrtss`
// (a call for negative input), without them one `vsqrtps` (same correctly rounded result).
// Measured: Adam's update (`AdamUpdate`) 3x faster.
let kernelSettings: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-fno-math-errno"])] + optimisedInDebug
#if arch(x86_64)
let avx512Settings: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "skylake-avx512"])] + kernelSettings
let avx2Settings: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])] + kernelSettings
#else
let avx512Settings: [SwiftSetting] = []  // the sources compile to nothing off x86-64
let avx2Settings: [SwiftSetting] = []
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
        // The matrix kernels, written once (generic) and specialised per instruction set.
        .target(name: "TriadKernels", dependencies: ["TriadCore"]),
        .target(name: "TriadKernelsAVX512", dependencies: ["TriadKernels"], swiftSettings: avx512Settings),
        .target(name: "TriadKernelsAVX2", dependencies: ["TriadKernels"], swiftSettings: avx2Settings),
        .target(name: "TriadKernelsPortable", dependencies: ["TriadKernels"], swiftSettings: kernelSettings),
        .target(name: "TriadTrain",
                dependencies: ["TriadCore", "TriadKernels", "TriadKernelsAVX512", "TriadKernelsAVX2", "TriadKernelsPortable"],
                swiftSettings: optimisedInDebug),
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
