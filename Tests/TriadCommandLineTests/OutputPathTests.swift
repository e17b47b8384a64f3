import Foundation
import Testing
import TriadCheck
@testable import triad

/// Output paths are checked before any work, and a refused run writes nothing.
@Suite struct OutputPathTests {
    /// A fresh empty folder for one test.
    func scratch(_ name: String = #function) throws -> String {
        let path = NSTemporaryDirectory() + "triad-cli-\(name.filter(\.isLetter))-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Every entry below `folder`, recursively (what a run may have written).
    func contents(_ folder: String) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    func touch(_ path: String) {
        FileManager.default.createFile(atPath: path, contents: Data("keep".utf8))
    }

    @Test("a folder option refuses an existing file and a path below a file, naming the path")
    func foldersBelowFiles() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        touch(root + "/file")
        let onFile = try refusal(["train", "--figures", root + "/file"])
        #expect(onFile?.contains("'\(root)/file'") == true && onFile?.contains("existing file") == true, "\(onFile ?? "accepted")")
        let below = try refusal(["reproduce", "--out", root + "/file/sub/deeper"])
        #expect(below?.contains("\(root)/file is a file") == true, "\(below ?? "accepted")")
        #expect(contents(root) == ["file"])
    }

    @Test("a folder that does not exist yet is accepted and not created by the check")
    func missingFolderIsNotCreated() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try refusal(["train", "--figures", root + "/a/b", "--iterations", "1"]) == nil)
        #expect(contents(root).isEmpty)
    }

    @Test("a refused train --figures run writes nothing and exits 2", arguments: [
        ["--batch", "1e8"], ["--weights", "1,-1,2,3"], ["--bogus"], ["extra"],
    ])
    func refusedTrainWritesNothing(_ extra: [String]) throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Small sizes, so that a check that wrongly let the run through would still finish quickly.
        let words = ["train", "--figures", root + "/figures", "--iterations", "1", "--test-count", "2"] + extra
        #expect(Triad.run(words) == 2, "\(shown(words))")
        #expect(contents(root).isEmpty, "\(shown(words)) wrote \(contents(root))")
    }

    @Test("train refuses a figure file that would land on a folder, before training")
    func figureFileOnAFolder() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let target = TrainCommand.figurePaths(folder: root, method: .gedi, dataset: .moons, seed: 0)[0]
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        let before = contents(root)
        let words = ["train", "--figures", root, "--iterations", "1", "--test-count", "2", "--json"]
        let message = try refusal(words)
        #expect(message?.contains("--figures") == true && message?.contains("is a folder, not a file") == true, "\(message ?? "accepted")")
        #expect(Triad.run(words) == 2)
        #expect(contents(root) == before)
    }

    @Test("report and reproduce check every destination before the first report")
    func reportDestinations() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try #require(ReportCatalog.all.first).fileName
        try FileManager.default.createDirectory(atPath: root + "/" + first, withIntermediateDirectories: false)
        #expect(throws: CommandError.self) { try ReportCommand.checkOutputs(root, skipEmpirical: true) }
        let other = try scratch()
        defer { try? FileManager.default.removeItem(atPath: other) }
        try ReportCommand.checkOutputs(other, skipEmpirical: false)
        touch(other + "/" + "figures")
        #expect(throws: CommandError.self) { try ReproduceCommand.checkOutputs(other) }
        #expect(throws: CommandError.self) { try ReportCommand.checkOutputs(other, skipEmpirical: false) }
        try ReportCommand.checkOutputs(other, skipEmpirical: true)
        #expect(contents(other) == ["figures"])
    }

    @Test("a file check names the file and why")
    func fileCheck() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        touch(root + "/plain")
        #expect(throws: Never.self) { try OutputPath.check(files: [root + "/plain", root + "/new/x.md"], option: "out") }
        #expect {
            try OutputPath.check(files: [root + "/plain/x.md"], option: "out")
        } throws: { error in
            "\(error)".contains("--out") && "\(error)".contains("its folder \(root)/plain cannot be used")
                && "\(error)".contains("existing file")
        }
    }

    @Test("a refused reproduce or sweep writes nothing and exits 2")
    func refusedReproductionWritesNothing() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        touch(root + "/" + "figures")
        touch(root + "/" + "plain")
        // A tiny plan, so that a check that wrongly let the run through would still finish quickly.
        let tiny = ["--methods", "gedi", "--seeds", "0", "--iterations", "1", "--workers", "1"]
        for words in [["reproduce", "--out", root] + tiny, ["reproduce", "--out", root + "/plain"] + tiny,
                      ["sweep", "--out", root + "/plain"], ["sweep", "--out", ""]] {
            #expect(Triad.run(words) == 2, "\(shown(words))")
        }
        #expect(contents(root) == ["figures", "plain"])
    }
}
