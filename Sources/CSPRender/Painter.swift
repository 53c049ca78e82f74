import CCairo
import CPangoCairo
import CSPDisplay
import CSPTextShaping

/// Replays frames onto a cairo context. PDF mode also emits structure tags, destinations and
/// outline entries; raster and SVG modes draw only.
struct Painter {
    let cr: OpaquePointer
    let fonts: FontLibrary
    /// Layouts a second library kept while it measured on another thread (`Renderer.helperFonts`):
    /// both libraries give cairo the same font faces, so a layout draws the same from either.
    let helperLayouts: LayoutCache?
    var pdf: OpaquePointer?
    var pageNumber = 1
    var tagStack: [String] = []
    var outlineParents: [(level: Int, id: Int32)] = []
    var figureAlts: [String] = []
    var linkDescriptions: [String] = []
    var headerScopes: [String] = []
    /// Each TH's text for assistive technology, "" where it is the visible text.
    var headerTexts: [String] = []
    var imageCache: [String: OpaquePointer] = [:]

    init(cr: OpaquePointer, fonts: FontLibrary, helperFonts: FontLibrary? = nil, pdf: OpaquePointer?) {
        self.cr = cr; self.fonts = fonts; self.pdf = pdf
        helperLayouts = helperFonts.flatMap { $0 === fonts ? nil : $0.layouts }
    }

    mutating func finish() {
        closeAllTags()
        for (_, s) in imageCache { cairo_surface_destroy(s) }
        imageCache = [:]
    }

    mutating func closeAllTags() {
        while let name = tagStack.popLast() { name.withCString { cairo_tag_end(cr, $0) } }
    }

    mutating func draw(_ frame: Frame, at origin: Point) {
        for (p, item) in frame.items {
            let at = origin + p
            switch item {
            case .group(let f): draw(f, at: at)
            case .shape(let s): shape(s, at: at)
            case .text(let t): text(t, at: at)
            case .image(let i): image(i, at: at)
            case .destination(let name):
                guard pdf != nil else { continue }
                let attrs = "name='\(destinationName(name))' x=\(num(at.x)) y=\(num(at.y))"
                attrs.withCString { cairo_tag_begin(cr, CAIRO_TAG_DEST, $0) }
                cairo_tag_end(cr, CAIRO_TAG_DEST)
            case .bookmark(let title, let level):
                guard let pdf else { continue }
                while let last = outlineParents.last, last.level >= level { outlineParents.removeLast() }
                let parent = outlineParents.last?.id ?? Int32(CAIRO_PDF_OUTLINE_ROOT)
                let attrs = "page=\(pageNumber) pos=[\(num(at.x)) \(num(max(0, at.y - 6)))]"
                let id = cairo_pdf_surface_add_outline(pdf, parent, title, attrs,
                                                       cairo_pdf_outline_flags_t(rawValue: 0))
                outlineParents.append((level, id))
            case .tagStart(let tag):
                guard pdf != nil else { continue }
                var attrs = ""
                switch tag {
                case .figure(let alt): figureAlts.append(alt)
                case .tableHeader(let scope, let text): headerScopes.append(scope.rawValue); headerTexts.append(text ?? "")
                case .link(let target, let description):
                    linkDescriptions.append(description)
                    switch target {
                    case .destination(let d): attrs = "dest='\(destinationName(d))'"
                    case .uri(let u): attrs = "uri='\(escape(Self.uriForCairo(u)))'"
                    }
                default: break
                }
                let name = tag.pdfName
                name.withCString { n in attrs.withCString { cairo_tag_begin(cr, n, $0) } }
                tagStack.append(name)
            case .tagEnd:
                guard pdf != nil, let name = tagStack.popLast() else { continue }
                name.withCString { cairo_tag_end(cr, $0) }
            }
        }
    }

    /// Destination names limited to letters, digits, `-`, `_` and `.`, the same mapping at the
    /// link and at its target: cairo 1.16 mishandles some escaped names.
    func destinationName(_ s: String) -> String {
        String(s.unicodeScalars.map { c -> Character in
            let ok = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-" || c == "_" || c == "."
            return ok ? Character(c) : "_"
        })
    }

