/// Reads one HTTP/1.1 response incrementally (RFC 9112).
///
/// Feed it whatever the socket returned; it says when the response is complete. Pure, so every framing rule
/// is testable without a socket.
struct HTTPResponseParser {
    /// The longest status line plus header section accepted.
    static let maxHeadBytes = 64 << 10
    /// The longest chunk-size or trailer line accepted.
    static let maxLineBytes = 8 << 10

    private enum State {
        case head
        case fixed(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers(bytesSoFar: Int)
        case untilEOF
        case done
    }

    private let url: HTTPURL
    private let maxBodyBytes: Int
    private var state = State.head
    private var pending: [UInt8] = []
    private var cursor = 0
    private var headSearchFrom = 0
    private var response = HTTPResponse(status: 0, reason: "")
    private var expectedLength = 0

    /// A parser for the response to a request for `url`, refusing bodies over `maxBodyBytes`.
    init(url: HTTPURL, maxBodyBytes: Int) {
        self.url = url
        self.maxBodyBytes = maxBodyBytes
    }

    /// Consumes `bytes`; returns the response once it is complete (bytes after it are ignored).
    mutating func append(_ bytes: some Collection<UInt8>) throws(HTTPError) -> HTTPResponse? {
        pending.append(contentsOf: bytes)
        defer {
            pending.removeFirst(cursor)
            headSearchFrom = max(0, headSearchFrom - cursor)
            cursor = 0
        }
        while try step() {}
        if case .done = state { return response }
        return nil
    }

    /// The response at end of stream: complete only when the body is read-to-EOF or already finished.
    mutating func finish() throws(HTTPError) -> HTTPResponse {
        switch state {
        case .done, .untilEOF:
            state = .done
            return response
        case .head where pending.isEmpty:
            throw malformed("the connection closed without a response")
        case .head:
            throw malformed("the connection closed inside the response head")
        case .fixed(let remaining):
            throw malformed("the connection closed after \(expectedLength - remaining) of \(expectedLength) body bytes")
        case .chunkSize, .chunkData, .chunkDataEnd, .trailers:
            throw malformed("the connection closed inside the chunked body after \(response.body.count) bytes")
        }
    }

    private func malformed(_ detail: String) -> HTTPError { .malformed(url: url, detail: detail) }

    private var available: Int { pending.count - cursor }

    /// Advances one state; false when more bytes are needed or the response is done.
    private mutating func step() throws(HTTPError) -> Bool {
        switch state {
        case .head:
            guard let end = headEnd() else {
                guard available <= Self.maxHeadBytes else {
                    throw malformed("the response head is over \(Self.maxHeadBytes) bytes")
                }
                return false
            }
            let head = pending[cursor..<end]
            cursor = end
            headSearchFrom = end
            try startBody(HTTPResponseHead(url: url, bytes: head))
            return true
        case .fixed(let remaining):
            let count = min(remaining, available)
            response.body.append(contentsOf: pending[cursor..<(cursor + count)])
            cursor += count
            state = remaining == count ? .done : .fixed(remaining: remaining - count)
            return remaining == count
        case .chunkSize:
            guard let line = try nextLine() else { return false }
            let size = try chunkSize(line)
            guard size <= maxBodyBytes - response.body.count else { throw .tooLarge(url: url, limit: maxBodyBytes) }
            state = size == 0 ? .trailers(bytesSoFar: 0) : .chunkData(remaining: size)
            return true
        case .chunkData(let remaining):
            let count = min(remaining, available)
            response.body.append(contentsOf: pending[cursor..<(cursor + count)])
            cursor += count
            state = remaining == count ? .chunkDataEnd : .chunkData(remaining: remaining - count)
            return remaining == count
        case .chunkDataEnd:
            guard let line = try nextLine() else { return false }
            guard line.isEmpty else { throw malformed("a chunk's data is not followed by CRLF") }
            state = .chunkSize
            return true
        case .trailers(let bytesSoFar):
            guard let line = try nextLine() else { return false }
            guard bytesSoFar + line.count <= Self.maxHeadBytes else {
                throw malformed("the trailer section is over \(Self.maxHeadBytes) bytes")
            }
            state = line.isEmpty ? .done : .trailers(bytesSoFar: bytesSoFar + line.count + 2)  // trailers are dropped
            return !line.isEmpty
        case .untilEOF:
            guard available <= maxBodyBytes - response.body.count else {
                throw .tooLarge(url: url, limit: maxBodyBytes)
            }
            response.body.append(contentsOf: pending[cursor...])
            cursor = pending.count
            return false
        case .done:
            return false
        }
    }

    /// Picks the body framing from the head (RFC 9112 §6.3), skipping 1xx interim responses.
    private mutating func startBody(_ head: HTTPResponseHead) throws(HTTPError) {
        if (100...199).contains(head.status) {
            guard head.status != 101 else { throw malformed("unexpected 101 Switching Protocols") }
            return  // interim (100 Continue, 103 Early Hints): the final response follows
        }
        response = HTTPResponse(status: head.status, reason: head.reason, headers: head.headers)
        switch try head.framing(maxBodyBytes: maxBodyBytes) {
        case .none: state = .done
        case .chunked: state = .chunkSize
        case .untilEOF: state = .untilEOF
        case .length(let length):
            expectedLength = length
            state = length == 0 ? .done : .fixed(remaining: length)
        }
    }

    /// The index just past the blank line ending the head (CRLF CRLF, or bare LF LF), if it has arrived.
    private mutating func headEnd() -> Int? {
        var index = max(cursor, headSearchFrom)
        while index < pending.count {
            defer { index += 1 }
            guard pending[index] == 0x0A else { continue }
            let rest = pending.count - index - 1
            if rest >= 1, pending[index + 1] == 0x0A { return index + 2 }
            if rest >= 2, pending[index + 1] == 0x0D, pending[index + 2] == 0x0A { return index + 3 }
            if rest == 0 || (rest == 1 && pending[index + 1] == 0x0D) {
                headSearchFrom = index  // undecided until more bytes arrive
                return nil
            }
        }
        headSearchFrom = pending.count
        return nil
    }

    /// The next line without its CRLF (or LF), or nil if it has not fully arrived.
    private mutating func nextLine() throws(HTTPError) -> ArraySlice<UInt8>? {
        guard let newline = pending[cursor...].firstIndex(of: 0x0A) else {
            guard available <= Self.maxLineBytes else {
                throw malformed("a chunk line is over \(Self.maxLineBytes) bytes")
            }
            return nil
        }
        var line = pending[cursor..<newline]
        if line.last == 0x0D { line = line.dropLast() }
        cursor = newline + 1
        return line
    }

    /// The size in a chunk-size line (RFC 9112 §7.1): hex digits, then optional extensions after `;`.
    private func chunkSize(_ line: ArraySlice<UInt8>) throws(HTTPError) -> Int {
        let digits = line.prefix { $0 != UInt8(ascii: ";") }.filter { $0 != 0x20 && $0 != 0x09 }
        var size = 0
        for digit in digits {
            let value: Int
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(digit - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(digit - UInt8(ascii: "A")) + 10
            default: throw malformed("invalid chunk size '\(HTTPResponseHead.printable(line))'")
            }
            guard size <= (Int.max - value) / 16 else { throw .tooLarge(url: url, limit: maxBodyBytes) }
            size = size * 16 + value
        }
        guard !digits.isEmpty else { throw malformed("invalid chunk size '\(HTTPResponseHead.printable(line))'") }
        return size
    }
}
