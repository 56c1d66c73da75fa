import Testing

@testable import StreamerCore

/// Walks `text` as Bitstamp's decoder does (an object, member by member, values validated one level down) and
/// returns the keys; a non-object falls back to `document`.
private func walk(_ text: String) throws(JSONError) -> [String] {
    let bytes = Array(text.utf8)
    var keys: [String] = []
    var failure: JSONError?
    bytes.withUnsafeBytes { raw in
        do throws(JSONError) {
            var scanner = JSONScanner(raw)
            guard try scanner.openObject(depth: 0) != nil else {
                _ = try JSONScanner.document(raw)
                return
            }
            var first = true
            while let key = try scanner.nextKey(isFirst: first) {
                first = false
                keys.append(key.text(in: raw))
                _ = try scanner.value(depth: 1)
            }
            try scanner.finishDocument()
        } catch {
            failure = error
        }
    }
    if let failure { throw failure }
    return keys
}

/// The one-pass object walk (`openObject`, `nextKey`, `finishDocument`) agrees with `document` on every input.
@Suite struct JSONScannerWalkTests {
    @Test(arguments: JSONScannerTests.validDocuments)
    func acceptsWhatDocumentAccepts(_ text: String) throws {
        _ = try walk(text)
    }

    @Test(arguments: JSONScannerTests.malformedDocuments)
    func rejectsWhatDocumentRejectsAtTheSameByteWithTheSameWords(_ text: String, offset: Int) {
        let expected = #expect(throws: JSONError.self) {
            try Array(text.utf8).withUnsafeBytes { _ = try JSONScanner.document($0) }
        }
        let error = #expect(throws: JSONError.self) { try walk(text) }
        #expect(error == expected)
        guard case .malformed(let at, _)? = error else { return }
        #expect(at == offset)
    }

    @Test(arguments: [
        #"{"a":1,}"#, #"{"a":1 "b":2}"#, #"{"a" 1}"#, #"{"a":1"#, #"{"a":1} x"#, #"{"a":[1,]}"#, #"{"a":"\x"}"#,
        "{\"a\":\"\u{01}\"}", #" { "a" : 1 , "b" : 2 } }"#, #"{"a":{"b":1,}}"#,
    ])
    func matchesDocumentOnMalformedObjects(_ text: String) {
        let expected = #expect(throws: JSONError.self) {
            try Array(text.utf8).withUnsafeBytes { _ = try JSONScanner.document($0) }
        }
        let error = #expect(throws: JSONError.self) { try walk(text) }
        #expect(error == expected)
    }

    @Test func yieldsTheKeysInOrderThroughWhitespace() throws {
        #expect(
            try walk(" {\n\"data\" : {\"x\":[1]} ,\t\"channel\":\"c\", \"event\" : \"trade\" } ") == [
                "data", "channel", "event",
            ])
        #expect(try walk("{ }") == [])
    }

    @Test func limitsNestingLikeDocument() {
        let deep = String(repeating: "{\"k\":", count: 64) + "{}" + String(repeating: "}", count: 64)
        let error = #expect(throws: JSONError.self) { try walk(deep) }
        #expect(error == .malformed(offset: 320, expected: "less nesting"))
    }
}
