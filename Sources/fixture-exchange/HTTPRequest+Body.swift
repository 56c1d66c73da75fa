extension HTTPRequest {
    /// The longest request body accepted (token requests carry a few bytes at most).
    static let maxBodyLength = 64 * 1024

    /// The body length the head declares: `Content-Length`, or 0 without one (RFC 9112 §6.3).
    func declaredBodyLength() throws(HTTPError) -> Int {
        guard value(of: "Transfer-Encoding") == nil else { throw .unsupportedBody("Transfer-Encoding") }
        guard let text = value(of: "Content-Length") else { return 0 }
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let length = Int(text)
        else { throw .unsupportedBody("Content-Length '\(EventLog.printable(text))'") }
        guard length <= Self.maxBodyLength else { throw .bodyTooLarge(limit: Self.maxBodyLength) }
        return length
    }

    /// Reads the declared body: `leftover` (the bytes that came behind the head) and what is still missing.
    func readBody(
        after leftover: [UInt8], from connection: any Connection, until deadline: ContinuousClock.Instant
    ) throws(HTTPError) -> [UInt8] {
        let length = try declaredBodyLength()
        var body = leftover
        while body.count < length {
            let result: ReadResult
            do {
                result = try connection.read(until: deadline)
            } catch {
                throw .connection(error)
            }
            guard case .bytes(let bytes) = result else {
                throw .bodyIncomplete(received: body.count, expected: length)
            }
            body += bytes
        }
        return Array(body.prefix(length))
    }
}
