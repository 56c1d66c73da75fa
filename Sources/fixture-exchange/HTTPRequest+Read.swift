extension HTTPRequest {
    /// The longest request head accepted.
    static let maxHeadLength = 16 * 1024

    /// Reads one request head from `connection`; also returns any bytes that arrived after it
    /// (a client may send its first frames right behind the Upgrade request).
    static func read(
        from connection: any Connection,
        until deadline: ContinuousClock.Instant
    ) throws(HTTPError) -> (request: HTTPRequest, leftover: [UInt8]) {
        var received: [UInt8] = []
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        var searchFrom = 0
        while true {
            let result: ReadResult
            do {
                result = try connection.read(until: deadline)
            } catch {
                throw .connection(error)
            }
            switch result {
            case .bytes(let bytes): received += bytes
            case .endOfStream: throw .closedEarly(bytesReceived: received.count)
            case .timedOut: throw .timedOut
            }
            if let end = firstIndex(of: terminator, in: received, from: searchFrom) {
                guard let head = String(validating: received[..<end], as: UTF8.self) else { throw .notUTF8 }
                return (try HTTPRequest(head: head), Array(received[(end + terminator.count)...]))
            }
            guard received.count <= maxHeadLength else { throw .headTooLarge(limit: maxHeadLength) }
            searchFrom = max(0, received.count - terminator.count + 1)
        }
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in start...(haystack.count - needle.count)
        where haystack[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }
}
