/// The exchange-specific half of a local book: Bitstamp's microtimestamp alignment or Bitvavo's nonce chain,
/// behind one set of outcomes so `LocalBook` handles printing, throttling and resyncs once for both.
enum LocalBookSync: Sendable {
    case bitstamp(BitstampBookSync)
    case bitvavo(BitvavoBookSync)

    /// What an input did to the book.
    enum Outcome: Equatable {
        case none
        case requestSnapshot
        case changed
        case failed(BookError)
        /// Bitvavo: the nonce chain broke (a gap or a matching-engine restart); a snapshot is needed.
        case sequenceGap(expected: Int64, got: Int64)
    }

    /// The sync for `exchange`.
    init(for exchange: ExchangeID) {
        switch exchange {
        case .bitstamp: self = .bitstamp(BitstampBookSync())
        case .bitvavo: self = .bitvavo(BitvavoBookSync())
        }
    }

    /// The book as synced so far.
    var book: OrderBook {
        switch self {
        case .bitstamp(let sync): sync.book
        case .bitvavo(let sync): sync.book
        }
    }

    /// The version of the book: Bitstamp microtimestamp, Bitvavo nonce.
    var seq: Int64? {
        switch self {
        case .bitstamp(let sync): sync.seq
        case .bitvavo(let sync): sync.nonce
        }
    }

    /// Whether updates are being applied live.
    var isLive: Bool {
        switch self {
        case .bitstamp(let sync): sync.phase == .live
        case .bitvavo(let sync): sync.phase == .live
        }
    }

    /// Feeds a streamed update.
    mutating func update(_ update: BookUpdate) -> Outcome {
        guard let seq = update.seq else { return .none }
        switch self {
        case .bitstamp(var sync):
            defer { self = .bitstamp(sync) }
            return Self.outcome(sync.diff(microtimestamp: seq, bids: update.bids, asks: update.asks))
        case .bitvavo(var sync):
            defer { self = .bitvavo(sync) }
            return Self.outcome(sync.update(nonce: seq, bids: update.bids, asks: update.asks))
        }
    }

    /// Feeds a snapshot.
    mutating func snapshot(_ update: BookUpdate) -> Outcome {
        guard let seq = update.seq else { return .none }
        switch self {
        case .bitstamp(var sync):
            defer { self = .bitstamp(sync) }
            return Self.outcome(sync.snapshot(microtimestamp: seq, bids: update.bids, asks: update.asks))
        case .bitvavo(var sync):
            defer { self = .bitvavo(sync) }
            return Self.outcome(sync.snapshot(nonce: seq, bids: update.bids, asks: update.asks))
        }
    }

    /// A snapshot request failed.
    mutating func snapshotFailed() -> Outcome {
        switch self {
        case .bitstamp(var sync):
            defer { self = .bitstamp(sync) }
            return Self.outcome(sync.snapshotFailed())
        case .bitvavo(var sync):
            defer { self = .bitvavo(sync) }
            return Self.outcome(sync.snapshotFailed())
        }
    }

    /// Starts over.
    mutating func reset() {
        switch self {
        case .bitstamp(var sync):
            sync.reset()
            self = .bitstamp(sync)
        case .bitvavo(var sync):
            sync.reset()
            self = .bitvavo(sync)
        }
    }

    /// Whether the local top matches an exchange snapshot over `depth` levels (Bitstamp `--verify`).
    func verify(against top: (bids: [BookLevel], asks: [BookLevel]), depth: Int) -> Bool {
        switch self {
        case .bitstamp(let sync): sync.verify(against: top, depth: depth)
        case .bitvavo: true
        }
    }

    private static func outcome(_ action: BitstampBookSync.Action) -> Outcome {
        switch action {
        case .none, .dropped: .none
        case .requestSnapshot: .requestSnapshot
        case .bookReady, .bookChanged: .changed
        case .failed(let error): .failed(error)
        }
    }

    private static func outcome(_ action: BitvavoBookSync.Action) -> Outcome {
        switch action {
        case .none: .none
        case .requestSnapshot: .requestSnapshot
        case .bookReady, .bookChanged: .changed
        case .failed(let error): .failed(error)
        case .gap(_, let expected, let got): .sequenceGap(expected: expected, got: got)
        }
    }
}
