@testable import CSPPostPass
import CSPDisplay
import Foundation
import Testing

/// The post-pass inflates, marks and deflates each page's content itself (on every core).
@Suite struct FlateTests {
    @Test func roundTripsAndRefusesWhatIsNotZlib() throws {
        var text: [UInt8] = []
        for i in 0..<20_000 { text += Array("q 1 0 0 1 \(i % 97) \(i % 13) cm BT /f-0-0 9 Tf (x) Tj ET Q\n".utf8) }
        let packed = try #require(Flate.deflate(text))
        #expect(packed.count < text.count / 10)
        #expect(Flate.inflate(packed) == text)
        #expect(Flate.inflate(try #require(Flate.deflate([]))) == [])
        #expect(Flate.inflate([]) == nil)
        #expect(Flate.inflate(Array("not zlib at all".utf8)) == nil)
        // Cut short: the stream never ends.
        #expect(Flate.inflate(Array(packed.prefix(packed.count / 2))) == nil)
        // Past the limit: refused rather than grown without bound.
        #expect(Flate.inflate(packed, limit: 10_000) == nil)
    }
}

/// A page whose one content stream is uncompressed (as cairo writes it when CAIRO_DEBUG_PDF is
/// set) is marked and compressed like a compressed one.
@Suite struct UncompressedContentTests {
    static let content = "0 0 1 rg 10 10 50 50 re f\n"
    static var pass: AccessibilityPass { AccessibilityPass(metadata: DocumentMetadata(title: "T", author: "A", date: DateTime(year: 2024, month: 1, day: 1)),
                                        figureAlts: [], linkDescriptions: []) }

    /// A one-page PDF whose page content is `content`, uncompressed, in one stream.
    static var onePage: [UInt8] {
        var pdf = "%PDF-1.5\n"
        var offsets: [Int] = []
        func object(_ body: String) { offsets.append(pdf.utf8.count); pdf += "\(offsets.count) 0 obj\n\(body)\nendobj\n" }
        object("<< /Type /Catalog /Pages 2 0 R >>")
        object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R >>")
        object("<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream")
        let xref = pdf.utf8.count
        pdf += "xref\n0 5\n0000000000 65535 f \n" + offsets.map { String(repeating: "0", count: 10 - String($0).count) + "\($0) 00000 n \n" }.joined()
        pdf += "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(pdf.utf8)
    }

    @Test func uncompressedContentIsMarkedAndCompressed() throws {
        let out = try Self.pass.run(Self.onePage)
        // The marked content, deflated here, is in the file as it is.
        let marked = try #require(Flate.deflate(ArtifactMarker.mark(Array(Self.content.utf8))))
        try #require(out.count > marked.count)
        let found = out.withUnsafeBufferPointer { o in
            marked.withUnsafeBufferPointer { m in
                (0...(o.count - m.count)).contains { i in memcmp(o.baseAddress! + i, m.baseAddress!, m.count) == 0 }
            }
        }
        #expect(found)
    }

    @Test func uncompressedContentIsMarkedToo() throws {
        let out = try Self.pass.run(Self.onePage)
        let path = "/tmp/cspreport-fallback-\(getpid()).pdf", qdf = path + ".qdf"
        defer { unlink(path); unlink(qdf) }
        writeFile(out, path)
        // qpdf (installed by `make test`) writes the file with every stream decoded.
        let r = try #require(run("qpdf", ["--qdf", "--object-streams=disable", path, qdf]))
        #expect(r.status == 0, "\(r.output)")
        let text = try String(contentsOfFile: qdf, encoding: .isoLatin1)
        #expect(text.contains("/Artifact BMC"))
        #expect(text.contains("10 10 50 50 re"))
    }
}
