/// A command-line mistake; printed as `fixture-exchange: <description> (see 'fixture-exchange --help')`.
enum UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownOption(String)
    case missingValue(option: String)
    case invalidValue(option: String, value: String)
    case missingSessionFile
    case extraArgument(String)
    case tlsNeedsCertificateAndKey
    case certificateWithoutTLS
    case floodWithSessionFile(String)
    case floodOptionWithoutFlood(String)
    /// Only one of `--api-key` and `--api-secret`, or `--user-id` without them.
    case credentialsIncomplete

    var description: String {
        switch self {
        case .unknownOption(let option): "unknown option '\(option)'"
        case .missingValue(let option): "option '\(option)' needs a value"
        case .invalidValue(let option, let value): "invalid value '\(value)' for '\(option)'"
        case .missingSessionFile: "no session file given"
        case .extraArgument(let argument): "unexpected argument '\(argument)'; give exactly one session file"
        case .tlsNeedsCertificateAndKey: "'--tls' needs '--cert FILE' and '--key FILE'"
        case .certificateWithoutTLS: "'--cert' and '--key' only make sense with '--tls'"
        case .floodWithSessionFile(let file):
            "'--flood' replaces the session file '\(file)'; serve REST routes with '--routes FILE'"
        case .floodOptionWithoutFlood(let option): "'\(option)' only makes sense with '--flood FILE'"
        case .credentialsIncomplete: "'--api-key' and '--api-secret' go together ('--user-id' needs both)"
        }
    }
}

/// The validated command line:
/// `[--port N] [--tls --cert FILE --key FILE] [--once] [--pace DURATION] [--routes FILE]...
/// [--api-key KEY --api-secret SECRET [--user-id N]] SESSION_FILE`, or flood mode: `--flood FILE [--flood-count N] [--flood-seq-start N]` in place of SESSION_FILE.
struct Options: Equatable, Sendable {
    var port: UInt16 = 0
    var tls = false
    var certificateFile: String?
    var keyFile: String?
    var once = false
    var pace: Duration?
    var sessionFile = ""
    /// Session files whose `http-get` routes are served too (the session's own routes win on the same path).
    var routeFiles: [String] = []
    var showHelp = false
    /// Flood mode: the file whose lines are sent as text frames, round robin (no session file then).
    var floodFile: String?
    /// Flood mode: messages sent to each client before Close 1000.
    var floodCount = 1_000_000
    /// Flood mode: the first value of `{seq}` in the flood lines (its digit count is the field width).
    var floodSequenceStart: UInt64 = 1_700_000_000_000_000
    /// `--api-key`, `--api-secret` and `--user-id`: the token endpoint and the auth directives check these.
    var credentials: APICredentials?

    /// Parses the arguments after the program name; `--opt value` and `--opt=value` both work.
    static func parse(_ arguments: [String]) throws(UsageError) -> Options {
        var options = Options()
        var positional: [String] = []
        var floodOptions: [String] = []
        var (apiKey, apiSecret, userID): (String?, String?, Int?) = (nil, nil, nil)
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument.hasPrefix("-"), argument != "-" else {
                positional.append(argument)
                continue
            }
            let parts = argument.split(separator: "=", maxSplits: 1)
            let name = String(parts[0])
            var inlineValue = parts.count == 2 ? String(parts[1]) : nil
            /// The option's value: after `=`, or the next argument.
            func value() throws(UsageError) -> String {
                if let inline = inlineValue {
                    inlineValue = nil
                    return inline
                }
                guard let next = remaining.popFirst() else { throw .missingValue(option: name) }
                return next
            }
            switch name {
            case "--port":
                let text = try value()
                guard let port = UInt16(text) else { throw .invalidValue(option: name, value: text) }
                options.port = port
            case "--tls": options.tls = true
            case "--cert": options.certificateFile = try value()
            case "--key": options.keyFile = try value()
            case "--once": options.once = true
            case "--routes": options.routeFiles.append(try value())
            case "--pace":
                let text = try value()
                guard let pace = Duration(parsing: text) else { throw .invalidValue(option: name, value: text) }
                options.pace = pace
            case "--flood": options.floodFile = try value()
            case "--flood-count":
                let text = try value()
                guard let count = Int(text), count > 0 else { throw .invalidValue(option: name, value: text) }
                options.floodCount = count
                floodOptions.append(name)
            case "--flood-seq-start":
                let text = try value()
                guard let start = UInt64(text), start > 0 else { throw .invalidValue(option: name, value: text) }
                options.floodSequenceStart = start
                floodOptions.append(name)
            case "--api-key":
                let text = try value()
                guard !text.isEmpty else { throw .invalidValue(option: name, value: text) }
                apiKey = text
            case "--api-secret":
                let text = try value()
                guard !text.isEmpty else { throw .invalidValue(option: name, value: "") }  // never echo a secret
                apiSecret = text
            case "--user-id":
                let text = try value()
                guard let id = Int(text), id > 0 else { throw .invalidValue(option: name, value: text) }
                userID = id
            case "--help", "-h": options.showHelp = true
            case "--":
                positional += remaining
                remaining = []
            default: throw .unknownOption(argument)
            }
            if inlineValue != nil { throw .invalidValue(option: name, value: inlineValue ?? "") }
        }
        if options.showHelp { return options }
        switch (apiKey, apiSecret) {
        case (let key?, let secret?):
            options.credentials = APICredentials(
                key: key, secret: secret, userID: userID ?? APICredentials.defaultUserID)
        case (nil, nil) where userID == nil: break
        default: throw .credentialsIncomplete
        }
        if options.tls && (options.certificateFile == nil || options.keyFile == nil) {
            throw .tlsNeedsCertificateAndKey
        }
        if !options.tls && (options.certificateFile != nil || options.keyFile != nil) { throw .certificateWithoutTLS }
        if options.floodFile != nil {
            if let session = positional.first { throw .floodWithSessionFile(session) }
            return options
        }
        if let option = floodOptions.first { throw .floodOptionWithoutFlood(option) }
        guard let session = positional.first else { throw .missingSessionFile }
        guard positional.count == 1 else { throw .extraArgument(positional[1]) }
        options.sessionFile = session
        return options
    }
}
