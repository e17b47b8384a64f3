import Foundation
import TriadCore
import TriadKernels
import TriadKernelsAVX2
import TriadKernelsAVX512
import TriadKernelsPortable

/// The vector unit the trainer's Float matrix products run on: one of three specialisations of
/// the one ``RegisterTileKernel`` (see `Package.swift` for how each is compiled).
///
/// | case | vector | accumulation | needs (CPU flags) |
/// |---|---|---|---|
/// | `avx512` | 16 lanes (`zmm`) | fused | AVX-512 F, CD, BW, DQ, VL and everything `avx2` needs |
/// | `avx2` | 8 lanes (`ymm`) | fused | AVX2, FMA, BMI1, BMI2, LZCNT (`abm`), MOVBE, F16C |
/// | `portable` | 4 lanes (SSE2 / NEON) | separate on x86-64, fused on AArch64 | nothing |
///
/// Selection (``selected``): the widest unit this CPU has (``widest``), unless the environment
/// variable `TRIAD_ISA` names another one (`avx512`, `avx2` or `portable`; the command-line tool
/// refuses a value that is not one of them or that this CPU cannot run).
///
/// Determinism: every kernel sums each entry in the same order (``RegisterTileKernel``), so
/// `avx512` and `avx2` give bit-identical products, hence bit-identical training runs; `portable`
/// on x86-64 rounds each multiply-add twice and differs in the last bits.
public enum KernelISA: String, CaseIterable, Sendable, CustomStringConvertible {
    case avx512
    case avx2
    case portable

    public var description: String { rawValue }

    /// Float lanes per vector register of the unit.
    public var lanes: Int {
        switch self {
        case .avx512: 16
        case .avx2: 8
        case .portable: 4
        }
    }

    /// The CPU flags (as `/proc/cpuinfo` names them) that the unit's module may use.
    var requiredFlags: [String] {
        switch self {
        case .avx2: ["avx", "avx2", "fma", "bmi1", "bmi2", "abm", "movbe", "f16c"]
        case .avx512: KernelISA.avx2.requiredFlags + ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
        case .portable: []
        }
    }

    /// Whether the unit can run on a CPU with `features` (and was compiled into this build:
    /// the AVX units exist on x86-64 only).
    func isSupported(by features: CPUFeatures) -> Bool {
        switch self {
        case .portable: return true
        case .avx2, .avx512:
            #if arch(x86_64)
            return features.has(requiredFlags)
            #else
            return false
            #endif
        }
    }

    /// Whether this machine can run the unit.
    public var isSupported: Bool { isSupported(by: .current) }

    /// The widest unit a CPU with `features` supports.
    static func widest(for features: CPUFeatures) -> KernelISA {
        allCases.first { $0.isSupported(by: features) } ?? .portable
    }

    /// The widest unit this machine supports.
    public static let widest = widest(for: .current)

    /// The unit named by `TRIAD_ISA` in `environment`, or `nil` when the variable is unset or
    /// empty. Throws ``TriadError`` when the value names no unit, or a unit this CPU lacks.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> KernelISA?
    {
        guard let value = environment["TRIAD_ISA"], !value.isEmpty else { return nil }
        guard let isa = KernelISA(rawValue: value) else {
            throw TriadError("TRIAD_ISA", value, "must be one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try isa.requireSupported()
        return isa
    }

    /// Throws ``TriadError`` when this machine cannot run the unit, naming the missing flags.
    public func requireSupported() throws {
        guard !isSupported else { return }
        let missing = requiredFlags.filter { !CPUFeatures.current.flags.contains($0) }
        #if arch(x86_64)
        let why = "is not supported by this CPU (missing flags: \(missing.joined(separator: ", ")))"
        #else
        let why = "exists on x86-64 only"
        #endif
        throw TriadError("kernel instruction set", rawValue, why)
    }

    /// The unit the trainer uses by default: `TRIAD_ISA` when it is set and valid, else
    /// ``widest``. (An invalid `TRIAD_ISA` is refused by the command-line tool before any work,
    /// and by a test of the trainer's suite; here it falls back to ``widest``.)
    public static let selected: KernelISA = (try? fromEnvironment()) ?? nil ?? widest

    /// Runs `product` on this unit. The caller guarantees ``isSupported`` (``TrainingConfiguration``
    /// validates its unit; ``selected`` and ``widest`` are supported by construction).
    @inline(__always)
    func run(_ product: MatrixProduct<Float>) {
        switch self {
        #if arch(x86_64)
        case .avx512: AVX512Kernels.run(product)
        case .avx2: AVX2Kernels.run(product)
        #else
        case .avx512, .avx2: PortableKernels.run(product)  // unreachable: not supported off x86-64
        #endif
        case .portable: PortableKernels.run(product)
        }
    }

    /// ``ThroughputLoop`` of this unit (see ``PeakThroughput``).
    func throughputLoop(rounds: Int, sink: inout Float) -> Double {
        switch self {
        #if arch(x86_64)
        case .avx512: AVX512Kernels.throughputLoop(rounds: rounds, sink: &sink)
        case .avx2: AVX2Kernels.throughputLoop(rounds: rounds, sink: &sink)
        #else
        case .avx512, .avx2: PortableKernels.throughputLoop(rounds: rounds, sink: &sink)
        #endif
        case .portable: PortableKernels.throughputLoop(rounds: rounds, sink: &sink)
        }
    }

    /// One tensor's Adam step (``AdamUpdate``) on this unit: the same bits on every unit.
    func adamUpdate(count: Int, parameters: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                    firstMoments: UnsafeMutablePointer<Float>, secondMoments: UnsafeMutablePointer<Float>,
                    coefficients: AdamCoefficients<Float>) {
        switch self {
        #if arch(x86_64)
        case .avx512: AVX512Kernels.adamUpdate(count: count, parameters: parameters, gradient: gradient,
                                               firstMoments: firstMoments, secondMoments: secondMoments,
                                               coefficients: coefficients)
        case .avx2: AVX2Kernels.adamUpdate(count: count, parameters: parameters, gradient: gradient,
                                           firstMoments: firstMoments, secondMoments: secondMoments,
                                           coefficients: coefficients)
        #else
        case .avx512, .avx2: PortableKernels.adamUpdate(count: count, parameters: parameters, gradient: gradient,
                                                        firstMoments: firstMoments, secondMoments: secondMoments,
                                                        coefficients: coefficients)
        #endif
        case .portable: PortableKernels.adamUpdate(count: count, parameters: parameters, gradient: gradient,
                                                   firstMoments: firstMoments, secondMoments: secondMoments,
                                                   coefficients: coefficients)
        }
    }
}
