import CQPDF
import CSPCore
import CSPDisplay

/// What cairo 1.16 cannot write: /Lang, /Alt on figures, TH scope, link descriptions, artifacts
/// for untagged content, DisplayDocTitle, /Tabs, PDF/UA XMP metadata, PDF dates from the
/// document's date. Cairo's own file is finished in Swift (`SwiftPostPass.swift`, on `PDFFile`);
/// any other goes through libqpdf. Either way the output is deterministic (the /ID is a content
/// hash) and has object streams.
public struct AccessibilityPass {
    public var metadata: DocumentMetadata
    public var figureAlts: [String]
    public var linkDescriptions: [String]
    /// "Column" or "Row" per TH in document order; missing entries default to Column.
    public var headerScopes: [String]

    /// For a process that exits as soon as it has the PDF: qpdf's copy of the document is then
    /// left for the exit to reclaim, because freeing it takes a while (140 ms at scale 200).
    public var processExitsAfter = false

    /// Page content cairo's drawing already had marked (see `EarlyMarking`).
    var early: EarlyMarking?

    public init(metadata: DocumentMetadata, figureAlts: [String], linkDescriptions: [String], headerScopes: [String] = []) {
        self.metadata = metadata; self.figureAlts = figureAlts; self.linkDescriptions = linkDescriptions
        self.headerScopes = headerScopes
    }

    /// The finished PDF. Cairo's own output is finished in Swift (`finishInSwift`); a file in any
    /// other shape goes through qpdf (`finishThroughQPDF`), which reads whatever PDF it is given.
    public func run(_ input: [UInt8]) throws -> [UInt8] {
        do { return try finishInSwift(input) } catch is PDFUnsupported {
            return try finishThroughQPDF(input)
        }
    }

    /// The same changes made with libqpdf, for files that are not in the shape cairo writes.
    func finishThroughQPDF(_ input: [UInt8]) throws -> [UInt8] {
        guard csp_qpdf_load() == 1 else {
            throw RenderError("cairo wrote a PDF that only qpdf can finish, and libqpdf cannot be loaded: install it (apt-get install libqpdf29)")
        }
        var handle = qpdf_init()
        guard let qpdf = handle else { throw RenderError("qpdf: cannot initialise") }
        defer { if !processExitsAfter { qpdf_cleanup(&handle) } }
        qpdf_set_suppress_warnings(qpdf, 1)
        let rc = input.withUnsafeBufferPointer { buf in
            buf.baseAddress.map { p in
                p.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    qpdf_read_memory(qpdf, "cairo output", $0, UInt64(buf.count), nil)
                }
            } ?? QPDF_ERRORS
        }
        try check(qpdf, rc, "reading the PDF")

        let root = qpdf_get_root(qpdf)
        func set(_ oh: qpdf_oh, _ key: String, _ value: qpdf_oh) { qpdf_oh_replace_key(qpdf, oh, key, value) }
        func parse(_ s: String) -> qpdf_oh { qpdf_oh_parse(qpdf, s) }
        func ustr(_ s: String) -> qpdf_oh { qpdf_oh_new_unicode_string(qpdf, s) }

        set(root, "/Lang", ustr(metadata.language))
        set(root, "/ViewerPreferences", parse("<< /DisplayDocTitle true >>"))
        set(root, "/MarkInfo", parse("<< /Marked true >>"))
        let xmp = qpdf_oh_new_stream(qpdf)
        let xml = Array(xmpPacket(producer: "cairo 1.16 + qpdf").utf8)
        xml.withUnsafeBufferPointer { qpdf_oh_replace_stream_data(qpdf, xmp, $0.baseAddress, $0.count, qpdf_oh_new_null(qpdf), qpdf_oh_new_null(qpdf)) }
        let xmpDict = qpdf_oh_get_dict(qpdf, xmp)
        set(xmpDict, "/Type", qpdf_oh_new_name(qpdf, "/Metadata"))
        set(xmpDict, "/Subtype", qpdf_oh_new_name(qpdf, "/XML"))
        set(root, "/Metadata", qpdf_make_indirect_object(qpdf, xmp))

        // Document information with proper PDF dates.
        let trailer = qpdf_get_trailer(qpdf)
        if qpdf_oh_has_key(qpdf, trailer, "/Info") != 0 {
            let info = qpdf_oh_get_key(qpdf, trailer, "/Info")
            set(info, "/CreationDate", qpdf_oh_new_string(qpdf, pdfDate))
            set(info, "/ModDate", qpdf_oh_new_string(qpdf, pdfDate))
            set(info, "/Title", ustr(metadata.title))
            set(info, "/Author", ustr(metadata.author))
            set(info, "/Subject", ustr(metadata.subject))
            set(info, "/Keywords", ustr(metadata.keywords.joined(separator: ", ")))
            set(info, "/Creator", ustr(metadata.creator))
            set(info, "/Producer", ustr("cairo 1.16 + qpdf"))
        }

