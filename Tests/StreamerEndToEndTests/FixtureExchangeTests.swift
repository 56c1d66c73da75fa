import Foundation
import StreamerCore  // only for HTTPClientAgainstFixtureTests; the fixture's own tests use RawClient
import Testing

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

    @Test func answersABotchedUpgradeWith400AndFails() throws {
        let server = try FixtureServer(session: "bitstamp-trades")
        let client = try RawClient(port: server.port)
        try client.send(Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n\r\n".utf8))
        #expect(try client.readResponseHead().hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        let (status, log) = server.waitForExit()
        #expect(status == 1)
        #expect(log.contains("protocol-error not a WebSocket upgrade: 'Connection' does not list 'Upgrade'"))
    }

    @Test func servesARoutesFilesInTurnAndRepeatsTheLast() throws {
        let server = try FixtureServer(session: "fixture-http-in-turn")
        let old = try FixtureServer.fixture("bitstamp/rest/order-book-btcusd-old.json")
        let current = try FixtureServer.fixture("bitstamp/rest/order-book-btcusd.json")
        var bodies: [[UInt8]] = []
        for nonce in 1...3 {
            let response = try server.get("/api/v2/order_book/btcusd/?group=1&_=\(nonce)")
            #expect(response.status == 200)
            #expect(response.head.contains("\r\nContent-Type: application/json\r\n"))
            bodies.append(response.body)
        }
        #expect(bodies == [old, current, current])
        server.waitForLogLine { $0.hasPrefix("http GET /api/v2/order_book/btcusd/?group=1&_=3 ") }
        #expect(server.log == (1...3).map { "http GET /api/v2/order_book/btcusd/?group=1&_=\($0) 200" })
    }

    @Test func answersAPathWithoutARouteWithAJSON404AndAnHTMLRouteAsTextHTML() throws {
        let server = try FixtureServer(session: "bitstamp-rest-errors")
        let missing = try server.get("/api/v2/order_book/btcusd/")
        #expect(missing.status == 404 && missing.text == #"{"status":"error","reason":"Not found"}"#)
        let page = try server.get("/api/v2/order_book/fooxyz/?group=1")
        #expect(page.status == 404 && page.head.contains("\r\nContent-Type: text/html\r\n"))
        #expect(page.body == (try FixtureServer.fixture("bitstamp/rest/not-found.html")))
        #expect(page.body.count == 146)  // nginx's page, as Bitstamp sends it for an unknown pair
        server.waitForLogLine { $0.hasPrefix("http GET /api/v2/order_book/fooxyz/") }
        #expect(
            server.log == [
                "http GET /api/v2/order_book/btcusd/ 404", "http GET /api/v2/order_book/fooxyz/?group=1 404",
            ])
    }

    @Test func servesBitstampsMarketListsBesideEverySessionUnlessToldOtherwise() throws {
        let server = try FixtureServer(session: "bitstamp-trades")
        let markets = try server.get("/api/v2/markets/")
        let expected = try FixtureServer.fixture("bitstamp/rest/markets.json")
        #expect(markets.status == 200 && markets.body == expected)
        #expect(try server.get("/api/v2/trading-pairs-info/").status == 200)
        let bare = try FixtureServer(session: "bitstamp-trades", routes: [])
        #expect(try bare.get("/api/v2/markets/").status == 404)
    }

    @Test func onceEndsAfterTheWebSocketConnectionOnlyAndRefusesASecondOne() throws {
        let server = try FixtureServer(session: "bitstamp-rest-errors")
        for _ in 0..<3 { #expect(try server.get("/api/v2/trading-pairs-info/").status == 200) }
        #expect(server.isRunning)
        let client = try RawClient(port: server.port)  // would be refused if a request had ended the server
        try client.sendUpgradeRequest()
        #expect(try client.readResponseHead().hasPrefix("HTTP/1.1 101 "))
        let second = try RawClient(port: server.port)
        try second.sendUpgradeRequest()
        #expect(try second.readResponseHead().hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
        #expect(try server.get("/api/v2/trading-pairs-info/").status == 200)  // REST still served meanwhile
        try client.send(RawClient.maskedFrame(opcode: 0x1, payload: Array(Self.subscribe.utf8)))
        while try client.readFrame().opcode != 0x8 {}
        try client.send(RawClient.maskedFrame(opcode: 0x8, payload: [0x03, 0xE8]))
        let (status, log) = server.waitForExit()
        #expect(status == 0)
        #expect(log.filter { $0 == "http GET /api/v2/trading-pairs-info/ 200" }.count == 4)
        #expect(log.contains("refused: --once already admitted a WebSocket connection"))
    }

    @Test func waitHTTPHoldsTheLaterFramesUntilTheSnapshotWasFetched() throws {
        let server = try FixtureServer(session: "fixture-wait-http")
        let client = try RawClient(port: server.port)
        try client.sendUpgradeRequest()
        _ = try client.readResponseHead()
        let subscribe = #"{"event":"bts:subscribe","data":{"channel":"diff_order_book_btcusd"}}"#
        try client.send(RawClient.maskedFrame(opcode: 0x1, payload: Array(subscribe.utf8)))
        let early = try (0..<3).map { _ in String(decoding: try client.readFrame().payload, as: UTF8.self) }
        #expect(early[1].contains(#""microtimestamp":"1795000001200000""#))
        #expect(!server.log.contains { $0.hasPrefix("wait-http") })
        #expect(try server.get("/api/v2/order_book/btcusd/?group=1&_=1795000002700").status == 200)
        let late = try (0..<2).map { _ in String(decoding: try client.readFrame().payload, as: UTF8.self) }
        #expect(late[0].contains(#""microtimestamp":"1795000003100000""#))
        #expect(try client.readFrame().opcode == 0x8)
        try client.send(RawClient.maskedFrame(opcode: 0x8, payload: [0x03, 0xE8]))
        let (status, log) = server.waitForExit()
        #expect(status == 0)
        let fetched = log.firstIndex(of: "http GET /api/v2/order_book/btcusd/?group=1&_=1795000002700 200")
        let released = log.firstIndex(of: "wait-http ok /api/v2/order_book/btcusd/ 1")
        #expect(fetched != nil && released != nil && fetched ?? 0 < released ?? 0)
    }

    @Test func waitHTTPFailsLikeAnExpectationWhenTheRouteIsNeverRequested() throws {
        let server = try FixtureServer(session: "fixture-wait-http")
        let client = try RawClient(port: server.port)
        try client.sendUpgradeRequest()
        _ = try client.readResponseHead()
        let subscribe = #"{"event":"bts:subscribe","data":{"channel":"diff_order_book_btcusd"}}"#
        try client.send(RawClient.maskedFrame(opcode: 0x1, payload: Array(subscribe.utf8)))
        var frame = try client.readFrame()
        while frame.opcode == 0x1 { frame = try client.readFrame() }  // ack and two diffs, then 10 s of nothing
        #expect(frame.opcode == 0x8 && Array(frame.payload.prefix(2)) == [0x03, 0xF0])  // 1008
        try client.send(RawClient.maskedFrame(opcode: 0x8, payload: [0x03, 0xF0]))
        let (status, log) = server.waitForExit()
        #expect(status == 1)
        #expect(log.contains("wait-http FAILED: wanted 1 GET /api/v2/order_book/btcusd/ got 0"))
    }

    @Test(arguments: [
        (
            "wait-http /api/v2/order_book/btcusd/ 1\n",
            "line 1: 'wait-http' waits for '/api/v2/order_book/btcusd/', which no 'http-get' serves"
        ),
        ("http-get /a/ 200 bitstamp/rest/none.json\n", "line 1: cannot read file 'bitstamp/rest/none.json'"),
        ("http-get /a?b 200 x.json\n", "line 1: 'http-get' path '/a?b' must start with '/' and have no query"),
        (
            "http-get /a/ 204 bitstamp/rest/markets.json\n",
            "line 1: 'http-get' status '204' is not 200-599 (204 and 304 carry no body)"
        ),
        (
            "send-close 1000\nhttp-get /a/ 200 bitstamp/rest/markets.json\nhttp-get /a/ 200 bitstamp/rest/markets.json\n",
            "line 3: 'http-get' for '/a/' is declared twice"
        ),
    ])
    func refusesABadHTTPDirectiveWithTheLineNumber(session: String, message: String) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }  // try?: a leftover temp directory is harmless
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("sessions"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("bitstamp"),
            withDestinationURL: FixtureServer.fixturesDirectory.appendingPathComponent("bitstamp"))
        let file = root.appendingPathComponent("sessions/bad.session")
        try session.write(to: file, atomically: true, encoding: .utf8)
        let result = try StreamerProcess.run(
            StreamerProcess.binary(named: "fixture-exchange"), [file.path], timeout: .seconds(10))
        #expect(result.status == 65)
        #expect(result.stderr == "fixture-exchange: \(file.path): \(message)\n")
    }
}

