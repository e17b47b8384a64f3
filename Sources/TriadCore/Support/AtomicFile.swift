import Foundation

/// Writes files atomically: the text goes to a temporary file in the same folder, which is then
/// renamed over the destination, so a reader never sees a half-written report.
public enum AtomicFile {
    /// Writes `text` (UTF-8) to `path`, creating intermediate folders. Throws a ``TriadError``
    /// naming the path when the folder cannot be created or the file cannot be written.
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw TriadError("output path", path, "must be writable (\(error.localizedDescription))")
        }
    }
}
