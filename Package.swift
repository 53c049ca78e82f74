// swift-tools-version:6.0
// The pipeline stages are separate targets so that the dependency graph runs one way:
// ingest → validate → model → aggregate → layout → render. Only CSPRender imports Cairo/Pango.
import PackageDescription

let package = Package(
    name: "cspreport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cspreport", targets: ["cspreport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // SHA-256 blocks with the x86 SHA instructions, for hashing large inputs (CSPCore falls back
        // to Swift where they are missing).
        .target(name: "CSHA256"),
        // Diagnostics, source locations, calendar dates, quarters, messages.
        .target(name: "CSPCore", dependencies: ["CSHA256"]),
        // CSV (bytes → rows with positions) and YAML (→ nodes with positions).
        .target(name: "CSPIngest", dependencies: ["CSPCore", "Yams"]),
        // Typed domain values: cases, successes, blockers, activity, projects, referrals.
        .target(name: "CSPModel", dependencies: ["CSPCore"]),
        // Rows → model + every diagnostic at once.
        .target(name: "CSPValidate", dependencies: ["CSPCore", "CSPIngest", "CSPModel"]),
        // Model → per-area summaries (pure).
        .target(name: "CSPAggregate", dependencies: ["CSPCore", "CSPModel"]),
        // Deterministic realistic sample data per the input contract.
        .target(name: "CSPSample", dependencies: ["CSPCore"]),
        .executableTarget(
            name: "cspreport",
            dependencies: [
                "CSPCore", "CSPIngest", "CSPModel", "CSPValidate", "CSPAggregate", "CSPSample",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CSPCoreTests", dependencies: ["CSPCore"]),
        .testTarget(name: "CSPIngestTests", dependencies: ["CSPIngest"]),
        .testTarget(name: "CSPValidateTests", dependencies: ["CSPValidate", "CSPAggregate"]),
        // police.uk crime and ASB: scanner, loader rules, aggregation, the shipped Cambridge rows.
        .testTarget(name: "CSPCrimeTests", dependencies: ["CSPCore", "CSPIngest", "CSPModel", "CSPValidate", "CSPAggregate"]),
        
        
        
        
    ]
)
