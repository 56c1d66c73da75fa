import Foundation
import Testing

/// Private channels of both exchanges against fixture-exchange, which verifies every signature and token (issue 8).
///
/// Every test also checks that the secret never reaches stdout, stderr or a recording.
@Suite(.timeLimit(.minutes(1)))
struct PrivateChannelsEndToEndTests {
    static let key = "e2e-key-4f1c0a"
    static let secret = "e2e-secret-9d7a-MUST-NOT-PRINT"
    static let fixtureArguments = ["--api-key", key, "--api-secret", secret]

    /// The environment that carries the credentials (`wrongSecret` for the refusal tests).
    static func environment(_ exchange: String, secret: String = secret) -> [String: String] {
        ["\(exchange.uppercased())_API_KEY": key, "\(exchange.uppercased())_API_SECRET": secret]
    }

    /// The `auth` tokens the client sent, from the fixture's log of received frames.
    static func tokens(in log: [String]) -> [String] {
        log.compactMap { line in
            guard let start = line.firstRange(of: #""auth":""#)?.upperBound else { return nil }
            return String(line[start...].prefix { $0 != "\"" })
        }
    }

    /// Fails when the secret or one of `tokens` shows anywhere in `texts`.
    static func expectNoSecret(
        _ texts: [String], tokens: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for text in texts {
            #expect(!text.contains(secret), "the secret leaked", sourceLocation: sourceLocation)
            for token in tokens { #expect(!text.contains(token), "a token leaked", sourceLocation: sourceLocation) }
        }
    }

    private func recordingPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("streamer-private-\(UUID().uuidString).rec").path
    }

    @Test func streamsEveryBitstampPrivateChannel() throws {
        let server = try FixtureServer(session: "bitstamp-private", extraArguments: Self.fixtureArguments)
        let recording = recordingPath()
        defer { try? FileManager.default.removeItem(atPath: recording) }
        let result = try StreamerProcess.run(
            [
                "bitstamp", "my-orders,my-trades,self-trades,my-settlements,liquidations", "btcusd", "-f", "jsonl",
                "-v",
                "--record", recording, "--endpoint", server.endpoint,
            ], environment: Self.environment("bitstamp"))
        let (status, log) = server.waitForExit()
        #expect(status == 0, "fixture log: \(log)")
        #expect(result.status == 0 && !result.timedOut, "stderr: \(result.stderr)")
        let kinds = result.stdout.split(separator: "\n").compactMap { line in
            line.split(separator: ",").first.map(String.init)
        }
        #expect(kinds.filter { $0 == #"{"type":"order""# }.count == 6)
        #expect(kinds.filter { $0 == #"{"type":"fill""# }.count == 3)
        #expect(kinds.filter { $0 == #"{"type":"settlement""# }.count == 2)
        #expect(kinds.filter { $0 == #"{"type":"liquidation""# }.count == 5)
        try EndToEndGolden.check(OutputNormalizer.jsonLines(result.stdout), "bitstamp-private.jsonl")
        #expect(result.stderr.contains(#""channel":"private-my_orders_btcusd-4848701","auth":"<token>"}}"#))
        #expect(result.stderr.contains("got a WebSocket token for user 4848701"))
        let recorded = (try? String(contentsOfFile: recording, encoding: .utf8)) ?? ""
        #expect(recorded.contains("private-my_orders_btcusd-4848701"))
        let tokens = Self.tokens(in: log)
        #expect(tokens.count == 5 && tokens.allSatisfy { $0.count == 32 })
        Self.expectNoSecret([result.stdout, result.stderr, recorded], tokens: tokens)
    }

    @Test func aWrongSecretExits77BeforeConnecting() throws {
        let server = try FixtureServer(session: "bitstamp-private", extraArguments: Self.fixtureArguments)
        defer { server.stop() }
        let wrong = "not-the-secret-5e6f"
        let result = try StreamerProcess.run(
            ["bitstamp", "my-orders", "btcusd", "--endpoint", server.endpoint, "-v"],
            environment: Self.environment("bitstamp", secret: wrong))
        #expect(result.status == 77 && result.stdout == "")
        let last = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("streamer: bitstamp refused authentication: the WebSocket token request got 403"))
        #expect(last.contains("API0005"))
        #expect(!server.log.contains("connected"))  // no WebSocket was opened for a refused key
        Self.expectNoSecret([result.stdout, result.stderr])
        #expect(!result.stderr.contains(wrong))
    }

