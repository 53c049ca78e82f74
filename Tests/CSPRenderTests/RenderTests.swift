import CSPCharts
import CSPDisplay
@testable import CSPLayout
@testable import CSPRender
@testable import CSPTextShaping
import Testing
import CPangoCairo
import CCairo
import Dispatch

#if canImport(Glibc)
import Glibc
#endif

let testDate = DateTime(year: 2021, month: 12, day: 31)
let testDir = String(#filePath.prefix(upTo: #filePath.lastIndex(of: "/") ?? #filePath.endIndex))

/// One font library for the whole suite: Pango and fontconfig set-up is the slow part.
let sharedFonts: FontLibrary? = try? FontLibrary.bundled()

func renderer() throws -> Renderer {
    guard let f = sharedFonts else { throw RenderError("bundled fonts not found") }
    return Renderer(fonts: f)
}

func specimenPDF() throws -> [UInt8] {
    let r = try renderer()
    let doc = Specimen.document(branding: Branding(name: "Cambridge Community Safety Partnership", shortName: "Cambridge CSP"),
                                classification: "OFFICIAL-SENSITIVE", date: testDate)
    return try r.pdf(LayoutEngine(shaper: r.shaper).layout(doc))
}

func writeFile(_ bytes: [UInt8], _ path: String) {
    guard let f = fopen(path, "wb") else { return }
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
}

func tmpPath(_ name: String) -> String { "/tmp/cspreport-render-tests-\(getpid())-\(name)" }

func readAll(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n <= 0 { break }
        out += buf[0..<n]
    }
    return out
}

/// Runs a tool; nil when it is not installed.
func run(_ tool: String, _ args: [String]) -> (status: Int32, output: String)? {
    let cmd = ([tool] + args).map { "'" + $0.replacingOccurrences("'", "'\\''") + "'" }.joined(separator: " ")
    guard system("command -v \(tool) >/dev/null 2>&1") == 0 else { return nil }
    guard let p = popen(cmd + " 2>&1", "r") else { return nil }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buf, 1, buf.count, p)
        if n <= 0 { break }
        out += buf[0..<n]
    }
    let status = pclose(p)
    return ((status >> 8) & 0xFF, String(decoding: out, as: UTF8.self))
}

extension String {
    func replacingOccurrences(_ a: String, _ b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}

/// Compares pixels with `References/<name>.png` (recorded when missing). More than 0.2 % of
/// pixels off by more than 24 levels fails, and writes `References/<name>.diff.png`: differing
/// pixels red over a faded reference.
func compareWithReference(_ actual: (width: Int, height: Int, data: [UInt32]), name: String,
                          sourceLocation: SourceLocation = #_sourceLocation) throws {
    let refPath = testDir + "/References/\(name).png"
    guard let ref = Renderer.loadPNG(refPath) else {
        writeFile(try Renderer.encodePNG(width: actual.width, height: actual.height, data: actual.data), refPath)
        return
    }
    guard ref.width == actual.width, ref.height == actual.height else {
        Issue.record("\(name): size \(actual.width)x\(actual.height), reference \(ref.width)x\(ref.height)",
                     sourceLocation: sourceLocation)
        return
    }
    var diff = [UInt32](repeating: 0xFFFFFF, count: ref.data.count)
    var bad = 0
    for i in 0..<ref.data.count {
        let a = ref.data[i], b = actual.data[i]
        let d = max(abs(Int(a >> 16 & 0xFF) - Int(b >> 16 & 0xFF)), abs(Int(a >> 8 & 0xFF) - Int(b >> 8 & 0xFF)),
                    abs(Int(a & 0xFF) - Int(b & 0xFF)))
        if d > 24 { bad += 1; diff[i] = 0xFF0000 } else { diff[i] = (a & 0xFEFEFE) / 2 + 0x7F7F7F }
    }
    // Anti-aliasing may differ a little between builds of cairo and FreeType.
    if Double(bad) / Double(max(1, ref.data.count)) > 0.002 {
        let out = testDir + "/References/\(name).diff.png"
        writeFile(try Renderer.encodePNG(width: ref.width, height: ref.height, data: diff), out)
        Issue.record("\(name) differs from its reference in \(bad) pixels; difference image: \(out)",
                     sourceLocation: sourceLocation)
    }
}

@Suite(.serialized) struct RenderTests {
    @Test func assetsAreFound() {
        #expect(Assets.directory() != nil)
    }

