// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Switchyard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchyard", targets: ["switchyard"]),
        .executable(name: "switchyard-bench", targets: ["switchyard-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    ],
    targets: [
        // Raw ncursesw: a modulemap plus a shim header with inline wrappers for the macros Swift cannot import.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The engine: catalog, routing, health, metrics, spend, overrides. No I/O beyond an injected clock; it carries
        // the client's operation and reply as the wire module types them.
        .target(name: "SwitchyardCore", dependencies: ["SwitchyardWire"]),
        // JSON: the parsed tree, the parser, a byte writer and the protocols types decode and encode through.
        .target(name: "SwitchyardJSON"),
        // OpenAI, Anthropic, Gemini and Bedrock wire formats: Codable types, SSE and event-stream framing, translation
        // both ways, SigV4 signing. Pure, no networking.
        .target(
            name: "SwitchyardWire",
            dependencies: ["SwitchyardJSON", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The YAML configuration: model, loader with field-path + line errors, conversion to a catalog.
        // The price catalog is compiled in from Resources/model-prices.json (see EmbedResources).
        .target(
            name: "SwitchyardConfig",
            dependencies: ["SwitchyardCore", "SwitchyardWire", .product(name: "Yams", package: "Yams")],
            exclude: ["Resources"],
            plugins: ["EmbedResources"]
        ),
        // Compiles the price catalog and the themes in `themes/` into the binary, from their one source each.
        .plugin(
            name: "EmbedResources", capability: .buildTool(), dependencies: ["switchyard-embed"],
            path: "Sources/EmbedResourcesPlugin"
        ),
        .executableTarget(name: "switchyard-embed"),
        // Virtual keys, teams, permissions, rate limits and budgets: admission control the engine calls.
        .target(
            name: "SwitchyardGovernance",
            dependencies: ["SwitchyardCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Durable state in SQLite (WAL): the spend ledger and the keys, teams and budgets managed at runtime.
        .target(
            name: "SwitchyardStore",
            dependencies: ["SwitchyardCore", "SwitchyardJSON", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // State shared by a fleet of replicas in PostgreSQL: keys, teams, budgets and their leases, deployment
        // overrides, the audit trail, the shipped ledger and heartbeats, with versioned migrations and LISTEN/NOTIFY;
        // the only module that imports PostgresNIO.
        .target(
            name: "SwitchyardFleet",
            dependencies: [
                "SwitchyardCore", "SwitchyardGovernance", "SwitchyardGateway", "SwitchyardStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The control API's request vocabulary: body types, their decoding and the checks on what they carry,
        // shared by the server, `ctl` and the fuzzer. No I/O.
        .target(name: "SwitchyardControlAPI", dependencies: ["SwitchyardCore"]),
        // Simulated providers, incident timeline and demo traffic; only the upstream transport is simulated.
        .target(name: "SwitchyardSim", dependencies: ["SwitchyardCore"]),
        // HTTP/1.1 directly on SwiftNIO: the data plane's server (limits, timeouts, one task per request on the
        // connection's loop) and its upstream connection pools, one per event loop. Knows nothing of gateways.
        .target(
            name: "SwitchyardHTTP",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The data plane: the OpenAI/Anthropic ingress on SwitchyardHTTP, the upstream transport and its wire
        // translation, /metrics, and the governance state (governor + ledger) a gateway serves with.
        .target(
            name: "SwitchyardGateway",
            dependencies: [
                "SwitchyardCore", "SwitchyardWire", "SwitchyardJSON", "SwitchyardConfig", "SwitchyardGovernance",
                "SwitchyardStore", "SwitchyardHTTP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The control plane on a Unix socket (Hummingbird): the control API, governance admin, trace listing and
        // OTLP export, the dashboard's socket feed, and the client `ctl` and `top` use.
        .target(
            name: "SwitchyardControl",
            dependencies: [
                "SwitchyardCore", "SwitchyardWire", "SwitchyardJSON", "SwitchyardGovernance", "SwitchyardStore",
                "SwitchyardControlAPI", "SwitchyardGateway",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // `switchyard sim`'s HTTP servers (OpenAI and Anthropic wire formats, faults) and the demo's in-process
        // upstream: the only module that imports the simulator.
        .target(
            name: "SwitchyardSimServer",
            dependencies: [
                "SwitchyardCore", "SwitchyardWire", "SwitchyardJSON", "SwitchyardSim", "SwitchyardGovernance",
                "SwitchyardGateway",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // The dashboard: state + reducer, pure rendering into a cell grid, ncurses backend, themes.
        .target(name: "SwitchyardTUI", dependencies: ["SwitchyardCore"], plugins: ["EmbedResources"]),
        // The terminal: the ncurses backend, key decoding and the dashboard's run loop; the only module linking ncurses.
        .target(name: "SwitchyardTerminal", dependencies: ["SwitchyardTUI", "SwitchyardCore", "CNcursesw"]),
        .executableTarget(
            name: "switchyard",
            dependencies: [
                "SwitchyardCore", "SwitchyardSim", "SwitchyardTUI", "SwitchyardTerminal", "SwitchyardGateway",
                "SwitchyardControl", "SwitchyardSimServer", "SwitchyardConfig", "SwitchyardJSON",
                "SwitchyardGovernance", "SwitchyardStore", "SwitchyardControlAPI", "SwitchyardFleet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Every parser of bytes from outside as one function each: for libFuzzer and the corpus replay test.
        .target(
            name: "SwitchyardFuzzTargets",
            dependencies: [
                "SwitchyardWire", "SwitchyardJSON", "SwitchyardConfig", "SwitchyardCore", "SwitchyardTUI",
                "SwitchyardControlAPI",
            ]
        ),
        // libFuzzer's entry when built by `.ci/fuzz` (-DFUZZING); a corpus replayer otherwise.
        .executableTarget(name: "switchyard-fuzz", dependencies: ["SwitchyardFuzzTargets"]),
        // Benchmarks that print tables: `swift run -c release switchyard-bench <suite>`.
        .executableTarget(
            name: "switchyard-bench",
            dependencies: [
                "SwitchyardCore", "SwitchyardWire", "SwitchyardSim", "SwitchyardTUI", "SwitchyardGovernance", "SwitchyardStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // The bare forwarder the overhead suite measures as its floor runs on the gateway's own HTTP stack,
                // and on the one it replaced (Hummingbird + AsyncHTTPClient) for comparison.
                "SwitchyardHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "SwitchyardCoreTests", dependencies: ["SwitchyardCore", "SwitchyardWire"], exclude: ["Corpus"]),
        .testTarget(
            name: "SwitchyardConfigTests", dependencies: ["SwitchyardConfig", "SwitchyardCore", "SwitchyardWire"],
            exclude: ["LiteLLM"]),
        .testTarget(name: "SwitchyardWireTests", dependencies: ["SwitchyardWire", "SwitchyardJSON"]),
        .testTarget(name: "SwitchyardGovernanceTests", dependencies: ["SwitchyardGovernance", "SwitchyardCore"]),
        .testTarget(
            name: "SwitchyardStoreTests",
            dependencies: ["SwitchyardStore", "SwitchyardCore", .product(name: "GRDB", package: "GRDB.swift")]),
        // What the tests that run programs share: spawning them with clean signal state, a throwaway PostgreSQL
        // cluster (initdb, pg_ctl) for the tests that need a real database, throwaway TLS certificates (openssl).
        .target(name: "SwitchyardTestSupport", path: "Tests/SwitchyardTestSupport"),
        .testTarget(
            name: "SwitchyardFleetTests",
            dependencies: [
                "SwitchyardFleet", "SwitchyardCore", "SwitchyardGovernance", "SwitchyardStore", "SwitchyardTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SwitchyardServerTests",
            dependencies: [
                "SwitchyardGateway", "SwitchyardControl", "SwitchyardSimServer", "SwitchyardWire", "SwitchyardJSON",
                "SwitchyardCore", "SwitchyardSim", "SwitchyardGovernance",
                "SwitchyardStore", "SwitchyardControlAPI", "SwitchyardConfig", "SwitchyardTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // The egress tests' CONNECT proxy and TLS upstream.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "SwitchyardHTTPTests",
            dependencies: [
                "SwitchyardHTTP", "SwitchyardTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The command line itself: every command's help and its examples parse; `ctl --database-url` on a real
        // PostgreSQL.
        .testTarget(
            name: "SwitchyardCLITests",
            dependencies: [
                "switchyard", "SwitchyardStore", "SwitchyardFleet", "SwitchyardControl", "SwitchyardControlAPI",
                "SwitchyardGateway", "SwitchyardGovernance", "SwitchyardCore", "SwitchyardTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "SwitchyardFuzzTests", dependencies: ["SwitchyardFuzzTargets"], exclude: ["Corpus"]),
        .testTarget(name: "SwitchyardSimTests", dependencies: ["SwitchyardSim", "SwitchyardCore"]),
        .testTarget(name: "SwitchyardTUITests", dependencies: ["SwitchyardTUI", "SwitchyardCore"], exclude: ["Golden"]),
        .testTarget(
            name: "SwitchyardE2ETests",
            dependencies: [
                "SwitchyardCore", "SwitchyardTestSupport", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
