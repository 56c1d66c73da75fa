// libFuzzer target `frame`: arbitrary server bytes through `FrameParser` and every frame through
// `ConnectionStateMachine`, the way `WebSocketClient.drainBufferedFrames` drives them (complete frames to
// `received`, the frame still arriving to `receivedPartial`). Built by scripts/fuzz.sh, never by SwiftPM.
//
// Input: one configuration byte, then the bytes "the server sent".
//   bits 0-1  size cap (parser and machine): 125, 1 KiB, 64 KiB, 16 MiB (the client's default)
//   bits 2-4  read size: 1, 2, 3, 7, 16, 100, 1000 bytes, or everything at once
//   bits 5-6  parser's initial capacity: 1, 16, 256 bytes, 256 KiB (the default), so compaction and growth run
//   bit  7    bytes arrive through `append` instead of `fill` (the handshake's leftover path)
//
// Oracles besides the sanitizers: reading in pieces gives the same actions and the same end as one read of every
// byte (only the order of a fail-fast invalid-UTF-8 against another error of the same frame may differ);
// `bufferedCount` matches the bytes fed minus the frames taken; delivered text is valid UTF-8 by the standard
// library's validator; an `invalidUTF8` is only raised for a message (or close reason) that really is invalid, or,
// while it arrives, is no prefix of valid UTF-8; a pong echoes its ping; `UTF8Validation` agrees with
// `String(validating:)` on the whole input.

@testable import StreamerCore

/// What one run did: the actions in order, then the error that ended it (nil if the bytes ran out first).
private struct Outcome: Equatable {
    var actions: [ConnectionAction] = []
    var failure: FrameError?
}

private let caps = [125, 1 << 10, 64 << 10, 16 << 20]
private let readSizes = [1, 2, 3, 7, 16, 100, 1000, Int.max]
private let capacities = [1, 16, 256, 256 << 10]

/// Whether some bytes appended to `bytes` make it valid UTF-8 (only the byte after a lead is restricted further).
private func isValidPrefix(_ bytes: [UInt8]) -> Bool {
    if String(validating: bytes, as: UTF8.self) != nil { return true }
    for missing in 1...3 {
        for second in UInt8(0x80)...0xBF {
            let completion = [second] + repeatElement(0x80, count: missing - 1)
            if String(validating: bytes + completion, as: UTF8.self) != nil { return true }
        }
    }
    return false
}

/// The text message open in the machine, tracked independently so an `invalidUTF8` can be checked.
private struct TextModel {
    var text: [UInt8]?
    var open = false

    /// Notes a frame the machine accepted.
    mutating func accepted(_ frame: Frame) {
        switch frame.opcode {
        case .text, .binary:
            if !frame.fin {
                open = true
                text = frame.opcode == .text ? frame.payload : nil
            }
        case .continuation:
            text? += frame.payload
            if frame.fin {
                open = false
                text = nil
            }
        default:
            break
        }
    }

    /// Checks that the machine's `invalidUTF8` for `payload` of a frame with `opcode` (complete if `fin`) is right.
    func checkRejected(_ opcode: Opcode, _ payload: [UInt8], complete: Bool, fin: Bool) {
        if opcode == .close {
            guard complete, payload.count >= 2, String(validating: payload[2...], as: UTF8.self) == nil else {
                fatalError("close payload \(payload) refused as invalid UTF-8")
            }
            return
        }
        let message = (opcode == .continuation ? text ?? [] : []) + payload
        let valid = complete && fin ? String(validating: message, as: UTF8.self) != nil : isValidPrefix(message)
        if valid { fatalError("valid UTF-8 refused: \(message) (complete: \(complete), fin: \(fin))") }
    }
}

