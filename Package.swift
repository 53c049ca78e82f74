// swift-tools-version:6.0
// The pipeline stages are separate targets so that the dependency graph runs one way:
// ingest → validate → model → aggregate → layout → render (→ post-pass). Only CSPTextShaping
// (Pango) and CSPRender (Cairo) import the drawing libraries.
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
        // Excel workbooks are zip files (issue 15).
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // Diagnostics, source locations, calendar dates, quarters, messages.
        .target(name: "CSPCore", dependencies: ["CSHA256"]),
        // CSV (bytes → rows with positions) and YAML (→ nodes with positions).
        // Excel workbooks too (Workbook*.swift): ZIPFoundation opens the zip, libxml2 streams the XML.
        .target(name: "CSPIngest", dependencies: ["CSPCore", "Yams", "CXMLStream",
                                                  .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Typed domain values: cases, successes, blockers, activity, projects, referrals.
        .target(name: "CSPModel", dependencies: ["CSPCore"]),
        // Rows → model + every diagnostic at once.
        .target(name: "CSPValidate", dependencies: ["CSPCore", "CSPIngest", "CSPModel", "CSPAggregate"]),
        // Model → per-area summaries (pure).
        .target(name: "CSPAggregate", dependencies: ["CSPCore", "CSPModel"]),
        // Deterministic realistic sample data per the input contract.
        .target(name: "CSPSample", dependencies: ["CSPCore"]),
        .executableTarget(
            name: "cspreport",
            dependencies: [
                "CSPCore", "CSPIngest", "CSPModel", "CSPValidate", "CSPAggregate", "CSPSample",
                "CSPDisplay", "CSPCharts", "CSPLayout", "CSPTextShaping", "CSPRender", "CSPPostPass", "CSPReport", "CSPHTML", "CMemory", "CXLSXWriter",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // All C lives in Sources/C: the system libraries and the small shims over them.
        // System libraries (pkg-config): Cairo (CSPRender), Pango (CSPTextShaping), zlib (CSPPostPass; named CLibZ, as ZIPFoundation has a module CZlib of its own).
        .systemLibrary(name: "CCairo", path: "Sources/C/CCairo", pkgConfig: "cairo-pdf", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPangoCairo", path: "Sources/C/CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/C/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // libxlsxwriter: the workbook `cspreport init` hands the chair (issue 15).
        .systemLibrary(name: "CXLSXWriter", path: "Sources/C/CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CLibZ", path: "Sources/C/CLibZ", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libxml2's push parser behind plain C types (its headers bring ICU's, which clash with Foundation's).
        .target(name: "CXMLStream", dependencies: ["CLibXML2"], path: "Sources/C/CXMLStream"),
        // Cairo's output collected in a C buffer (cairo calls its write function per piece).
        .target(name: "CCairoSink", dependencies: ["CCairo"], path: "Sources/C/CCairoSink"),
        // One lock around Pango 1.50's first font-metrics computation, for two shaping threads.
        .target(name: "CPangoMetrics", dependencies: ["CPangoCairo"], path: "Sources/C/CPangoMetrics"),
        // glibc functions Swift's Glibc module leaves out: malloc_trim (freed memory back to the
        // system after the parallel reading of the quarters) and memmem (the post-pass's search).
        .target(name: "CMemory", path: "Sources/C/CMemory"),
        // SHA-256 blocks with the x86 SHA instructions, for hashing large inputs (CSPCore falls back
        // to Swift where they are missing).
        .target(name: "CSHA256", path: "Sources/C/CSHA256"),
        // The display list (Frame: positioned text, shapes, images, links, tags), geometry,
        // styles and the TextShaper protocol: what charts and layout produce and renderers replay.
        .target(name: "CSPDisplay"),
        // Charts: scales, 1-2-5 ticks, axes, marks → display list. No pixels.
        .target(name: "CSPCharts", dependencies: ["CSPDisplay"]),
        // Blocks measured, split and placed into pages; tables; templates; contents.
        .target(name: "CSPLayout", dependencies: ["CSPDisplay", "CSPCharts"]),
        // The PDF/UA post-pass: reads the PDF cairo wrote (PDFFile), adds what cairo 1.16 cannot
        // (/Lang, /Alt, artifacts, XMP…) and writes it again. Pure Swift and zlib: no Cairo.
        .target(name: "CSPPostPass", dependencies: ["CSPCore", "CSPDisplay", "CLibZ", "CMemory"]),
        // Text shaping: Pango over the bundled fonts (a private fontconfig), the TextShaper that
        // layout measures with, and the layouts it keeps for drawing.
        .target(name: "CSPTextShaping", dependencies: ["CSPDisplay", "CCairo", "CPangoCairo", "CPangoMetrics"]),
        // Painting: frames drawn with Cairo into PDF (then the post-pass), PNG and SVG.
        .target(
            name: "CSPRender",
            dependencies: ["CSPDisplay", "CSPLayout", "CSPTextShaping", "CSPPostPass", "CCairo", "CPangoCairo", "CCairoSink"]
        ),
        // The quarterly report: which sections, in what order, from the validated input
        // (`ReportCompiler.compile`, the one entry point the CLI, the fuzz target and the tests share).
        .target(name: "CSPReport", dependencies: ["CSPCore", "CSPModel", "CSPValidate", "CSPAggregate", "CSPDisplay", "CSPCharts", "CSPLayout"]),
        // The HTML edition: any Document as one self-contained, accessible page; charts as inline
        // SVG from the same built chart values. No Cairo or Pango.
        .target(name: "CSPHTML", dependencies: ["CSPDisplay", "CSPCharts", "CSPLayout"]),
        // The same report through CSPRender too, to compare the page's numbers with the PDF's.
        .testTarget(name: "CSPHTMLTests", dependencies: ["CSPHTML", "CSPLayout", "CSPCharts", "CSPDisplay", "CSPReport", "CSPValidate",
                                                         "CSPCore", "CSPAggregate", "CSPRender", "CSPTextShaping"]),
        .testTarget(name: "CSPReportTests", dependencies: ["CSPReport", "CSPSample", "CSPValidate", "CSPAggregate", "CSPLayout"]),
        .testTarget(name: "CSPCoreTests", dependencies: ["CSPCore", "CSPSample"]),
        .testTarget(name: "CSPIngestTests", dependencies: ["CSPIngest"]),
        .testTarget(name: "CSPValidateTests", dependencies: ["CSPValidate", "CSPAggregate", "CSPSample", "CSPIngest"]),
        // Runs the built cspreport binary as a user would.
        .testTarget(name: "CLITests", dependencies: ["cspreport", "CSPPostPass", "CSPTextShaping", "CSPIngest", "CSPValidate"]),
        // Yams reads the generated csp.yaml's measures: list independently of the product's reader.
        .testTarget(name: "CSPSampleTests", dependencies: ["CSPSample", "CSPCore", "CSPValidate", "CSPAggregate",
                                                           .product(name: "Yams", package: "Yams")]),
        // The post-pass on hand-written PDFs, without Cairo.
        .testTarget(name: "CSPPostPassTests", dependencies: ["CSPPostPass", "CSPDisplay"]),
        .testTarget(name: "CSPChartsTests", dependencies: ["CSPDisplay", "CSPCharts"]),
        .testTarget(
            name: "CSPLayoutTests", dependencies: ["CSPDisplay", "CSPCharts", "CSPLayout"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "CSPRenderTests", dependencies: ["CSPDisplay", "CSPCharts", "CSPLayout", "CSPTextShaping", "CSPRender", "CSPPostPass", "CSPSample"],
            exclude: ["References"]
        ),
        // Fuzzing (issue 5). What each target checks lives in a library, so the tests replay
        // the corpus and past crashes through the same code. The executables build in a normal
        // `swift build` too: CFuzzDriver calls libFuzzer only when it was linked in
        // (`make fuzz` builds with -sanitize=fuzzer), and otherwise replays input files.
        .target(name: "CSPFuzz", dependencies: ["CSPCore", "CSPIngest", "CSPValidate", "CSPAggregate", "CSPDisplay", "CSPLayout", "CSPReport",
                                              .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "CFuzzDriver", path: "Sources/C/CFuzzDriver"),
        .executableTarget(name: "FuzzCSV", dependencies: ["CSPFuzz", "CFuzzDriver"]),
        .executableTarget(name: "FuzzYAML", dependencies: ["CSPFuzz", "CFuzzDriver"]),
        .executableTarget(name: "FuzzQuarter", dependencies: ["CSPFuzz", "CFuzzDriver"]),
        .executableTarget(name: "FuzzReport", dependencies: ["CSPFuzz", "CFuzzDriver"]),
        .executableTarget(name: "FuzzWorkbook", dependencies: ["CSPFuzz", "CFuzzDriver"]),
        // Hostile inputs, the bad-input corpus, fuzz regressions, atomic output (issue 5).
        .testTarget(
            name: "CSPRobustnessTests",
            dependencies: ["CSPCore", "CSPIngest", "CSPValidate", "CSPAggregate", "CSPDisplay", "CSPFuzz", "cspreport"],
            exclude: []
        ),
        // police.uk crime and ASB: scanner, loader rules, aggregation, the shipped Cambridge rows.
        .testTarget(name: "CSPCrimeTests", dependencies: ["CSPCore", "CSPIngest", "CSPModel", "CSPValidate", "CSPAggregate"]),
    ]
)