        // Structure tree: figures get /Alt, header cells /Scope, links /Contents.
        var alts = figureAlts.makeIterator()
        var links = linkDescriptions.makeIterator()
        var scopes = headerScopes.makeIterator()
        var visited = Set<Int32>()
        func walk(_ node: qpdf_oh, depth: Int) {
            guard depth < 200 else { return }
            if qpdf_oh_is_array(qpdf, node) != 0 {
                for i in 0..<qpdf_oh_get_array_n_items(qpdf, node) { walk(qpdf_oh_get_array_item(qpdf, node, i), depth: depth + 1) }
                return
            }
            guard qpdf_oh_is_dictionary(qpdf, node) != 0 else { return }
            let id = qpdf_oh_get_object_id(qpdf, node)
            if id != 0 { guard visited.insert(id).inserted else { return } }
            let s = qpdf_oh_get_key(qpdf, node, "/S")
            if qpdf_oh_is_name_and_equals(qpdf, s, "/Figure") != 0 {
                set(node, "/Alt", ustr(alts.next() ?? "Figure"))
            } else if qpdf_oh_is_name_and_equals(qpdf, s, "/TH") != 0 {
                let scope = scopes.next() == "Row" ? "Row" : "Column"
                set(node, "/A", parse("<< /O /Table /Scope /\(scope) >>"))
            } else if qpdf_oh_is_name_and_equals(qpdf, s, "/Link") != 0 {
                let text = links.next() ?? "Link"
                set(node, "/Alt", ustr(text))
                let k = qpdf_oh_get_key(qpdf, node, "/K")
                annotate(k, text)
                return
            }
            if qpdf_oh_has_key(qpdf, node, "/K") != 0 { walk(qpdf_oh_get_key(qpdf, node, "/K"), depth: depth + 1) }
        }
        func annotate(_ k: qpdf_oh, _ text: String) {
            if qpdf_oh_is_array(qpdf, k) != 0 {
                for i in 0..<qpdf_oh_get_array_n_items(qpdf, k) { annotate(qpdf_oh_get_array_item(qpdf, k, i), text) }
            } else if qpdf_oh_is_dictionary(qpdf, k) != 0, qpdf_oh_has_key(qpdf, k, "/Obj") != 0 {
                set(qpdf_oh_get_key(qpdf, k, "/Obj"), "/Contents", ustr(text))
            }
        }
        if qpdf_oh_has_key(qpdf, root, "/StructTreeRoot") != 0 {
            walk(qpdf_oh_get_key(qpdf, qpdf_oh_get_key(qpdf, root, "/StructTreeRoot"), "/K"), depth: 0)
        }

        // Pages: tab order follows structure; untagged content becomes artifacts; any link
        // annotation still without a description gets its target.
        let pages = Int(max(0, qpdf_get_num_pages(qpdf)))
        var single: [(page: qpdf_oh, stream: qpdf_oh, data: [UInt8], inflate: Bool)] = []
        var other: [qpdf_oh] = []
        for i in 0..<pages {
            let page = qpdf_get_page_n(qpdf, i)
            set(page, "/Tabs", qpdf_oh_new_name(qpdf, "/S"))
            if qpdf_oh_has_key(qpdf, page, "/Annots") != 0 {
                let annots = qpdf_oh_get_key(qpdf, page, "/Annots")
                for j in 0..<max(0, qpdf_oh_get_array_n_items(qpdf, annots)) {
                    let a = qpdf_oh_get_array_item(qpdf, annots, j)
                    if qpdf_oh_has_key(qpdf, a, "/Contents") == 0 {
                        set(a, "/Contents", ustr("Link"))
                    }
                }
            }
            let contents = qpdf_oh_get_key(qpdf, page, "/Contents")
            if let (data, inflate) = contentData(qpdf, contents) {
                single.append((page, contents, data, inflate))
            } else {
                other.append(page)
            }
        }
        // Cairo writes one stream a page, compressed. Each is marked (inflated
        // first if compressed) and deflated on all cores at once: zlib and Swift only, no qpdf
        // object is touched off this thread. Same zlib settings as qpdf's writer, which leaves
        // Flate streams as they are. (qpdf compresses the other streams cairo left uncompressed
        // itself, so this fallback's bytes differ between the two ways cairo may write.)
        let marked = Parallel.map(single.map { ($0.data, $0.inflate) }) { data, inflate in
            (inflate ? Flate.inflate(data) : data).map(ArtifactMarker.mark).flatMap(Flate.deflate)
        }
        let flate = qpdf_oh_new_name(qpdf, "/FlateDecode")
        for (page, result) in zip(single, marked) {
            guard let result else { other.append(page.page); continue }
            result.withUnsafeBufferPointer {
                qpdf_oh_replace_stream_data(qpdf, page.stream, $0.baseAddress, $0.count, flate, qpdf_oh_new_null(qpdf))
            }
        }
        // Anything else (several streams a page, other filters, data zlib refused): through qpdf.
        for page in other { markThroughQPDF(qpdf, page) }

