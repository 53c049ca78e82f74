import CSPAggregate
import CSPCharts
import CSPCore
import CSPDisplay
import CSPHTML
import CSPLayout
import CSPRender
import CSPReport
import CSPTextShaping
import CSPValidate
import Foundation
import XCTest

/// The web page and the PDF of the same report hold the same numbers. The page's visible text
/// (its charts and their data tables, the contents list, the masthead and the footer aside) must
/// hold exactly the numbers of the document's text, no more and no fewer, and each of them as
/// often in the PDF's text (`pdftotext`): the writer drops nothing, adds nothing and agrees with
/// the PDF. Both editions of the shipped sample quarter, reports/2024-25-Q3.
final class SameNumbersTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// reports/ from disk, as a world the loader reads.
    static func reportsWorld() throws -> MemoryWorld {
        var files: [String: [UInt8]] = [:]
        let root = repository.appendingPathComponent("reports")
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return MemoryWorld() }
        for case let path as String in walker {
            var isDirectory: ObjCBool = false
            let full = root.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files["reports/" + path] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: full)))
            }
        }
        return MemoryWorld(files: files)
    }

    static func document(_ edition: Edition) throws -> Document {
        let (input, diagnostics) = QuarterLoader.load(world: try reportsWorld(), directory: "reports/2024-25-Q3")
        guard let input else { throw XCTSkip("reports/2024-25-Q3 does not load: \(diagnostics.map(\.formatted))") }
        return ReportCompiler.compile(input: input, diagnostics: diagnostics, edition: edition,
                                      date: DateTime(year: 2025, month: 1, day: 20)).document
    }

    /// Numbers as a reader sees them: "1,204", "3.5", "45%", "<5" (a withheld count).
    static func numbers(_ text: String) -> [String] {
        text.matches(of: /<?[0-9][0-9,]*(\.[0-9]+)?%?/).map { String($0.output.0).trimmingSuffix(",") }.sorted()
    }

    /// The text of the document's blocks that the page shows as text (a chart's drawing, a
    /// trend line's words, which are its text alternative, and the contents list aside).
    static func documentText(_ doc: Document) -> String {
        var parts: [String] = []
        func runs(_ r: [TextRun]) { parts.append(r.map(\.text).joined()) }
        for block in doc.blocks {
            switch block {
            case .cover(let c): parts += [c.title, c.subtitle ?? ""] + c.lines
            case .heading(let h): parts.append(h.text)
            case .paragraph(let p): runs(p.runs)
            case .list(let l): l.items.forEach(runs)
            case .table(let t):
                parts.append(t.caption ?? "")
                for row in t.headerRows + t.rows { row.forEach { runs($0.runs) } }
                parts.append(t.note ?? "")
            case .figure(let f): parts += [f.chart.title, f.source ?? ""]
            case .kpis(let tiles):
                for t in tiles { parts += [t.label, t.value, t.change ?? ""] }
            case .contents(let title): parts.append(title)
            case .spacer, .pageBreak: break
            }
        }
        return parts.joined(separator: "\n")
    }

    /// The page's visible prose: without head, masthead, footer, contents list, drawings, the
    /// charts' data tables and text for screen readers only; tags removed, entities decoded.
    static func pageText(_ html: String) -> String {
        var s = html
        for (open, close) in [("<head>", "</head>"), ("<header", "</header>"), ("<footer", "</footer>"), ("<nav", "</nav>"),
                              ("<svg", "</svg>"), ("<details", "</details>"), ("<span class=\"visually-hidden\">", "</span>")] {
            while let a = s.range(of: open), let b = s.range(of: close, range: a.upperBound..<s.endIndex) {
                s.replaceSubrange(a.lowerBound..<b.upperBound, with: " ")
            }
        }
        s = s.replacing(/<[^>]*>/, with: " ")
        for (entity, c) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&")] { s = s.replacingOccurrences(of: entity, with: c) }
        return s
    }

    func testThePageHoldsTheDocumentsNumbersAndThePDFHoldsThemToo() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            throw XCTSkip("pdftotext (poppler-utils) is missing: make setup installs it")
        }
        let renderer = Renderer(fonts: try FontLibrary.bundled())
        for edition in [Edition.board, .public] {
            let doc = try Self.document(edition)
            let html = HTMLWriter().html(doc)
            let page = Self.numbers(Self.pageText(html))
            let expected = Self.numbers(Self.documentText(doc))
            XCTAssertGreaterThan(expected.count, 300, "\(edition): the report is full of numbers")
            XCTAssertEqual(page, expected, "\(edition): the page's numbers differ from the document's")

            let pdf = try renderer.pdf(LayoutEngine(shaper: renderer.shaper).layout(doc))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("cspreport-html-\(UUID().uuidString).pdf")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(pdf).write(to: file)
            let text = try Self.run("/usr/bin/pdftotext", [file.path, "-"])
            var inPDF = Dictionary(Self.numbers(text).map { ($0, 1) }, uniquingKeysWith: +)
            var missing: [String] = []
            for n in page {
                if let k = inPDF[n], k > 0 { inPDF[n] = k - 1 } else { missing.append(n) }
            }
            XCTAssertEqual(missing, [], "\(edition): numbers on the page that the PDF does not print as often")
            // The headline figures, word for word in both.
            for case .kpis(let tiles) in doc.blocks {
                for t in tiles {
                    XCTAssertTrue(html.contains("<p class=\"kpi-value\">\(t.value)</p>"), "\(edition): \(t.label)")
                    XCTAssertTrue(text.contains(t.value), "\(edition): \(t.label)")
                }
            }
            if edition == .public { XCTAssertTrue(page.contains("<5"), "the public edition withholds small counts") }
        }
    }

    func testTheNumberFinder() {
        XCTAssertEqual(Self.numbers("1,204 cases, <5 in East; 3.5% and Q3 2024-25."), ["1,204", "2024", "25", "3", "3.5%", "<5"])
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
