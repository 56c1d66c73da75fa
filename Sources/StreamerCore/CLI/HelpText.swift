/// The words `--help`, `streamer exchanges` and `streamer channels` print.
enum HelpText {
    /// The program's version.
    static let version = "0.1.0"

    /// `streamer --help`.
    static var usage: String {
        var lines = [
            "streamer \(version) — live crypto market data from exchange WebSockets, exact to the last digit",
            "",
            "Usage:",
            "  streamer <exchange> <channel>[,<channel>...] <market>... [options]",
            "  streamer <exchange> get markets|ticker|book|trades|candles [<market>] [options]",
            "  streamer replay <file> [--speed 1|10|max] [options]",
            "  streamer exchanges",
            "  streamer channels <exchange>",
            "",
            "Examples:",
            "  streamer bitstamp trades btcusd                    watch trades as a live table",
            "  streamer bitstamp livetrades btcusd ethusd -n 10   ten trades from two markets, then exit",
            "  streamer bitstamp trades BTC-USD | jq .price       JSON lines when piped",
            "  streamer bitstamp trades btcusd -f csv -d 1h > trades.csv",
            "  streamer bitstamp book btcusd --depth 5 --throttle 250ms   a local order book, exact",
            "  streamer bitstamp candles btcusd --interval 5m     candles built from live trades",
            "  streamer bitstamp get ticker btcusd                one REST query, then exit",
            "  streamer bitvavo account BTC-EUR --credentials ~/.config/streamer/keys   your orders and fills",
            "",
            "Options:",
        ]
        for option in OptionSpec.all {
            var left = option.short.map { "\($0), " } ?? "    "
            left += option.long + (option.valueName.map { " \($0)" } ?? "")
            lines.append("  " + left.padding(to: 30) + option.help)
        }
        lines += [
            "",
            "Output: one event per line. Prices and amounts keep the exchange's exact digits (JSON numbers),",
            "ids are strings, `ts` is the exchange's time at its native resolution, `recv` the local receive time.",
            "Only data goes to stdout; messages go to stderr.",
            "",
            "Private channels (my-orders, my-trades, account, self-trades, my-settlements, liquidations) need API",
            "credentials: BITSTAMP_API_KEY/BITSTAMP_API_SECRET or BITVAVO_API_KEY/BITVAVO_API_SECRET in the environment,",
            "or --credentials FILE with the same NAME=value lines (mode 0600 or stricter). Secrets are never printed.",
            "",
            "Exit status: 0 done (count/duration reached, server closed, reader closed the pipe), 64 usage, 65 bad recording,",
            "69 cannot connect, 74 output error, 76 protocol or exchange error, 77 authentication refused,",
            "130/143 interrupted.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `streamer exchanges`.
    static var exchanges: String {
        ExchangeID.allCases.map { exchange in
            let channels = exchange.streamableChannels.map(\.name)
            return
                "\(exchange.name.padding(to: 10))\(channels.isEmpty ? "(no channels in this version yet)" : channels.joined(separator: ", "))"
        }.joined(separator: "\n") + "\n"
    }

    /// `streamer channels <exchange>`.
    static func channels(_ exchange: ExchangeID) -> String {
        let streamable = exchange.streamableChannels
        guard !streamable.isEmpty else { return "\(exchange.name): no channels in this version yet\n" }
        return streamable.map { channel in
            let aliases = channel.aliases.isEmpty ? "" : " (also: \(channel.aliases.joined(separator: ", ")))"
            return "\(channel.name.padding(to: 16))\(channel.summary)\(aliases)"
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The string padded with spaces to at least `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
