import Foundation
import TriadCheck
import TriadCore

/// `triad reference`: regenerates the reference table of the value claims in memory (Float80 and
/// Interval, `ReferenceGenerator`) and compares it with the table stored in the library; exits 1
/// when they differ. `--write` writes the fresh table to `Sources/TriadCheck/Reference/ReferenceTable+Stored.swift`
/// (run from the package root; the folder must exist), after which the package must be rebuilt.
enum ReferenceCommand: Command {
    static let name = "reference"
    static let summary = "regenerate the reference value table and compare it with the stored one (--write stores it)"
    static let write = Flag("write", "write the fresh table to Sources/TriadCheck/Reference/ (run from the package root), then rebuild")
    static let options: [any OptionDeclaration] = [write]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let write = arguments.isSet(Self.write)
        let path = ReferenceGenerator.storedPath
        let folder = (path as NSString).deletingLastPathComponent
        if write {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw TriadError("output folder", folder, "must exist: run triad reference --write from the package root")
            }
        }
        let fresh = try ReferenceGenerator.generate()
        if write {
            try AtomicFile.write(ReferenceGenerator.swiftSource(fresh), to: path)
            print("wrote \(path): \(fresh.rows.count) worlds; rebuild the package to use it")
            return 0
        }
        let stored = try ReferenceTable.stored()
        let differences = ReferenceGenerator.differences(stored: stored, fresh: fresh)
        if differences.isEmpty {
            print("the stored reference table is current (\(stored.rows.count) worlds)")
            return 0
        }
        print("the stored reference table differs from a fresh one in \(differences.count) places; first:")
        for line in differences.prefix(10) { print("  " + line) }
        print("if the change is intended, regenerate with `\(ReferenceGenerator.command)`")
        return 1
    }
}