    @Test func pangoShaperWrapsAndKeepsTextLiteral() throws {
        let r = try renderer()
        let text = StyledText("Fish & Chips <b>not bold</b> > 5 £12.50 – café", font: FontSpec(size: 10))
        let one = r.shaper.shape(text, width: nil)
        #expect(one.lines.count == 1)
        #expect(one.lines[0].text == "Fish & Chips <b>not bold</b> > 5 £12.50 – café")
        let wrapped = r.shaper.shape(text, width: 80)
        #expect(wrapped.lines.count > 1)
        #expect(wrapped.lines.allSatisfy { $0.width <= 80.5 })
        // Bold is wider than regular.
        let bold = StyledText([TextRun("Problem solving", bold: true)], font: FontSpec(size: 10))
        let regular = StyledText("Problem solving", font: FontSpec(size: 10))
        #expect(r.shaper.width(of: bold) > r.shaper.width(of: regular))
        // A long word is hyphenated rather than overflowing.
        let long = r.shaper.shape(StyledText("antidisestablishmentarianism", font: FontSpec(size: 10)), width: 70)
        #expect(long.lines.count > 1)
        #expect(long.lines[0].text.hasSuffix("-"))
        // Ellipsis.
        let cut = r.shaper.shape(StyledText("A title far too long for its box", font: FontSpec(size: 10), ellipsize: true), width: 60)
        #expect(cut.lines.count == 1)
        #expect(cut.lines[0].width <= 60.5)
    }

    /// Renders a chart and compares it with the stored reference, within a tolerance.
    /// Unwrapped text comes with its widest word, measured from its own glyphs: what table
    /// columns use as their narrowest width, close to shaping that word alone.
    @Test func pangoShaperMeasuresTheWidestWord() throws {
        let shaper = try renderer().shaper
        let font = FontSpec(size: 9)
        let text = StyledText("Cambridgeshire County Council (Early Help) — a longer sentence", font: font)
        let shaped = shaper.shape(text, width: nil)
        let alone = shaper.shape(StyledText("Cambridgeshire", font: font), width: nil).width
        let widest = try #require(shaped.widestWord)
        #expect(abs(widest - alone) < 0.5)
        #expect(widest < shaped.width)
        // Lines broken by the text itself: words never run across them.
        let twoLines = shaper.shape(StyledText("short\nwords", font: font), width: nil)
        #expect(try #require(twoLines.widestWord) <= twoLines.width + 0.01)
        #expect(shaper.shape(StyledText("", font: font), width: nil).widestWord == 0)
    }

    @Test func chartPNGMatchesReference() throws {
        let r = try renderer()
        let chart = Chart(.groupedBar(.vertical), title: "Cases opened and closed", altText: "a",
                          categories: ["North", "East", "South", "West"],
                          series: [ChartSeries("Opened", [3, 6, 4, 2]), ChartSeries("Closed", [5, 2, 1, 4])], valueLabel: "Cases")
        let frame = ChartBuilder(shaper: r.shaper).build(chart, width: 360, height: 200).frame()
        try compareWithReference(try r.pixels(frame, scale: 2), name: "grouped-bar")
    }

    /// A whole page: furniture, headings, lists and a table with status cells.
    @Test func pagePNGMatchesReference() throws {
        let r = try renderer()
        let doc = Specimen.document(branding: Branding(name: "Cambridge Community Safety Partnership", shortName: "Cambridge CSP"),
                                    classification: "OFFICIAL-SENSITIVE", date: testDate)
        let laid = LayoutEngine(shaper: r.shaper).layout(doc)
        try #require(laid.pages.count >= 7)
        try compareWithReference(try r.pixels(laid.pages[6], scale: 1), name: "specimen-page-7")
    }

