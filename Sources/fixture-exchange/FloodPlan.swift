import Foundation

/// Why a `--flood` file cannot be used.
enum FloodError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case sequenceTooNarrow(start: UInt64, count: Int)

    var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): \(reason)"
        case .empty(let path): "\(path): no non-empty lines to flood"
        case .sequenceTooNarrow(let start, let count):
            "'--flood-seq-start \(start)' has too few digits for \(count) messages"
        }
    }
}

/// The frames of flood mode, encoded once: the lines of a file as text frames, round robin, in one large
/// buffer that is written with a few big writes (`fixture-exchange --flood FILE --flood-count N`).
///
/// `{seq}` in a line is replaced by `sequenceStart` plus the message's index, zero-padded to the digit
/// count of `sequenceStart`, so streams that drop repeated sequence values (Bitstamp diffs keyed by
/// `microtimestamp`) still advance. Those digits are the only per-message work: they are patched in place.
struct FloodPlan: Sendable {
    /// The placeholder a line may contain.
    static let placeholder = Array("{seq}".utf8)
    /// About how many bytes one chunk (one `write`) holds; at least one pass over the lines.
    static let chunkBytes = 1 << 20

    /// How many messages to send to each client.
    let count: Int
    /// The value `{seq}` takes in the first message.
    let sequenceStart: UInt64
    /// The encoded frames of one chunk: whole passes over the lines.
    let chunk: [UInt8]
    /// Where each message of the chunk ends (exclusive).
    let messageEnds: [Int]
    /// For each `{seq}` field in the chunk: the message it belongs to and the offset of its first digit.
    let fields: [(message: Int, offset: Int)]
    /// The digits of every `{seq}` value.
    let sequenceWidth: Int

    /// Messages in one chunk.
    var messagesPerChunk: Int { messageEnds.count }

    /// Loads the non-empty lines of `path` and encodes them as a chunk of frames.
    static func load(path: String, count: Int, sequenceStart: UInt64) throws(FloodError) -> FloodPlan {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        let lines = text.split(separator: "\n").map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw .empty(path: path) }
        return try FloodPlan(lines: lines.map(String.init), count: count, sequenceStart: sequenceStart)
    }

    /// Encodes `lines` round robin into a chunk of about `chunkBytes`.
    init(lines: [String], count: Int, sequenceStart: UInt64) throws(FloodError) {
        let width = String(sequenceStart).count
        let last = sequenceStart.addingReportingOverflow(UInt64(max(count, 1) - 1))
        guard !last.overflow, String(last.partialValue).count == width else {
            throw .sequenceTooNarrow(start: sequenceStart, count: count)
        }
        // One pass: each line's frame with `{seq}` widened to `width` zeros, and where those digits sit.
        var pass: [[UInt8]] = []
        var passFields: [[Int]] = []
        for line in lines {
            let (payload, offsets) = FloodPlan.expand(Array(line.utf8), width: width)
            let frame = FrameEncoder.frame(opcode: .text, payload: payload)
            let header = frame.count - payload.count
            pass.append(frame)
            passFields.append(offsets.map { $0 + header })
        }
        let passBytes = pass.reduce(0) { $0 + $1.count }
        let passes = max(1, (FloodPlan.chunkBytes + passBytes - 1) / passBytes)
        var chunk: [UInt8] = []
        chunk.reserveCapacity(passes * passBytes)
        var ends: [Int] = []
        var fields: [(message: Int, offset: Int)] = []
        for _ in 0..<passes {
            for (frame, offsets) in zip(pass, passFields) {
                for offset in offsets { fields.append((ends.count, chunk.count + offset)) }
                chunk += frame
                ends.append(chunk.count)
            }
        }
        self.count = count
        self.sequenceStart = sequenceStart
        self.chunk = chunk
        self.messageEnds = ends
        self.fields = fields
        self.sequenceWidth = width
    }

    /// `payload` with every `{seq}` replaced by `width` zeros, and the offsets of those zeros.
    private static func expand(_ payload: [UInt8], width: Int) -> (bytes: [UInt8], offsets: [Int]) {
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        var index = 0
        while index < payload.count {
            if payload[index] == placeholder[0], payload[index...].starts(with: placeholder) {
                offsets.append(bytes.count)
                bytes += repeatElement(UInt8(ascii: "0"), count: width)
                index += placeholder.count
            } else {
                bytes.append(payload[index])
                index += 1
            }
        }
        return (bytes, offsets)
    }

    /// Writes the `{seq}` digits of the chunk's messages for a chunk starting at message `first`.
    func patch(_ chunk: inout [UInt8], first: Int) {
        guard !fields.isEmpty else { return }
        let width = sequenceWidth
        let start = sequenceStart &+ UInt64(first)
        chunk.withUnsafeMutableBufferPointer { buffer in
            for field in fields {
                var value = start &+ UInt64(field.message)
                var position = field.offset + width - 1
                while position >= field.offset {
                    buffer[position] = UInt8(truncatingIfNeeded: value % 10) &+ 0x30
                    value /= 10
                    position -= 1
                }
            }
        }
    }
}
