/// Finds an exchange's API credentials: a `--credentials` file, else the environment (DESIGN.md §2).
///
/// The file holds `NAME=value` lines with the same names as the environment variables (`BITSTAMP_API_KEY`,
/// `BITSTAMP_API_SECRET`, `BITVAVO_API_KEY`, `BITVAVO_API_SECRET`); blank lines and `#` comments are skipped, an
/// `export ` prefix and one pair of quotes around the value are allowed. Errors name lines, never values.
enum CredentialsLoader {
    /// The credentials for `exchange`, or nil when neither the file nor the environment has both parts.
    static func load(for exchange: ExchangeID, file: String?, environment: (String) -> String?) throws(UsageError)
        -> Credentials?
    {
        let keyName = Credentials.keyVariable(exchange)
        let secretName = Credentials.secretVariable(exchange)
        if let file {
            let bytes: [UInt8]
            switch PrivateFile.read(file) {
            case .success(let read): bytes = read
            case .failure(let problem): throw .credentialsFile(path: file, problem: problem.description)
            }
            let values = try parse(bytes, path: file)
            guard let key = values[keyName], let secret = values[secretName] else {
                throw .credentialsFile(path: file, problem: "it has no \(keyName) and \(secretName) lines")
            }
            return Credentials(key: key, secret: secret)
        }
        guard let key = environment(keyName), !key.isEmpty, let secret = environment(secretName), !secret.isEmpty
        else { return nil }
        return Credentials(key: key, secret: secret)
    }

    /// The file's `NAME=value` pairs.
    static func parse(_ bytes: [UInt8], path: String) throws(UsageError) -> [String: String] {
        let known = ExchangeID.allCases.flatMap { [Credentials.keyVariable($0), Credentials.secretVariable($0)] }
        var values: [String: String] = [:]
        for (index, rawLine) in String(decoding: bytes, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .enumerated() {
            var line = Substring(rawLine.trimmingWhitespace())
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = Substring(line.dropFirst(7).trimmingWhitespace()) }
            guard let equals = line.firstIndex(of: "=") else {
                throw .credentialsFile(path: path, problem: "line \(index + 1) is not NAME=value")
            }
            let name = String(line[..<equals].trimmingWhitespace())
            guard known.contains(name) else {
                throw .credentialsFile(
                    path: path,
                    problem: "line \(index + 1): unknown name; expected one of \(known.joined(separator: ", "))")
            }
            var value = Substring(line[line.index(after: equals)...].trimmingWhitespace())
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = value.dropFirst().dropLast()
            }
            guard !value.isEmpty else {
                throw .credentialsFile(path: path, problem: "line \(index + 1): \(name) is empty")
            }
            values[name] = String(value)
        }
        return values
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