    /// Cairo 1.16 writes a link's URI into the PDF as a literal string, unescaped: a backslash,
    /// or a parenthesis without its pair, would end the string early and break the file (which
    /// the post-pass then refuses). Those are percent-encoded: a backslash is no URI character
    /// at all, and an unpaired parenthesis means the same encoded. A balanced pair stays.
    static func uriForCairo(_ uri: String) -> String {
        var depth = 0, balanced = true
        for c in uri.utf8 {
            if c == UInt8(ascii: "(") { depth += 1 }
            if c == UInt8(ascii: ")") { depth -= 1; if depth < 0 { balanced = false } }
        }
        balanced = balanced && depth == 0
        guard uri.utf8.contains(UInt8(ascii: "\\")) || !balanced else { return uri }
        var out = ""
        for c in uri.unicodeScalars {
            switch c {
            case "\\": out += "%5C"
            case "(" where !balanced: out += "%28"
            case ")" where !balanced: out += "%29"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    func escape(_ s: String) -> String {
        s.replacingAll("\\", "\\\\").replacingAll("'", "\\'")
    }

    func num(_ v: Double) -> String { fmt(v) }

    func setColor(_ c: Color) { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }

    func shape(_ s: Shape, at o: Point) {
        cairo_new_path(cr)
        for e in s.path.elements {
            switch e {
            case .move(let p): cairo_move_to(cr, o.x + p.x, o.y + p.y)
            case .line(let p): cairo_line_to(cr, o.x + p.x, o.y + p.y)
            case .curve(let a, let b, let p):
                cairo_curve_to(cr, o.x + a.x, o.y + a.y, o.x + b.x, o.y + b.y, o.x + p.x, o.y + p.y)
            case .close: cairo_close_path(cr)
            }
        }
        if let f = s.fill {
            setColor(f)
            if s.stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
        }
        if let st = s.stroke {
            setColor(st.color)
            cairo_set_line_width(cr, st.width)
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            cairo_set_line_cap(cr, st.dash.isEmpty ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND)
            st.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
            cairo_stroke(cr)
            cairo_set_dash(cr, nil, 0, 0)
        }
        cairo_new_path(cr)
    }

    mutating func text(_ t: TextBox, at o: Point) {
        let kept = fonts.layouts.take(t.text, width: t.width) ?? helperLayouts?.take(t.text, width: t.width)
        guard let layout = kept?.layout ?? fonts.layout(t.text, width: t.width) else { return }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        var lines = kept?.lines ?? fonts.lines(of: layout, text: t.text, withText: false)
        if let w = kept?.alignIn {
            for i in lines.indices {
                lines[i].x = FontLibrary.alignmentOffset(t.text.alignment, width: w, lineWidth: lines[i].shaped.width)
            }
        }
        guard !lines.isEmpty else { return }
        let lo = min(t.lines.lowerBound, lines.count), hi = min(t.lines.upperBound, lines.count)
        guard lo < hi else { return }
        let top0 = lines[lo].shaped.top
        setColor(t.text.color)
        if pdf != nil, t.text.runs.contains(where: { $0.link != nil }) {
            runsWithLinks(t, layout: layout, lines: Array(lines[lo..<hi]), top0: top0, at: o)
            return
        }
        for i in lo..<hi {
            let l = lines[i]
            cairo_move_to(cr, o.x + l.x, o.y + l.shaped.top - top0 + l.shaped.baseline)
            pango_cairo_show_layout_line(cr, l.line)
        }
        cairo_new_path(cr)
    }

    /// Running text with links, for the PDF: each Pango run drawn on its own inside a Span or a
    /// Link tag, because cairo 1.16 leaves untagged any text that sits beside a child element.
    mutating func runsWithLinks(_ t: TextBox, layout: OpaquePointer, lines: [FontLibrary.PangoLine], top0: Double, at o: Point) {
        guard let textPtr = pango_layout_get_text(layout) else { return }
        // Byte ranges of the caller's runs in the text Pango holds.
        var ranges: [(Range<Int>, TextRun)] = []
        var offset = 0
        for run in fonts.preparedRuns(t.text, width: t.width) {
            let n = run.text.utf8.count
            ranges.append((offset..<(offset + n), run))
            offset += n
        }
        let scale = Double(PANGO_SCALE)
        for l in lines {
            let baseline = o.y + l.shaped.top - top0 + l.shaped.baseline
            var x = o.x + l.x
            var node = l.line.pointee.runs
            while let n = node {
                defer { node = n.pointee.next }
                guard let raw = n.pointee.data else { continue }
                let glyphItem = raw.assumingMemoryBound(to: PangoGlyphItem.self)
                let width = Double(pango_glyph_string_get_width(glyphItem.pointee.glyphs)) / scale
                let start = Int(glyphItem.pointee.item.pointee.offset)
                let length = Int(glyphItem.pointee.item.pointee.length)
                let run = ranges.first { $0.0.contains(start) }?.1
                var tagName = "Span"
                var attrs = ""
                if let link = run?.link {
                    tagName = "Link"
                    let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(textPtr + start).assumingMemoryBound(to: UInt8.self),
                                                          count: max(0, length)))
                    let words = String(decoding: bytes, as: UTF8.self).filter { $0 != Hyphenation.softHyphen && $0 != Hyphenation.zeroWidthSpace }
                    linkDescriptions.append(words.trimmingSpaces())
                    switch link {
                    case .destination(let d): attrs = "dest='\(destinationName(d))'"
                    case .uri(let u): attrs = "uri='\(escape(Self.uriForCairo(u)))'"
                    }
                }
                tagName.withCString { name in attrs.withCString { cairo_tag_begin(cr, name, $0) } }
                setColor(run?.color ?? t.text.color)
                cairo_move_to(cr, x, baseline)
                pango_cairo_show_glyph_item(cr, textPtr, glyphItem)
                tagName.withCString { cairo_tag_end(cr, $0) }
                if run?.link != nil {
                    // Pango draws underlines per line, not per glyph item: draw it here.
                    let c = run?.color ?? t.text.color
                    cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha)
                    cairo_set_line_width(cr, max(0.5, t.text.font.size * 0.06))
                    cairo_move_to(cr, x, baseline + t.text.font.size * 0.15)
                    cairo_line_to(cr, x + width, baseline + t.text.font.size * 0.15)
                    cairo_stroke(cr)
                }
                x += width
            }
        }
        cairo_new_path(cr)
    }