    @Test func svgAndPNGOfAPage() throws {
        let r = try renderer()
        let doc = Specimen.document(branding: Branding(), classification: "OFFICIAL", date: testDate)
        let laid = LayoutEngine(shaper: r.shaper).layout(doc)
        let svg = try r.svg(laid.pages[2])
        #expect(String(decoding: svg.prefix(200), as: UTF8.self).contains("<svg"))
        let png = try r.png(laid.pages[2], scale: 0.5)
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let a = try specimenPDF()
        let b = try specimenPDF()
        #expect(a.count > 10_000)
        #expect(a == b)
    }

    /// The painter draws the Pango layouts kept from measuring instead of shaping the text
    /// again: that may not change a byte of the PDF. Fresh libraries, so nothing is kept from
    /// other tests.
    @Test func keptLayoutsGiveTheSamePDF() throws {
        guard let dir = Assets.directory() else { throw RenderError("bundled fonts not found") }
        let doc = Specimen.document(branding: Branding(name: "Cambridge Community Safety Partnership", shortName: "Cambridge CSP"),
                                    classification: "OFFICIAL-SENSITIVE", date: testDate)
        // Measured by one library, drawn by another: every layout is made anew for drawing.
        let measuring = Renderer(fonts: try FontLibrary(fontsDirectory: dir + "/fonts"))
        let drawing = Renderer(fonts: try FontLibrary(fontsDirectory: dir + "/fonts"))
        let fresh = try drawing.pdf(LayoutEngine(shaper: measuring.shaper).layout(doc))
        // Measured and drawn by one library: the layouts are kept and drawn.
        let one = Renderer(fonts: try FontLibrary(fontsDirectory: dir + "/fonts"))
        let kept = try one.pdf(LayoutEngine(shaper: one.shaper).layout(doc))
        #expect(fresh.count > 10_000)
        let same = kept == fresh
        #expect(same)
    }

    /// The command-line tool changes nothing in how cairo writes (no environment switch, no
    /// replaced C function): its specimen is the same PDF, byte for byte, as this process makes.
    @Test func toolMakesTheSamePDFAsTheLibrary() throws {
        let here = String(CommandLine.arguments[0].prefix(upTo: CommandLine.arguments[0].lastIndex(of: "/") ?? CommandLine.arguments[0].startIndex))
        let candidates: [String] = [here + "/cspreport", here + "/../cspreport"]
        let binary = candidates.first { path in access(path, X_OK) == 0 }
        let tool = try #require(binary, "the cspreport binary beside the tests")
        let dir = tmpPath("tool-specimen")
        mkdir(dir, 0o755)
        defer { _ = system("rm -rf '\(dir)'") }
        // The specimen's date and branding when no SOURCE_DATE_EPOCH or reports/csp.yaml is given.
        let cmd = "cd '\(dir)' && env -u SOURCE_DATE_EPOCH '\(tool)' specimen --out specimen.pdf 2>&1"
        #expect(system(cmd) == 0)
        let fromTool = try #require(readAll(dir + "/specimen.pdf"))
        let inProcess = try specimenPDF()
        #expect(fromTool.count > 10_000)
        let same = fromTool == inProcess
        #expect(same)
    }

    /// The program defines no function of the C library: every library in the process (cairo,
    /// Pango, fontconfig) gets glibc's own, as anywhere else.
    @Test func toolDefinesNoCLibraryFunction() throws {
        let here = String(CommandLine.arguments[0].prefix(upTo: CommandLine.arguments[0].lastIndex(of: "/") ?? CommandLine.arguments[0].startIndex))
        let candidates: [String] = [here + "/cspreport", here + "/../cspreport"]
        let binary = candidates.first { path in access(path, X_OK) == 0 }
        let tool = try #require(binary, "the cspreport binary beside the tests")
        guard let libc = run("sh", ["-c", "nm -D --defined-only \"$(ldd \(tool) | awk '$1 ~ /^libc[.]so/ {print $3}')\""]),
              let ours = run("nm", ["--defined-only", tool]), libc.status == 0, ours.status == 0 else {
            Issue.record("nm or ldd missing (binutils)"); return
        }
        func functions(_ nm: String) -> Set<Substring> {
            Set(nm.split(separator: "\n").compactMap { line -> Substring? in
                let f = line.split(separator: " ")
                guard f.count == 3, f[1] == "T" || f[1] == "W" || f[1] == "i" else { return nil }
                return f[2].split(separator: "@").first
            })
        }
        let libcFunctions = functions(libc.output)
        #expect(libcFunctions.contains("snprintf"))
        #expect(functions(ours.output).intersection(libcFunctions).isEmpty)
    }

