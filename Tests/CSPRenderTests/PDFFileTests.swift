@testable import CSPRender
import CSPDisplay
import CSPLayout
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The post-pass reads and writes cairo's file itself (`PDFFile`), and refuses anything else.
/// These tests hold the result to what readers and checkers expect, and the reader to its word. They
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

        /// A hand-written file with what PDF syntax allows and cairo seldom writes: comments inside
        /// dictionaries, nested and escaped brackets in strings, hex strings, reals, negative numbers,
        /// a stream whose length is an object further on.
        static func handWritten(contentFilter: String = "", generation: Int = 0) -> [UInt8] {
            let content = "0 0 1 rg 10 10 50 50 re f\n/P << /MCID 0 >> BDC BT /F1 12 Tf (Hi) Tj ET EMC\n"
            var pdf = "%PDF-1.5\n"
            var offsets: [Int] = []
            var generations: [Int: Int] = [:]
            func object(_ body: String, generation: Int = 0) {
                offsets.append(pdf.utf8.count)
                pdf += "\(offsets.count) \(generation) obj\n\(body)\nendobj\n"
            }
            object("<< /Type /Catalog % the root\n /Pages 2 0 R /StructTreeRoot 6 0 R >>")
            object("<< /Type /Pages /Kids [3 \(generation) R] /Count 1 >>")
            object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 -100.5 .5] /Contents 4 0 R /Annots [8 0 R] >>", generation: generation)
            generations[3] = generation
            object("<< /Length 5 0 R\(contentFilter) >>\nstream\n\(content)\nendstream")
            object("\(content.utf8.count + 1)")
            object("<< /Type /StructTreeRoot /K [7 0 R] >>")
            object("<< /Type /StructElem /S /Figure /P 6 0 R /Pg 3 \(generation) R /K 0 /T (a (nested) \\) string) /ID <48 49> >>")
            object("<< /Type /Annot /Subtype /Link /Rect [1 2 3 4] /Border [0 0 0] >>")
            object("<< /Title (Old) /Producer (cairo) >>")
            let xref = pdf.utf8.count
            pdf += "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
                + offsets.enumerated().map { k, offset in
                    String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 0000\(generations[k + 1] ?? 0) n \n"
                }.joined()
            pdf += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R /Info 9 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
            return Array(pdf.utf8)
        }

        @Test func keepsWhatItDoesNotChange() throws {
            let pass = AccessibilityPass(metadata: Self.metadata, figureAlts: ["A chart, described"], linkDescriptions: [])
            let out = try pass.run(Self.handWritten())
            let path = tmpPath("hand.pdf"), qdf = path + ".qdf"
            writeFile(out, path)
            defer { unlink(path); unlink(qdf) }
            guard let r = run("qpdf", ["--qdf", "--normalize-content=n", "--object-streams=disable", path, qdf]) else { Issue.record("qpdf missing"); return }
            #expect(r.status == 0, "\(r.output)")
            let text = String(decoding: try #require(readAll(qdf)), as: UTF8.self)
            // (qpdf writes strings its own way: the same values.)
            for kept in ["/MediaBox [", "-100.5", ".5", "/T (a \\(nested\\) \\) string)", "/ID (HI)", "/Rect [", "/Border ["] {
                #expect(text.contains(kept), "lost: \(kept)")
            }
            // What the pass adds.
            for added in ["/Alt (A chart, described)", "/Contents (Link)", "/Lang (en-GB)", "/Tabs /S", "/Artifact BMC",
                          "/Title (Title \\(with\\) \\\\ brackets)", "/Author <feff0041006d00e9006c00690065>",
                          "/Producer (cairo 1.16 + cspreport)", "/DisplayDocTitle true", "/Marked true", "pdfuaid:part"] {
                #expect(text.contains(added), "missing: \(added)")
            }
            #expect(text.contains("10 10 50 50 re"))
            // Values the pass does not change are written with the bytes they were read with.
            let file = try PDFFile(parsing: Self.handWritten())
            var element: [UInt8] = []
            PDFWriter.write(try #require(file.objects[7]).value, to: &element, renumbered: Array(0..<file.objects.count))
            #expect(String(decoding: element, as: UTF8.self)
                == "<< /Type /StructElem /S /Figure /P 6 0 R /Pg 3 0 R /K 0 /T (a (nested) \\) string) /ID <48 49> >>")
            #expect(file.objects[5]?.stream == nil && file.objects[4]?.stream?.count == 76)
            // The drawing outside the structure is an artifact; the tagged text is not.
            #expect(text.contains("0 0 1 rg /Artifact BMC\n10 10 50 50 re f\nEMC\n/P << /MCID 0 >> BDC"))
        }

        @Test func compressedContentIsReadToo() throws {
            let pass = AccessibilityPass(metadata: Self.metadata, figureAlts: [], linkDescriptions: [])
            // A file whose content stream claims a filter the pass cannot read is refused, not guessed at.
            #expect(throws: PDFUnsupported.self) { try pass.run(Self.handWritten(contentFilter: " /Filter /LZWDecode")) }
        }

        /// A file in another shape is an error that says what the pass did not understand, and
        /// that it reads only cairo's shape; nothing else finishes it.
        @Test func refusesOtherShapesWithAMessage() throws {
            let pass = AccessibilityPass(metadata: Self.metadata, figureAlts: [], linkDescriptions: [])
            let odd = Self.handWritten(generation: 1)
            do {
                _ = try pass.run(odd)
                Issue.record("a file with an object of generation 1 was finished")
            } catch let error as PDFUnsupported {
                #expect(error.reason == "an object of generation 1")
                #expect("\(error)" == "the PDF post-pass does not understand this PDF (an object of generation 1); it reads only PDFs as cairo 1.16 writes them")
            }
            // Its own output (object streams, a cross-reference stream) is refused too.
            let finished = try pass.run(Self.handWritten())
            #expect(throws: PDFUnsupported.self) { try pass.run(finished) }
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
