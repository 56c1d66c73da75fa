import Foundation
import Testing

@testable import StreamerCore

/// `--credentials FILE` and the environment (issue 8): formats, refusals, and errors that never quote a value.
@Suite struct CredentialsLoaderTests {
    private func file(_ text: String, mode: Int) throws -> String {
        let path = NSTemporaryDirectory() + "streamer-credentials-\(UUID().uuidString)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func readsTheFileFormat() throws {
        let path = try file(
            """
            # streamer credentials
            export BITSTAMP_API_KEY = "abc123"
            BITSTAMP_API_SECRET='s3cr3t=with=equals'

            BITVAVO_API_KEY=vk
            BITVAVO_API_SECRET=vs\r
            """, mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bitstamp = try CredentialsLoader.load(for: .bitstamp, file: path) { _ in "from-env" }
        #expect(bitstamp?.key == "abc123")
        #expect(bitstamp?.withSecret { String(decoding: $0, as: UTF8.self) } == "s3cr3t=with=equals")
        let bitvavo = try CredentialsLoader.load(for: .bitvavo, file: path) { _ in nil }
        #expect(bitvavo?.withSecret { String(decoding: $0, as: UTF8.self) } == "vs")
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660])
    func refusesAFileOthersCanRead(mode: Int) throws {
        let path = try file("BITSTAMP_API_KEY=k\nBITSTAMP_API_SECRET=topsecret\n", mode: mode)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try CredentialsLoader.load(for: .bitstamp, file: path) { _ in nil }
            Issue.record("mode \(String(mode, radix: 8)) was accepted")
        } catch {
            #expect("\(error)".contains("chmod 600"))
            #expect(!"\(error)".contains("topsecret"))
        }
    }

    @Test func acceptsModes0600And0400() throws {
        for mode in [0o600, 0o400] {
            let path = try file("BITSTAMP_API_KEY=k\nBITSTAMP_API_SECRET=v\n", mode: mode)
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(try CredentialsLoader.load(for: .bitstamp, file: path) { _ in nil }?.key == "k")
        }
    }

    @Test(arguments: [
        ("BITSTAMP_API_KEY=k\nBITSTAMP_API_SECRET topsecret\n", "line 2 is not NAME=value"),
        ("BITSTAMP_API_KEY=k\nBITSTAMP_SECRET=topsecret\n", "line 2: unknown name"),
        ("BITSTAMP_API_KEY=k\n", "no BITSTAMP_API_KEY and BITSTAMP_API_SECRET lines"),
        ("BITSTAMP_API_KEY=k\nBITSTAMP_API_SECRET=\n", "BITSTAMP_API_SECRET is empty"),
    ])
    func explainsABadFileWithoutQuotingValues(text: String, expected: String) throws {
        let path = try file(text, mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: UsageError.self) { try CredentialsLoader.load(for: .bitstamp, file: path) { _ in nil } }
        do { _ = try CredentialsLoader.load(for: .bitstamp, file: path) { _ in nil } } catch {
            #expect("\(error)".contains(expected))
            #expect(!"\(error)".contains("topsecret"))
        }
    }

    @Test func aMissingFileIsNamed() {
        do {
            _ = try CredentialsLoader.load(for: .bitstamp, file: "/nonexistent/keys") { _ in nil }
            Issue.record("accepted a missing file")
        } catch {
            #expect("\(error)" == "cannot use --credentials file '/nonexistent/keys': No such file or directory")
        }
    }

    @Test func fallsBackToTheEnvironmentOnlyWithBothParts() throws {
        let both = ["BITVAVO_API_KEY": "k", "BITVAVO_API_SECRET": "s"]
        #expect(try CredentialsLoader.load(for: .bitvavo, file: nil) { both[$0] }?.key == "k")
        #expect(try CredentialsLoader.load(for: .bitvavo, file: nil) { ["BITVAVO_API_KEY": "k"][$0] } == nil)
        #expect(try CredentialsLoader.load(for: .bitstamp, file: nil) { both[$0] } == nil)
    }
}
