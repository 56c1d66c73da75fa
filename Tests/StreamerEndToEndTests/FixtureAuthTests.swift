import Foundation
import Testing

/// Tests of the fixture's authentication checks: Bitstamp's token request and private subscribe, Bitvavo's login.
///
/// Expected HMACs come from `/usr/bin/openssl`, never from the fixture's own code.
@Suite struct FixtureAuthTests {
    static let key = "fixture-test-key"
    static let secret = "fixture-test-secret"
    static let credentials = ["--api-key", key, "--api-secret", secret]
    static let orders = "private-my_orders_btcusd-4848701"
    static let trades = "private-my_trades_btcusd-4848701"
    static let unauthorized =
        #"{"event":"bts:error","channel":"","data":{"code":4009,"message":"Connection is unauthorized."}}"#

    @Test func opensslReproducesBitvavosDocumentedVector() throws {
        let digest = try Self.hmac(secret: "bitvavo", message: "1548175200641GET/v2/websocket")
        #expect(digest == "653fc0505431c63a043273da4bd2f0927eae83948d796084f313e5d1131b0d6f")
    }

    @Test func mintsAFreshTokenForEachCorrectlySignedRequestAndSignsTheAnswer() throws {
        let server = try FixtureServer(session: "fixture-auth-bitstamp", extraArguments: Self.credentials)
        var tokens: [String] = []
        for body in ["foo=bar", ""] {  // the Content-Type is signed only when there is a body
            let request = try TokenRequest(port: server.port, body: body)
            let response = try request.send()
            #expect(response.status == 200 && response.header("Content-Type") == "application/json")
            let token = try #require(Self.token(in: response.body))
            #expect(response.body == #"{"valid_sec":60,"token":"\#(token)","user_id":4848701}"#)
            let serverSignature = try Self.hmac(
                secret: Self.secret, message: request.nonce + request.timestamp + "application/json" + response.body)
            #expect(response.header("X-Server-Auth-Signature") == serverSignature)
            tokens.append(token)
        }
        #expect(tokens.count == 2 && tokens[0] != tokens[1])
        #expect(server.waitForLogLine { $0 == "token minted 2" })
        #expect(!server.log.joined().contains(Self.secret))
    }

    @Test(arguments: [
        ("wrong secret", "API0005", "Invalid signature"), ("uppercase hex", "API0005", "Invalid signature"),
        ("wrong key", "API0001", "API key not found"),
        ("stale timestamp", "API0017", "X-Auth-Timestamp header is out of boundaries"),
        ("content type without body", "API0020", "Content-Type header should not be present"),
    ])
    func refusesABadlySignedTokenRequestWith403(fault: String, code: String, reason: String) throws {
        let server = try FixtureServer(session: "fixture-auth-bitstamp", extraArguments: Self.credentials)
        var request = try TokenRequest(port: server.port, body: "foo=bar")
        switch fault {
        case "wrong secret": try request.sign(secret: "not-the-secret")
        case "uppercase hex": request.signature = request.signature.uppercased()
        case "wrong key": request.xAuth = "BITSTAMP not-the-key"
        case "stale timestamp": try request.sign(timestamp: "1548175200641")
        default: try request.sign(contentType: "application/x-www-form-urlencoded", body: "")
        }
        let response = try request.send()
        #expect(response.status == 403)
        #expect(response.body == #"{"status":"error","reason":"\#(reason)","code":"\#(code)"}"#)
        #expect(server.waitForLogLine { $0 == "token refused \(code)" })
    }

    @Test func refusesAReusedNonceWithAPI0004() throws {
        let server = try FixtureServer(session: "fixture-auth-bitstamp", extraArguments: Self.credentials)
        let first = try TokenRequest(port: server.port, body: "foo=bar")
        #expect(try first.send().status == 200)
        var again = try TokenRequest(port: server.port, body: "foo=baz")
        try again.sign(nonce: first.nonce)
        let response = try again.send()
        #expect(response.status == 403)
        #expect(response.body == #"{"status":"error","reason":"Invalid nonce","code":"API0004"}"#)
        #expect(server.waitForLogLine { $0 == "token refused API0004" })
    }

