import Testing

@testable import StreamerCore

/// The signing strings and HMACs of both exchanges against independently computed vectors (issue 8).
@Suite struct SignatureTests {
    @Test func bitvavoDocumentedVector() {
        // exchange-messages.md B.4: secret `bitvavo`, message `1548175200641GET/v2/websocket`.
        let signing = Bitvavo.authenticationSigningString(timestampMilliseconds: 1_548_175_200_641)
        #expect(signing == "1548175200641GET/v2/websocket")
        let signature = Digest.hex(Digest.hmacSHA256(key: Array("bitvavo".utf8), message: Array(signing.utf8)))
        #expect(signature == "653fc0505431c63a043273da4bd2f0927eae83948d796084f313e5d1131b0d6f")
    }

    @Test func bitstampTokenRequestVector() {
        // Computed independently:
        // printf '%s' 'BITSTAMP fixturekeyPOSTwww.bitstamp.net/api/v2/websockets_token/0f2a6b6e-8c1d-4c1e-9d3b-2f4e5a6b7c8d1795000000123v2' \
        //   | openssl dgst -sha256 -hmac 'fixturesecret'
        // → 230229c0fc458405e9c99fb1a798addf0af9bce6c0ac7fca983010ee24dc6db9
        let credentials = Credentials(key: "fixturekey", secret: "fixturesecret")
        let headers = Bitstamp.tokenRequestHeaders(
            key: credentials.key, host: "www.bitstamp.net", nonce: "0f2a6b6e-8c1d-4c1e-9d3b-2f4e5a6b7c8d",
            timestampMilliseconds: 1_795_000_000_123
        ) { text in
            credentials.withSecret { Digest.hex(Digest.hmacSHA256(key: $0, message: Array(text.utf8))) }
        }
        #expect(
            headers.map(\.0) == ["X-Auth", "X-Auth-Signature", "X-Auth-Nonce", "X-Auth-Timestamp", "X-Auth-Version"])
        #expect(headers[0].1 == "BITSTAMP fixturekey")
        #expect(headers[1].1 == "230229c0fc458405e9c99fb1a798addf0af9bce6c0ac7fca983010ee24dc6db9")
        #expect(headers[2].1 == "0f2a6b6e-8c1d-4c1e-9d3b-2f4e5a6b7c8d")
        #expect(headers[3].1 == "1795000000123")
        #expect(headers[4].1 == "v2")
    }

    @Test func bitstampServerSignatureVector() {
        // printf '%s' '0f2a6b6e-8c1d-4c1e-9d3b-2f4e5a6b7c8d1795000000123application/json{"valid_sec":60,"token":"abc","user_id":4848701}' \
        //   | openssl dgst -sha256 -hmac fixturesecret → e602c40a954fd8547c6ba77d6bb1ba83f03c51790e9a108df811ca4835fa0a51
        let body = Array(#"{"valid_sec":60,"token":"abc","user_id":4848701}"#.utf8)
        let signed = Bitstamp.serverSigningBytes(
            nonce: "0f2a6b6e-8c1d-4c1e-9d3b-2f4e5a6b7c8d", timestamp: "1795000000123", contentType: "application/json",
            body: body)
        #expect(
            Digest.hex(Digest.hmacSHA256(key: Array("fixturesecret".utf8), message: signed))
                == "e602c40a954fd8547c6ba77d6bb1ba83f03c51790e9a108df811ca4835fa0a51")
    }

    @Test func nonceIsAVersion4UUID() {
        let first = Digest.uuid4()
        let second = Digest.uuid4()
        #expect(first != second)
        #expect(first.count == 36)
        let parts = first.split(separator: "-").map(\.count)
        #expect(parts == [8, 4, 4, 4, 12])
        #expect(first.dropFirst(14).first == "4")
        #expect(first.allSatisfy { $0 == "-" || $0.isHexDigit && !$0.isUppercase })
    }

    @Test func constantTimeComparison() {
        #expect(Digest.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!Digest.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!Digest.constantTimeEqual([1, 2], [1, 2, 3]))
    }

    @Test func decodesTheTokenReply() throws {
        let access = try Bitstamp.decodeToken(
            Array(#"{"valid_sec":60,"token":"siPaT4m6VGQCdsDCVbLBemiphHQs552e","user_id":4848701}"#.utf8))
        #expect(access == ChannelAccess(token: "siPaT4m6VGQCdsDCVbLBemiphHQs552e", userID: "4848701"))
        #expect(!"\(access)".contains("siPaT4m6"))
        #expect(throws: ExchangeError.self) { try Bitstamp.decodeToken(Array(#"{"valid_sec":60}"#.utf8)) }
    }

    @Test func bitvavoAuthenticateMessageHasTheDocumentedShape() {
        let text = Bitvavo.authenticateMessage(
            key: "k\"ey", signature: "653f", timestampMilliseconds: 1_548_175_200_641, window: 10_000)
        #expect(
            text
                == #"{"action":"authenticate","key":"k\"ey","signature":"653f","timestamp":1548175200641,"window":10000}"#
        )
    }

    @Test func credentialsNeverPrintTheirSecret() {
        let credentials = Credentials(key: "abcdefgh", secret: "s3cr3t-value")
        for text in ["\(credentials)", String(reflecting: credentials), "\([credentials])"] {
            #expect(!text.contains("s3cr3t"))
            #expect(!text.contains("efgh"))
        }
    }

    @Test func verboseSubscribeLinesHideTheToken() {
        let message =
            #"{"event":"bts:subscribe","data":{"channel":"private-my_orders_btcusd-4848701","auth":"siPaT4m6"}}"#
        #expect(
            StreamSession.redacted(message)
                == #"{"event":"bts:subscribe","data":{"channel":"private-my_orders_btcusd-4848701","auth":"<token>"}}"#)
        let plain = #"{"event":"bts:subscribe","data":{"channel":"live_trades_btcusd"}}"#
        #expect(StreamSession.redacted(plain) == plain)
    }
}
