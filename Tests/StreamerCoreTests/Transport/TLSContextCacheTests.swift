import Testing

@testable import StreamerCore

/// One OpenSSL context per set of TLS options for the process (the CA store is parsed once).
@Suite struct TLSContextCacheTests {
    /// The committed test CA, found from this file (Tests/StreamerCoreTests/Transport/ → Fixtures/tls/ca.pem).
    static let caFile: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)
        return (parts + ["Fixtures", "tls", "ca.pem"]).joined(separator: "/")
    }()

    @Test func theSameOptionsShareOneContextAndOtherOptionsGetTheirOwn() throws {
        let verified = TLSOptions(extraCAFile: Self.caFile)
        let first = try TLSContextCache.context(for: verified, peer: "test")
        #expect(try TLSContextCache.context(for: verified, peer: "test") == first)
        let insecure = try TLSContextCache.context(for: TLSOptions(insecure: true), peer: "test")
        let systemOnly = try TLSContextCache.context(for: TLSOptions(), peer: "test")
        #expect(insecure != first && systemOnly != first && systemOnly != insecure)
    }

    @Test func anUnreadableCAFileFailsEveryTimeAndIsNotCached() {
        let missing = TLSOptions(extraCAFile: "/nonexistent/streamer-test-ca.pem")
        for _ in 0..<2 {
            #expect(throws: TransportError.self) { try TLSContextCache.context(for: missing, peer: "test") }
        }
    }
}
