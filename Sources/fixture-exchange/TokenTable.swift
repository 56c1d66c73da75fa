import Synchronization

/// The Bitstamp websockets tokens and request nonces, shared by every connection: plain HTTP connections mint
/// tokens, WebSocket sessions accept or revoke them.
final class TokenTable: Sendable {
    /// How long a token is valid (the `valid_sec` of the token answer).
    static let validSeconds = 60
    /// The characters a token is made of.
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    /// A token's length, as Bitstamp's (`siPaT4m6VGQCdsDCVbLBemiphHQs552e`).
    static let tokenLength = 32

    /// The newest token and what happened to it.
    private struct Newest {
        let serial: Int
        let value: String
        let mintedAt: ContinuousClock.Instant
        /// The connection (from 1) that first had it accepted.
        var acceptedOn: Int?
        var revoked = false
    }

    private struct State {
        var newest: Newest?
        /// Serial numbers of the tokens the newest one replaced.
        var earlier: [String: Int] = [:]
        var nonces: Set<String> = []
    }

    private let state = Mutex(State())

    /// Records `nonce` as used; false if it was used before (Bitstamp `API0004`).
    func claimNonce(_ nonce: String) -> Bool {
        state.withLock { $0.nonces.insert(nonce).inserted }
    }

    /// Mints a fresh random token that replaces the previous one; returns its serial number (from 1) and value.
    func mint(now: ContinuousClock.Instant = .now) -> (serial: Int, value: String) {
        state.withLock { state in
            var value = Self.randomToken()
            while value == state.newest?.value || state.earlier[value] != nil { value = Self.randomToken() }
            let serial = (state.newest?.serial ?? 0) + 1
            if let previous = state.newest { state.earlier[previous.value] = previous.serial }
            state.newest = Newest(serial: serial, value: value, mintedAt: now)
            return (serial, value)
        }
    }

    /// Accepts `value` for `connection` (numbered from 1) if it is the newest token, younger than `validSeconds`,
    /// not revoked and not accepted on another connection; returns its serial number.
    func accept(_ value: String, connection: Int, now: ContinuousClock.Instant = .now) -> Result<Int, TokenRejection> {
        state.withLock { state in
            guard let newest = state.newest else { return .failure(.noneMinted) }
            guard newest.value == value else {
                guard let serial = state.earlier[value] else { return .failure(.unknown) }
                return .failure(.superseded(serial: serial, newest: newest.serial))
            }
            if newest.revoked { return .failure(.revoked(serial: newest.serial)) }
            if now - newest.mintedAt >= .seconds(Self.validSeconds) { return .failure(.expired(serial: newest.serial)) }
            if let other = newest.acceptedOn, other != connection {
                return .failure(.usedOnOtherConnection(serial: newest.serial, connection: other))
            }
            state.newest?.acceptedOn = connection
            return .success(newest.serial)
        }
    }

    /// Revokes the newest token (`send-unauthorized`); returns its serial number, or nil if none was minted.
    @discardableResult
    func revokeNewest() -> Int? {
        state.withLock { state in
            state.newest?.revoked = true
            return state.newest?.serial
        }
    }

    private static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<tokenLength).map { _ in alphabet.randomElement(using: &generator) ?? "0" })
    }
}
