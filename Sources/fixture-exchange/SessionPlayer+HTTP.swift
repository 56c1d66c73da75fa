extension SessionPlayer {
    /// How long `wait-http` waits for the requests, like `expect-text`.
    static let waitHTTPTimeout: Duration = .seconds(10)
    /// How often `wait-http` looks at the request count while it keeps the WebSocket serviced.
    static let waitHTTPPollInterval: Duration = .milliseconds(5)

    /// `wait-http`: blocks until the route `path` has been requested `count` times in all, answering pings and
    /// keeping client messages for the next `expect-text` meanwhile; fails like an expectation after the timeout.
    func waitHTTP(path: String, count: Int) -> Step {
        let deadline = ContinuousClock.now + Self.waitHTTPTimeout
        while true {
            let seen = routes.answered(path)
            if seen >= count {
                log.write("wait-http ok \(path) \(count)")
                return .next
            }
            guard ContinuousClock.now < deadline else {
                log.write("wait-http FAILED: wanted \(count) GET \(path) got \(seen)")
                return failAndClose(reason: "missing HTTP request")
            }
            guard idle(until: min(deadline, .now + Self.waitHTTPPollInterval)) == .next else { return .finished }
        }
    }
}
