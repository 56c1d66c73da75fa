/// How the TLS peer is verified: the system CA store, optionally an extra CA file, or (loudly) not at all.
public struct TLSOptions: Hashable, Sendable {
    /// An extra PEM file of trusted CA certificates (`--cacert`).
    public var extraCAFile: String?
    /// Skip certificate and hostname verification (`--insecure`).
    public var insecure: Bool

    /// Verification against the system store plus `extraCAFile`, unless `insecure`.
    public init(extraCAFile: String? = nil, insecure: Bool = false) {
        self.extraCAFile = extraCAFile
        self.insecure = insecure
    }
}
