/// One `http-get <path> <status> <file>...` line: how the fixture answers plain GET requests for `path`.
struct HTTPRoute: Equatable, Sendable {
    /// One file a route answers with.
    struct Body: Equatable, Sendable {
        /// The path relative to `Fixtures/`, as written in the session.
        let file: String
        /// The file's bytes, sent as they are.
        let bytes: [UInt8]

        /// `text/html` for `.html` files, `application/json` otherwise.
        var contentType: String { file.hasSuffix(".html") ? "text/html" : "application/json" }
    }

    /// The request path that matches (the query is ignored), starting with `/`.
    let path: String
    /// The status every answer carries.
    let status: Int
    /// The bodies in turn: the n-th request gets the n-th file, and the last one repeats.
    let bodies: [Body]

    /// The body for the request with zero-based number `index`.
    func body(forRequest index: Int) -> Body {
        bodies[min(index, bodies.count - 1)]  // the parser guarantees at least one body
    }
}
