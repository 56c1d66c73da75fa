// libFuzzer target `http`: arbitrary bytes as a server's HTTP/1.1 response, read by `HTTPResponseParser` the way
// `HTTPClient.exchange` reads it (append per read, `finish` at end of stream, then `checked`, which reads an
// error body with `HTTPErrorBody`). Built by scripts/fuzz.sh.
//
// Input: one configuration byte, then the response bytes.
//   bits 0-2  read size: 1, 2, 3, 5, 16, 100, 1000 bytes, or everything at once
//   bits 3-4  body limit: 0, 16 bytes, 1 KiB, 64 MiB (the client's default)
//
// Oracle: reading in pieces gives the same response or error as one read of every byte. scripts/fuzz.sh caps
// inputs below the parser's 8 KiB line limit, where the two may legitimately differ (a long line is refused
// before its end arrives).

@testable import StreamerCore

private let readSizes = [1, 2, 3, 5, 16, 100, 1000, Int.max]
private let bodyLimits = [0, 16, 1 << 10, 64 << 20]
private let url = HTTPURL(secure: true, host: "www.bitstamp.net", port: 443, path: "/api/v2/order_book/btcusd/")

/// What the client would end up with: the checked response or the error.
private func read(_ bytes: [UInt8], readSize: Int, maxBodyBytes: Int) -> Result<HTTPResponse, HTTPError> {
    var parser = HTTPResponseParser(url: url, maxBodyBytes: maxBodyBytes)
    var offset = 0
    do throws(HTTPError) {
        while offset < bytes.count {
            let count = min(readSize, bytes.count - offset)
            let chunk = bytes[offset..<(offset + count)]
            offset += count
            if let response = try parser.append(chunk) { return .success(response) }
        }
        return .success(try parser.finish())
    } catch {
        return .failure(error)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let config = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let readSize = readSizes[Int(config & 0x07)]
    let limit = bodyLimits[Int(config >> 3 & 0x03)]

    let pieces = read(bytes, readSize: readSize, maxBodyBytes: limit)
    let whole = read(bytes, readSize: Int.max, maxBodyBytes: limit)
    guard pieces == whole else { fatalError("reads of \(readSize) bytes: \(pieces); one read: \(whole)") }

    switch pieces {
    case .success(let response):
        if response.body.count > limit {
            fatalError("a body of \(response.body.count) bytes passed the \(limit) limit")
        }
        do { _ = try HTTPClient.checked(response, url: url) } catch { _ = error.description }
    case .failure(let error):
        _ = error.description
    }
    _ = HTTPErrorBody.message(in: bytes, contentType: nil)
    _ = HTTPErrorBody.message(in: bytes, contentType: "text/html")
    return 0
}
