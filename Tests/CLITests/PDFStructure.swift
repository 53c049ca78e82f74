@testable import CSPPostPass
import Foundation
import Testing

/// A finished PDF's tags and outline, read with the project's own reader (`PDFFile`). qpdf
/// first writes the file without object streams, which `PDFFile` does not read (cairo never
/// writes them). Nil when qpdf is not installed (make test installs it).
struct PDFStructure {
    /// Every structure element, in document order, with its depth below the structure root,
    /// its /ActualText and (for a TH) its /Scope name.
    var elements: [(role: String, depth: Int, actualText: String?, scope: String?)] = []
    /// Every outline entry (bookmark), in order, with its level (1 at the top).
    var outline: [(title: String, level: Int)] = []
    /// Every Figure's /Alt, in document order.
    var figureAlts: [String] = []
    /// Each page's content stream, inflated, as Latin-1 text.
    var pageContents: [String] = []
    /// Marked-content spans with /ActualText and nothing inside, over all pages.
    var emptyActualTextSpans = 0

    /// The heading levels (H1…H6) in document order.
    var headingLevels: [Int] {
        elements.compactMap { e in
            guard e.role.count == 3, e.role.hasPrefix("/H"), let n = Int(e.role.dropFirst(2)) else { return nil }
            return n
        }
    }

    init?(path: String) throws {
        let plain = path + ".plain.pdf"
        defer { unlink(plain) }
        guard let r = try tool("qpdf", ["--object-streams=disable", "--compress-streams=n", path, plain]) else { return nil }
        #expect(r.status == 0, "qpdf could not rewrite \(path)")
        let file = try PDFFile(parsing: [UInt8](try Data(contentsOf: URL(fileURLWithPath: plain))))
        guard let root = file.trailer["/Root"]?.reference, let catalog = file.dictionary(root) else { return nil }
        var visited = Set<Int>()
        func walk(_ v: PDFValue?, depth: Int) {
            guard depth < 100 else { return }
            switch v {
            case .reference(let n)?:
                guard visited.insert(n).inserted else { return }
                walk(file.objects[n]?.value, depth: depth)
            case .array(let items)?:
                for item in items { walk(item, depth: depth) }
            case .dictionary(let d)?:
                guard case .name(let role)? = d["/S"] else { return }
                var scope: String?
                if case .name(let n)? = file.resolve(d["/A"])?.dictionary?["/Scope"] { scope = n }
                elements.append((role, depth, d["/ActualText"].map { Self.text($0) }, scope))
                if role == "/Figure" { figureAlts.append(Self.text(file.resolve(d["/Alt"]))) }
                walk(d["/K"], depth: depth + 1)
            default: return
            }
        }
        if let tree = file.resolve(catalog["/StructTreeRoot"])?.dictionary { walk(tree["/K"], depth: 0) }
        func entries(_ first: PDFValue?, level: Int) {
            var next = first
            var seen = 0
            while let n = next?.reference, let d = file.dictionary(n), seen < 10_000 {
                seen += 1
                outline.append((Self.text(d["/Title"]), level))
                entries(d["/First"], level: level + 1)
                next = d["/Next"]
            }
        }
        if let outlines = file.resolve(catalog["/Outlines"])?.dictionary { entries(outlines["/First"], level: 1) }
        func pages(_ v: PDFValue?, depth: Int) {
            guard depth < 50, let n = v?.reference, let d = file.dictionary(n) else { return }
            if case .array(let kids)? = d["/Kids"] { for k in kids { pages(k, depth: depth + 1) }; return }
            guard let c = d["/Contents"]?.reference, let data = file.objects[c]?.stream else { return }
            let plain = file.dictionary(c)?["/Filter"] == nil ? data : (Flate.inflate(data) ?? [])
            pageContents.append(String(plain.map { Character(Unicode.Scalar($0)) }))
        }
        pages(catalog["/Pages"], depth: 0)
        let actualText = Array("/ActualText".utf8)
        for n in file.objects.indices {
            guard let d = file.objects[n]?.value.dictionary, d["/Type"]?.isName("/Page") == true,
                  let c = d["/Contents"]?.reference, let o = file.objects[c], let stream = o.stream,
                  let content = o.value.dictionary?["/Filter"] == nil ? stream : Flate.inflate(stream) else { continue }
            let ops = ArtifactMarker.operations(content)
            for (a, b) in zip(ops, ops.dropFirst()) where a.code == ArtifactMarker.codeBDC && b.code == ArtifactMarker.codeEMC
                && content[a.start..<a.end].firstRange(of: actualText) != nil { emptyActualTextSpans += 1 }
        }
    }

    /// A PDF text string's text: literal or hex, PDFDocEncoding (as Latin-1) or UTF-16BE.
    static func text(_ v: PDFValue?) -> String {
        guard case .string(let raw)? = v, raw.count >= 2 else { return "" }
        var bytes: [UInt8] = []
        let body = raw[1..<raw.count - 1]
        if raw.first == UInt8(ascii: "<") {
            let digits = body.compactMap { c -> UInt8? in
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
                default: return nil
                }
            }
            for k in stride(from: 0, to: digits.count, by: 2) { bytes.append(digits[k] << 4 | (k + 1 < digits.count ? digits[k + 1] : 0)) }
        } else {
            var it = Array(body).makeIterator()
            while let c = it.next() {
                guard c == UInt8(ascii: "\\"), let e = it.next() else { bytes.append(c); continue }
                switch e {
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var n = Int(e - UInt8(ascii: "0"))
                    var digits = 1
                    var copy = it
                    while digits < 3, let d = copy.next(), d >= UInt8(ascii: "0"), d <= UInt8(ascii: "7") {
                        n = n * 8 + Int(d - UInt8(ascii: "0")); digits += 1; it = copy
                    }
                    bytes.append(UInt8(truncatingIfNeeded: n))
                case 0x0A, 0x0D: continue
                default: bytes.append(e)
                }
            }
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            return String(decoding: units, as: UTF16.self)
        }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}
