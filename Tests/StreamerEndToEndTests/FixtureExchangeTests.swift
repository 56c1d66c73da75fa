import Foundation
import Testing

#if canImport(Glibc)
    @preconcurrency import Glibc
    #if canImport(SwiftOverlayShims)
        import SwiftOverlayShims  // declares `timeval` for Glibc (needed with MemberImportVisibility)
    #endif
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tests of `fixture-exchange` itself, driven by a tiny raw client that shares nothing with StreamerCore.
@Suite struct FixtureExchangeTests {
    static let subscribe = #"{"event":"bts:subscribe","data":{"channel":"live_trades_btcusd"}}"#
    static let acknowledgement = #"{"event":"bts:subscription_succeeded","channel":"live_trades_btcusd","data":{}}"#

    @Test func answersTheRFC6455SampleKeyWithItsAcceptValue() throws {
        let server = try FixtureServer(session: "bitstamp-trades")
        let client = try RawClient(port: server.port)
        try client.sendUpgradeRequest(key: "dGhlIHNhbXBsZSBub25jZQ==")
        let head = try client.readResponseHead()
        #expect(head.hasPrefix("HTTP/1.1 101 Switching Protocols\r\n"))
        #expect(head.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"))  // RFC 6455 §1.3
    }

    @Test func playsTheTradesSessionToAClientThatFollowsTheScript() throws {
        let server = try FixtureServer(session: "bitstamp-trades")
        let client = try RawClient(port: server.port)
        try client.sendUpgradeRequest()
        _ = try client.readResponseHead()
        try client.send(RawClient.maskedFrame(opcode: 0x1, payload: Array(Self.subscribe.utf8)))
        let trades = try String(
            contentsOf: FixtureServer.fixturesDirectory.appendingPathComponent("bitstamp/trades-btcusd.jsonl"),
            encoding: .utf8
        ).split(separator: "\n").map(String.init)
        #expect(trades.count == 12)
        for expected in [Self.acknowledgement] + trades {
            let frame = try client.readFrame()
            #expect(frame.fin && frame.opcode == 0x1 && !frame.masked)
            #expect(String(decoding: frame.payload, as: UTF8.self) == expected)
        }
        let close = try client.readFrame()
        #expect(close.opcode == 0x8 && close.payload == [0x03, 0xE8])  // 1000
        try client.send(RawClient.maskedFrame(opcode: 0x8, payload: [0x03, 0xE8]))
        let (status, log) = server.waitForExit()
        #expect(status == 0)
        #expect(
            log == [
                "connected", "request GET /", "response 101 Switching Protocols",
                "received text \(Self.subscribe)", "expect ok", "client-close 1000", "session-done",
            ])
    }

    @Test func keepsASecondSubscriptionSentBeforeTheFirstAcknowledgementForTheNextExpectation() throws {
        let server = try FixtureServer(session: "bitstamp-trades-two-markets")
        let client = try RawClient(port: server.port)
        try client.sendUpgradeRequest()
        _ = try client.readResponseHead()
        let ethereum = #"{"event":"bts:subscribe","data":{"channel":"live_trades_ethusd"}}"#
        try client.send(  // both in one write, as a client that does not wait for acknowledgements sends them
            RawClient.maskedFrame(opcode: 0x1, payload: Array(Self.subscribe.utf8))
                + RawClient.maskedFrame(opcode: 0x1, payload: Array(ethereum.utf8))
        )
        var texts = 0
        while try client.readFrame().opcode == 0x1 { texts += 1 }  // 2 acknowledgements, 6 trades, then Close
        #expect(texts == 8)
        try client.send(RawClient.maskedFrame(opcode: 0x8, payload: [0x03, 0xE8]))
        let (status, log) = server.waitForExit()
        #expect(status == 0)
        #expect(log.filter { $0 == "expect ok" }.count == 2)
    }

    @Test func logsAProtocolErrorForAnUnmaskedClientFrameAndClosesWith1002() throws {
        let server = try FixtureServer(session: "bitstamp-trades")
        let client = try RawClient(port: server.port)
        try client.sendUpgradeRequest()
        _ = try client.readResponseHead()
        try client.send([0x81, UInt8(Self.subscribe.utf8.count)] + Array(Self.subscribe.utf8))  // no MASK bit
        let close = try client.readFrame()
        #expect(close.opcode == 0x8 && Array(close.payload.prefix(2)) == [0x03, 0xEA])  // 1002
        let (status, log) = server.waitForExit()
        #expect(status == 1)
        #expect(log.contains("protocol-error unmasked client frame (RFC 6455 §5.1)"))
    }

    @Test func exitsWithStatus1WhenTheClientSendsOtherTextThanExpected() throws {
        let server = try FixtureServer(session: "bitstamp-trades")
        let client = try RawClient(port: server.port)
        try client.sendUpgradeRequest()
        _ = try client.readResponseHead()
        let wrong = #"{"event":"bts:subscribe","data":{"channel":"live_trades_ethusd"}}"#
        try client.send(RawClient.maskedFrame(opcode: 0x1, payload: Array(wrong.utf8)))
        let close = try client.readFrame()
        #expect(close.opcode == 0x8 && Array(close.payload.prefix(2)) == [0x03, 0xF0])  // 1008
        try client.send(RawClient.maskedFrame(opcode: 0x8, payload: [0x03, 0xF0]))
        let (status, log) = server.waitForExit()
        #expect(status == 1)
        #expect(log.contains("expect FAILED: wanted \(Self.subscribe) got \(wrong)"))
        #expect(log.contains("client-close 1008"))
    }

    @Test func sendsAPingBetweenTheFragmentsOfAFragmentedMessage() throws {
        let server = try FixtureServer(session: "bitstamp-fragmented")
        let client = try RawClient(port: server.port)
        try client.sendUpgradeRequest()
        _ = try client.readResponseHead()
        try client.send(RawClient.maskedFrame(opcode: 0x1, payload: Array(Self.subscribe.utf8)))
        _ = try client.readFrame()  // the acknowledgement
        let frames = try (0..<4).map { _ in try client.readFrame() }
        #expect(frames.map(\.opcode) == [0x1, 0x9, 0x0, 0x0])
        #expect(frames.map(\.fin) == [false, true, false, true])
        #expect(frames[1].payload == Array("mid".utf8))
        let joined = String(decoding: frames[0].payload + frames[2].payload + frames[3].payload, as: UTF8.self)
        #expect(joined.hasPrefix(#"{"data":{"id":476000001,"#) && joined.hasSuffix(#""event":"trade"}"#))
        try client.send(RawClient.maskedFrame(opcode: 0xA, payload: Array("mid".utf8)))
        #expect(try client.readFrame().opcode == 0x8)
        try client.send(RawClient.maskedFrame(opcode: 0x8, payload: [0x03, 0xE8]))
        let (status, log) = server.waitForExit()
        #expect(status == 0)
        #expect(log.contains("received pong mid"))
    }

    @Test func refusesTheUpgradeWithTheSessionsStatusLine() throws {
        let server = try FixtureServer(session: "handshake-forbidden")
        let client = try RawClient(port: server.port)
        try client.sendUpgradeRequest()
        #expect(try client.readResponseHead().hasPrefix("HTTP/1.1 403 Forbidden\r\n"))
        let (status, log) = server.waitForExit()
        #expect(status == 0)
        #expect(log.contains("response 403 Forbidden"))
    }

    @Test func answersARequestThatIsNotAnUpgradeWith400() throws {
        let server = try FixtureServer(session: "bitstamp-trades")
        let client = try RawClient(port: server.port)
        try client.send(Array("GET /api/v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
        #expect(try client.readResponseHead().hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        let (status, log) = server.waitForExit()
        #expect(status == 1)
        #expect(log.contains { $0.hasPrefix("protocol-error not a WebSocket upgrade") })
    }
}

/// A failure of the raw test client, with what it was doing.
private struct RawClientError: Error, CustomStringConvertible {
    let description: String
}

/// A deliberately tiny blocking WebSocket client on 127.0.0.1; every read gives up after 10 seconds.
private final class RawClient {
    private let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port` with a 10-second receive timeout.
    init(port: Int) throws {
        #if canImport(Glibc)
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw RawClientError(description: "socket: errno \(errno)") }
        var timeout = timeval()
        timeout.tv_sec = 10
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = in_addr_t(INADDR_LOOPBACK).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw RawClientError(description: "connect to port \(port): errno \(errno)")
        }
    }

    deinit {
        close(fd)
    }

    /// A masked client frame with FIN set (RFC 6455 §5.3), for payloads under 126 bytes.
    static func maskedFrame(opcode: UInt8, payload: [UInt8]) -> [UInt8] {
        let key = (0..<4).map { _ in UInt8.random(in: 0...255) }
        return [0x80 | opcode, 0x80 | UInt8(payload.count)] + key
            + payload.enumerated().map { $0.element ^ key[$0.offset % 4] }
    }

    /// Sends `bytes` exactly as given.
    func send(_ bytes: [UInt8]) throws {
        let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw RawClientError(description: "send: errno \(errno)") }
    }

    /// Sends a valid RFC 6455 §4.1 Upgrade request for `/` with `key`.
    func sendUpgradeRequest(key: String = "AQIDBAUGBwgJCgsMDQ4PEA==") throws {
        try send(
            Array(
                ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n").utf8))
    }

    /// The response up to and including the blank line; later bytes stay buffered for `readFrame`.
    func readResponseHead() throws -> String {
        let terminator = Array("\r\n\r\n".utf8)
        while true {
            if let end = (0..<max(0, buffer.count - 3)).first(where: { Array(buffer[$0..<($0 + 4)]) == terminator }) {
                defer { buffer.removeFirst(end + 4) }
                return String(decoding: buffer[..<(end + 4)], as: UTF8.self)
            }
            try fill()
        }
    }

    /// The next server frame (§5.2); 16-bit lengths only, which covers every fixture message.
    func readFrame() throws -> (fin: Bool, opcode: UInt8, masked: Bool, payload: [UInt8]) {
        while buffer.count < 2 { try fill() }
        var length = Int(buffer[1] & 0x7F)
        var header = 2
        if length == 126 {
            while buffer.count < 4 { try fill() }
            length = Int(buffer[2]) << 8 | Int(buffer[3])
            header = 4
        }
        let masked = buffer[1] & 0x80 != 0
        if masked { header += 4 }
        while buffer.count < header + length { try fill() }
        let frame = (buffer[0] & 0x80 != 0, buffer[0] & 0x0F, masked, Array(buffer[header..<(header + length)]))
        buffer.removeFirst(header + length)
        return frame
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else {
            throw RawClientError(description: count == 0 ? "server closed" : "recv: errno \(errno)")
        }
        buffer += chunk[..<count]
    }
}
