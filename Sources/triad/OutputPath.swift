import Foundation

/// Checks of the places a command will write, made before any work so that a run that would fail to
/// write its output is refused at once and writes nothing. The files themselves are written later,
/// atomically (``AtomicFile``), which creates missing folders.
enum OutputPath {
    /// Why a path cannot be written.
    struct Failure: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    /// Throws unless `path` names a folder that exists and is writable, or that can be created: a
    /// non-empty path, not starting with `-` (most likely a misplaced option), whose nearest existing
    /// ancestor is a writable folder.
    static func checkFolder(_ path: String) throws(Failure) {
        guard !path.isEmpty else { throw Failure(reason: "the path is empty") }
        guard !path.hasPrefix("-") else { throw Failure(reason: "it starts with '-' (write ./\(path) for a folder of that name)") }
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw Failure(reason: "it is an existing file, not a folder") }
            guard writable(url.path) else { throw Failure(reason: "the folder is not writable") }
            return
        }
        // The nearest existing ancestor must be a writable folder for the missing ones to be created.
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
                guard isFolder.boolValue else { throw Failure(reason: "it cannot be created: \(url.path) is a file") }
                guard writable(url.path) else { throw Failure(reason: "it cannot be created: \(url.path) is not writable") }
                return
            }
        }
        throw Failure(reason: "it cannot be created: no ancestor exists")
    }

    /// Throws unless a file can be written at `path`: its folder passes ``checkFolder(_:)`` and the
    /// path is not an existing folder (nor a file that cannot be replaced).
    static func checkFile(_ path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().path
        do throws(Failure) { try checkFolder(folder) } catch {
            throw Failure(reason: "\(path): its folder \(folder) cannot be used: \(error.reason)")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            guard !isFolder.boolValue else { throw Failure(reason: "\(path) is a folder, not a file") }
        }
    }

    /// Throws ``CommandError/usage(_:)`` naming `option` unless every file of `files` can be written
    /// and every folder of `folders` is writable or can be created.
    static func check(files: [String], folders: [String] = [], option: String) throws {
        do throws(Failure) {
            for path in files { try checkFile(path) }
            for path in folders {
                do throws(Failure) { try checkFolder(path) } catch { throw Failure(reason: "\(path): \(error.reason)") }
            }
        } catch {
            throw CommandError.usage("cannot write the output of --\(option): \(error.reason)")
        }
    }

    /// Whether the current user may create entries in the folder at `path` (`access(2)`, which also
    /// reports a read-only file system).
    static func writable(_ path: String) -> Bool { access(path, W_OK | X_OK) == 0 }
}
