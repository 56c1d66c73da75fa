/// A Bitvavo WebSocket `authenticate` action (exchange-messages.md §B.4):
/// `{"action":"authenticate","key":"…","signature":"…","timestamp":1548175200641,"window":10000}`.
struct BitvavoAuthRequest: Equatable, Sendable {
    /// The members the action must have; besides them only an integer `requestId` may come.
    static let members: Set<String> = ["action", "key", "signature", "timestamp", "window"]
    /// The allowed `window`, in ms (error 303 outside it).
    static let windows: ClosedRange<Int64> = 100...60_000
    /// The success reply.
    static let successReply = #"{"event":"authenticate","authenticated":true}"#

    let key: String
    let signature: String
    /// Unix time in ms, a JSON integer.
    let timestamp: Int64
    /// The access window in ms: a JSON integer or a string of digits (the Python SDK sends a string).
    let window: Int64

    /// Reads an `authenticate` action; nil if `text` is not one with the five members, well typed.
    init?(_ text: String) {
        guard let members = FlatJSON.object(text), Set(members.keys).subtracting(["requestId"]) == Self.members,
            members["requestId"].map(Self.isInteger) ?? true,
            members["action"] == .string("authenticate"),
            case .string(let key) = members["key"], case .string(let signature) = members["signature"],
            case .number(let timestampText) = members["timestamp"], let timestamp = Int64(timestampText)
        else { return nil }
        switch members["window"] {
        case .number(let text), .string(let text):
            guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let window = Int64(text)
            else { return nil }
            self.window = window
        default: return nil
        }
        self.key = key
        self.signature = signature
        self.timestamp = timestamp
    }

    private static func isInteger(_ value: FlatJSONValue) -> Bool {
        if case .number(let text) = value { Int64(text) != nil } else { false }
    }

    /// The signed message: `<timestamp>GET/v2/websocket`.
    static func signedMessage(timestamp: Int64) -> String {
        "\(timestamp)GET/v2/websocket"
    }

    /// Checks key, window, clock and signature in that order, against `credentials` at `nowMilliseconds`.
    func verify(credentials: APICredentials, nowMilliseconds: Int64) -> Result<Void, BitvavoAuthRefusal> {
        guard key == credentials.key else { return .failure(.keyNotFound) }
        guard Self.windows.contains(window) else { return .failure(.windowOutOfRange) }
        let (offset, overflow) = nowMilliseconds.subtractingReportingOverflow(timestamp)
        guard !overflow, offset.magnitude <= window.magnitude else { return .failure(.outsideWindow) }
        guard signature.utf8.count == 64 else { return .failure(.signatureLength) }
        let expected = HMACSHA256.hex(key: credentials.secret, message: Self.signedMessage(timestamp: timestamp))
        guard let expected, signature == expected else { return .failure(.invalidSignature) }  // lowercase hex only
        return .success(())
    }
}
