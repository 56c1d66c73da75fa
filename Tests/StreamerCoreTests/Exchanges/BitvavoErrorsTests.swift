import Testing

@testable import StreamerCore

/// Bitvavo error replies (exchange-messages.md B.6) and messages that do not fit the wire format.
struct BitvavoErrorsTests {
    private typealias S = BitvavoSamples
    private let btc = BitvavoSamples.btcEur

    private func decode(_ bytes: [UInt8]) throws -> (events: [MarketEvent], notice: ExchangeNotice?) {
        try S.decode(S.adapter([(.trades, btc), (.book, btc), (.ticker24h, btc), (.candles, btc)]), bytes)
    }

    private func decode(_ text: String) throws -> (events: [MarketEvent], notice: ExchangeNotice?) {
        try decode(Array(text.utf8))
    }

    // MARK: error replies

    @Test(arguments: [
        (
            "error-subscribe-market.json",
            ExchangeError.rejected(
                .bitvavo, channel: "subscribe",
                message: "market parameter NOPE-EUR is invalid. (error 205, invalid parameter value)")
        ),
        (
            "error-subscribe-channel.json",
            .rejected(
                .bitvavo, channel: "subscribe",
                message: "channel.name parameter is invalid. (error 205, invalid parameter value)")
        ),
        (
            "error-get-book-halted.json",
            .rejected(
                .bitvavo, channel: "getBook",
                message: "getBook is not available for WMTX-EUR in state HALTED (error 431, market halted)")
        ),
        (
            "error-get-book-depth.json",
            .rejected(
                .bitvavo, channel: "getBook",
                message: "depth parameter 5000 is invalid. (error 205, invalid parameter value)")
        ),
        (
            "error-unknown-action.json",
            .rejected(
                .bitvavo, channel: "unknown",
                message: "Invalid action. Please check the request. (error 415, invalid action)")
        ),
        (
            "error-event.json",
            .rejected(.bitvavo, channel: nil, message: "Invalid parameter: price (error 205, invalid parameter value)")
        ),
        (
            "error-invalid-json.json",
            .rejected(.bitvavo, channel: nil, message: "Invalid JSON. (error 102, invalid JSON)")
        ),
        (
            "error-authentication-required.json",
            .authenticationRefused(
                .bitvavo, message: "Authentication is required for this endpoint. (error 300, authentication required)")
        ),
        (
            "authenticate-error.json",
            .authenticationRefused(.bitvavo, message: "The signature is invalid. (error 309, invalid signature)")
        ),
    ])
    func throwsTheCapturedErrorRepliesWithTheActionAndTheCodesMeaning(fixture: String, error: ExchangeError) throws {
        let bytes = try S.fixture(fixture)
        #expect(throws: error) { try decode(bytes) }
    }