    @Test func acceptsOnlyTheNewestTokenOnAPrivateSubscribe() throws {
        let server = try FixtureServer(session: "fixture-auth-bitstamp", extraArguments: Self.credentials)
        let old = try Self.mint(port: server.port)
        let newest = try Self.mint(port: server.port)
        let client = try Self.upgradedClient(port: server.port)
        try client.send(Self.maskedText(Self.subscribe(Self.orders, old)))
        #expect(try Self.readText(client) == Self.unauthorized)
        try client.send(Self.maskedText(Self.subscribe(Self.orders, newest)))
        let acknowledgement = #"{"event":"bts:subscription_succeeded","channel":"\#(Self.orders)","data":{}}"#
        #expect(try Self.readText(client) == acknowledgement)
        #expect(try Self.readText(client).contains(#""event":"order_created""#))
        try Self.closeLikeAClient(client)
        let (status, log) = server.waitForExit()
        #expect(status == 0)
        #expect(log.contains("auth-subscribe rejected token 1 superseded by token 2"))
        #expect(log.contains("auth-subscribe ok \(Self.orders)"))
    }

    @Test func sendUnauthorizedRevokesTheTokenSoOnlyANewlyMintedOneIsAccepted() throws {
        let server = try FixtureServer(session: "fixture-auth-bitstamp-revoke", extraArguments: Self.credentials)
        let first = try Self.mint(port: server.port)
        let client = try Self.upgradedClient(port: server.port)
        try client.send(Self.maskedText(Self.subscribe(Self.trades, first)))
        #expect(try Self.readText(client).contains("subscription_succeeded"))
        #expect(try Self.readText(client) == Self.unauthorized)
        try client.send(Self.maskedText(Self.subscribe(Self.trades, first)))
        #expect(try Self.readText(client) == Self.unauthorized)
        try client.send(Self.maskedText(Self.subscribe(Self.trades, try Self.mint(port: server.port))))
        #expect(try Self.readText(client).contains("subscription_succeeded"))
        try Self.closeLikeAClient(client)
        let (status, log) = server.waitForExit()
        #expect(status == 0)
        #expect(log.contains("token revoked 1") && log.contains("auth-subscribe rejected token 1 revoked"))
        #expect(log.filter { $0 == "auth-subscribe ok \(Self.trades)" }.count == 2)
    }

    @Test func refusesATokenAlreadyAcceptedOnAnEarlierConnection() throws {
        let server = try FixtureServer(
            session: "fixture-auth-bitstamp-reuse", once: false, extraArguments: Self.credentials)
        let token = try Self.mint(port: server.port)
        let first = try Self.upgradedClient(port: server.port)
        try first.send(Self.maskedText(Self.subscribe(Self.orders, token)))
        #expect(try Self.readText(first).contains("subscription_succeeded"))
        try Self.closeLikeAClient(first)
        let second = try Self.upgradedClient(port: server.port)
        try second.send(Self.maskedText(Self.subscribe(Self.trades, token)))
        #expect(try Self.readText(second) == Self.unauthorized)
        try second.send(Self.maskedText(Self.subscribe(Self.trades, try Self.mint(port: server.port))))
        #expect(try Self.readText(second).contains("subscription_succeeded"))
        try Self.closeLikeAClient(second)
        #expect(server.waitForLogLine { $0 == "auth-subscribe ok \(Self.trades)" })
        #expect(server.log.contains("auth-subscribe rejected token 1 already used on connection 1"))
    }

