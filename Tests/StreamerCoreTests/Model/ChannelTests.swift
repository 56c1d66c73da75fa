import Testing

@testable import StreamerCore

/// Finding channels by our names and their aliases.
@Suite struct ChannelTests {
    @Test(arguments: [
        ("trades", Channel.trades), ("livetrades", .trades), ("live_trades", .trades), ("live-trades", .trades),
        ("LiveTrades", .trades), ("TRADES", .trades), ("orderbook", .bookTop100), ("ORDER_BOOK", .bookTop100),
        ("book-top100", .bookTop100), ("Book-Top100", .bookTop100), ("diff_order_book", .book), ("book", .book),
        ("detail_order_book", .bookL3), ("book-l3", .bookL3), ("bbo", .ticker), ("ticker-24h", .ticker24h),
        ("live_orders", .orders), ("ohlc", .candles), ("funding_rate", .funding),
    ])
    func findsAChannelByNameOrAliasInAnyCase(word: String, channel: Channel) {
        #expect(Channel.named(word) == channel)
    }

    @Test(arguments: ["", "trade s", " trades", "trades ", "live trades", "orderbooks", "book_top100", "tickers", "ws"])
    func findsNoChannelForAnUnknownWord(_ word: String) {
        #expect(Channel.named(word) == nil)
    }

    @Test(arguments: Channel.allCases)
    func findsEachChannelByItsOwnNameAndEveryAlias(_ channel: Channel) {
        #expect(Channel.named(channel.name) == channel)
        #expect(Channel.named(channel.name.uppercased()) == channel)
        for alias in channel.aliases {
            #expect(Channel.named(alias) == channel, "alias \(alias)")
        }
    }

    @Test func usesEachWordForOneChannelOnly() {
        let words = Channel.allCases.flatMap { [$0.name] + $0.aliases }
        #expect(Set(words).count == words.count)
    }

    @Test(arguments: Channel.allCases)
    func spellsItsNameAndAliasesInLowercase(_ channel: Channel) {
        for word in [channel.name] + channel.aliases {
            #expect(word == word.lowercased(), "\(word)")
        }
    }

    @Test func namesTheTop100BookWithADash() {
        #expect(Channel.bookTop100.name == "book-top100")
        #expect(Channel.bookL3.name == "book-l3")
    }
}