    @Test func a4009IsRetriedOnceWithANewToken() throws {
        let server = try FixtureServer(session: "bitstamp-private-4009", extraArguments: Self.fixtureArguments)
        let result = try StreamerProcess.run(
            ["bitstamp", "my-trades", "btcusd", "-f", "jsonl", "--endpoint", server.endpoint],
            environment: Self.environment("bitstamp"))
        let (status, log) = server.waitForExit()
        #expect(status == 0, "fixture log: \(log)")
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 2)
        #expect(
            result.stderr
                == "streamer: bitstamp refused the WebSocket token (Connection is unauthorized. (code 4009)); subscribing again with a new one\n"
        )
        #expect(log.filter { $0.hasPrefix("token minted") }.count == 2)
        Self.expectNoSecret([result.stdout, result.stderr], tokens: Self.tokens(in: log))
    }

    @Test func a4009AfterTheRetryExits77() throws {
        let server = try FixtureServer(session: "bitstamp-private-4009-twice", extraArguments: Self.fixtureArguments)
        defer { server.stop() }
        let result = try StreamerProcess.run(
            ["bitstamp", "my-trades", "btcusd", "--endpoint", server.endpoint],
            environment: Self.environment("bitstamp"))
        #expect(result.status == 77 && result.stdout == "")
        #expect(
            result.stderr.hasSuffix(
                "streamer: bitstamp refused authentication: Connection is unauthorized. (code 4009)\n"))
    }

    @Test func aReconnectSubscribesWithAFreshToken() throws {
        let server = try FixtureServer(
            session: "bitstamp-private-reconnect", once: false, extraArguments: Self.fixtureArguments)
        defer { server.stop() }
        let result = try StreamerProcess.run(
            ["bitstamp", "my-orders", "btcusd", "-f", "jsonl", "--endpoint", server.endpoint],
            environment: Self.environment("bitstamp"))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains(#""event":"created""#) && lines[2].contains(#""event":"changed""#))
        #expect(lines[1].contains(#""type":"gap""#) && lines[1].contains(#""reason":"disconnect""#))
        // The fixture accepts the second subscription only with a token minted after the first was used.
        #expect(server.log.filter { $0.hasPrefix("auth-subscribe ok") }.count == 2)
        #expect(server.log.filter { $0.hasPrefix("auth-subscribe rejected") }.isEmpty)
        #expect(server.log.filter { $0.hasPrefix("token minted") }.count == 2)
    }

    @Test func streamsTheBitvavoAccount() throws {
        let server = try FixtureServer(session: "bitvavo-account", extraArguments: Self.fixtureArguments)
        let recording = recordingPath()
        defer { try? FileManager.default.removeItem(atPath: recording) }
        let result = try StreamerProcess.run(
            [
                "bitvavo", "account", "BTC-EUR", "-f", "jsonl", "-v", "--record", recording, "--endpoint",
                server.endpoint,
            ],
            environment: Self.environment("bitvavo"))
        let (status, log) = server.waitForExit()
        #expect(status == 0, "fixture log: \(log)")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        try EndToEndGolden.check(OutputNormalizer.jsonLines(result.stdout), "bitvavo-account.jsonl")
        #expect(result.stderr.contains("streamer: authenticating with key e2e-…"))
        #expect(!result.stderr.contains(#""signature""#))
        let recorded = (try? String(contentsOfFile: recording, encoding: .utf8)) ?? ""
        Self.expectNoSecret([result.stdout, result.stderr, recorded])
        #expect(!recorded.contains(Self.key) && !result.stderr.contains(Self.key))
    }

    @Test func aWrongBitvavoSecretExits77WithTheExchangesMessage() throws {
        let server = try FixtureServer(session: "bitvavo-account", extraArguments: Self.fixtureArguments)
        defer { server.stop() }
        let result = try StreamerProcess.run(
            ["bitvavo", "account", "BTC-EUR", "--endpoint", server.endpoint],
            environment: Self.environment("bitvavo", secret: "wrong-secret-1a2b"))
        #expect(result.status == 77 && result.stdout == "")
        #expect(
            result.stderr
                == "streamer: bitvavo refused authentication: The signature is invalid. (error 309, invalid signature)\n"
        )
    }

    @Test func aCredentialsFileOthersCanReadIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("streamer-keys-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("BITVAVO_API_KEY=\(Self.key)\nBITVAVO_API_SECRET=\(Self.secret)\n".utf8).write(
            to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let refused = try StreamerProcess.run(
            ["bitvavo", "account", "BTC-EUR", "--credentials", path, "--endpoint", "ws://127.0.0.1:9"])
        #expect(refused.status == 64 && refused.stdout == "")
        #expect(
            refused.stderr
                == "streamer: cannot use --credentials file '\(path)': its mode is 0644, so other users can read it; run 'chmod 600' on it (0600 or stricter) (see 'streamer --help')\n"
        )
        Self.expectNoSecret([refused.stderr])
        // The same file at 0600 streams.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let server = try FixtureServer(session: "bitvavo-account", extraArguments: Self.fixtureArguments)
        let result = try StreamerProcess.run(
            ["bitvavo", "account", "BTC-EUR", "-f", "jsonl", "--credentials", path, "--endpoint", server.endpoint],
            environment: ["BITVAVO_API_KEY": "", "BITVAVO_API_SECRET": ""])
        let (status, log) = server.waitForExit()
        #expect(status == 0, "fixture log: \(log)")
        #expect(result.status == 0 && result.stdout.split(separator: "\n").count == 5)
    }

    @Test func missingCredentialsNameTheVariables() throws {
        let result = try StreamerProcess.run(
            ["bitstamp", "my-settlements", "--endpoint", "ws://127.0.0.1:9"],
            environment: ["BITSTAMP_API_KEY": "", "BITSTAMP_API_SECRET": ""])
        #expect(result.status == 64 && result.stdout == "")
        #expect(
            result.stderr
                == "streamer: 'my-settlements' is private and needs bitstamp API credentials: set BITSTAMP_API_KEY and BITSTAMP_API_SECRET, or pass --credentials FILE (see 'streamer --help')\n"
        )
    }
}
