@testable import CSPRender
@testable import CSPTextShaping
@testable import CSPPostPass
import CSPDisplay
import CSPLayout
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The post-pass on what cairo writes (`CSPPostPassTests` test it on hand-written files without
/// cairo). These draw with the shared fonts, so they run inside `RenderTests`, one at a time. They
/// draw with the shared fonts, so they run inside `RenderTests`, one at a time.
extension RenderTests {
    @Suite struct PDFFileTests {
        static let metadata = DocumentMetadata(title: "Title (with) \\ brackets", author: "Amélie", subject: "S",
                                               keywords: ["a", "b"], date: testDate)

        /// Cairo's output for the specimen, and the pass that finishes it.
        static func specimenRaw() throws -> (Renderer.CairoPDF, AccessibilityPass) {
            let r = try renderer()
            let doc = Specimen.document(branding: Branding(name: "Cambridge Community Safety Partnership", shortName: "Cambridge CSP"),
                                        classification: "OFFICIAL-SENSITIVE", date: testDate)
            let laid = LayoutEngine(shaper: r.shaper).layout(doc)
            let raw = try r.cairoPDF(laid)
            let pass = AccessibilityPass(metadata: laid.metadata, figureAlts: raw.figureAlts,
                                         linkDescriptions: raw.linkDescriptions, headerScopes: raw.headerScopes)
            return (raw, pass)
        }

        @Test func finishesCairosFileForItsReaders() throws {
            let (raw, pass) = try Self.specimenRaw()
            let out = try pass.run(raw.bytes)
            #expect(try pass.run(raw.bytes) == out, "not deterministic")
            let a = tmpPath("finished.pdf"), b = tmpPath("cairo.pdf")
            writeFile(out, a); writeFile(raw.bytes, b)
            defer { unlink(a); unlink(b) }
            guard let check = run("qpdf", ["--check", a]) else { Issue.record("qpdf missing (make test installs it)"); return }
            #expect(check.status == 0, "\(check.output)")
            // What readers see is cairo's document: the same text and outline.
            func same(_ tool: String, _ args: [String], after: [String] = []) {
                guard let x = run(tool, args + [a] + after), let y = run(tool, args + [b] + after) else { return }
                #expect(x.output == y.output, "\(tool) \(args) differs")
                #expect(x.output.split(separator: "\n").count > 5)
            }
            same("pdftotext", ["-layout"], after: ["-"])
            same("mutool", ["show"], after: ["outline"])
            if let info = run("pdfinfo", [a]) {
                let lines = info.output.split(separator: "\n")
                #expect(lines.contains { $0.hasPrefix("Tagged:") && $0.hasSuffix(" yes") }, "\(info.output)")
                #expect(lines.contains { $0.hasPrefix("Producer:") && $0.hasSuffix(" cairo 1.16 + cspreport") }, "\(info.output)")
            }
            if let ua = run("pdfua", ["check", a]) { #expect(ua.output.contains("PASS (no findings)"), "\(ua.output)") }
        }

        /// Every page's content is marked while cairo draws, and a result is only handed out for
        /// the bytes it was made from.
        @Test func pageContentIsMarkedWhileCairoDraws() throws {
            let (raw, _) = try Self.specimenRaw()
            let early = try #require(raw.early)
            let file = try PDFFile(parsing: raw.bytes)
            var pages = 0
            for object in file.objects.compactMap({ $0 }) where object.value.dictionary?["/Type"]?.isName("/Page") == true {
                let contents = try #require(object.value.dictionary?["/Contents"]?.reference)
                let stream = try #require(file.objects[contents])
                let data = try #require(stream.stream)
                let marked = try #require(early.result(at: stream.streamOffset, for: data) ?? nil, "page \(pages + 1) not marked early")
                #expect(Flate.inflate(marked) == Flate.inflate(data).map(ArtifactMarker.mark))
                #expect(early.result(at: stream.streamOffset, for: data + [0]) == nil)
                pages += 1
            }
            #expect(pages > 3)
        }

        /// Damaged copies of cairo's file: each is read and written, or refused, and never crashes
        /// or hangs the pass.
        @Test func damagedFilesAreRefusedNotCrashedOn() throws {
            let (raw, pass) = try Self.specimenRaw()
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            func next() -> Int {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Int(truncatingIfNeeded: state >> 33)
            }
            var refused = 0, finished = 0
            for k in 0..<120 {
                var bytes = raw.bytes
                switch k % 3 {
                case 0: bytes.removeSubrange((next() % bytes.count)...)
                case 1: for _ in 0..<8 { bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next()) }
                default:
                    let at = next() % bytes.count
                    bytes.insert(contentsOf: Array("<< [ ( 9 0 R >> endobj".utf8), at: at)
                }
                do { _ = try pass.run(bytes); finished += 1 } catch is PDFUnsupported { refused += 1 }
            }
            #expect(refused + finished == 120)
            #expect(refused > 0)
        }
    }
}
