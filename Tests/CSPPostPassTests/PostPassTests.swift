@testable import CSPPostPass
import CSPDisplay
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The post-pass on files written by hand, without cairo: what PDF syntax allows and cairo
/// seldom writes, what it must keep, and what it refuses.
@Suite struct PostPassTests {
    static let metadata = DocumentMetadata(title: "Title (with) \\ brackets", author: "Amélie", subject: "S",
                                           keywords: ["a", "b"], date: testDate)

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

    @Test func artifactsNeverCrossTextObjects() {
        let content = Array("BT (a) Tj /Span << /ActualText <feff0066> >> BDC (fi) Tj EMC (b) Tj ET".utf8)
        let out = String(decoding: ArtifactMarker.mark(content), as: UTF8.self)
        #expect(out == "/Artifact BMC\nBT (a) Tj /Span << /ActualText <feff0066> >> BDC (fi) Tj EMC (b) Tj ET\nEMC")
    }

    @Test func artifactMarkerWrapsOnlyUntaggedDrawing() {
        let content = Array("""
        1 0 0 -1 0 842 cm
        q
        0 0 0 rg /a0 gs
        10 10 50 50 re f
        /P << /MCID 0 >> BDC
        1 0 0 rg 100 10 50 50 re f
        EMC
        BT (a\\) (b) EMC) Tj ET
        Q
        """.utf8)
        let out = String(decoding: ArtifactMarker.mark(content), as: UTF8.self)
        #expect(out == """
        1 0 0 -1 0 842 cm
        q
        0 0 0 rg /a0 gs
        /Artifact << /Type /Pagination /Subtype /Header >> BDC
        10 10 50 50 re f
        EMC
        /P << /MCID 0 >> BDC
        1 0 0 rg 100 10 50 50 re f
        EMC
        /Artifact << /Type /Pagination /Subtype /Header >> BDC
        BT (a\\) (b) EMC) Tj ET
        EMC
        Q
        """)
    }

    /// Furniture is typed by where it lies (issue 19, point 6): wholly in the top band a
    /// header, wholly in the bottom band a footer, across the body untyped; one untagged run
    /// of header and footer is split in two, never inside a text object or a path.
    @Test func artifactMarkerTypesHeaderAndFooter() {
        let content = Array("""
        1 0 0 -1 0 800 cm
        q
        /P << /MCID 0 >> BDC
        BT 10 0 0 -10 62 300 Tm (body) Tj ET
        EMC
        62 400 36 2.5 re f
        BT
        8 0 0 -8 62 30 Tm (Title) Tj
        0 2 Td (second) Tj
        ET
        0.5 w
        62 56 m 500 56 l S
        62 760 m 500 760 l S
        q 1 0 0 1 0 700 cm
        BT 8 0 0 -8 62 80 Tm (Page 1 of 2) Tj ET
        Q
        Q
        """.utf8)
        let out = String(decoding: ArtifactMarker.mark(content), as: UTF8.self)
        #expect(out == """
        1 0 0 -1 0 800 cm
        q
        /P << /MCID 0 >> BDC
        BT 10 0 0 -10 62 300 Tm (body) Tj ET
        EMC
        /Artifact BMC
        62 400 36 2.5 re f
        EMC
        /Artifact << /Type /Pagination /Subtype /Header >> BDC
        BT
        8 0 0 -8 62 30 Tm (Title) Tj
        0 2 Td (second) Tj
        ET
        0.5 w
        62 56 m 500 56 l S
        EMC
        /Artifact << /Type /Pagination /Subtype /Footer >> BDC
        62 760 m 500 760 l S
        q 1 0 0 1 0 700 cm
        BT 8 0 0 -8 62 80 Tm (Page 1 of 2) Tj ET
        EMC
        Q
        Q
        """)
        // Without cairo's page transform the height is unknown: untyped, as before.
        let plain = String(decoding: ArtifactMarker.mark(Array("BT (a) Tj ET".utf8)), as: UTF8.self)
        #expect(plain == "/Artifact BMC\nBT (a) Tj ET\nEMC")
    }
}