    /// A text as wide as its column stays the one line it is unwrapped (so its unwrapped layout
    /// is reused, `PangoShaper.wrapsAsUnwrapped`): Pango itself sets it on one line at exactly
    /// that width, and the same line.
    @Test func textAtExactlyItsWidthIsOneLine() throws {
        guard let dir = Assets.directory() else { throw RenderError("bundled fonts not found") }
        let reusing = Renderer(fonts: try FontLibrary(fontsDirectory: dir + "/fonts"))
        let fresh = Renderer(fonts: try FontLibrary(fontsDirectory: dir + "/fonts"))
        let texts = ["Opened", "Age (days)", "23 Nov 2024", "Monitoring", "Open — escalated", "Think Communities",
                     "Retailers reluctant to report shop theft", "£12.50", "Café society", "WAVE"]
        for s in texts {
            for font in [FontSpec(size: 8.5), FontSpec(size: 9, weight: .semibold), FontSpec(size: 10, weight: .bold)] {
                let text = StyledText(s, font: font)
                let unwrapped = reusing.shaper.shape(text, width: nil)
                let w = unwrapped.width
                // (Long words get break points when wrapped, so those never reuse the line; as wide
                // as a column can be, it is the same as a little wider.)
                let reusable = reusing.shaper.wrapsAsUnwrapped(text, unwrapped: unwrapped, width: w + 0.5)
                #expect(reusing.shaper.wrapsAsUnwrapped(text, unwrapped: unwrapped, width: w) == reusable, "\(s)")
                let pango = fresh.shaper.shape(text, width: w)
                #expect(pango.lines.count == 1 && pango.lines == unwrapped.lines, "\(s) at \(w)")
                // A hair narrower does not fit.
                #expect(!reusing.shaper.wrapsAsUnwrapped(text, unwrapped: unwrapped, width: w - 1.0 / 512), "\(s)")
            }
        }
        // A soft hyphen of the text's own that ends a Pango item: Pango counts a hyphen there
        // and breaks the line at exactly the unwrapped width, so such text is never reused.
        for runs in [[TextRun("Total re\u{AD}"), TextRun("l", bold: true)], [TextRun("abc re\u{AD}"), TextRun("i", italic: true)]] {
            let text = StyledText(runs, font: FontSpec(size: 9))
            let unwrapped = reusing.shaper.shape(text, width: nil)
            #expect(!reusing.shaper.wrapsAsUnwrapped(text, unwrapped: unwrapped, width: unwrapped.width + 20))
            #expect(fresh.shaper.shape(text, width: unwrapped.width).lines.count == 2)
        }
    }

    /// Text measured on two threads, each with a library of its own (`LayoutEngine.helper`),
    /// and drawn from the layouts each kept (`Painter.helperLayouts`): the same PDF, byte for byte, as one thread gives.
    @Test func twoLayoutThreadsGiveTheSamePDF() throws {
        guard let dir = Assets.directory() else { throw RenderError("bundled fonts not found") }
        let doc = Specimen.document(branding: Branding(name: "Cambridge Community Safety Partnership", shortName: "Cambridge CSP"),
                                    classification: "OFFICIAL-SENSITIVE", date: testDate)
        let single = Renderer(fonts: try FontLibrary(fontsDirectory: dir + "/fonts"))
        let one = try single.pdf(LayoutEngine(shaper: single.shaper).layout(doc))
        // Twice, each with fresh libraries: blocks handed out largest first (as in use), then
        // smallest first, so that each thread measures other blocks, in another order.
        for smallestFirst in [false, true] {
            let pair = Renderer(fonts: try FontLibrary(fontsDirectory: dir + "/fonts"),
                                helperFonts: try FontLibrary(fontsDirectory: dir + "/fonts", current: false))
            var engine = LayoutEngine(shaper: pair.shaper, helper: pair.helperShaper)
            #expect(engine.helper != nil)
            engine.smallestBlocksFirst = smallestFirst
            let two = try pair.pdf(engine.layout(doc))
            #expect(one.count > 10_000)
            let same = one == two
            #expect(same, "smallest blocks first: \(smallestFirst)")
        }
        // One library cannot be its own helper.
        let shared = try FontLibrary(fontsDirectory: dir + "/fonts")
        #expect(Renderer(fonts: shared, helperFonts: shared).helperShaper == nil)
    }

