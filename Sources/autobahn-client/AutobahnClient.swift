import StreamerCore

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Drives the fuzzingserver protocol: `/getCaseCount`, `/runCase?case=N&agent=A` for each case, `/updateReports`.
enum AutobahnClient {
    /// Runs with the process arguments and exits: 0 once the reports are written, 64 on a usage error, 1 otherwise.
    static func main() -> Never {
        do throws(AutobahnError) {
            let options = try AutobahnOptions.parse(Array(CommandLine.arguments.dropFirst()))
            try run(options)
            exit(0)
        } catch .help {
            print(AutobahnOptions.usage, terminator: "")
            exit(0)
        } catch {
            printError("autobahn-client: \(error)")
            if case .usage = error { exit(64) }
            exit(1)
        }
    }

    private static func run(_ options: AutobahnOptions) throws(AutobahnError) {
        let base = options.server.hasSuffix("/") ? String(options.server.dropLast()) : options.server
        guard let baseURL = WebSocketURL(base), !baseURL.secure, baseURL.path == "/" else {
            throw .badServerURL(options.server)
        }
        func connector(_ path: String) throws(AutobahnError) -> WebSocketConnector {
            guard let url = WebSocketURL(base + path) else { throw .badServerURL(base + path) }
            return WebSocketConnector(
                url: url, tls: TLSOptions(), maxMessageSize: options.maxMessageSize, stepTimeoutMilliseconds: 10_000,
                userAgent: "streamer-autobahn-client")
        }
        let agent = percentEncoded(options.agent)
        let count = try caseCount(connector("/getCaseCount"))
        let cases = options.cases ?? (count > 0 ? Array(1...count) : [])
        for number in cases {
            let echo = EchoCase(
                connector: try connector("/runCase?case=\(number)&agent=\(agent)"),
                timeoutSeconds: options.caseTimeoutSeconds)
            let started = ContinuousClock.now
            var echoed = 0
            let outcome = echo.run(echoed: &echoed)
            if options.verbose {
                let elapsed = started.duration(to: .now).components
                let milliseconds = elapsed.seconds * 1_000 + elapsed.attoseconds / 1_000_000_000_000_000
                printError("case \(number)/\(count): \(outcome); echoed \(echoed) in \(milliseconds) ms")
            }
        }
        try control(connector("/updateReports?agent=\(agent)"), path: "/updateReports")
    }

    /// Reads the one text message `/getCaseCount` sends.
    private static func caseCount(_ connector: WebSocketConnector) throws(AutobahnError) -> Int {
        let text = try control(connector, path: "/getCaseCount")
        guard let count = Int(text) else { throw .badCaseCount(text) }
        return count
    }

    /// Connects, collects text until the server closes, and returns it.
    @discardableResult
    private static func control(_ connector: WebSocketConnector, path: String) throws(AutobahnError) -> String {
        var text = ""
        do throws(WebSocketError) {
            let client = try connector.connect()
            while true {
                switch try client.next(timeoutMilliseconds: 60_000) {
                case .message(let message): text += String(decoding: message.bytes, as: UTF8.self)
                case .closed: return text
                case .idle:
                    client.close(.goingAway)
                    throw WebSocketError.transport(.timeout(peer: client.peerName, step: "waiting for \(path) from"))
                }
            }
        } catch {
            throw .control(path: path, error)
        }
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986 §2.3) for the query string.
    private static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
            }
        }
        return out
    }

    private static func printError(_ line: String) {
        fputs(line + "\n", stderr)
    }
}
