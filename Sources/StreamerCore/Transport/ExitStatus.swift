/// Process exit statuses (sysexits.h, DESIGN.md §2).
public enum ExitStatus: Int32, Sendable {
    /// Finished: count/duration reached, server closed normally, or the reader closed stdout.
    case success = 0
    /// EX_USAGE: bad arguments.
    case usage = 64
    /// EX_DATAERR: unreadable input file (recording).
    case dataError = 65
    /// EX_UNAVAILABLE: could not connect (DNS, TCP, TLS) or the connection was lost.
    case unavailable = 69
    /// EX_IOERR: output could not be written.
    case ioError = 74
    /// EX_PROTOCOL: bad handshake, bad frame, or an exchange error reply.
    case protocolError = 76
    /// EX_NOPERM: authentication refused.
    case authenticationRefused = 77
    /// Stopped by SIGINT (128 + 2).
    case interrupted = 130
    /// Stopped by SIGTERM (128 + 15).
    case terminated = 143
}
