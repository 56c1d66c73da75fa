import Testing

@testable import StreamerCore

/// The opening handshake (§1.3, §4.1, §4.2.2).
struct HandshakeTests {
    private let sample = Handshake(key: "dGhlIHNhbXBsZSBub25jZQ==")

    private func response(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) }

    @Test func computesTheAcceptValueOfSection1_3() {
        // Checked independently: printf 'dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11' | openssl sha1 -binary | base64
        #expect(Handshake.acceptValue(for: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func generatesA16ByteBase64KeyEachTime() {
        let first = Handshake.random().key
        let second = Handshake.random().key
        #expect(first.count == 24 && first.hasSuffix("=="))
        #expect(first != second)
    }

    @Test func writesTheUpgradeRequestWithHostPortAndPath() throws {
        let url = try #require(WebSocketURL("ws://127.0.0.1:8080/v2/"))
        let text = String(decoding: sample.request(for: url, userAgent: "streamer/test"), as: UTF8.self)
        #expect(text.hasPrefix("GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"))
        #expect(text.contains("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"))
        #expect(text.contains("\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"))
        #expect(text.hasSuffix("\r\n\r\n"))
    }

    @Test func omitsTheDefaultPortFromTheHostHeader() throws {
        let url = try #require(WebSocketURL("wss://ws.bitstamp.net"))
        #expect(url.hostHeader == "ws.bitstamp.net" && url.path == "/" && url.port == 443)
    }

    @Test func acceptsAValidSwitchingProtocolsResponse() throws {
        try sample.validate(
            responseHead: response([
                "HTTP/1.1 101 Switching Protocols", "upgrade: WebSocket", "Connection: keep-alive, Upgrade",
                "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
            ]))
    }

    @Test func reportsTheServersStatusLineWhenTheUpgradeIsRefused() {
        #expect(throws: HandshakeError.unexpectedStatus("HTTP/1.1 403 Forbidden")) {
            try sample.validate(responseHead: response(["HTTP/1.1 403 Forbidden", "Content-Length: 0"]))
        }
    }

    @Test func rejectsAWrongAcceptValue() {
        #expect(throws: HandshakeError.wrongAccept("AAAA")) {
            try sample.validate(
                responseHead: response([
                    "HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade",
                    "Sec-WebSocket-Accept: AAAA",
                ]))
        }
    }

    @Test func rejectsAResponseWithoutTheUpgradeHeader() {
        #expect(throws: HandshakeError.missingHeader("Upgrade: websocket")) {
            try sample.validate(
                responseHead: response([
                    "HTTP/1.1 101 Switching Protocols", "Connection: Upgrade",
                    "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                ]))
        }
    }

    @Test func findsTheEndOfTheResponseHead() {
        let bytes = Array("HTTP/1.1 101 OK\r\nA: b\r\n\r\n\u{81}\u{00}".utf8)
        #expect(Handshake.headLength(in: bytes) == 25)
        #expect(Handshake.headLength(in: Array("HTTP/1.1 101 OK\r\n".utf8)) == nil)
    }

    @Test(arguments: ["http://x", "ws://", "ws://host:0", "ws://host:70000", "wss://user@host", "ws://[::1"])
    func rejectsUnusableURLs(text: String) {
        #expect(WebSocketURL(text) == nil)
    }

    @Test func parsesIPv6Literals() throws {
        let url = try #require(WebSocketURL("ws://[::1]:9001/x?y=1"))
        #expect(url.host == "::1" && url.port == 9001 && url.path == "/x?y=1" && url.hostHeader == "[::1]:9001")
    }
}