    @Test(arguments: [
        (103, "rate limited"), (104, "rate limited by new orders"), (105, "banned for exceeding the rate limit"),
        (107, "matching engine overloaded"), (108, "matching engine timeout"),
        (110, "invalid endpoint or rate limited"),
        (112, "over 5,000 messages/s"),
    ])
    func throwsRateLimitCodesAsRateLimited(code: Int, meaning: String) throws {
        let text = #"{"action":"subscribe","errorCode":\#(code),"error":"Slow down."}"#
        #expect(throws: ExchangeError.rateLimited(.bitvavo, message: "Slow down. (error \(code), \(meaning))")) {
            try decode(text)
        }
    }

    @Test(arguments: [300, 301, 305, 308, 309, 310, 317])
    func throwsAuthenticationCodesAsAuthenticationRefused(code: Int) throws {
        let text = #"{"action":"authenticate","errorCode":\#(code),"error":"No."}"#
        guard let error = #expect(throws: ExchangeError.self, performing: { try decode(text) }) else { return }
        guard case .authenticationRefused(.bitvavo, let message) = error else {
            Issue.record("not an authentication refusal: \(error)")
            return
        }
        #expect(message.hasPrefix("No. (error \(code), "))
    }

    @Test(arguments: [
        (#"{"action":"getBook","errorCode":999,"error":"Odd."}"#, "Odd. (error 999)"),
        (#"{"action":"getBook","errorCode":205}"#, "no error text (error 205, invalid parameter value)"),
        (
            #"{"action":"getBook","errorCode":205,"error":"market \"X\" is invalid."}"#,
            #"market "X" is invalid. (error 205, invalid parameter value)"#
        ),
    ])
    func namesAnUndocumentedCodeByNumberAndUnescapesTheText(text: String, message: String) throws {
        #expect(throws: ExchangeError.rejected(.bitvavo, channel: "getBook", message: message)) { try decode(text) }
    }

    @Test func checksTheErrorCodeBeforeTheEvent() throws {
        // An error shaped like a channel event must not be read as one.
        let text = #"{"event":"trade","market":"BTC-EUR","errorCode":205,"error":"Invalid parameter: price"}"#
        #expect(
            throws: ExchangeError.rejected(
                .bitvavo, channel: nil, message: "Invalid parameter: price (error 205, invalid parameter value)")
        ) {
            try decode(text)
        }
    }

    // MARK: malformed messages

    private func expectMalformed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(
            throws: ExchangeError.self, sourceLocation: sourceLocation, performing: { try decode(text) })
        guard let error else { return }
        guard case .malformed(.bitvavo, _) = error else {
            Issue.record("not malformed: \(error) for \(text)", sourceLocation: sourceLocation)
            return
        }
    }

    @Test(arguments: [
        #""bids":{},"asks":[]"#, #""bids":[],"asks":"75522""#, #""bids":[["1"]],"asks":[]"#,
        #""bids":[],"asks":[["x","1"]]"#, #""bids":["75516.00"],"asks":[]"#, #""bids":[[null,"1"]],"asks":[]"#,
        #""bids":[["1","1e-3"]],"asks":[]"#, #""bids":[["01","1"]],"asks":[]"#,
    ])
    func refusesMalformedBookSides(sides: String) {
        expectMalformed(#"{"event":"book","market":"BTC-EUR","nonce":1,\#(sides),"timestamp":1}"#)
        expectMalformed(#"{"action":"getBook","requestId":1,"response":{"market":"BTC-EUR","nonce":1,\#(sides)}}"#)
    }

    @Test(arguments: [#""#, #""nonce":null,"#, #""nonce":"abc","#, #""nonce":1.5,"#, #""nonce":99999999999999999999,"#])
    func refusesABookWithoutAnIntegerNonce(nonce: String) {
        expectMalformed(#"{"event":"book","market":"BTC-EUR",\#(nonce)"bids":[],"asks":[]}"#)
    }

    @Test(arguments: [
        #""amount":"1","price":"2""#, #""id":"a","price":"2""#, #""id":"a","amount":"1""#,
        #""id":"a","amount":"1","price":"2.""#, #""id":{},"amount":"1","price":"2""#,
    ])
    func refusesATradeWithoutIdAmountOrAValidPrice(fields: String) {
        expectMalformed(#"{"event":"trade","timestamp":1,"market":"BTC-EUR",\#(fields)}"#)
    }

    @Test(arguments: [
        #","candle":{}"#, "", #","candle":[[1,"1","1","1","1"]]"#, #","candle":[["1","1","1","1","1","x"]]"#,
        #","candle":[[1.5,"1","1","1","1","1"]]"#, #","candle":["row"]"#,
    ])
    func refusesACandleMessageWithoutWellFormedRows(candle: String) {
        expectMalformed(#"{"event":"candle","market":"BTC-EUR","interval":"1m"\#(candle)}"#)
    }

    @Test(arguments: [#"{"event":"ticker24h"}"#, #"{"event":"ticker24h","data":{}}"#])
    func refusesATicker24hWithoutADataArray(text: String) {
        expectMalformed(text)
    }

    @Test(arguments: ["", "{", "[]", #""event""#, "null", #"{"event":"trade"} x"#, #"{"market":"BTC-EUR"}"#])
    func refusesWhatIsNotAnEventOrActionObject(text: String) {
        expectMalformed(text)
    }
}
