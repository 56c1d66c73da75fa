/// Bad command lines.
///
/// Each case carries the offending token; `description` is one line that suggests the fix.
public enum UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownOption(String, suggestion: String?)
    case missingValue(option: String)
    case invalidValue(option: String, value: String, expected: String)
    case unexpectedValue(option: String)
    case unknownExchange(String, suggestion: String?)
    case unknownChannel(String, exchange: ExchangeID, suggestion: String?)
    case channelNotOnExchange(Channel, exchange: ExchangeID, hint: String?)
    case invalidMarket(String, exchange: ExchangeID)
    case missingArgument(String)
    case unexpectedArgument(String)
    case unknownCommand(String, suggestion: String?)
    case conflictingOptions(String, String)
    case unreadableFile(option: String, path: String, reason: String)
    case optionNeedsChannel(option: String, channel: Channel)
    case csvNeedsOneType([String])
    case unknownMarket(String, exchange: ExchangeID, suggestions: [String])
    case unknownQuery(String, exchange: ExchangeID, suggestion: String?)
    case unknownField(String, valid: [String])
    /// A market named for channels that are account-wide only.
    case marketForAccountWideChannel(market: String, channel: String)
    /// A private channel without credentials: names the variables and the option that provide them.
    case missingCredentials(ExchangeID, channel: Channel)
    /// A `--credentials` file that cannot be used (unreadable, too open, malformed).
    case credentialsFile(path: String, problem: String)

    public var description: String {
        switch self {
        case .unknownOption(let option, let suggestion):
            "unknown option '\(option)'" + Self.didYouMean(suggestion)
        case .missingValue(let option): "option '\(option)' needs a value"
        case .invalidValue(let option, let value, let expected):
            "invalid value '\(value)' for \(option); expected \(expected)"
        case .unexpectedValue(let option): "option '\(option)' takes no value"
        case .unknownExchange(let name, let suggestion):
            "unknown exchange '\(name)'"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "; known: "
                    + ExchangeID.allCases.map(\.name).joined(separator: ", "))
        case .unknownChannel(let name, let exchange, let suggestion):
            "unknown channel '\(name)' for \(exchange.name)" + Self.didYouMean(suggestion)
        case .channelNotOnExchange(let channel, let exchange, let hint):
            "\(exchange.name) has no '\(channel.name)' channel in this version" + (hint.map { "; \($0)" } ?? "")
        case .invalidMarket(let text, let exchange):
            "invalid market '\(text)' for \(exchange.name); write it like \(exchange == .bitstamp ? "'btcusd' or 'BTC-USD'" : "'BTC-EUR'")"
        case .missingArgument(let what): "missing \(what)"
        case .unexpectedArgument(let text): "unexpected argument '\(text)'"
        case .unknownCommand(let word, let suggestion): "unknown command '\(word)'" + Self.didYouMean(suggestion)
        case .conflictingOptions(let first, let second): "options '\(first)' and '\(second)' cannot be used together"
        case .unreadableFile(let option, let path, let reason): "cannot read \(option) file '\(path)': \(reason)"
        case .optionNeedsChannel(let option, let channel):
            "option '\(option)' only applies to the '\(channel.name)' channel"
        case .csvNeedsOneType(let channels):
            "CSV holds one event type per file, but '\(channels.joined(separator: ","))' print several; "
                + "use --format jsonl, one channel per run, or -o with a {type} placeholder"
        case .marketForAccountWideChannel(let market, let channel):
            "unexpected market '\(market)': '\(channel)' is account-wide and takes no market"
        case .missingCredentials(let exchange, let channel):
            "'\(channel.name)' is private and needs \(exchange.name) API credentials: set "
                + "\(Credentials.keyVariable(exchange)) and \(Credentials.secretVariable(exchange)), or pass --credentials FILE"
        case .credentialsFile(let path, let problem): "cannot use --credentials file '\(path)': \(problem)"
        case .unknownField(let field, let valid):
            "unknown field '\(field)'; valid fields: " + valid.joined(separator: ",")
        case .unknownQuery(let word, let exchange, let suggestion):
            Self.unknownQuery(word, exchange, suggestion)
        case .unknownMarket(let market, let exchange, let suggestions):
            "\(exchange.name) has no market '\(market)'"
                + (suggestions.isEmpty
                    ? "" : "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?")
        }
    }

    private static func unknownQuery(_ word: String, _ exchange: ExchangeID, _ suggestion: String?) -> String {
        let names = QueryKind.available(on: exchange).map(\.rawValue).joined(separator: ", ")
        return "unknown query '\(word)' for \(exchange.name)" + didYouMean(suggestion) + "; one of: " + names
    }

    private static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }
}