    /// Two libraries shaping at once on two threads, each with fonts it has never used (the
    /// first use of a font is where Pango 1.50 shares state between threads: see
    /// `FontLibrary.parallelSafe`), break every text into the same glyphs and positions as one
    /// library on one thread. Justified text is the sensitive case; three rounds, fresh fonts each.
    @Test func concurrentShapingMatchesOneThread() throws {
        guard let dir = Assets.directory() else { throw RenderError("bundled fonts not found") }
        let tail = ", extended with the Think Communities approach: Wohnungsbaugenossenschaftsverband, antidisestablishmentarianism and multi-agency-safeguarding-arrangements, which would otherwise leave ragged gaps."
        var texts: [StyledText] = []
        for i in 0..<40 {
            let runs = [TextRun("Operation Carmel combines \(i) "), TextRun("engagement", italic: i % 3 == 0), TextRun(tail, bold: i % 4 == 1)]
            let font = FontSpec(size: 8 + Double(i % 6), weight: i % 5 == 2 ? .semibold : .regular)
            texts.append(StyledText(runs, font: font, alignment: i % 2 == 0 ? .justify : .left, lineHeight: 1.4))
        }
        let reference = try FontLibrary(fontsDirectory: dir + "/fonts")
        #expect(reference.parallelSafe)
        let expected = texts.map { reference.glyphs($0, width: 260) }
        for _ in 0..<3 {
            let shared = ConcurrentShaping(libraries: [try FontLibrary(fontsDirectory: dir + "/fonts", current: false),
                                                       try FontLibrary(fontsDirectory: dir + "/fonts", current: false)],
                                           texts: texts)
            DispatchQueue.concurrentPerform(iterations: 2) { shared.run($0) }
            for k in 0..<2 {
                let same = shared.results[k] == expected
                #expect(same, "thread \(k) shaped differently")
            }
        }
    }

