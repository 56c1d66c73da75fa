/// An `-o` path with strftime fields (UTC: `%Y %m %d %H %M %S %j %%`) and a `{type}` placeholder; files rotate when
/// the expanded path changes (`trades-%Y%m%d-%H.csv` rotates hourly).
public struct PathPattern: Equatable, Sendable {
    /// The pattern as typed.
    public let text: String

    /// A pattern.
    public init(_ text: String) { self.text = text }

    /// Whether the path changes with time.
    public var rotates: Bool { text.contains("%") }
    /// Whether each event type goes to its own file.
    public var splitsTypes: Bool { text.contains("{type}") }

    /// The path for an event of `type` at `time`.
    public func expand(at time: Timestamp, type: String) -> String {
        let seconds = time.value(in: .seconds)
        let days = seconds / 86_400 - (seconds % 86_400 < 0 ? 1 : 0)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Timestamp.civilDate(daysSinceEpoch: days)
        var out = ""
        var characters = text.makeIterator()
        while let character = characters.next() {
            if character == "{" && text.contains("{type}") {
                var name = ""
                while let next = characters.next(), next != "}" { name.append(next) }
                out += name == "type" ? type : "{\(name)}"
                continue
            }
            guard character == "%", let field = characters.next() else {
                out.append(character)
                continue
            }
            switch field {
            case "Y": out += pad(year, 4)
            case "m": out += pad(month, 2)
            case "d": out += pad(day, 2)
            case "H": out += pad(secondOfDay / 3600, 2)
            case "M": out += pad(secondOfDay / 60 % 60, 2)
            case "S": out += pad(secondOfDay % 60, 2)
            case "j": out += pad(days - Self.daysBefore(year: year) + 1, 3)
            case "%": out += "%"
            default: out += "%\(field)"
            }
        }
        return out
    }

    private func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Days from 1970-01-01 to January 1st of `year`.
    private static func daysBefore(year: Int64) -> Int64 {
        let y = year - 1
        return y * 365 + y / 4 - y / 100 + y / 400 - 719_162
    }
}
