import ArgumentParser
import CSPCharts
import CSPCore
import CSPDisplay
import CSPLayout
import CSPRender
import CSPTextShaping
import CSPPostPass
import CSPReport
import CSPValidate

#if canImport(Glibc)
import Glibc
#endif

/// Branding and markings from the partnership configuration, read by the loader every other
/// command uses (`PartnershipLoader`), with its checks of the logo; without a configuration,
/// the Cambridge partnership's.
struct SpecimenConfig {
    var branding = Branding(name: "Cambridge Community Safety Partnership", shortName: "Cambridge CSP")
    var board = "OFFICIAL-SENSITIVE"
    var publicMarking = "OFFICIAL"
    /// csp.yaml's `fonts:` folder, as a path from here.
    var fontsFolder: String?
    var configPath = "reports/csp.yaml"

    static func load(_ path: String) throws -> SpecimenConfig {
        let (loaded, _, diagnostics) = PartnershipLoader.load(world: DiskWorld(), path: path)
        for d in diagnostics { Console.err(d.formatted + "\n") }
        guard let p = loaded else { throw SpecimenError("\(path) cannot be used (see the messages above)") }
        var c = SpecimenConfig()
        c.branding = ReportCompiler.branding(p, logo: try ReportLogo.find(p, configPath: path))
        c.fontsFolder = ReportFonts.folder(p, configPath: path)
        c.configPath = path
        c.board = p.boardClassification
        c.publicMarking = p.publicClassification
        return c
    }
}

/// Writes to a temporary file beside `path` and renames it, so a failed run leaves an earlier
/// file untouched.
func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    let tmp = path + ".tmp-\(getpid())"
    guard let f = fopen(tmp, "wb") else {
        throw SpecimenError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
    let n = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
    guard n == bytes.count, rename(tmp, path) == 0 else {
        unlink(tmp)
        throw SpecimenError("cannot write \(path)")
    }
}

/// The document date: SOURCE_DATE_EPOCH when set, else a fixed date. Never the clock.
func documentDate() -> DateTime {
    if let e = getenv("SOURCE_DATE_EPOCH"), let v = Int64(String(cString: e)) { return DateTime(unixSeconds: v) }
    return DateTime(year: 2021, month: 12, day: 31)
}

/// A problem with the specimen's inputs or output: reported on stderr, exit status 1.
struct SpecimenError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

struct Specimen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "specimen",
        abstract: "Render the engine's specimen document: every chart kind, tables, contents, links, in the partnership's branding."
    )

    @Option(name: .long, help: "Output PDF file.")
    var out: String

    @Option(name: .long, help: "Partnership configuration (default: reports/csp.yaml when it exists).")
    var config: String?

    @Option(name: .long, help: "Edition whose classification marking to show: board or public.")
    var edition: String = "board"

    @Option(name: .long, help: "Also write every page as PNG into this folder (page-1.png, …).")
    var png: String?

    @Option(name: .long, help: "Also write every page as SVG into this folder.")
    var svg: String?

    @Option(name: .long, help: "Also write every chart as PNG and SVG into this folder (chart-1.png, chart-1.svg, …).")
    var charts: String?

    func validate() throws {
        guard edition == "board" || edition == "public" else {
            FileHandleStderr.write("cspreport specimen: --edition must be board or public, not \"\(edition)\"\n")
            throw ExitStatus.usage
        }
    }

    func run() throws {
        do {
            try render()
        } catch let e as SpecimenError {
            FileHandleStderr.write("cspreport specimen: \(e.description)\n")
            throw ExitStatus.invalidInput
        } catch let e as RenderError {
            FileHandleStderr.write("cspreport specimen: \(e.description)\n")
            throw ExitStatus.invalidInput
        }
    }

    func render() throws {
        var cfg = SpecimenConfig()
        if let path = config {
            cfg = try SpecimenConfig.load(path)
        } else if access("reports/csp.yaml", R_OK) == 0 {
            cfg = try SpecimenConfig.load("reports/csp.yaml")
        }
        let fonts = try FontLibrary.bundled()
        if let folder = cfg.fontsFolder {
            cfg.branding.fontFamily = try ReportFonts.add(folder, to: [fonts], configPath: cfg.configPath)
        }
        let renderer = Renderer(fonts: fonts)
        let doc = CSPLayout.Specimen.document(branding: cfg.branding,
                                              classification: edition == "board" ? cfg.board : cfg.publicMarking,
                                              date: documentDate())
        let laid: LaidOutDocument
        do { laid = try LayoutEngine(shaper: renderer.shaper).strictLayout(doc) } catch {
            FileHandleStderr.write("cspreport: internal error: \(error); no specimen was written\n")
            throw ExitCode.failure
        }
        for w in laid.warnings { FileHandleStderr.write("warning: \(w)\n") }
        try writeAtomically(try renderer.pdf(laid), to: out)
        if let dir = png {
            for (i, page) in laid.pages.enumerated() { try writeAtomically(try renderer.png(page, scale: 1), to: "\(dir)/page-\(i + 1).png") }
        }
        if let dir = svg {
            for (i, page) in laid.pages.enumerated() { try writeAtomically(try renderer.svg(page), to: "\(dir)/page-\(i + 1).svg") }
        }
        if let dir = charts {
            let builder = ChartBuilder(shaper: renderer.shaper)
            var n = 0
            for case .figure(let fig) in doc.blocks {
                n += 1
                let frame = builder.build(fig.chart, width: 451, height: fig.height).frame()
                try writeAtomically(try renderer.png(frame, scale: 2), to: "\(dir)/chart-\(n).png")
                try writeAtomically(try renderer.svg(frame), to: "\(dir)/chart-\(n).svg")
            }
        }
        print("wrote \(out): \(laid.pages.count) pages")
    }
}

/// `make bench`: lays out and renders a long document of tables and charts.
struct BenchRender: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-render", abstract: "Benchmark the renderer (pages per second, peak memory).", shouldDisplay: false
    )

    @Option(name: .long, help: "Pages to render.")
    var pages: Int = 100

    @Option(name: .long, help: "Where to write the PDF.")
    var out: String = "/tmp/cspreport-bench.pdf"

    func run() throws {
        let fonts = try FontLibrary.bundled()
        let renderer = Renderer(fonts: fonts)
        let start = monotonicSeconds()
        let laid = LayoutEngine(shaper: renderer.shaper).layout(CSPLayout.Specimen.benchmark(pages: pages, date: documentDate()))
        let mid = monotonicSeconds()
        let raw = try renderer.cairoPDF(laid)
        let drawn = monotonicSeconds()
        let bytes = try AccessibilityPass(metadata: laid.metadata, figureAlts: raw.figureAlts,
                                          linkDescriptions: raw.linkDescriptions, headerScopes: raw.headerScopes, headerTexts: raw.headerTexts).run(raw.bytes)
        let end = monotonicSeconds()
        try writeAtomically(bytes, to: out)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let n = laid.pages.count
        print("fonts: \(fonts.directory)")
        print("pages: \(n)")
        print("layout: \(format3(mid - start)) s, cairo: \(format3(drawn - mid)) s, post-pass: \(format3(end - drawn)) s")
        print("pages per second: \(format3(Double(n) / max(end - start, 1e-9)))")
        print("peak memory: \(usage.ru_maxrss / 1024) MB")
        print("pdf size: \(bytes.count / 1024) KiB")
    }
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func format3(_ v: Double) -> String {
    let r = (v * 1000).rounded() / 1000
    return "\(r)"
}

enum FileHandleStderr {
    static func write(_ s: String) {
        var bytes = Array(s.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
