// Who draws also needs the fonts to draw with: FontLibrary and PangoShaper come with this module.
import CSPTextShaping
import CCairo
import CCairoSink
import CPangoCairo
import CSPDisplay
import CSPLayout
import CSPPostPass

/// Collects bytes written by cairo's stream surfaces, in a C buffer (`CCairoSink`): cairo calls
/// its write function for every small piece of output, many thousands of times a report.
/// Hand `write` and `closure` to cairo; the sink must outlive the surface.
final class ByteSink {
    private let sink: UnsafeMutablePointer<csp_cairo_sink>
    init() {
        sink = .allocate(capacity: 1)
        sink.initialize(to: csp_cairo_sink())
    }
    deinit {
        csp_cairo_sink_free(sink)
        sink.deinitialize(count: 1)
        sink.deallocate()
    }
    let write: cairo_write_func_t = csp_cairo_sink_write
    var closure: UnsafeMutableRawPointer { UnsafeMutableRawPointer(sink) }
    /// What cairo has written so far, valid until its next write.
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: sink.pointee.bytes, count: sink.pointee.count) }
    var bytes: [UInt8] { Array(written) }
}

/// Renders laid-out documents and single frames. Every output comes from the same display list.
public struct Renderer {
    public let fonts: FontLibrary
    /// A second library for a second layout thread (`LayoutEngine.helper`), or nil. The painter
    /// draws from the layouts either library kept.
    public let helperFonts: FontLibrary?
    public init(fonts: FontLibrary, helperFonts: FontLibrary? = nil) { self.fonts = fonts; self.helperFonts = helperFonts }

    public var shaper: PangoShaper { PangoShaper(library: fonts) }
    /// The shaper for `LayoutEngine.helper`: nil without a second library (one library on two
    /// threads would be shared state), or when either cannot shape beside the other
    /// (`FontLibrary.parallelSafe`).
    public var helperShaper: PangoShaper? {
        guard let helperFonts, helperFonts !== fonts, helperFonts.parallelSafe, fonts.parallelSafe else { return nil }
        return PangoShaper(library: helperFonts)
    }

    /// A tagged, accessible A4 PDF: cairo draws, then the accessibility post-pass finishes it.
    public func pdf(_ doc: LaidOutDocument) throws -> [UInt8] {
        try postPass(try cairoPDF(doc), metadata: doc.metadata)
    }

    /// The accessibility post-pass over what cairo drew.
    public func postPass(_ raw: CairoPDF, metadata: DocumentMetadata) throws -> [UInt8] {
        var pass = AccessibilityPass(metadata: metadata, figureAlts: raw.figureAlts,
                                     linkDescriptions: raw.linkDescriptions, headerScopes: raw.headerScopes,
                                     headerTexts: raw.headerTexts)
        pass.early = raw.early
        return try pass.run(raw.bytes)
    }

    /// Cairo's PDF before the post-pass, with what the post-pass needs to finish it.
    public struct CairoPDF {
        public var bytes: [UInt8]
        public var figureAlts: [String]
        public var linkDescriptions: [String]
        /// "Column" or "Row" for each TH, in document order.
        public var headerScopes: [String]
        /// For each TH, the text assistive technology reads ("" for its visible text).
        public var headerTexts: [String]
        /// Page content marked on another core while cairo drew the pages after it.
        var early: EarlyMarking?
    }

