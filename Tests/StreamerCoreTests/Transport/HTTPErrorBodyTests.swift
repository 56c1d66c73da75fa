import Testing

@testable import StreamerCore

/// Finding the human-readable error in an error response's body.
struct HTTPErrorBodyTests {
    private func message(_ body: String, contentType: String? = nil) -> String? {
        HTTPErrorBody.message(in: Array(body.utf8), contentType: contentType)
    }

    @Test(arguments: [
        (#"{"status": "error", "reason": "Invalid nonce", "code": "API0004"}"#, "Invalid nonce (API0004)"),
        (#"{"status": "error", "reason": {"__all__": ["Missing amount parameter"]}}"#, "Missing amount parameter"),
        (#"  {"message": "Not found."}"#, "Not found."),
        (#"{"error": "Too many requests", "code": 429}"#, "Too many requests (429)"),
        (#"{"reason": null, "message": "fallback", "code": null}"#, "fallback"),
        (
            #"{"data": {"reason": "nested only"}, "error": "top \"quoted\" \u00e9\ud83d\ude00\n"}"#,
            "top \"quoted\" é😀\n"
        ),
        (#"{"reason": [], "message": [{"k": 1}, {"k": "deep"}]}"#, "deep"),
        (
            #"{"status": "error", "reason": "Request rejected due to exceeded rate limit.", "response_code": "400.002"}"#,
            "Request rejected due to exceeded rate limit. (400.002)"
        ),
    ])
    func takesTheReasonMessageOrErrorOfAJSONObject(body: String, expected: String) {
        #expect(message(body) == expected)
    }

    @Test func fallsBackToTheTextForJSONWithoutAMessageOrBrokenJSON() {
        #expect(message(#"{"status": "error"}"#) == #"{"status": "error"}"#)
        #expect(message(#"{"reason": "unterminated"#) == #"{"reason": "unterminated"#)
        #expect(message("[1, 2]") == "[1, 2]")
    }

    @Test func takesTheFirstTextLineOfAnHTMLPage() {
        let page = """
            <!DOCTYPE html>
            <html><head><style>body { color: red; }</style><script>var x = "<b>";</script>
            <!-- a padding comment -->
            <title>Page not found &amp; gone</title></head><body><h1>Oops</h1></body></html>
            """
        #expect(message(page) == "Page not found & gone")
        #expect(message("Error: <b>bad</b> pair", contentType: "text/html; charset=utf-8") == "Error: bad pair")
    }

    @Test func takesTheFirstNonEmptyLineOfPlainTextWithWhitespaceCollapsed() {
        #expect(
            message("\n\n   Service \t temporarily   unavailable  \r\nretry later\n")
                == "Service temporarily unavailable")
        #expect(message("") == nil)
        #expect(message(" \r\n\t") == nil)
    }

    @Test func clipsLongMessagesTo200Characters() throws {
        let long = try #require(message(String(repeating: "a", count: 500)))
        #expect(long.count == 200 && long.hasSuffix("..."))
        let json = try #require(message(#"{"reason": "\#(String(repeating: "b", count: 300))"}"#))
        #expect(json.count == 200)
    }
}
