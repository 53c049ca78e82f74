import CCairo
import CPangoCairo
import CSPDisplay

/// Replays frames onto a cairo context. PDF mode also emits structure tags, destinations and
/// outline entries; raster and SVG modes draw only.
struct Painter {
    let cr: OpaquePointer
    let fonts: FontLibrary
    var pdf: OpaquePointer?
    var pageNumber = 1
    var tagStack: [String] = []
    var outlineParents: [(level: Int, id: Int32)] = []
    var figureAlts: [String] = []
    var linkDescriptions: [String] = []
    var imageCache: [String: OpaquePointer] = [:]

    init(cr: OpaquePointer, fonts: FontLibrary, pdf: OpaquePointer?) {
        self.cr = cr; self.fonts = fonts; self.pdf = pdf
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
                let attrs = "name='\(escape(name))' x=\(num(at.x)) y=\(num(at.y))"
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
                case .link(let target, let description):
                    linkDescriptions.append(description)
                    switch target {
                    case .destination(let d): attrs = "dest='\(escape(d))'"
                    case .uri(let u): attrs = "uri='\(escape(u))'"
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

    func text(_ t: TextBox, at o: Point) {
        guard let layout = fonts.layout(t.text, width: t.width) else { return }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let lines = fonts.lines(of: layout, text: t.text)
        guard !lines.isEmpty else { return }
        let lo = min(t.lines.lowerBound, lines.count), hi = min(t.lines.upperBound, lines.count)
        guard lo < hi else { return }
        let top0 = lines[lo].shaped.top
        setColor(t.text.color)
        for i in lo..<hi {
            let l = lines[i]
            cairo_move_to(cr, o.x + l.x, o.y + l.shaped.top - top0 + l.shaped.baseline)
            pango_cairo_show_layout_line(cr, l.line)
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
