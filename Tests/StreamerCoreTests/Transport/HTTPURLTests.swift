import Testing

@testable import StreamerCore

/// Parsing http(s) URLs, joining paths and encoding query values.
struct HTTPURLTests {
    @Test(
        arguments: [
            (
                "https://www.bitstamp.net/api/v2/order_book/btcusd/", true, "www.bitstamp.net", 443,
                "/api/v2/order_book/btcusd/", nil
            ),
            ("http://127.0.0.1:8080", false, "127.0.0.1", 8080, "/", nil),
            ("HTTP://Example.com?x=1", false, "Example.com", 80, "/", "x=1"),
            ("http://[::1]:9000/a?b=c#frag", false, "::1", 9000, "/a", "b=c"),
            ("https://localhost:443/p?", true, "localhost", 443, "/p", ""),
        ] as [(String, Bool, String, Int, String, String?)])
    func parses(text: String, secure: Bool, host: String, port: Int, path: String, query: String?) throws {
        let url = try #require(HTTPURL(text))
        #expect(url.secure == secure && url.host == host && url.port == port)
        #expect(url.path == path && url.query == query)
    }

    @Test(arguments: [
        "ws://host/", "https://", "https:///path", "http://host:0/", "http://host:65536/", "http://host:8a/",
        "http://user@host/", "http://ho st/", "http://[::1/", "http://[zz]/", "http://[::1]x/", "http://héllo/",
    ])
    func refuses(text: String) {
        #expect(HTTPURL(text) == nil)
    }

    @Test func writesTheHostHeaderWithThePortOnlyWhenItIsNotTheDefault() throws {
        #expect(try #require(HTTPURL("https://www.bitstamp.net/")).hostHeader == "www.bitstamp.net")
        #expect(try #require(HTTPURL("http://127.0.0.1:8080/")).hostHeader == "127.0.0.1:8080")
        #expect(try #require(HTTPURL("http://[::1]:8080/")).hostHeader == "[::1]:8080")
        #expect(try #require(HTTPURL("https://[::1]/x?y=1")).description == "https://[::1]/x?y=1")
    }

    @Test(arguments: [
        ("https://h/api/v2", "order_book/btcusd/"), ("https://h/api/v2/", "order_book/btcusd/"),
        ("https://h/api/v2/", "/order_book/btcusd/"), ("https://h/api/v2", "/order_book/btcusd/"),
    ])
    func joinsPathsWithExactlyOneSlash(base: String, suffix: String) throws {
        let url = try #require(HTTPURL(base)).appending(path: suffix)
        #expect(url.path == "/api/v2/order_book/btcusd/")
    }

    @Test func appendsToTheRootAndKeepsAnEmptySuffixAsIs() throws {
        let root = try #require(HTTPURL("http://127.0.0.1:8080"))
        #expect(
            root.appending(path: "api/v2/trading-pairs-info/").description
                == "http://127.0.0.1:8080/api/v2/trading-pairs-info/")
        #expect(root.appending(path: "") == root)
    }

    @Test func percentEncodesQueryValuesAndKeepsAnExistingQuery() throws {
        let base = try #require(HTTPURL("https://www.bitstamp.net/api/v2?a=1"))
        let url = base.appending(
            path: "order_book/btcusd-perp/", query: [("group", "1"), ("_", "1795000002"), ("q", "a b&c=d/é")])
        #expect(url.target == "/api/v2/order_book/btcusd-perp/?a=1&group=1&_=1795000002&q=a%20b%26c%3Dd%2F%C3%A9")
    }

    @Test func percentEncodesCharactersThatCannotStandInAPath() throws {
        let url = try #require(HTTPURL("http://h/")).appending(path: "a b/100%?#")
        #expect(url.path == "/a%20b/100%25%3F%23")
    }

    @Test func takesTheOriginOfAWebSocketEndpoint() throws {
        let socket = try #require(WebSocketURL("wss://127.0.0.1:8443/v2/"))
        #expect(HTTPURL(origin: socket).description == "https://127.0.0.1:8443/")
        let plain = try #require(WebSocketURL("ws://[::1]:80"))
        #expect(HTTPURL(origin: plain).description == "http://[::1]/")
    }
}
