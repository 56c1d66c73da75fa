import Testing

@testable import StreamerCore

/// The HTTP/1.1 exchange over an in-memory stream: the bytes written, and every way a response can end.
struct HTTPClientTests {
    static let url = HTTPURL(
        secure: false, host: "127.0.0.1", port: 8080, path: "/api/v2/order_book/btcusd/", query: "group=1")

    /// Runs the exchange with `response` delivered whole or one byte per read.
    private func exchange(
        _ response: String, bytewise: Bool = false, maxBodyBytes: Int = 1 << 20,
        request: [UInt8] = Array("GET / HTTP/1.1\r\n\r\n".utf8)
    ) throws(HTTPError) -> HTTPResponse {
        let bytes = Array(response.utf8)
        let stream = ScriptedStream(bytewise ? bytes.map { [$0] } : [bytes])
        return try HTTPClient.exchange(
            request, over: stream, url: Self.url, timeoutMilliseconds: 2_000, maxBodyBytes: maxBodyBytes)
    }

    private func error(_ response: String, bytewise: Bool = false, maxBodyBytes: Int = 1 << 20) -> HTTPError? {
        do {
            _ = try exchange(response, bytewise: bytewise, maxBodyBytes: maxBodyBytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func writesTheExactRequestBytesForAGet() throws {
        let request = try HTTPClient.request(
            method: "GET", url: Self.url, headers: [("X-Trace", "1")], userAgent: "streamer/0.1")
        let stream = ScriptedStream([Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".utf8)])
        _ = try HTTPClient.exchange(request, over: stream, url: Self.url, timeoutMilliseconds: 1_000, maxBodyBytes: 100)
        let expected =
            "GET /api/v2/order_book/btcusd/?group=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: streamer/0.1\r\n"
            + "Accept: application/json\r\nAccept-Encoding: identity\r\nConnection: close\r\nX-Trace: 1\r\n\r\n"
        #expect(String(decoding: stream.written, as: UTF8.self) == expected)
    }

    @Test func writesThePostBodyWithItsTypeAndLengthAndLetsAHeaderReplaceADefault() throws {
        let url = try #require(HTTPURL("https://www.bitstamp.net/api/v2/websockets_token/"))
        let request = try HTTPClient.request(
            method: "POST", url: url, headers: [("X-Auth", "BITSTAMP key"), ("accept", "*/*")],
            userAgent: "streamer/0.1",
            body: Array("foo=bar".utf8), contentType: "application/x-www-form-urlencoded")
        let expected =
            "POST /api/v2/websockets_token/ HTTP/1.1\r\nHost: www.bitstamp.net\r\nUser-Agent: streamer/0.1\r\n"
            + "Accept-Encoding: identity\r\nConnection: close\r\nX-Auth: BITSTAMP key\r\naccept: */*\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\nfoo=bar"
        #expect(String(decoding: request, as: UTF8.self) == expected)
        let empty = try HTTPClient.request(
            method: "POST", url: url, headers: [], userAgent: "u", body: [], contentType: nil)
        #expect(String(decoding: empty, as: UTF8.self).hasSuffix("Connection: close\r\nContent-Length: 0\r\n\r\n"))
    }

    @Test(arguments: [("Content-Length", "5"), ("X-A", "b\r\nEvil: 1"), ("Bad Name", "x"), ("", "x")])
    func refusesHeadersThatWouldBreakTheFraming(name: String, value: String) {
        #expect(throws: HTTPError.self) {
            try HTTPClient.request(method: "GET", url: Self.url, headers: [(name, value)], userAgent: "u")
        }
    }

    @Test(arguments: [false, true])
    func readsABodyByContentLength(bytewise: Bool) throws {
        let response = try exchange(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"bids\":[]}trailing junk",
            bytewise: bytewise)
        #expect(response.status == 200 && response.reason == "OK")
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.headers.map(\.name) == ["content-type", "content-length"])
        #expect(response.body == Array("{\"bids\":[]}".utf8))
    }

    @Test(arguments: [false, true])
    func decodesAChunkedBodyWithExtensionsAndTrailers(bytewise: Bool) throws {
        let response = try exchange(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=\"v\"\r\nhello\r\nA \r\n world!!!!\r\n"
                + "0\r\nX-Checksum: abc\r\n\r\n",
            bytewise: bytewise)
        #expect(String(decoding: response.body, as: UTF8.self) == "hello world!!!!")
    }

    @Test(arguments: [false, true])
    func readsToTheEndOfTheStreamWhenNeitherLengthNorChunkedIsGiven(bytewise: Bool) throws {
        let response = try exchange("HTTP/1.0 200 OK\nServer: old\n\n[1,2,3]\n", bytewise: bytewise)
        #expect(response.body == Array("[1,2,3]\n".utf8))
        #expect(response.header("server") == "old")
    }

    @Test func skipsAnInterimResponseAndReadsNoBodyFor204() throws {
        let response = try exchange("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        #expect(response.body == Array("ok".utf8))
        #expect(
            error("HTTP/1.1 204 No Content\r\n\r\n")
                == .status(url: Self.url, code: 204, reason: "No Content", message: nil))
    }

    @Test func reportsBitstampsJSONErrorReasonWithItsCode() {
        let body = #"{"status": "error", "reason": "Invalid signature", "code": "API0005"}"#
        let error = error("HTTP/1.1 403 Forbidden\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        #expect(error == .status(url: Self.url, code: 403, reason: "Forbidden", message: "Invalid signature (API0005)"))
        #expect(
            error?.description
                == "http://127.0.0.1:8080/api/v2/order_book/btcusd/?group=1 answered 403 Forbidden: Invalid signature (API0005)"
        )
    }

    @Test func reportsA404WithAJSONMessage() {
        let body = #"{"message": "Not found."}"#
        let error = error(
            "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 25\r\n\r\n\(body)")
        #expect(error == .status(url: Self.url, code: 404, reason: "Not Found", message: "Not found."))
    }

    @Test(arguments: [false, true])
    func reportsA404HTMLPageByItsTextWithoutRepeatingTheStatus(bytewise: Bool) {
        let page =
            "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n"
            + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        let error = error(
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: \(page.utf8.count)\r\n\r\n\(page)",
            bytewise: bytewise)
        #expect(error == .status(url: Self.url, code: 404, reason: "Not Found", message: "404 Not Found"))
        #expect(error?.description == "http://127.0.0.1:8080/api/v2/order_book/btcusd/?group=1 answered 404 Not Found")
    }

    @Test func reportsARedirectWithoutFollowingIt() {
        let error = error(
            "HTTP/1.1 301 Moved Permanently\r\nLocation: https://www.bitstamp.net/api/v2/order_book/btcusd/\r\n"
                + "Content-Length: 0\r\n\r\n")
        #expect(error == .redirect(url: Self.url, location: "https://www.bitstamp.net/api/v2/order_book/btcusd/"))
        #expect(
            error?.description == "http://127.0.0.1:8080/api/v2/order_book/btcusd/?group=1 was redirected to "
                + "'https://www.bitstamp.net/api/v2/order_book/btcusd/'; redirects are not followed")
    }

    @Test(arguments: [
        (
            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789",
            "the connection closed after 10 of 100 body bytes"
        ),
        (
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
            "the connection closed inside the chunked body after 3 bytes"
        ),
        ("HTTP/1.1 200 OK\r\nContent-Len", "the connection closed inside the response head"),
        ("", "the connection closed without a response"),
        ("HTP/1.1 200 OK\r\n\r\n", "status line 'HTP/1.1 200 OK' is not HTTP/1.x"),
        ("HTTP/1.1 2000 OK\r\n\r\n", "status line 'HTTP/1.1 2000 OK' is not HTTP/1.x"),
        ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "header line 'no colon here' has no 'name:'"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n", "invalid Content-Length '1, 2'"),
        (
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
            "unsupported Transfer-Encoding 'gzip, chunked'"
        ),
        (
            "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n",
            "the body is 'gzip'-encoded although only identity was accepted"
        ),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "invalid chunk size 'zz'"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n", "a chunk's data is not followed by CRLF"),
    ])
    func reportsMalformedAndTruncatedResponses(response: String, detail: String) {
        #expect(error(response) == .malformed(url: Self.url, detail: detail))
        #expect(error(response, bytewise: true) == .malformed(url: Self.url, detail: detail))
    }

    @Test(arguments: [
        "HTTP/1.1 200 OK\r\nContent-Length: 101\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n\(String(repeating: "x", count: 100))\r\n1\r\ny\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n",
        "HTTP/1.1 200 OK\r\n\r\n\(String(repeating: "x", count: 101))",
    ])
    func refusesABodyOverTheLimit(response: String) {
        #expect(error(response, maxBodyBytes: 100) == .tooLarge(url: Self.url, limit: 100))
        #expect(error(response, bytewise: true, maxBodyBytes: 100) == .tooLarge(url: Self.url, limit: 100))
    }

    @Test func acceptsABodyOfExactlyTheLimit() throws {
        let response = try exchange("HTTP/1.1 200 OK\r\n\r\n\(String(repeating: "x", count: 100))", maxBodyBytes: 100)
        #expect(response.body.count == 100)
    }

    @Test func timesOutWhenTheResponseNeverCompletes() {
        let stream = ScriptedStream(
            [Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab".utf8)], endsAfterChunks: false)
        #expect(throws: HTTPError.transport(.timeout(peer: "scripted:0", step: "reading the HTTP response from"))) {
            try HTTPClient.exchange([], over: stream, url: Self.url, timeoutMilliseconds: 30, maxBodyBytes: 100)
        }
    }

    @Test func joinsObsoleteFoldedHeaderLinesAndRepeatedFields() throws {
        let response = try exchange(
            "HTTP/1.1 200 OK\r\nX-Long: a\r\n  b\r\nVary: x\r\nVary: y\r\nContent-Length: 0\r\n\r\n")
        #expect(response.header("x-long") == "a b")
        #expect(response.header("VARY") == "x, y")
    }
}