        try check(qpdf, qpdf_init_write_memory(qpdf), "preparing to write")
        qpdf_set_deterministic_ID(qpdf, 1)
        qpdf_set_object_stream_mode(qpdf, qpdf_o_generate)
        qpdf_set_compress_streams(qpdf, 1)
        qpdf_set_minimum_pdf_version(qpdf, "1.7")
        try check(qpdf, qpdf_write(qpdf), "writing the PDF")
        let n = qpdf_get_buffer_length(qpdf)
        guard let out = qpdf_get_buffer(qpdf) else { throw RenderError("qpdf: no output") }
        return Array(UnsafeBufferPointer(start: out, count: n))
    }

    /// The data of a content stream cairo wrote, and whether it is compressed: one stream,
    /// /FlateDecode and no parameters, or no filter at all.
    /// Nil for anything else.
    func contentData(_ qpdf: qpdf_data, _ contents: qpdf_oh) -> (data: [UInt8], inflate: Bool)? {
        guard qpdf_oh_is_stream(qpdf, contents) != 0 else { return nil }
        let dict = qpdf_oh_get_dict(qpdf, contents)
        let filter = qpdf_oh_get_key(qpdf, dict, "/Filter")
        let inflate = qpdf_oh_is_name_and_equals(qpdf, filter, "/FlateDecode") != 0
        guard inflate || qpdf_oh_is_null(qpdf, filter) != 0,
              qpdf_oh_is_null(qpdf, qpdf_oh_get_key(qpdf, dict, "/DecodeParms")) != 0 else { return nil }
        var filtered: QPDF_BOOL = 0
        var buf: UnsafeMutablePointer<UInt8>? = nil
        var len = 0
        let rc = qpdf_oh_get_stream_data(qpdf, contents, qpdf_dl_none, &filtered, &buf, &len)
        guard rc & QPDF_ERRORS == 0, let b = buf else { return nil }
        defer { free(b) }
        return (Array(UnsafeBufferPointer(start: b, count: len)), inflate)
    }

    /// Marks a page's artifacts on its content as qpdf decodes it; the page gets one new,
    /// uncompressed content stream, which the writer compresses.
    func markThroughQPDF(_ qpdf: qpdf_data, _ page: qpdf_oh) {
        var buf: UnsafeMutablePointer<UInt8>? = nil
        var len = 0
        let rc = qpdf_oh_get_page_content_data(qpdf, page, &buf, &len)
        // qpdf reports earlier warnings in every later return code: only errors count here.
        guard rc & QPDF_ERRORS == 0, let b = buf else { return }
        let content = Array(UnsafeBufferPointer(start: b, count: len))
        free(b)
        let marked = ArtifactMarker.mark(content)
        let stream = qpdf_oh_new_stream(qpdf)
        marked.withUnsafeBufferPointer {
            qpdf_oh_replace_stream_data(qpdf, stream, $0.baseAddress, $0.count, qpdf_oh_new_null(qpdf), qpdf_oh_new_null(qpdf))
        }
        qpdf_oh_replace_key(qpdf, page, "/Contents", qpdf_make_indirect_object(qpdf, stream))
    }

    func check(_ qpdf: qpdf_data, _ rc: QPDF_ERROR_CODE, _ what: String) throws {
        if rc & QPDF_ERRORS != 0 || qpdf_has_error(qpdf) != 0 {
            var msg = "qpdf error while \(what)"
            if let e = qpdf_get_error(qpdf), let s = qpdf_get_error_full_text(qpdf, e) { msg += ": " + String(cString: s) }
            throw RenderError(msg)
        }
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

#if canImport(Glibc)
import Glibc
#endif
