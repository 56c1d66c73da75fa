import COpenSSL

/// Reads OpenSSL's thread-local error queue into words a log line can carry.
enum OpenSSLError {
    /// Empties the queue and returns its entries joined by "; " (or `fallback` if it was empty).
    static func drain(fallback: String = "unknown error") -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            guard code != 0 else { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? fallback : messages.joined(separator: "; ")
    }
}