/// Drains every complete frame like `WebSocketClient.drainBufferedFrames`, then shows the machine the frame still
/// arriving; false once the connection is over.
private func drain(
    _ parser: inout FrameParser, _ machine: inout ConnectionStateMachine, _ model: inout TextModel,
    into outcome: inout Outcome, consumed: inout Int
) -> Bool {
    while true {
        let before = parser.bufferedCount
        let frame: Frame
        do {
            guard let next = try parser.next() else {
                try parser.withIncompleteFrame { (opcode, payload) throws(FrameError) in
                    do throws(FrameError) {
                        try machine.receivedPartial(opcode: opcode, payloadSoFar: payload)
                    } catch {
                        if error == .invalidUTF8 {
                            model.checkRejected(opcode, Array(payload), complete: false, fin: false)
                        }
                        throw error
                    }
                }
                return true
            }
            frame = next
        } catch {
            outcome.failure = error
            _ = machine.closeFrame(error.closeCode)
            return false
        }
        consumed += before - parser.bufferedCount
        let action: ConnectionAction
        do {
            action = try machine.received(frame)
        } catch {
            if error == .invalidUTF8 {
                model.checkRejected(frame.opcode, frame.payload, complete: true, fin: frame.fin)
            }
            outcome.failure = error
            _ = machine.closeFrame(error.closeCode)
            return false
        }
        model.accepted(frame)
        outcome.actions.append(action)
        switch action {
        case .none:
            continue
        case .deliver(let message):
            if message.isText && String(validating: message.bytes, as: UTF8.self) == nil {
                fatalError("delivered text that is not UTF-8: \(message.bytes)")
            }
        case .send(let reply):
            guard reply.opcode == .pong, reply.payload == frame.payload, frame.opcode == .ping else {
                fatalError("sent \(reply) in answer to \(frame)")
            }
        case .peerClosed:
            return false
        }
    }
}

/// Runs the bytes through a parser and a machine, `readSize` bytes per read; returns what happened.
private func run(_ bytes: [UInt8], cap: Int, readSize: Int, capacity: Int, useAppend: Bool) -> Outcome {
    var parser = FrameParser(maxPayload: cap, initialCapacity: capacity)
    var machine = ConnectionStateMachine(maxMessageSize: cap)
    var model = TextModel()
    var outcome = Outcome()
    var offset = 0
    var fed = 0
    var consumed = 0
    while offset < bytes.count {
        let count = min(readSize, bytes.count - offset)
        let chunk = bytes[offset..<(offset + count)]
        offset += count
        if useAppend {
            parser.append(chunk)
        } else {
            let wrote = parser.fill(minimumSpace: min(count, 64 << 10)) {
                (buffer: UnsafeMutableRawBufferPointer) -> Int? in
                guard buffer.count >= count else { fatalError("fill offered \(buffer.count) bytes, asked \(count)") }
                buffer.copyBytes(from: chunk)
                return count
            }
            guard wrote == count else { fatalError("fill returned \(String(describing: wrote))") }
        }
        fed += count
        let open = drain(&parser, &machine, &model, into: &outcome, consumed: &consumed)
        guard open else { return outcome }
        guard parser.bufferedCount == fed - consumed else {
            fatalError("bufferedCount \(parser.bufferedCount), fed \(fed), consumed \(consumed)")
        }
    }
    _ = parser.fill { (_: UnsafeMutableRawBufferPointer) -> Int? in nil }  // a read that found nothing changes nothing
    guard parser.bufferedCount == fed - consumed else { fatalError("an empty fill changed the buffer") }
    return outcome
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrames(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let config = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))

    let valid = UTF8Validation.isValid(bytes)
    if valid != (String(validating: bytes, as: UTF8.self) != nil) {
        fatalError("UTF8Validation says \(valid) for \(bytes)")
    }

    let cap = caps[Int(config & 0x03)]
    let readSize = readSizes[Int(config >> 2 & 0x07)]
    let capacity = capacities[Int(config >> 5 & 0x03)]
    let useAppend = config & 0x80 != 0
    let chunked = run(bytes, cap: cap, readSize: readSize, capacity: capacity, useAppend: useAppend)
    let whole = run(bytes, cap: cap, readSize: Int.max, capacity: 4 << 10, useAppend: true)
    // Text is checked while a frame arrives (§8.1 fail fast), so reading in pieces may meet an invalid byte before
    // an error one read reports first for the same frame (a message over the cap); everything else must agree.
    let sameFailure =
        chunked.failure == whole.failure || chunked.failure == .invalidUTF8 || whole.failure == .invalidUTF8
    guard chunked.actions == whole.actions, (chunked.failure == nil) == (whole.failure == nil), sameFailure else {
        fatalError("reads of \(readSize) bytes: \(chunked); one read: \(whole)")
    }
    return 0
}
