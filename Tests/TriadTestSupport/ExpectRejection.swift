import Testing
import TriadCore

/// Expects `body` to throw a ``TriadError`` in the project's one wording (`invalid <what> = <value>:
/// <requirement>`) whose message contains every fragment (typically the parameter and the value).
public func expectRejection(_ fragments: [String], _ body: () throws -> Void,
                            sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        try body()
        Issue.record("expected a rejection mentioning \(fragments)", sourceLocation: sourceLocation)
    } catch let error as TriadError {
        let message = error.description
        #expect(message.hasPrefix("invalid "), "message: \(message)", sourceLocation: sourceLocation)
        for f in fragments {
            #expect(message.contains(f), "message \"\(message)\" lacks \"\(f)\"", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
