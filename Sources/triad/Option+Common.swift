/// Options several commands take, declared here once each so their type, range and help agree.
extension Option where Value == Int {
    /// `--workers N`: worker threads for independent runs.
    static func workers(default n: Int, _ what: String = "worker threads for the independent runs") -> Option {
        // Each run is single-threaded; 64 is far above the cores of the machines this runs on
        // (more workers than cores only adds memory: every worker holds one run's buffers).
        Option("workers", "N", what, .integer(1...64), default: n)
    }
}

extension Option where Value == String {
    /// `--out DIR`: the folder the reports are written into, checked before any work.
    static func out(default folder: String) -> Option {
        Option("out", "DIR", "folder to write the reports into", .outputFolder, default: folder)
    }
}