    @Test func acceptsABitvavoAuthenticateSignedWithTheSecret() throws {
        let server = try FixtureServer(session: "fixture-auth-bitvavo", extraArguments: Self.credentials)
        let client = try Self.upgradedClient(port: server.port)
        let timestamp = Self.nowMilliseconds()
        let signature = try Self.hmac(secret: Self.secret, message: "\(timestamp)GET/v2/websocket")
        try client.send(Self.maskedText(Self.authenticate(signature: signature, timestamp: timestamp)))
        #expect(try Self.readText(client) == #"{"event":"authenticate","authenticated":true}"#)
        let subscribe = #"{"action":"subscribe","channels":[{"name":"account","markets":["BTC-EUR"]}]}"#
        try client.send(Self.maskedText(subscribe))
        #expect(try Self.readText(client).hasPrefix(#"{"event":"subscribed""#))
        try Self.closeLikeAClient(client)
        let (status, log) = server.waitForExit()
        #expect(status == 0)
        #expect(log.contains("authenticate ok"))
    }

    @Test func refusesAWrongBitvavoSignatureWith309AndFailsTheSession() throws {
        let server = try FixtureServer(session: "fixture-auth-bitvavo", extraArguments: Self.credentials)
        let client = try Self.upgradedClient(port: server.port)
        let timestamp = Self.nowMilliseconds()
        let signature = try Self.hmac(secret: "not-the-secret", message: "\(timestamp)GET/v2/websocket")
        try client.send(Self.maskedText(Self.authenticate(signature: signature, timestamp: timestamp)))
        let reply = #"{"action":"authenticate","errorCode":309,"error":"The signature is invalid."}"#
        #expect(try Self.readText(client) == reply)
        try Self.closeLikeAClient(client)
        let (status, log) = server.waitForExit()
        #expect(status == 1)
        #expect(log.contains("authenticate refused 309") && log.contains("client-close 1000"))
    }

    @Test func refusesASessionWithAuthDirectivesWhenNoCredentialsAreGiven() throws {
        let session = FixtureServer.fixturesDirectory.appendingPathComponent("sessions/fixture-auth-bitvavo.session")
        let result = try StreamerProcess.run(
            StreamerProcess.binary(named: "fixture-exchange"), [session.path], timeout: .seconds(10))
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("fixture-exchange: the session's auth directives need '--api-key"))
    }
}

extension FixtureAuthTests {
    /// Lowercase hex HMAC-SHA256 of `message` under `secret`, computed by `/usr/bin/openssl dgst`.
    static func hmac(secret: String, message: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-auth-\(UUID().uuidString)")
        try Data(message.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }  // try?: a leftover temp file is harmless
        let result = try StreamerProcess.run(
            URL(fileURLWithPath: "/usr/bin/openssl"), ["dgst", "-sha256", "-hmac", secret, file.path],
            timeout: .seconds(10))
        guard result.status == 0, let digest = result.stdout.split(separator: " ").last else {
            throw RawClientError(description: "openssl failed: \(result.stderr)")
        }
        return digest.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Mints a token with a correctly signed request and returns it.
    static func mint(port: Int) throws -> String {
        let response = try TokenRequest(port: port, body: "foo=bar").send()
        guard response.status == 200, let token = token(in: response.body) else {
            throw RawClientError(description: "no token: \(response.status) \(response.body)")
        }
        return token
    }

    /// The `token` value of a token answer.
    static func token(in body: String) -> String? {
        guard let start = body.range(of: #""token":""#), let end = body[start.upperBound...].firstIndex(of: "\"")
        else { return nil }
        return String(body[start.upperBound..<end])
    }

    static func subscribe(_ channel: String, _ token: String) -> String {
        #"{"event":"bts:subscribe","data":{"channel":"\#(channel)","auth":"\#(token)"}}"#
    }

    static func authenticate(signature: String, timestamp: Int64) -> String {
        #"{"action":"authenticate","key":"\#(key)","signature":"\#(signature)","timestamp":\#(timestamp),"#
            + #""window":"60000"}"#  // as a string, as the Python SDK sends it
    }

    static func nowMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// A client past the 101 answer.
    static func upgradedClient(port: Int) throws -> RawClient {
        let client = try RawClient(port: port)
        try client.sendUpgradeRequest()
        guard try client.readResponseHead().hasPrefix("HTTP/1.1 101 ") else {
            throw RawClientError(description: "upgrade refused")
        }
        return client
    }

    /// The next text frame's payload.
    static func readText(_ client: RawClient) throws -> String {
        let frame = try client.readFrame()
        guard frame.opcode == 0x1 else { throw RawClientError(description: "opcode \(frame.opcode), not text") }
        return String(decoding: frame.payload, as: UTF8.self)
    }

    /// Sends Close 1000 and reads frames up to the server's Close.
    static func closeLikeAClient(_ client: RawClient) throws {
        try client.send(RawClient.maskedFrame(opcode: 0x8, payload: [0x03, 0xE8]))
        while try client.readFrame().opcode != 0x8 {}
    }

    /// A masked text frame (RFC 6455 §5.2, §5.3) with a 7- or 16-bit length.
    static func maskedText(_ text: String) -> [UInt8] {
        let payload = Array(text.utf8)
        guard payload.count >= 126 else { return RawClient.maskedFrame(opcode: 0x1, payload: payload) }
        let key: [UInt8] = (0..<4).map { _ in UInt8.random(in: 0...255) }
        return [0x81, 0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)] + key
            + payload.enumerated().map { $0.element ^ key[$0.offset % 4] }
    }
}

/// A Bitstamp HTTP API v2 signed `POST /api/v2/websockets_token/` (exchange-messages.md §A.4), sent with
/// `RawClient` so the Host header and every byte are known; signed with `/usr/bin/openssl`.
struct TokenRequest {
    let port: Int
    var xAuth = "BITSTAMP " + FixtureAuthTests.key
    var nonce = UUID().uuidString.lowercased()
    var timestamp = String(FixtureAuthTests.nowMilliseconds())
    var contentType: String?
    var body: String
    var signature = ""

