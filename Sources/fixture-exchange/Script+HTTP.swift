extension Script {
    /// Statuses an `http-get` route may answer with: final statuses that carry a body.
    static let routeStatuses = (200...599).filter { $0 != 204 && $0 != 304 }

    /// Parses `http-get <path> <status> <file> [<file>...]`; `readFile` returns a file's bytes, or nil.
    static func httpRoute(
        _ argument: String, existing: [HTTPRoute], readFile: (String) -> [UInt8]?
    ) throws(ParseFailure) -> HTTPRoute {
        let words = argument.split(separator: " ").map(String.init)
        guard words.count >= 3 else {
            throw ParseFailure(
                "'http-get' needs a path, a status and at least one file, as '/api/v2/x/ 200 bitstamp/x.json'")
        }
        let path = try routePath("http-get", words[0])
        guard !existing.contains(where: { $0.path == path }) else {
            throw ParseFailure("'http-get' for '\(path)' is declared twice")
        }
        guard let status = Int(words[1]), routeStatuses.contains(status) else {
            throw ParseFailure("'http-get' status '\(words[1])' is not 200-599 (204 and 304 carry no body)")
        }
        var bodies: [HTTPRoute.Body] = []
        for file in words.dropFirst(2) {
            guard let bytes = readFile(file) else { throw ParseFailure("cannot read file '\(file)'") }
            bodies.append(HTTPRoute.Body(file: file, bytes: bytes))
        }
        return HTTPRoute(path: path, status: status, bodies: bodies)
    }

    /// Parses `wait-http <path> <count>`.
    static func waitHTTPDirective(_ argument: String) throws(ParseFailure) -> Directive {
        let words = argument.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard words.count == 2, let count = Int(words[1]), count >= 1 else {
            throw ParseFailure("'wait-http' needs a path and a count of at least 1, as '/api/v2/order_book/btcusd/ 1'")
        }
        return .waitHTTP(path: try routePath("wait-http", words[0]), count: count)
    }

    /// Checks that every `wait-http` waits for a path some `http-get` serves (it could never finish otherwise).
    static func checkWaits(_ script: Script, lines: [(number: Int, path: String)]) throws(ScriptError) {
        for wait in lines where !script.httpRoutes.contains(where: { $0.path == wait.path }) {
            throw .invalidLine(
                number: wait.number, reason: "'wait-http' waits for '\(wait.path)', which no 'http-get' serves")
        }
    }

    /// Adds the routes of `defaults` (a `--routes` file) whose paths this session does not serve itself.
    mutating func addRoutes(of defaults: Script) throws(ScriptError) {
        guard defaults.directives.isEmpty, defaults.handshake == .accept else {
            throw .notRoutesOnly
        }
        httpRoutes += defaults.httpRoutes.filter { route in !httpRoutes.contains { $0.path == route.path } }
    }

    private static func routePath(_ keyword: String, _ path: String) throws(ParseFailure) -> String {
        guard path.hasPrefix("/"), !path.contains("?"), !path.contains("#") else {
            throw ParseFailure("'\(keyword)' path '\(path)' must start with '/' and have no query")
        }
        return path
    }
}
