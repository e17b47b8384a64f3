import Testing
@testable import triad

@Suite struct ArgumentsTests {
    @Test func unknownOptionIsRefused() throws {
        #expect(throws: CommandError.self) { try TrainCommand.parse(["--bogus", "1"]) }
    }
}