/// StreamerCore's `HTTPClient` against the fixture's routes over real sockets (TCP, TLS with the test CA):
/// two independent HTTP implementations checking each other.
@Suite struct HTTPClientAgainstFixtureTests {
    static let client = HTTPClient(
        tls: TLSOptions(extraCAFile: FixtureServer.caCertificatePath), timeoutMilliseconds: 5_000,
        userAgent: "streamer-tests")

    @Test func fetchesTheSnapshotOverTLSWithTheTestCA() throws {
        let server = try FixtureServer(session: "fixture-wait-http", tls: true)
        let origin = HTTPURL(origin: try #require(WebSocketURL(server.endpoint)))
        let url = origin.appending(path: "api/v2/order_book/btcusd/", query: [("group", "1"), ("_", "1795000002700")])
        #expect(url.description == "https://127.0.0.1:\(server.port)/api/v2/order_book/btcusd/?group=1&_=1795000002700")
        let response = try Self.client.get(url)
        #expect(response.status == 200 && response.header("Content-Type") == "application/json")
        #expect(response.body == (try FixtureServer.fixture("bitstamp/rest/order-book-btcusd.json")))
        #expect(server.waitForLogLine { $0 == "http GET /api/v2/order_book/btcusd/?group=1&_=1795000002700 200" })
    }

    @Test func reportsTheUnknownPairsHTMLPageAndAMissingRouteWithTheirMessages() throws {
        let server = try FixtureServer(session: "bitstamp-rest-errors")
        let origin = HTTPURL(origin: try #require(WebSocketURL(server.endpoint)))
        let unknown = origin.appending(path: "api/v2/order_book/fooxyz/", query: [("group", "1")])
        #expect(throws: HTTPError.status(url: unknown, code: 404, reason: "Not Found", message: "404 Not Found")) {
            try Self.client.get(unknown)
        }
        let missing = origin.appending(path: "api/v2/ticker/btcusd/")
        #expect(throws: HTTPError.status(url: missing, code: 404, reason: "Not Found", message: "Not found")) {
            try Self.client.get(missing)
        }
        #expect(server.isRunning)
    }

    @Test func refusesTheFixturesCertificateWithoutTheTestCA() throws {
        let server = try FixtureServer(session: "bitstamp-rest-errors", tls: true)
        let url = HTTPURL(origin: try #require(WebSocketURL(server.endpoint))).appending(
            path: "api/v2/trading-pairs-info/")
        let client = HTTPClient(tls: TLSOptions(), timeoutMilliseconds: 5_000, userAgent: "streamer-tests")
        do {
            _ = try client.get(url)
            Issue.record("an untrusted certificate was accepted")
        } catch {
            guard case .transport(.certificateRejected(let peer, let reason)) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(peer == "127.0.0.1:\(server.port)" && reason.hasPrefix("certificate verify failed"))
        }
    }
}
