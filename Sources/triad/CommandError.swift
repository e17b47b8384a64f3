/// A command-line failure, printed as `triad <command>: <message>` with exit status 2 (usage:
/// the command line is wrong, nothing was done) or 1 (the work failed).
enum CommandError: Error, CustomStringConvertible, Equatable {
    case usage(String)
    case failed(String)
    var description: String {
        switch self {
        case .usage(let m), .failed(let m): m
        }
    }

    /// The process exit status for this error.
    var status: Int32 {
        switch self {
        case .usage: 2
        case .failed: 1
        }
    }
}
