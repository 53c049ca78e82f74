import ArgumentParser
import CSPCharts
import CSPDisplay
import CSPLayout
import CSPRender
import CSPPostPass
import Yams

#if canImport(Glibc)
import Glibc
#endif

/// Branding and markings read from the partnership configuration. Read with Yams directly for
/// now; the shared config loader will replace this.
struct SpecimenConfig {
    var branding = Branding(name: "Cambridge Community Safety Partnership", shortName: "Cambridge CSP")
    var board = "OFFICIAL-SENSITIVE"
    var publicMarking = "OFFICIAL"

    static func load(_ path: String) throws -> SpecimenConfig {
        var c = SpecimenConfig()
        let text: String
        do { text = try readText(path) } catch { throw SpecimenError("cannot read \(path): \(error)") }
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch { throw SpecimenError("\(path): not valid YAML: \(error)") }
        guard let map = node as? [String: Any] else { throw SpecimenError("\(path): expected a mapping at the top level") }
        if let name = map["name"] as? String { c.branding.name = name }
        if let short = map["short_name"] as? String { c.branding.shortName = short }
        if let cls = map["classification"] as? [String: Any] {
            if let b = cls["board"] as? String { c.board = b }
            if let p = cls["public"] as? String { c.publicMarking = p }
        }
        if let list = map["palette"] as? [Any] {
            var colors: [Color] = []
            for item in list {
                guard let hex = item as? String, let c = Color(hex: hex) else {
                    throw SpecimenError("\(path): palette entry \"\(item)\" is not a colour like \"#12436D\"")
                }
                colors.append(c)
            }
            if !colors.isEmpty { c.branding.palette = colors }
        }
        if let logo = map["logo"] as? String {
            let folder = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
            // The logo must stay inside the configuration's folder.
            let parts = logo.split(separator: "/")
            guard !logo.hasPrefix("/"), !parts.contains("..") else {
                throw SpecimenError("\(path): logo \"\(logo)\" must be a path inside \(folder)")
            }
            let full = folder + "/" + logo
            // Symbolic links must not lead outside the folder either.
            if let realFolder = realPath(folder), let realLogo = realPath(full), !realLogo.hasPrefix(realFolder + "/") {
                throw SpecimenError("\(path): logo \"\(logo)\" resolves outside \(folder)")
            }
            guard let size = Renderer.pngSize(full) else {
                throw SpecimenError("\(path): logo \"\(logo)\" is not a readable PNG file")
            }
            c.branding.logoPath = full
            c.branding.logoSize = size
        }
        return c
    }
}

func readText(_ path: String) throws -> String {
    guard let f = fopen(path, "rb") else { throw RenderError(String(cString: strerror(errno))) }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n <= 0 { break }
        bytes.append(contentsOf: buf[0..<n])
        if bytes.count > 10_000_000 { throw RenderError("file too large") }
    }
    return String(decoding: bytes, as: UTF8.self)
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
        let renderer = Renderer(fonts: fonts)
        let doc = CSPLayout.Specimen.document(branding: cfg.branding,
                                              classification: edition == "board" ? cfg.board : cfg.publicMarking,
                                              date: documentDate())
        let laid = LayoutEngine(shaper: renderer.shaper).layout(doc)
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
                                          linkDescriptions: raw.linkDescriptions, headerScopes: raw.headerScopes).run(raw.bytes)
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

func realPath(_ p: String) -> String? {
    guard let r = realpath(p, nil) else { return nil }
    defer { free(r) }
    return String(cString: r)
}
