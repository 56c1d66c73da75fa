/// A connected, bidirectional byte stream (plain TCP or TLS); what `WebSocket/` reads and writes through.
public protocol ByteStream: AnyObject {
    /// `host:port`, for messages.
    var peerName: String { get }
    /// Reads available bytes into `buffer` without blocking: the count read, 0 at end of stream,
    /// or nil when nothing is available yet.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int?
    /// Writes all of `bytes`, waiting for the socket to drain, failing after `timeoutMilliseconds`.
    func write(_ bytes: UnsafeRawBufferPointer, timeoutMilliseconds: Int32) throws(TransportError)
    /// Waits up to `timeoutMilliseconds` (-1: forever) until a read may return data; false on timeout
    /// or when a signal interrupted the wait.
    func waitUntilReadable(timeoutMilliseconds: Int32) throws(TransportError) -> Bool
    /// Closes the stream; further calls fail.
    func close()
}

extension ByteStream {
    /// Writes all of `bytes` (an array convenience over the raw-buffer requirement).
    public func write(_ bytes: [UInt8], timeoutMilliseconds: Int32) throws(TransportError) {
        var outcome: Result<Void, TransportError> = .success(())
        bytes.withUnsafeBytes { raw in
            do throws(TransportError) { try write(raw, timeoutMilliseconds: timeoutMilliseconds) } catch {
                outcome = .failure(error)
            }
        }
        try outcome.get()
    }
}

extension ByteStream {
    /// Reads into the whole of `buffer` without blocking (see `read(into:)` for the result).
    public func read(into buffer: inout [UInt8]) throws(TransportError) -> Int? {
        var outcome: Result<Int?, TransportError> = .success(nil)
        buffer.withUnsafeMutableBytes { raw in
            do throws(TransportError) { outcome = .success(try read(into: raw)) } catch { outcome = .failure(error) }
        }
        return try outcome.get()
    }
}

/// Opens a byte stream to `host:port`: TCP, then TLS when `secure` (the one place both HTTP and WebSocket connections
/// are made).
///
/// `timeoutMilliseconds` bounds each step.
func openByteStream(host: String, port: Int, secure: Bool, tls: TLSOptions, timeoutMilliseconds: Int32)
    throws(TransportError) -> any ByteStream
{
    let tcp = try TCPConnection.connect(host: host, port: port, timeoutMilliseconds: timeoutMilliseconds)
    guard secure else { return tcp }
    return try TLSSession.handshake(over: tcp, host: host, options: tls, timeoutMilliseconds: timeoutMilliseconds)
}
