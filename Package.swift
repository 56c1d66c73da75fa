// swift-tools-version: 6.0
import PackageDescription

// No package dependencies by design (DESIGN.md §1): Foundation, Dispatch, Synchronization and the
// system OpenSSL through the COpenSSL systemLibrary target are the whole dependency set.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "streamer",
    products: [
        .executable(name: "streamer", targets: ["streamer"]),
        .executable(name: "fixture-exchange", targets: ["fixture-exchange"]),
        .executable(name: "autobahn-client", targets: ["autobahn-client"]),
        .executable(name: "streamer-bench", targets: ["streamer-bench"]),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .target(name: "StreamerCore", dependencies: ["COpenSSL"], swiftSettings: strict),
        .executableTarget(name: "streamer", dependencies: ["StreamerCore"], swiftSettings: strict),
        // The local test/demo exchange. It shares no code with StreamerCore on purpose: it encodes
        // and decodes its own frames, so a bug shared by the client's encoder and parser cannot hide.
        .executableTarget(name: "fixture-exchange", dependencies: ["COpenSSL"], swiftSettings: strict),
        // `make conformance` (issue 6): the echo client the Autobahn|Testsuite fuzzingserver judges.
        .executableTarget(name: "autobahn-client", dependencies: ["StreamerCore"], swiftSettings: strict),
        // `make bench` (issue 7): end-to-end runs against fixture-exchange --flood and in-process figures
        // over StreamerCore's public API.
        .executableTarget(name: "streamer-bench", dependencies: ["StreamerCore"], swiftSettings: strict),
        .testTarget(name: "StreamerCoreTests", dependencies: ["StreamerCore"], swiftSettings: strict),
        // Depends on both executables only so `swift test` builds them before the e2e tests run.
        .testTarget(
            name: "StreamerEndToEndTests",
            dependencies: ["streamer", "fixture-exchange"],
            swiftSettings: strict
        ),
    ]
)
