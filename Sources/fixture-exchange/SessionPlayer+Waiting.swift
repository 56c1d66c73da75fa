/// What waiting for an expected client text message produced.
enum ExpectedText {
    case text(String)
    /// Not a text message: the expectation failed, and the session continues with this step.
    case failed(Step)
}

extension SessionPlayer {
    /// `expect-text`: the next client text message must equal `wanted` byte for byte.
    func expectText(_ wanted: String) -> Step {
        switch receiveText(wanted: wanted) {
        case .text(let got):
            guard got.utf8.elementsEqual(wanted.utf8) else { return failExpectation(wanted: wanted, got: got) }
            log.write("expect ok")
            return .next
        case .failed(let step):
            return step
        }
    }

    /// The next client text message, or, after anything else (binary, timeout, Close, EOF), the step that
    /// failing an expectation of `wanted` leads to.
    func receiveText(wanted: String) -> ExpectedText {
        let deadline = ContinuousClock.now + Self.expectTimeout
        while true {
            let event = link.receive(until: deadline)
            switch event {
            case .message(.text(let got)):
                return .text(got)
            case .message(.binary(let bytes)):
                return .failed(failExpectation(wanted: wanted, got: "(binary \(EventLog.hex(bytes)))"))
            case .message(.pong), .message(.ping):
                continue  // an unsolicited pong is allowed (§5.5.3)
            case .timedOut:
                return .failed(failExpectation(wanted: wanted, got: "(timeout)"))
            case .message(.close), .endOfStream, .violation, .failed:
                return .failed(failExpectation(wanted: wanted, ending: event))
            }
        }
    }

    /// `expect-pong`: waits for a pong carrying exactly `payload`; data messages meanwhile are kept for a later `expect-text`.
    func expectPong(_ payload: [UInt8]) -> Step {
        let wanted = "pong " + String(decoding: payload, as: UTF8.self)
        let deadline = ContinuousClock.now + Self.expectTimeout
        while true {
            let event = link.receive(until: deadline, includingDeferred: false)
            switch event {
            case .message(.pong(let got)):
                guard got == payload else {
                    return failExpectation(wanted: wanted, got: "pong " + String(decoding: got, as: UTF8.self))
                }
                log.write("expect ok")
                return .next
            case .message(.close), .endOfStream, .violation, .failed:
                return failExpectation(wanted: wanted, ending: event)
            case .message(let message):
                link.putBack(message)  // text or binary: kept for a later expect-text
            case .timedOut:
                return failExpectation(wanted: wanted, got: "(timeout)")
            }
        }
    }

    /// `send-close`: sends Close, waits for the client's, then closes TCP.
    func closeFromServer(code: UInt16, reason: String) -> Step {
        do {
            try link.sendClose(code: code, reason: reason)
        } catch {
            log.write("send-failed \(error)")
            link.close()
            return .finished
        }
        return awaitCloseReply()
    }

    /// `wait-close`: logs messages until the client's Close, echoes its code (§5.5.1), closes TCP.
    func awaitClose(timeout: Duration) -> Step {
        let deadline = ContinuousClock.now + timeout
        while true {
            let event = link.receive(until: deadline)
            switch event {
            case .message(.close), .endOfStream, .violation, .failed:
                return finish(after: event)
            case .message:
                continue
            case .timedOut:
                return giveUpWaitingForClose()
            }
        }
    }

    /// Waits until `deadline` (pacing, `sleep`, or just a look when it has passed), answering pings
    /// and ending early when the client leaves; data messages are kept for the next `expect-text`.
    func idle(until deadline: ContinuousClock.Instant) -> Step {
        while true {
            let event = link.receive(until: deadline, includingDeferred: false)
            switch event {
            case .timedOut:
                return .next
            case .message(.close), .endOfStream, .violation, .failed:
                return finish(after: event)
            case .message(.pong), .message(.ping):
                continue
            case .message(let message):
                link.putBack(message)  // text or binary: kept for the next expect-text
            }
        }
    }

    /// Ends the connection after the client's Close (echoed with its code), EOF, a violation (answered
    /// with Close 1002, 1007 or 1009) or an I/O error.
    private func finish(after event: LinkEvent) -> Step {
        switch event {
        case .message(.close(let code, _)):
            try? link.sendClose(code: code)  // try?: a client that is already gone needs no echo
        case .violation(let violation):
            passed = false
            try? link.sendClose(code: violation.closeCode, reason: violation.closeReason)  // try?: as above
        default:
            break
        }
        link.close()
        return .finished
    }

    /// After the server's Close: waits for the client's Close, then closes TCP.
    private func awaitCloseReply() -> Step {
        let deadline = ContinuousClock.now + Self.closeReplyTimeout
        while true {
            switch link.receive(until: deadline) {
            case .message(.close), .endOfStream, .failed:
                link.close()
                return .finished
            case .violation:
                passed = false
                link.close()
                return .finished
            case .message:
                continue  // data the client sent before it saw our Close
            case .timedOut:
                return giveUpWaitingForClose()
            }
        }
    }

    private func giveUpWaitingForClose() -> Step {
        log.write("close-timeout")
        passed = false
        link.close()
        return .finished
    }

    /// Logs `expect FAILED: wanted … got …` and fails the session with Close 1008.
    func failExpectation(wanted: String, got: String) -> Step {
        log.write("expect FAILED: wanted \(EventLog.printable(wanted)) got \(EventLog.printable(got))")
        return failAndClose(reason: "unexpected message")
    }

    /// Marks the session failed and closes with 1008 (policy violation) and `reason`, waiting for the reply.
    func failAndClose(reason: String) -> Step {
        passed = false
        do {
            try link.sendClose(code: CloseCode.policyViolation, reason: reason)
        } catch {
            log.write("send-failed \(error)")
            link.close()
            return .finished
        }
        return awaitCloseReply()
    }

    private func failExpectation(wanted: String, ending event: LinkEvent) -> Step {
        let got =
            switch event {
            case .message(.close(let code, _)): "(close \(code.map(String.init) ?? "none"))"
            case .endOfStream: "(eof)"
            case .violation: "(protocol error)"
            default: "(connection error)"
            }
        log.write("expect FAILED: wanted \(EventLog.printable(wanted)) got \(got)")
        passed = false
        return finish(after: event)
    }
}