    /// A correctly signed request; a form body comes with its Content-Type, an empty one without.
    init(port: Int, body: String) throws {
        self.port = port
        self.body = body
        contentType = body.isEmpty ? nil : "application/x-www-form-urlencoded"
        try sign()
    }

    /// Changes the given parts, then signs what results with `secret`.
    mutating func sign(
        secret: String = FixtureAuthTests.secret, nonce: String? = nil, timestamp: String? = nil,
        contentType: String? = nil, body: String? = nil
    ) throws {
        self.nonce = nonce ?? self.nonce
        self.timestamp = timestamp ?? self.timestamp
        self.contentType = contentType ?? self.contentType
        self.body = body ?? self.body
        let signedType = self.body.isEmpty ? "" : self.contentType ?? ""
        let message =
            "BITSTAMP \(FixtureAuthTests.key)POST127.0.0.1:\(port)/api/v2/websockets_token/\(signedType)"
            + "\(self.nonce)\(self.timestamp)v2\(self.body)"
        signature = try FixtureAuthTests.hmac(secret: secret, message: message)
    }

    /// Sends the request and reads the answer to the end of the stream (the fixture closes after one answer).
    func send() throws -> (status: Int, body: String, header: (String) -> String?) {
        var head = "POST /api/v2/websockets_token/ HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Auth: \(xAuth)\r\n"
        head += "X-Auth-Signature: \(signature)\r\nX-Auth-Nonce: \(nonce)\r\nX-Auth-Timestamp: \(timestamp)\r\n"
        head += "X-Auth-Version: v2\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        head += "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        let reply = try Self.exchange(Array((head + body).utf8), port: port)
        guard let split = reply.range(of: "\r\n\r\n") else { throw RawClientError(description: "no head: \(reply)") }
        let responseHead = String(reply[..<split.lowerBound])
        let status = responseHead.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        let fields = responseHead.split(separator: "\r\n").dropFirst().map { line in
            (
                line.prefix { $0 != ":" }.lowercased(),
                line.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
            )
        }
        let header = { (name: String) in fields.first { $0.0 == name.lowercased() }?.1 }
        return (status, String(reply[split.upperBound...]), header)
    }

    /// Writes `request` to 127.0.0.1:`port` and reads until EOF; every read gives up after 10 seconds.
    private static func exchange(_ request: [UInt8], port: Int) throws -> String {
        let client = try RawClient(port: port)
        try client.send(request)
        return String(decoding: try client.readToEnd(), as: UTF8.self)
    }
}
