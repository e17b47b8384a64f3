import Foundation

/// The instruction-set extensions of the CPU the process runs on, as the operating system reports
/// them: the `flags` line of `/proc/cpuinfo` on Linux (the kernel lists an extension only when it
/// also saves its registers on a context switch, so a listed AVX-512 is usable).
struct CPUFeatures: Sendable, Equatable {
    /// Lower-case flag names (`avx2`, `fma`, `avx512f`, …).
    var flags: Set<String>

    init(flags: Set<String>) { self.flags = flags }

    /// The features of this machine: read once. Empty where `/proc/cpuinfo` is absent or has no
    /// `flags` line (then only the portable kernel is used).
    static let current = CPUFeatures(cpuinfo: (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "")

    /// Parses the first `flags : …` line of a `/proc/cpuinfo` text.
    init(cpuinfo: String) {
        for line in cpuinfo.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "flags" else { continue }
            flags = Set(parts[1].split(separator: " ").map { $0.lowercased() })
            return
        }
        flags = []
    }

    /// Whether every flag of `required` is present.
    func has(_ required: [String]) -> Bool { required.allSatisfy(flags.contains) }
}
