import CSPCore
import CSPDisplay

/// What cairo 1.16 cannot write: /Lang, /Alt on figures, TH scope and /ActualText, link descriptions, artifacts
/// for untagged content, DisplayDocTitle, /Tabs, PDF/UA XMP metadata, PDF dates from the
/// document's date, /CIDToGIDMap on TrueType CID fonts. The pass reads cairo's file (`PDFFile`), makes these changes and writes it
/// again with object streams; the output is deterministic (the /ID is a content hash). A file
/// in any other shape is refused (`PDFUnsupported`) before anything is changed.
public struct AccessibilityPass {
    public var metadata: DocumentMetadata
    public var figureAlts: [String]
    public var linkDescriptions: [String]
    /// "Column" or "Row" per TH in document order; missing entries default to Column.
    public var headerScopes: [String]
    /// Per TH in document order, its /ActualText ("" or missing: none).
    public var headerTexts: [String]

    /// Page content cairo's drawing already had marked (see `EarlyMarking`).
    package var early: EarlyMarking?

    public init(metadata: DocumentMetadata, figureAlts: [String], linkDescriptions: [String], headerScopes: [String] = [],
                headerTexts: [String] = []) {
        self.metadata = metadata; self.figureAlts = figureAlts; self.linkDescriptions = linkDescriptions
        self.headerScopes = headerScopes; self.headerTexts = headerTexts
    }

    static let producer = "cairo 1.16 + cspreport"

    /// The finished PDF, from a file in the shape cairo 1.16 writes; throws `PDFUnsupported`,
    /// saying what it did not understand, for any other.
    public func run(_ input: [UInt8]) throws -> [UInt8] {
        var pdf = try PDFFile(parsing: input)
        guard let root = pdf.trailer["/Root"]?.reference, pdf.dictionary(root) != nil else {
            throw PDFUnsupported("no document catalog")
        }
        let xml = Array(xmpPacket(producer: Self.producer).utf8)
        let xmp = pdf.add(PDFObject(value: .dictionary(["/Type": .name("/Metadata"), "/Subtype": .name("/XML")]), stream: xml))
        pdf.update(root) { d in
            d["/Lang"] = .text(metadata.language)
            d["/ViewerPreferences"] = .dictionary(["/DisplayDocTitle": .bool(true)])
            d["/MarkInfo"] = .dictionary(["/Marked": .bool(true)])
            d["/Metadata"] = .reference(xmp)
        }
        // Document information with proper PDF dates.
        if let info = pdf.trailer["/Info"]?.reference {
            pdf.update(info) { d in
                d["/CreationDate"] = .text(pdfDate)
                d["/ModDate"] = .text(pdfDate)
                d["/Title"] = .text(metadata.title)
                d["/Author"] = .text(metadata.author)
                d["/Subject"] = .text(metadata.subject)
                d["/Keywords"] = .text(metadata.keywords.joined(separator: ", "))
                d["/Creator"] = .text(metadata.creator)
                d["/Producer"] = .text(Self.producer)
            }
        }

        pdf.mapCIDsToGlyphIDs()

        // Structure tree, in document order: figures get /Alt, header cells /Scope, links /Alt
        // and their annotations /Contents.
        var alts = figureAlts.makeIterator()
        var links = linkDescriptions.makeIterator()
        var scopes = headerScopes.makeIterator()
        var headerTextIterator = headerTexts.makeIterator()
        var visited = Set<Int>()
        func walk(_ v: inout PDFValue, depth: Int) {
            guard depth < 200 else { return }
            switch v {
            case .array(var items):
                v = .null
                for j in items.indices { walk(&items[j], depth: depth + 1) }
                v = .array(items)
            case .dictionary(var d):
                v = .null
                element(&d, depth: depth)
                v = .dictionary(d)
            case .reference(let n):
                guard n < pdf.objects.count, visited.insert(n).inserted, var inner = pdf.objects[n]?.value else { return }
                pdf.objects[n]!.value = .null
                walk(&inner, depth: depth + 1)
                pdf.objects[n]!.value = inner
            default: return
            }
        }
        func element(_ d: inout PDFDictionary, depth: Int) {
            let s = d["/S"]
            if s?.isName("/Figure") == true {
                d["/Alt"] = .text(alts.next() ?? "Figure")
            } else if s?.isName("/TH") == true {
                let scope = scopes.next() == "Row" ? "Row" : "Column"
                d["/A"] = .dictionary(["/O": .name("/Table"), "/Scope": .name("/\(scope)")])
                if let text = headerTextIterator.next(), !text.isEmpty { d["/ActualText"] = .text(text) }
            } else if s?.isName("/Link") == true {
                let text = links.next() ?? "Link"
                d["/Alt"] = .text(text)
                if let k = d["/K"] { describe(k, text, depth: 0) }
                return
            }
            if var k = d["/K"] {
                d["/K"] = .null
                walk(&k, depth: depth + 1)
                d["/K"] = k
            }
        }
        // A link's object references (/OBJR) name its annotations: each gets the description.
        func describe(_ k: PDFValue, _ text: String, depth: Int) {
            guard depth < 50 else { return }
            switch k {
            case .array(let items): for item in items { describe(item, text, depth: depth + 1) }
            case .dictionary(let d):
                if let annotation = d["/Obj"]?.reference { pdf.update(annotation) { $0["/Contents"] = .text(text) } }
            case .reference(let n):
                if n < pdf.objects.count, let inner = pdf.objects[n]?.value { describe(inner, text, depth: depth + 1) }
            default: return
            }
        }
        let treeValue = pdf.dictionary(root)?["/StructTreeRoot"]
        if let tree = treeValue?.reference, var k = pdf.dictionary(tree)?["/K"] {
            walk(&k, depth: 0)
            pdf.update(tree) { $0["/K"] = k }
        } else if case .dictionary(var tree)? = treeValue, var k = tree["/K"] {
            walk(&k, depth: 0)
            tree["/K"] = k
            pdf.update(root) { $0["/StructTreeRoot"] = .dictionary(tree) }
        }

        // Pages: tab order follows structure; every annotation is described; the content each
        // page draws outside the structure becomes artifacts.
        let pages = try pageNumbers(pdf, root: root)
        var contents: [(number: Int, inflate: Bool, offset: Int)] = []
        var seen = Set<Int>()
        for page in pages {
            guard var d = pdf.dictionary(page) else { continue }
            d["/Tabs"] = .name("/S")
            if case .array(var annotations)? = pdf.resolve(d["/Annots"]) {
                for j in annotations.indices {
                    if let a = annotations[j].reference {
                        pdf.update(a) { if $0["/Contents"] == nil { $0["/Contents"] = .text("Link") } }
                    } else if case .dictionary(var a) = annotations[j], a["/Contents"] == nil {
                        a["/Contents"] = .text("Link")
                        annotations[j] = .dictionary(a)
                    }
                }
                if d["/Annots"]?.reference == nil { d["/Annots"] = .array(annotations) }
            }
            pdf.update(page) { $0 = d }
            guard let c = d["/Contents"]?.reference, seen.insert(c).inserted, let stream = pdf.dictionary(c),
                  pdf.objects[c]?.stream != nil, stream["/DecodeParms"] == nil else {
                throw PDFUnsupported("page content that is not one stream of its own")
            }
            switch stream["/Filter"] {
            case nil: contents.append((c, false, pdf.objects[c]?.streamOffset ?? -1))
            case .name("/FlateDecode")?: contents.append((c, true, pdf.objects[c]?.streamOffset ?? -1))
            default: throw PDFUnsupported("page content with another filter")
            }
        }
        // Each page's content is marked and compressed on every core at once, unless it was
        // marked while cairo drew.
        let objects = pdf.objects
        let early = self.early
        let marked = Parallel.map(contents) { content -> [UInt8]? in
            guard let data = objects[content.number]?.stream else { return nil }
            if let done = early?.result(at: content.offset, for: data) { return done }
            let plain = content.inflate ? Flate.inflate(data) : data
            return plain.map(ArtifactMarker.mark).flatMap(Flate.deflate)
        }
        for (content, data) in zip(contents, marked) {
            guard let data else { throw PDFUnsupported("page content zlib could not read") }
            pdf.objects[content.number]!.stream = data
            pdf.update(content.number) { $0["/Filter"] = .name("/FlateDecode") }
        }
        return try pdf.serialized()
    }