    @Test func pdfAsItsReadersSeeIt() throws {
        let pdf = try specimenPDF()
        let path = tmpPath("specimen.pdf")
        writeFile(pdf, path)
        defer { unlink(path) }

        guard let info = run("pdfinfo", [path]) else {
            Issue.record("pdfinfo missing: install poppler-utils (make/render.mk lists the test dependencies)")
            return
        }
        #expect(info.output.contains("Tagged:          yes"))
        #expect(info.output.contains("Page size:       595.276 x 841.89 pts (A4)"))
        #expect(info.output.contains("Title:           Problem-Solving Group report — rendering specimen"))
        #expect(info.output.contains("CreationDate:    Fri Dec 31 00:00:00 2021 UTC"))

        if let fonts = run("pdffonts", [path]) {
            let rows = fonts.output.split(separator: "\n").dropFirst(2)
            #expect(!rows.isEmpty)
            for row in rows { #expect(row.contains(" yes yes yes "), "font not embedded: \(row)") }
        }
        if let check = run("qpdf", ["--check", path]) {
            #expect(check.status == 0, "\(check.output)")
            #expect(check.output.contains("No syntax or stream encoding errors"))
        }
        if let text = run("pdftotext", ["-layout", path, "-"]) {
            #expect(text.output.contains("Fish & Chips <b>not bold</b> > 5 £12.50 – café"))
            #expect(text.output.contains("Page 3 of"))
            #expect(text.output.contains("OFFICIAL-SENSITIVE"))
        }
        if let structure = run("pdfinfo", ["-struct-text", path]) {
            // Inline links: the sentence around them is tagged too (Span), not left untagged.
            #expect(structure.output.contains("\"the casework table\""))
            #expect(structure.output.contains("\"Links sit inside running text too: go back to the \""))
            #expect(structure.output.contains("/Scope /Row"))
        }
        if let outline = run("mutool", ["show", path, "outline"]) {
            #expect(outline.output.contains("At a glance"))
            #expect(outline.output.contains("Cases over eight quarters"))
        }
        guard let ua = run("pdfua", ["check", path]) else {
            Issue.record("pdfua missing: pip install pdfua (make/render.mk lists the test dependencies)")
            return
        }
        #expect(ua.output.contains("PASS (no findings)"), "\(ua.output)")
    }

    @Test func hostileTextRendersToAValidPDF() throws {
        let r = try renderer()
        let nasty = "NUL\u{0}after tab\there 🙂 שלום a\u{0301} \u{202E}reversed\u{202C} ' \\ ) ( % " + String(repeating: "W", count: 2_000)
        let doc = Document(
            metadata: DocumentMetadata(title: nasty, author: "A & B <c>", subject: "\u{1}", keywords: ["'", "\\"], date: testDate),
            template: PageTemplate(title: nasty, classification: "OFFICIAL"),
            branding: Branding(name: nasty, shortName: "x"),
            blocks: [.heading(Heading(level: 1, nasty, id: "a'b\\c")), .paragraph(Paragraph(nasty)),
                     .paragraph(Paragraph("link", link: .uri("https://example.org/?q='x'&y=\\"))),
                     .paragraph(Paragraph("back", link: .destination("a'b\\c"))),
                     .table(Table(columns: [.text], headerRows: [[TableCell(nasty)]], rows: [[TableCell(nasty)]]))])
        let pdf = try r.pdf(LayoutEngine(shaper: r.shaper).layout(doc))
        let path = tmpPath("hostile.pdf")
        writeFile(pdf, path)
        defer { unlink(path) }
        if let check = run("qpdf", ["--check", path]) { #expect(check.status == 0, "\(check.output)") }
        if let ua = run("pdfua", ["check", path]) { #expect(ua.output.contains("PASS (no findings)"), "\(ua.output)") }
    }

    /// Cairo 1.16 writes a link's URI into the PDF as a literal string without escaping it: a
    /// backslash, or a parenthesis without its pair, would break the file. The painter
    /// percent-encodes those; a balanced pair is valid in a PDF string and stays.
    @Test func urisAreSafeForCairosLiteralStrings() {
        #expect(Painter.uriForCairo("https://example.org/?q='x'&y=\\") == "https://example.org/?q='x'&y=%5C")
        #expect(Painter.uriForCairo("https://en.wikipedia.org/wiki/Bar_(law)") == "https://en.wikipedia.org/wiki/Bar_(law)")
        #expect(Painter.uriForCairo("https://x.org/a)b(c") == "https://x.org/a%29b%28c")
        #expect(Painter.uriForCairo("https://x.org/a(b") == "https://x.org/a%28b")
        #expect(Painter.uriForCairo("https://www.cambridge.gov.uk/csp") == "https://www.cambridge.gov.uk/csp")
    }
}

/// Each thread shapes every text with a library of its own.
private final class ConcurrentShaping: @unchecked Sendable {
    let libraries: [FontLibrary]
    let texts: [StyledText]
    // One property a thread: two threads never write the same storage.
    var first: [[[Int32]]] = [], second: [[[Int32]]] = []
    var results: [[[[Int32]]]] { [first, second] }
    init(libraries: [FontLibrary], texts: [StyledText]) { self.libraries = libraries; self.texts = texts }
    func run(_ k: Int) {
        let shaped = texts.map { libraries[k].glyphs($0, width: 260) }
        if k == 0 { first = shaped } else { second = shaped }
    }
}
