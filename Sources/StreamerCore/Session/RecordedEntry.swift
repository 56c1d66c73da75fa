/// One line of a recording after the header; `recv` is the local receive time in µs since the epoch.
///
///     {"recv":1795000002000000,"conn":1,"connected":true}
///     {"recv":1795000002100000,"conn":1,"text":"{\"event\":\"data\",...}"}
///     {"recv":1795000002150000,"snapshot":"BTC-USD","body":"{\"timestamp\":...}"}
///     {"recv":1795000002150000,"snapshot":"BTC-USD","error":"HTTP 503 ..."}
///     {"recv":1795000003000000,"tick":true}
///     {"recv":1795000009000000,"disconnect":true}
public enum RecordedEntry: Equatable, Sendable {
    /// Connection `connection` (numbered from 1) was opened; without a `disconnect` before it, a planned handover.
    case connected(recv: Timestamp, connection: Int)
    /// A text message exactly as received on connection `connection` (numbered from 1).
    case message(recv: Timestamp, connection: Int, text: [UInt8])
    /// The body of a REST book snapshot fetched at `recv` (Bitstamp `book`).
    case snapshot(recv: Timestamp, market: Market, body: [UInt8])
    /// A REST book snapshot that could not be fetched, with the reason the session reported.
    case snapshotFailed(recv: Timestamp, market: Market, reason: String)
    /// A clock tick at `recv` that printed something (a throttled book, a candle closed by time).
    case tick(recv: Timestamp)
    /// The connection was lost at `recv`: gap records followed and books resynced.
    case disconnect(recv: Timestamp)

    /// When it happened.
    public var recv: Timestamp {
        switch self {
        case .connected(let recv, _), .message(let recv, _, _), .snapshot(let recv, _, _),
            .snapshotFailed(let recv, _, _), .tick(let recv),
            .disconnect(let recv):
            recv
        }
    }

    /// Appends the entry as one JSON line; message and body bytes become JSON strings (RFC 8259 §7 escapes).
    public func append(to out: inout [UInt8]) {
        JSONWriter.appendRaw("{", to: &out)
        JSONWriter.appendKey("recv", to: &out)
        JSONWriter.appendRaw(String(recv.microseconds) + ",", to: &out)
        switch self {
        case .connected(_, let connection):
            JSONWriter.appendKey("conn", to: &out)
            JSONWriter.appendRaw(String(connection) + ",", to: &out)
            JSONWriter.appendKey("connected", to: &out)
            JSONWriter.appendRaw("true", to: &out)
        case .message(_, let connection, let text):
            JSONWriter.appendKey("conn", to: &out)
            JSONWriter.appendRaw(String(connection) + ",", to: &out)
            JSONWriter.appendKey("text", to: &out)
            JSONWriter.appendString(String(decoding: text, as: UTF8.self), to: &out)
        case .snapshot(_, let market, let body):
            JSONWriter.appendKey("snapshot", to: &out)
            JSONWriter.appendString(market.symbol, to: &out)
            JSONWriter.appendRaw(",", to: &out)
            JSONWriter.appendKey("body", to: &out)
            JSONWriter.appendString(String(decoding: body, as: UTF8.self), to: &out)
        case .snapshotFailed(_, let market, let reason):
            JSONWriter.appendKey("snapshot", to: &out)
            JSONWriter.appendString(market.symbol, to: &out)
            JSONWriter.appendRaw(",", to: &out)
            JSONWriter.appendKey("error", to: &out)
            JSONWriter.appendString(reason, to: &out)
        case .tick:
            JSONWriter.appendKey("tick", to: &out)
            JSONWriter.appendRaw("true", to: &out)
        case .disconnect:
            JSONWriter.appendKey("disconnect", to: &out)
            JSONWriter.appendRaw("true", to: &out)
        }
        JSONWriter.appendRaw("}\n", to: &out)
    }

    /// Parses an entry line (without its LF); unknown keys are ignored.
    public static func parse(_ line: [UInt8]) throws(RecordingError.Problem) -> RecordedEntry {
        try RecordingLine.parse(line) { (fields) throws(RecordingError.Problem) in
            let recv = Timestamp(try fields.integer("recv"), .microseconds)
            if fields.has("text") {
                return .message(recv: recv, connection: try connection(fields), text: try fields.bytes("text"))
            }
            if try fields.flag("connected") { return .connected(recv: recv, connection: try connection(fields)) }
            if fields.has("snapshot") {
                let symbol = try fields.string("snapshot")
                guard let market = Market.parse(symbol) else { throw .malformed("invalid market '\(symbol)'") }
                if fields.has("error") {
                    return .snapshotFailed(recv: recv, market: market, reason: try fields.string("error"))
                }
                return .snapshot(recv: recv, market: market, body: try fields.bytes("body"))
            }
            if try fields.flag("tick") { return .tick(recv: recv) }
            if try fields.flag("disconnect") { return .disconnect(recv: recv) }
            throw .malformed("expected \"text\", \"connected\", \"snapshot\", \"tick\" or \"disconnect\"")
        }
    }

    /// The connection number of a message or `connected` line.
    private static func connection(_ fields: RecordingLine) throws(RecordingError.Problem) -> Int {
        let number = try fields.integer("conn")
        guard number > 0, let connection = Int(exactly: number) else {
            throw .malformed("\"conn\" must be a positive whole number")
        }
        return connection
    }
}