    public func cairoPDF(_ doc: LaidOutDocument) throws -> CairoPDF {
        let sink = ByteSink()
        let early = EarlyMarking()
        let size = doc.pageSize
        let raw = try withExtendedLifetime(sink) { () throws -> ([UInt8], [String], [String], [String], [String]) in
            guard let surface = cairo_pdf_surface_create_for_stream(sink.write, sink.closure, size.width, size.height) else {
                throw RenderError("cairo: cannot create a PDF surface")
            }
            defer { cairo_surface_destroy(surface) }
            cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
            let m = doc.metadata
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, m.title)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, m.author)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, m.subject)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, m.keywords.joined(separator: ", "))
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, m.creator)
            // Cairo would otherwise stamp the clock; the post-pass rewrites these as PDF dates.
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, m.date.iso8601)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, m.date.iso8601)
            guard let cr = cairo_create(surface) else { throw RenderError("cairo: cannot create a context") }
            defer { cairo_destroy(cr) }
            var painter = Painter(cr: cr, fonts: fonts, helperFonts: helperFonts, pdf: surface)
            cairo_tag_begin(cr, "Document", "")
            for (i, page) in doc.pages.enumerated() {
                painter.pageNumber = i + 1
                painter.draw(page, at: .zero)
                cairo_show_page(cr)
                early.scan(sink.written)
            }
            painter.closeAllTags()
            cairo_tag_end(cr, "Document")
            painter.finish()
            let status = cairo_status(cr)
            guard status == CAIRO_STATUS_SUCCESS else {
                throw RenderError("cairo: \(String(cString: cairo_status_to_string(status)))")
            }
            cairo_surface_finish(surface)
            let s2 = cairo_surface_status(surface)
            guard s2 == CAIRO_STATUS_SUCCESS else {
                throw RenderError("cairo: \(String(cString: cairo_status_to_string(s2)))")
            }
            return (sink.bytes, painter.figureAlts, painter.linkDescriptions, painter.headerScopes, painter.headerTexts)
        }
        return CairoPDF(bytes: raw.0, figureAlts: raw.1, linkDescriptions: raw.2, headerScopes: raw.3, headerTexts: raw.4, early: early)
    }

    /// A PNG of one frame (a page or a chart) at `scale` pixels per point on white.
    public func png(_ frame: Frame, scale: Double = 1) throws -> [UInt8] {
        try withImage(frame, scale: scale) { surface, _, _ in
            let sink = ByteSink()
            let status = withExtendedLifetime(sink) {
                cairo_surface_write_to_png_stream(surface, sink.write, sink.closure)
            }
            guard status == CAIRO_STATUS_SUCCESS else { throw RenderError("cairo: cannot write PNG") }
            return sink.bytes
        }
    }

    /// Raw pixels of one frame (0x00RRGGBB per pixel), for image comparisons.
    public func pixels(_ frame: Frame, scale: Double = 1) throws -> (width: Int, height: Int, data: [UInt32]) {
        try withImage(frame, scale: scale) { surface, w, h in (w, h, Self.read(surface)) }
    }

    /// Paints a frame on white into an image surface of `scale` pixels per point, then hands
    /// the finished surface (and its size in pixels) to `body`.
    private func withImage<T>(_ frame: Frame, scale: Double,
                              _ body: (OpaquePointer, Int, Int) throws -> T) throws -> T {
        let w = Int32(max(1, (frame.size.width * scale).rounded(.up)))
        let h = Int32(max(1, (frame.size.height * scale).rounded(.up)))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) else {
            throw RenderError("cairo: cannot create an image")
        }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw RenderError("cairo: cannot create a context") }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        var painter = Painter(cr: cr, fonts: fonts, helperFonts: helperFonts, pdf: nil)
        painter.draw(frame, at: .zero)
        painter.finish()
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        return try body(surface, Int(w), Int(h))
    }

    static func read(_ surface: OpaquePointer) -> [UInt32] {
        let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return [] }
        var out = [UInt32](repeating: 0, count: w * h)
        for y in 0..<h {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<w { out[y * w + x] = row[x] & 0x00FF_FFFF }
        }
        return out
    }

    /// Decodes a PNG file into pixels (0x00RRGGBB), e.g. a stored reference image.
    public static func loadPNG(_ path: String) -> (width: Int, height: Int, data: [UInt32])? {
        guard let s = cairo_image_surface_create_from_png(path) else { return nil }
        defer { cairo_surface_destroy(s) }
        guard cairo_surface_status(s) == CAIRO_STATUS_SUCCESS else { return nil }
        // Draw onto RGB24 so every format reads the same way.
        let w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s)
        guard let rgb = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) else { return nil }
        defer { cairo_surface_destroy(rgb) }
        guard let cr = cairo_create(rgb) else { return nil }
        cairo_set_source_rgb(cr, 1, 1, 1); cairo_paint(cr)
        cairo_set_source_surface(cr, s, 0, 0); cairo_paint(cr)
        cairo_destroy(cr)
        cairo_surface_flush(rgb)
        return (Int(w), Int(h), read(rgb))
    }

    /// Writes pixels (0x00RRGGBB) as PNG bytes.
    public static func encodePNG(width: Int, height: Int, data: [UInt32]) throws -> [UInt8] {
        guard let s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)),
              let base = cairo_image_surface_get_data(s) else { throw RenderError("cairo: cannot create an image") }
        defer { cairo_surface_destroy(s) }
        let stride = Int(cairo_image_surface_get_stride(s))
        for y in 0..<height {
            let row = UnsafeMutableRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width { row[x] = data[y * width + x] | 0xFF00_0000 }
        }
        cairo_surface_mark_dirty(s)
        let sink = ByteSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(s, sink.write, sink.closure)
        }
        guard status == CAIRO_STATUS_SUCCESS else { throw RenderError("cairo: cannot write PNG") }
        return sink.bytes
    }

    /// An SVG of one frame (a page or a chart).
    public func svg(_ frame: Frame) throws -> [UInt8] {
        let sink = ByteSink()
        try withExtendedLifetime(sink) {
            guard let surface = cairo_svg_surface_create_for_stream(sink.write, sink.closure,
                                                                   frame.size.width, frame.size.height) else {
                throw RenderError("cairo: cannot create an SVG surface")
            }
            cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT)
            guard let cr = cairo_create(surface) else { cairo_surface_destroy(surface); throw RenderError("cairo: cannot create a context") }
            var painter = Painter(cr: cr, fonts: fonts, helperFonts: helperFonts, pdf: nil)
            painter.draw(frame, at: .zero)
            painter.finish()
            cairo_destroy(cr)
            cairo_surface_finish(surface)
            cairo_surface_destroy(surface)
        }
        return sink.bytes
    }

    /// Pixel size of a PNG file, or nil when it is not a readable PNG.
    public static func pngSize(_ path: String) -> Size? {
        guard let s = cairo_image_surface_create_from_png(path) else { return nil }
        defer { cairo_surface_destroy(s) }
        guard cairo_surface_status(s) == CAIRO_STATUS_SUCCESS else { return nil }
        return Size(Double(cairo_image_surface_get_width(s)), Double(cairo_image_surface_get_height(s)))
    }
}
