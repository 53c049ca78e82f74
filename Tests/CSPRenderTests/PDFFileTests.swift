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
                                         linkDescriptions: raw.linkDescriptions, headerScopes: raw.headerScopes, headerTexts: raw.headerTexts)
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

        /// The finished file read back with the project's reader: qpdf writes it without object
        /// streams (which `PDFFile` refuses, as cairo never writes them). Nil without qpdf.
        static func readBack(_ finished: [UInt8], _ name: String) throws -> PDFFile? {
            let a = tmpPath(name), b = a + ".plain.pdf"
            writeFile(finished, a)
            defer { unlink(a); unlink(b) }
            guard let r = run("qpdf", ["--object-streams=disable", "--compress-streams=n", a, b]) else {
                Issue.record("qpdf missing (make test installs it)")
                return nil
            }
            #expect(r.status == 0, "\(r.output)")
            let bytes = try #require(readAll(b))
            return try PDFFile(parsing: bytes)
        }

        /// The TrueType CID fonts (CIDFontType2) of a file, by object number.
        static func trueTypeCIDFonts(_ file: PDFFile) -> [(Int, PDFDictionary)] {
            file.objects.indices.compactMap { n in
                guard let d = file.objects[n]?.value.dictionary, d["/Subtype"]?.isName("/CIDFontType2") == true else { return nil }
                return (n, d)
            }
        }

        /// PDF/UA-1 wants /CIDToGIDMap written in every TrueType CID font (ISO 14289-1 7.21.3.2;
        /// veraPDF's rule PDFUA1-CIDTOGIDMAP-001): cairo leaves it out, the pass writes /Identity.
        /// That is right only when cairo's subset numbers its glyphs as its CIDs: checked here on
        /// cairo's file, each CID in /W is a glyph of the embedded subset with that advance width.
        @Test func trueTypeCIDFontsMapCIDsToGlyphsAsIdentity() throws {
            let (raw, pass) = try Self.specimenRaw()
            let cairo = try PDFFile(parsing: raw.bytes)
            let fonts = Self.trueTypeCIDFonts(cairo)
            #expect(!fonts.isEmpty, "the specimen has no TrueType CID font to check")
            for (n, font) in fonts {
                #expect(font["/CIDToGIDMap"] == nil, "cairo now writes a /CIDToGIDMap in object \(n): check the pass")
                // The embedded subset: its glyph count (maxp), units per em (head) and advances (hmtx).
                let descriptor = try #require(cairo.resolve(font["/FontDescriptor"])?.dictionary)
                let programNumber = try #require(descriptor["/FontFile2"]?.reference)
                let program = try #require(cairo.objects[programNumber])
                let stream = try #require(program.stream)
                let filtered = program.value.dictionary?["/Filter"]?.isName("/FlateDecode") == true
                let ttf = try #require(filtered ? Flate.inflate(stream) : stream)
                func u16(_ at: Int) -> Int { at + 1 < ttf.count ? Int(ttf[at]) << 8 | Int(ttf[at + 1]) : 0 }
                func u32(_ at: Int) -> Int { u16(at) << 16 | u16(at + 2) }
                var tables: [String: Int] = [:]
                for k in 0..<u16(4) {
                    let at = 12 + 16 * k
                    tables[String(decoding: ttf[at..<at + 4], as: UTF8.self)] = u32(at + 8)
                }
                let head = try #require(tables["head"]), maxp = try #require(tables["maxp"])
                let hhea = try #require(tables["hhea"]), hmtx = try #require(tables["hmtx"])
                let unitsPerEm = Double(u16(head + 18)), glyphs = u16(maxp + 4), metrics = u16(hhea + 34)
                func advance(_ glyph: Int) -> Double { Double(u16(hmtx + 4 * min(glyph, metrics - 1))) * 1000 / unitsPerEm }
                guard case .array(let w)? = cairo.resolve(font["/W"]) else { Issue.record("object \(n) has no /W"); continue }
                func number(_ v: PDFValue) -> Double? {
                    switch v {
                    case .integer(let i): return Double(i)
                    case .real(let bytes): return Double(String(decoding: bytes, as: UTF8.self))
                    default: return nil
                    }
                }
                var widths: [(cid: Int, width: Double)] = []
                var i = 0
                while i + 1 < w.count, case .integer(let first) = w[i] {
                    if case .array(let list) = w[i + 1] {
                        widths += list.enumerated().compactMap { k, v in number(v).map { (first + k, $0) } }
                        i += 2
                    } else if i + 2 < w.count, case .integer(let last) = w[i + 1], let width = number(w[i + 2]) {
                        widths += (first...max(first, last)).map { ($0, width) }
                        i += 3
                    } else { break }
                }
                #expect(i == w.count, "object \(n): a /W array not read to its end")
                #expect(!widths.isEmpty)
                for (cid, width) in widths {
                    #expect(cid < glyphs, "object \(n): CID \(cid) is no glyph of a \(glyphs)-glyph subset")
                    #expect(abs(advance(cid) - width) <= 1, "object \(n): CID \(cid) is \(width) wide, glyph \(cid) \(advance(cid))")
                }
            }
            // The finished file: every TrueType CID font maps CIDs to glyphs as /Identity.
            let out = try pass.run(raw.bytes)
            guard let finished = try Self.readBack(out, "cidtogid.pdf") else { return }
            let after = Self.trueTypeCIDFonts(finished)
            #expect(after.count == fonts.count)
            for (n, font) in after {
                #expect(font["/CIDToGIDMap"]?.isName("/Identity") == true, "object \(n) has no /CIDToGIDMap /Identity")
            }
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

        /// Every page content stream of a file read back without compression.
        static func pageContents(_ file: PDFFile) -> [[UInt8]] {
            file.objects.indices.compactMap { n in
                guard let d = file.objects[n]?.value.dictionary, d["/Type"]?.isName("/Page") == true,
                      let c = d["/Contents"]?.reference else { return nil }
                guard let o = file.objects[c], let stream = o.stream else { return nil }
                return o.value.dictionary?["/Filter"] == nil ? stream : Flate.inflate(stream)
            }
        }

        /// Issue 19, point 5: a soft hyphen at which the word did not break, and the space at which
        /// a line wrapped, are drawn as nothing, but cairo gave each an /ActualText span around
        /// nothing (162 in the board edition): a reader honouring ActualText could read them. The
        /// hyphen drawn where a word did break still reads as a soft hyphen (U+00AD, ISO 32000-1
        /// 14.8.2.2.3), so the word reads whole, and what pdftotext reads is the same.
        @Test func noActualTextSpanAroundNothing() throws {
            let r = try renderer()
            var doc = Specimen.document(branding: Branding(name: "Cambridge Community Safety Partnership", shortName: "Cambridge CSP"),
                                        classification: "OFFICIAL", date: testDate)
            // Long lowercase words in narrow columns: some break at a soft hyphen, some do not,
            // and lines wrap at spaces.
            let words = "the neighbourhood responsibilities of organisations and partnerships communicating"
            doc.blocks = [.paragraph(Paragraph(words + ", " + words + "."))]
                + [.table(Table(columns: [TableColumn(.left, maxWidth: 48), .text], headerRows: [["Narrow", "Wide"]],
                                rows: [[TableCell(words), TableCell(words)]]))]
            let laid = LayoutEngine(shaper: r.shaper).layout(doc)
            let raw = try r.cairoPDF(laid)
            let out = try AccessibilityPass(metadata: laid.metadata, figureAlts: raw.figureAlts, linkDescriptions: raw.linkDescriptions,
                                            headerScopes: raw.headerScopes, headerTexts: raw.headerTexts).run(raw.bytes)
            let file = try #require(try Self.readBack(out, "spans.pdf"))
            let pattern = Array("/ActualText".utf8)
            var empty = 0
            let contents = Self.pageContents(file)
            #expect(contents.count == laid.pages.count)
            for content in contents {
                let ops = ArtifactMarker.operations(content)
                for (a, b) in zip(ops, ops.dropFirst()) where a.code == ArtifactMarker.codeBDC
                    && content[a.start..<a.end].firstRange(of: pattern) != nil {
                    if b.code == ArtifactMarker.codeEMC { empty += 1 }
                }
            }
            #expect(empty == 0, "\(empty) ActualText spans around nothing")
            // Cairo's own file had them: the test would see a change in how cairo draws.
            var before = 0
            for content in Self.pageContents(try PDFFile(parsing: raw.bytes)) {
                let plain = content
                let ops = ArtifactMarker.operations(plain)
                for (a, b) in zip(ops, ops.dropFirst()) where a.code == ArtifactMarker.codeBDC && b.code == ArtifactMarker.codeEMC
                    && plain[a.start..<a.end].firstRange(of: pattern) != nil { before += 1 }
            }
            #expect(before > 0, "cairo no longer writes empty ActualText spans")
            let a = tmpPath("spans-finished.pdf"), b = tmpPath("spans-cairo.pdf")
            writeFile(out, a); writeFile(raw.bytes, b)
            defer { unlink(a); unlink(b) }
            if let x = run("pdftotext", ["-layout", a, "-"]), let y = run("pdftotext", ["-layout", b, "-"]) {
                #expect(x.output == y.output)
                // "responsibilities" broke in the narrow column: its hyphen is a soft hyphen.
                #expect(x.output.contains("\u{AD}\n"), "\(x.output)")
            }
        }
    }
}
