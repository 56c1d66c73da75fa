import Synchronization

/// The session's `http-get` routes and how often each has been requested, shared by every connection:
/// plain HTTP connections answer from it, and `wait-http` in the WebSocket session waits on it.
final class HTTPRouteTable: Sendable {
    /// Requests per route: `claimed` picks the next file, `answered` is what `wait-http` counts.
    private struct Counter {
        var claimed = 0
        var answered = 0
    }

    private let routes: [String: HTTPRoute]
    private let counters = Mutex<[String: Counter]>([:])

    /// A table serving `routes` (their paths are unique; the parser checks).
    init(_ routes: [HTTPRoute]) {
        self.routes = Dictionary(routes.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The answer to `request`, and the route it counts for (nil for a 404 or 405, which count for nothing).
    func answer(_ request: HTTPRequest) -> (response: HTTPResponse, route: String?) {
        let path = String(request.target.prefix { $0 != "?" })
        guard let route = routes[path] else {
            return (.json(status: 404, body: #"{"status":"error","reason":"Not found"}"#), nil)
        }
        guard request.method == "GET" else {
            let body = #"{"status":"error","reason":"Method not allowed"}"#
            return (.json(status: 405, body: body, extraHeaders: [HeaderField(name: "Allow", value: "GET")]), nil)
        }
        let index = counters.withLock { counters in
            defer { counters[path, default: Counter()].claimed += 1 }
            return counters[path, default: Counter()].claimed
        }
        let body = route.body(forRequest: index)
        return (.file(status: route.status, body: body.bytes, contentType: body.contentType), path)
    }

    /// Records that a request for `route` has been answered (after its log line, so the log stays in order).
    func recordAnswered(_ route: String) {
        counters.withLock { $0[route, default: Counter()].answered += 1 }
    }

    /// How many requests for `route` have been answered so far.
    func answered(_ route: String) -> Int {
        counters.withLock { $0[route]?.answered ?? 0 }
    }
}

/// Lets exactly one WebSocket connection through under `--once`.
final class OnceGate: Sendable {
    private let taken = Mutex(false)

    /// True for the first caller only.
    func claim() -> Bool {
        taken.withLock { taken in
            defer { taken = true }
            return !taken
        }
    }
}
