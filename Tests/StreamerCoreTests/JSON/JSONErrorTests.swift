import Testing

@testable import StreamerCore

/// The text of JSON errors.
@Suite struct JSONErrorTests {
    @Test func describesTheOffsetAndWhatWasExpected() {
        let error = JSONError.malformed(offset: 8, expected: "end of input")
        #expect(error.description == "malformed JSON at byte 8: expected end of input")
    }
}