    /// The pages in order, from the page tree.
    private func pageNumbers(_ pdf: PDFFile, root: Int) throws -> [Int] {
        var pages: [Int] = []
        var visited = Set<Int>()
        func collect(_ v: PDFValue?, depth: Int) throws {
            guard let n = v?.reference, let d = pdf.dictionary(n), visited.insert(n).inserted, depth < 64 else {
                throw PDFUnsupported("a page tree that is not a tree of dictionaries")
            }
            if case .array(let kids)? = pdf.resolve(d["/Kids"]) {
                for kid in kids { try collect(kid, depth: depth + 1) }
            } else {
                pages.append(n)
            }
        }
        try collect(pdf.dictionary(root)?["/Pages"], depth: 0)
        return pages
    }

    var pdfDate: String {
        let d = metadata.date
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "D:\(d.year)\(two(d.month))\(two(d.day))\(two(d.hour))\(two(d.minute))\(two(d.second))Z"
    }

    func xmpPacket(producer: String) -> String {
        func x(_ s: String) -> String {
            var o = ""
            for c in s.unicodeScalars {
                switch c {
                case "&": o += "&amp;"
                case "<": o += "&lt;"
                case ">": o += "&gt;"
                case "\"": o += "&quot;"
                default:
                    // XML 1.0 forbids most control characters.
                    if c.value < 0x20 && c != "\n" && c != "\t" { continue }
                    o.unicodeScalars.append(c)
                }
            }
            return o
        }
        let m = metadata
        let date = m.date.iso8601
        return """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
            xmlns:xmp="http://ns.adobe.com/xap/1.0/"
            xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
           <dc:format>application/pdf</dc:format>
           <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(x(m.title))</rdf:li></rdf:Alt></dc:title>
           <dc:creator><rdf:Seq><rdf:li>\(x(m.author))</rdf:li></rdf:Seq></dc:creator>
           <dc:description><rdf:Alt><rdf:li xml:lang="x-default">\(x(m.subject))</rdf:li></rdf:Alt></dc:description>
           <dc:language><rdf:Bag><rdf:li>\(x(m.language))</rdf:li></rdf:Bag></dc:language>
           <pdf:Keywords>\(x(m.keywords.joined(separator: ", ")))</pdf:Keywords>
           <pdf:Producer>\(x(producer))</pdf:Producer>
           <xmp:CreatorTool>\(x(m.creator))</xmp:CreatorTool>
           <xmp:CreateDate>\(date)</xmp:CreateDate>
           <xmp:ModifyDate>\(date)</xmp:ModifyDate>
           <xmp:MetadataDate>\(date)</xmp:MetadataDate>
           <pdfuaid:part>1</pdfuaid:part>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """
    }
}
