import Testing

@testable import StreamerCore

/// Bitstamp book levels are read from the members captured while the message is walked, whatever the member order,
/// spacing or extra level elements, and the REST snapshot the same way (A.3, A.5).
struct BitstampBookDecodeTests {
    private let recv = Timestamp(1_795_000_000_000_000, .microseconds)
    private let market = PipelineSamples.btc

    /// The one book a `diff_order_book_btcusd` message `text` decodes to.
    private func diff(_ text: String) throws -> BookUpdate {
        let adapter = Bitstamp(subscriptions: [Subscription(channel: .book, market: market)])
        var events: [MarketEvent] = []
        _ = try Array(text.utf8).withUnsafeBytes { raw in try adapter.decode(raw, receivedAt: recv, into: &events) }
        guard events.count == 1, case .book(let book) = events[0] else {
            Issue.record("expected one book, got \(events)")
            return try PipelineSamples.book(.diff, micros: 0)
        }
        return book
    }

    @Test func readsLevelsInAnyMemberOrderWithSpacesAndExtraElements() throws {
        let compact = try diff(
            #"{"data":{"microtimestamp":"1795000000000001","bids":[["97000.5","0.1"],["96999","2"]],"asks":[]},"#
                + #""channel":"diff_order_book_btcusd","event":"data"}"#)
        let spaced = try diff(
            #"{ "event" : "data", "channel" : "diff_order_book_btcusd", "data" : { "asks" : [ ], "bids" : "#
                + #"[ [ "97000.5" , "0.1" , "x" ] , [ 96999, "2", [1], {"a": 2} ] ], "#
                + #""microtimestamp" : "1795000000000001" } }"#)
        #expect(compact == spaced)
        #expect(BookSamples.texts(compact.bids) == [["97000.5", "0.1"], ["96999", "2"]])
        #expect(compact.asks.isEmpty && compact.depth == 2 && compact.seq == 1_795_000_000_000_001)
    }

    @Test func takesTheLastOfDuplicateSidesAndAMissingSideIsEmpty() throws {
        let book = try diff(
            #"{"data":{"bids":[["1","1"]],"microtimestamp":"7","bids":[["2","2"]]},"#
                + #""channel":"diff_order_book_btcusd","event":"data"}"#)
        #expect(BookSamples.texts(book.bids) == [["2", "2"]])
        #expect(book.asks.isEmpty)
    }

    @Test func decodesTheRESTSnapshotWhateverItsMemberOrder() throws {
        let body =
            #"{"asks": [["101", "1"]], "timestamp": "1795000000", "bids": [["100", "2", "extra"]], "#
            + #""microtimestamp": "1795000000000002"}"#
        let book = try Bitstamp.decodeBookSnapshot(Array(body.utf8), market: market, receivedAt: recv)
        #expect(book.kind == .snapshot && book.seq == 1_795_000_000_000_002)
        #expect(BookSamples.texts(book.bids) == [["100", "2"]] && BookSamples.texts(book.asks) == [["101", "1"]])
    }

    @Test func refusesALevelAfterValidOnesThatIsNotAPair() throws {
        let text =
            #"{"data":{"microtimestamp":"7","bids":[["1","1"],["2"]],"asks":[]},"channel":"diff_order_book_btcusd","event":"data"}"#
        let adapter = Bitstamp(subscriptions: [Subscription(channel: .book, market: market)])
        var events: [MarketEvent] = []
        #expect(throws: ExchangeError.malformed(.bitstamp, detail: "book level for BTC-USD is not [price, amount]")) {
            _ = try Array(text.utf8).withUnsafeBytes { raw in try adapter.decode(raw, receivedAt: recv, into: &events) }
        }
    }
}
