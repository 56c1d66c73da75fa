import COpenSSL

/// Reads OpenSSL's thread-local error queue into one message.
enum OpenSSLErrors {
    /// Drains the queue, joining each reason (for example "certificate verify failed") with "; ".
    static func drain() -> String {
        var reasons: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if let reason = ERR_reason_error_string(code) {
                reasons.append(String(cString: reason))
            } else {
                ERR_error_string_n(code, &buffer, buffer.count)
                reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
        }
        return reasons.joined(separator: "; ")
    }
}