    mutating func image(_ i: ImageItem, at o: Point) {
        var surface = imageCache[i.path]
        if surface == nil {
            let s = cairo_image_surface_create_from_png(i.path)
            if let s, cairo_surface_status(s) == CAIRO_STATUS_SUCCESS {
                imageCache[i.path] = s; surface = s
            } else if let s { cairo_surface_destroy(s) }
        }
        guard let surface else { return }
        let w = Double(cairo_image_surface_get_width(surface)), h = Double(cairo_image_surface_get_height(surface))
        guard w > 0, h > 0 else { return }
        cairo_save(cr)
        cairo_translate(cr, o.x, o.y)
        cairo_scale(cr, i.size.width / w, i.size.height / h)
        cairo_set_source_surface(cr, surface, 0, 0)
        // A filled rectangle, not cairo_paint: cairo 1.16 fails with a tag-nesting error at
        // finish when an unbounded paint sits inside a structure tag.
        cairo_rectangle(cr, 0, 0, w, h)
        cairo_fill(cr)
        cairo_restore(cr)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }

    func replacingAll(_ a: String, _ b: String) -> String {
        guard !a.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: a) {
            out += rest[..<r.lowerBound]; out += b
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of s: String) -> Range<Index>? {
        guard let first = s.first else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i] == first, self[i...].hasPrefix(s) {
                return i..<(index(i, offsetBy: s.count))
            }
            i = index(after: i)
        }
        return nil
    }
}
