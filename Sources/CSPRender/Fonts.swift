import CCairo
import CPangoCairo
import CPangoMetrics
import CSPDisplay

public struct RenderError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// Pango's font map over a private fontconfig configuration that knows only the bundled fonts,
/// so output does not depend on what a machine has installed. Owns C resources: a class.
public final class FontLibrary: @unchecked Sendable {
    let config: OpaquePointer
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    public let directory: String
    /// Layouts made while measuring, kept for drawing: shaping is most of the cost of text, and
    /// the painter draws the same (text, width) pairs that layout measured. See `LayoutCache`.
    let layouts = LayoutCache()

    /// For tests: shape every text with `ccmp`, to compare with what `needsComposition` skips.
    var alwaysCompose = false

    /// Whether this library may shape on one thread while another library shapes on another
    /// (`LayoutEngine.helper`): its fonts' first metrics are computed under one lock (see
    /// `csp_pango_lock_font_metrics`). Without it, two threads break lines differently from
    /// run to run.
    public let parallelSafe: Bool

    /// Families tried in order for every glyph: Inter, then DejaVu Sans for what Inter lacks.
    static let fallback = "DejaVu Sans"

    /// `current`: also make the configuration fontconfig's current one (see below); a second
    /// library for another thread leaves the first one's in place.
    public init(fontsDirectory: String, current: Bool = true) throws {
        guard let cfg = FcConfigCreate() else { throw RenderError("fontconfig: cannot create a configuration") }
        // A cache directory in the user's XDG cache, silencing "No writable cache directories".
        let xml = "<?xml version=\"1.0\"?><fontconfig><cachedir prefix=\"xdg\">fontconfig</cachedir></fontconfig>"
        _ = xml.withCString { FcConfigParseAndLoadFromMemory(cfg, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self), FcTrue) }
        let ok = fontsDirectory.withCString { FcConfigAppFontAddDir(cfg, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        guard ok == FcTrue else {
            FcConfigDestroy(cfg)
            throw RenderError("cannot read the fonts in \(fontsDirectory)")
        }
        // Ours is also fontconfig's current configuration: a new Pango font map initialises
        // fontconfig on a thread of its own and waits for it before its first font, and that
        // would otherwise load the system's configuration and font list (3–5 ms), which no
        // text here may depend on.
        if current { FcConfigSetCurrent(cfg) }
        guard let map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT) else {
            FcConfigDestroy(cfg)
            throw RenderError("pango: cannot create a font map")
        }
        pango_fc_font_map_set_config(OpaquePointer(map), cfg)
        guard let ctx = pango_font_map_create_context(map) else {
            g_object_unref(UnsafeMutableRawPointer(map)); FcConfigDestroy(cfg)
            throw RenderError("pango: cannot create a context")
        }
        // Points, not pixels: 72 dpi (pangocairo assumes 96); no hinting or rounding, so line
        // breaks are the same at every scale and on every surface.
        pango_cairo_context_set_resolution(ctx, 72)
        pango_context_set_round_glyph_positions(ctx, 0)
        let opts = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(ctx, opts)
        cairo_font_options_destroy(opts)
        config = cfg; fontMap = map; context = ctx; directory = fontsDirectory
        parallelSafe = Self.lockFontMetrics(ctx)
    }

    /// Puts the first computation of font metrics under one lock, for the class of the fonts
    /// this library loads (all of one class). False when that cannot be done.
    private static func lockFontMetrics(_ context: OpaquePointer) -> Bool {
        let desc = pango_font_description_from_string("Inter 10")
        defer { pango_font_description_free(desc) }
        guard let font = pango_context_load_font(context, desc) else { return false }
        defer { g_object_unref(UnsafeMutableRawPointer(font)) }
        return csp_pango_lock_font_metrics(font) == 1
    }

    /// The library over the bundled fonts found by `Assets`.
    public static func bundled(current: Bool = true) throws -> FontLibrary {
        guard let dir = Assets.directory() else {
            throw RenderError("cannot find the bundled fonts; set \(Assets.environmentVariable) to the assets folder (tried: \(Assets.candidates().joined(separator: ", ")))")
        }
        return try FontLibrary(fontsDirectory: dir + "/fonts", current: current)
    }

    /// Text set once in each font by `warmUp`: letters, digits and the punctuation of a report,
    /// and a character only the fallback font has (▼), so that its face is loaded too.
    static let warmUpSample = "Warm up: 0123456789 (quarter) – “cases” ▼"

    /// Loads `fonts` ahead of their first use, setting a short sample in each and dropping it,
    /// until `stop` says to end. The first text in a new (face, size) costs about 0.5 ms:
    /// Pango opens the font, and measures a sample string of its own for the font's metrics,
    /// which line heights need; about 25 of them in a report add 10 ms or more to layout. The
    /// loading thread of `build` is otherwise idle while the input is read and checked, so it
    /// does this there.
    ///
    /// Output does not change: the layouts made here are dropped, and what stays (Pango's
    /// fonts and fontsets, cairo's scaled fonts and glyph metrics) is what later text would
    /// have created in the same way; the PDF's fonts are numbered in the order drawn, not loaded.
    /// Not thread-safe, like the rest of the library: the caller stops it before anyone else
    /// uses the library.
    public func warmUp(_ fonts: [FontSpec], stop: () -> Bool) {
        for font in fonts {
            if stop() { return }
            guard let layout = layout(StyledText(Self.warmUpSample, font: font), width: nil) else { continue }
            var logical = PangoRectangle()
            pango_layout_get_extents(layout, nil, &logical)
            g_object_unref(UnsafeMutableRawPointer(layout))
        }
    }

    deinit {
        layouts.removeAll()
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
        FcConfigDestroy(config)
    }

    func description(_ f: FontSpec) -> OpaquePointer? {
        let d = pango_font_description_new()
        "\(f.family),\(Self.fallback)".withCString { pango_font_description_set_family(d, $0) }
        pango_font_description_set_size(d, Int32((f.size * Double(PANGO_SCALE)).rounded()))
        let w: PangoWeight = f.weight == .bold ? PANGO_WEIGHT_BOLD : f.weight == .semibold ? PANGO_WEIGHT_SEMIBOLD : PANGO_WEIGHT_NORMAL
        pango_font_description_set_weight(d, w)
        pango_font_description_set_style(d, f.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        return d
    }

    /// A Pango layout of plain text (never markup) with run attributes. Caller unrefs it.
    func layout(_ text: StyledText, width: Double?) -> OpaquePointer? {
        guard let layout = pango_layout_new(context) else { return nil }
        let runs = preparedRuns(text, width: width)
        let plain = runs.map(\.text).joined()
        plain.withCString { pango_layout_set_text(layout, $0, -1) }
        let desc = description(text.font)
        pango_layout_set_font_description(layout, desc)
        pango_font_description_free(desc)
        let attrs = pango_attr_list_new()
        var offset: UInt32 = 0
        for run in runs {
            let len = UInt32(run.text.utf8.count)
            defer { offset += len }
            guard len > 0 else { continue }
            func add(_ a: UnsafeMutablePointer<PangoAttribute>?) {
                guard let a else { return }
                a.pointee.start_index = offset
                a.pointee.end_index = offset + len
                pango_attr_list_insert(attrs, a)
            }
            if run.bold { add(pango_attr_weight_new(PANGO_WEIGHT_BOLD)) }
            if run.italic { add(pango_attr_style_new(PANGO_STYLE_ITALIC)) }
            if let c = run.color {
                add(pango_attr_foreground_new(UInt16(c.red * 65535), UInt16(c.green * 65535), UInt16(c.blue * 65535)))
            }
            // Also keeps a link in Pango runs of its own, so it can be tagged separately.
            if run.link != nil { add(pango_attr_underline_new(PANGO_UNDERLINE_SINGLE)) }
        }
        if !alwaysCompose, !Self.needsComposition(plain), let a = pango_attr_font_features_new("ccmp 0") {
            a.pointee.start_index = 0
            a.pointee.end_index = UInt32.max
            pango_attr_list_insert(attrs, a)
        }
        pango_layout_set_attributes(layout, attrs)
        pango_attr_list_unref(attrs)
        if let w = width {
            pango_layout_set_width(layout, Int32((max(1, w) * Double(PANGO_SCALE)).rounded(.down)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        } else {
            pango_layout_set_width(layout, -1)
        }
        if text.ellipsize { pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END) }
        switch text.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        case .justify:
            pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
            pango_layout_set_justify(layout, 1)
        }
        return layout
    }

    /// Whether `text` has a character that the bundled fonts' glyph composition (the OpenType
    /// feature `ccmp`) can act on: a combining mark, a private-use character, or a tone letter
    /// (U+02E5–U+02E9, which DejaVu Sans composes). Every `ccmp` rule of every bundled font
    /// needs one of these (`scripts/check-fonts.py`, run by `FontFeatureTests`), so text without
    /// them is shaped with `ccmp` off and the same glyphs. That is most text, and Inter's `ccmp`
    /// tries its rules at every letter: it was 44% of shaping time.
    static func needsComposition(_ text: String) -> Bool {
        for s in text.unicodeScalars where s.value >= 0x2E5 {
            if (0x2E5...0x2E9).contains(s.value) || (0xE000...0xF8FF).contains(s.value) || s.value >= 0xF0000 { return true }
            switch s.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: continue
            }
        }
        return false
    }

    /// The runs as Pango sees them: soft hyphens in long words of wrapped text, where Pango
    /// may break with a visible hyphen. Ragged text only needs breaks in really long words;
    /// justified text and narrow columns gain from breaking shorter ones.
    /// Words too long for any line get plain break opportunities as well (see
    /// `Hyphenation.breakLongWords`: Pango is quadratic on a word without any).
    func preparedRuns(_ text: StyledText, width: Double?) -> [TextRun] {
        guard width != nil else { return text.runs }
        let hyphenate = !text.ellipsize && text.hyphenate
        let minimum = text.alignment == .justify || (width ?? .infinity) < 160 ? 10 : 16
        return text.runs.map { run in
            var r = run
            r.text = Hyphenation.breakLongWords(hyphenate ? Hyphenation.insertSoftHyphens(r.text, minimumLength: minimum) : r.text)
            return r
        }
    }

    /// Where Pango puts a line of `lineWidth` in a layout `width` wide (pango-layout.c,
    /// get_x_offset), in Pango units as it computes them, so that a line drawn from its
    /// unwrapped layout lands exactly where a layout of that width would put it.
    static func alignmentOffset(_ alignment: TextAlignment, width: Double, lineWidth: Double) -> Double {
        let scale = Int32(PANGO_SCALE)
        let w = Int32((max(1, width) * Double(PANGO_SCALE)).rounded(.down))
        let l = Int32((lineWidth * Double(PANGO_SCALE)).rounded())
        var x: Int32
        switch alignment {
        case .left, .justify: x = 0
        case .right: x = w - l
        case .center:
            x = (w - l) / 2
            if (w | l) & (scale - 1) == 0 { x = (x + scale / 2) & ~(scale - 1) }
        }
        return Double(x) / Double(PANGO_SCALE)
    }

    /// The widest run of glyphs between spaces and line breaks, summed from the glyph widths
    /// Pango gave each run of each line: no extra shaping.
    static func widestWord(in layout: OpaquePointer) -> Double {
        guard let text = pango_layout_get_text(layout), let iter = pango_layout_get_iter(layout) else { return 0 }
        defer { pango_layout_iter_free(iter) }
        var widest: Int32 = 0
        repeat {
            var word: Int32 = 0
            var node = pango_layout_iter_get_line_readonly(iter)?.pointee.runs
            while let n = node {
                defer { node = n.pointee.next }
                guard let raw = n.pointee.data else { continue }
                let run = raw.assumingMemoryBound(to: PangoGlyphItem.self).pointee
                guard let glyphs = run.glyphs?.pointee, let item = run.item?.pointee else { continue }
                for g in 0..<Int(glyphs.num_glyphs) {
                    let byte = UInt8(bitPattern: text[Int(item.offset) + Int(glyphs.log_clusters[g])])
                    if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                        widest = max(widest, word); word = 0
                    } else {
                        word += glyphs.glyphs[g].geometry.width
                    }
                }
            }
            widest = max(widest, word)
        } while pango_layout_iter_next_line(iter) != 0
        return Double(widest) / Double(PANGO_SCALE)
    }

    /// Every glyph of `text` as laid out at `width`: id, advance and offsets in Pango units, line
    /// by line (for tests that compare two ways of shaping).
    func glyphs(_ text: StyledText, width: Double?) -> [[Int32]] {
        guard let layout = layout(text, width: width) else { return [] }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        guard let iter = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iter) }
        var out: [[Int32]] = []
        repeat {
            var line: [Int32] = []
            var node = pango_layout_iter_get_line_readonly(iter)?.pointee.runs
            while let n = node {
                defer { node = n.pointee.next }
                guard let raw = n.pointee.data,
                      let glyphs = raw.assumingMemoryBound(to: PangoGlyphItem.self).pointee.glyphs?.pointee else { continue }
                for g in 0..<Int(glyphs.num_glyphs) {
                    let info = glyphs.glyphs[g]
                    line += [Int32(bitPattern: info.glyph), info.geometry.width, info.geometry.x_offset, info.geometry.y_offset]
                }
            }
            out.append(line)
        } while pango_layout_iter_next_line(iter) != 0
        return out
    }

    /// A line's text as a reader sees it: without the spaces and line breaks it ends with,
    /// a soft hyphen it breaks at shown as "-", and no other soft hyphens or zero-width spaces.
    /// Worked on the UTF-8 bytes (a String's characters are slow to compare, and this runs for
    /// every line laid out); `lineTextByCharacters` is the same rule on characters, and the
    /// tests hold the two equal. U+00AD and U+200B are grapheme clusters of their own (both
    /// are Control for grapheme breaking), so removing their bytes removes exactly those
    /// characters. A trailing space or line feed is left to the character version when what
    /// comes before it could join it into one character: CR before LF, or before a space a
    /// "prepend" character (all of which are in U+0600–U+08FF, U+0D00–U+0DFF or from U+11000).
    static func lineText(_ line: UnsafeBufferPointer<UInt8>) -> String {
        var end = line.count
        while end > 0 {
            let c = line[end - 1]
            guard c == 0x0A || c == 0x20 else { break }
            if end > 1, c == 0x0A ? line[end - 2] == 0x0D : mayPrepend(line, before: end - 1) {
                return lineTextByCharacters(String(decoding: line, as: UTF8.self))
            }
            end -= 1
        }
        var out: [UInt8] = []
        out.reserveCapacity(end)
        var i = 0
        while i < end {
            let c = line[i]
            if c == 0xC2, i + 1 < end, line[i + 1] == 0xAD {
                if i + 2 == end { out.append(UInt8(ascii: "-")) }
                i += 2
            } else if c == 0xE2, i + 2 < end, line[i + 1] == 0x80, line[i + 2] == 0x8B {
                i += 3
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the scalar that ends just before `index` lies where grapheme "prepend"
    /// characters do (a superset of them: the text then takes the slow, exact way).
    static func mayPrepend(_ line: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        guard index > 0, line[index - 1] >= 0x80 else { return false }
        var lead = index - 1
        while lead > 0, line[lead] & 0xC0 == 0x80 { lead -= 1 }
        let scalar = String(decoding: UnsafeBufferPointer(rebasing: line[lead..<index]), as: UTF8.self).unicodeScalars.first?.value ?? 0
        return (0x600...0x8FF).contains(scalar) || (0xD00...0xDFF).contains(scalar) || scalar >= 0x11000
    }

    static func lineTextByCharacters(_ text: String) -> String {
        var s = text
        while s.hasSuffix("\n") || s.hasSuffix(" ") { s.removeLast() }
        if s.last == Hyphenation.softHyphen { s.removeLast(); s += "-" }
        s.removeAll { $0 == Hyphenation.softHyphen || $0 == Hyphenation.zeroWidthSpace }
        return s
    }

    struct PangoLine {
        var line: UnsafeMutablePointer<PangoLayoutLine>
        var x: Double
        var shaped: ShapedLine
    }

    /// Lines with their offsets; line advance is size × lineHeight, baseline centred in it.
    /// `withText: false` skips decoding each line's text (the painter needs only positions).
    func lines(of layout: OpaquePointer, text: StyledText, withText: Bool = true) -> [PangoLine] {
        guard let cText = pango_layout_get_text(layout) else { return [] }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(cText).assumingMemoryBound(to: UInt8.self),
                                        count: withText ? strlen(cText) : 0)
        let lh = text.font.size * text.lineHeight
        var out: [PangoLine] = []
        guard let iter = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iter) }
        var i = 0
        repeat {
            guard let line = pango_layout_iter_get_line_readonly(iter) else { break }
            // Logical extents only: Pango computes ink extents glyph by glyph, and nothing here
            // uses them.
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            var lineLogical = PangoRectangle()
            pango_layout_line_get_extents(line, nil, &lineLogical)
            let scale = Double(PANGO_SCALE)
            let ascent = -Double(lineLogical.y) / scale
            let height = Double(lineLogical.height) / scale
            let start = Int(line.pointee.start_index), length = Int(line.pointee.length)
            var s = ""
            if withText, start >= 0, length >= 0, start + length <= bytes.count {
                s = Self.lineText(UnsafeBufferPointer(rebasing: bytes[start..<(start + length)]))
            }
            let baseline = (lh - height) / 2 + ascent
            out.append(PangoLine(line: line, x: Double(logical.x) / scale,
                                 shaped: ShapedLine(text: s, width: Double(logical.width) / scale, top: Double(i) * lh,
                                                    height: lh, baseline: baseline)))
            i += 1
        } while pango_layout_iter_next_line(iter) != 0
        return out
    }
}

/// The real shaper: Pango over the bundled fonts.
public struct PangoShaper: TextShaper, SingleLineReuse, Sendable {
    /// One line that fits, no line breaks, the same text as Pango gets without a width (no soft
    /// hyphens or break opportunities added), not justified or cut: Pango lays it out the same
    /// with or without the width. It fits when its width in Pango units is no more than the
    /// layout's (`layout(_:width:)` rounds that down): a column as wide as its widest cell is
    /// exactly as wide as that cell's line. Text with a soft hyphen of its own is never reused:
    /// where one ends a Pango item (a bold run or another font starting right after it), Pango
    /// counts a hyphen's width there and breaks a line that the unwrapped width says fits. The
    /// answer must be exact, as whether a text's unwrapped line was measured first depends on
    /// which thread measured what.
    public func wrapsAsUnwrapped(_ text: StyledText, unwrapped: ShapedText, width: Double) -> Bool {
        let scale = Double(PANGO_SCALE)
        guard unwrapped.lines.count == 1, (unwrapped.width * scale).rounded() <= (max(1, width) * scale).rounded(.down),
              !text.ellipsize,
              !text.runs.contains(where: { Self.hasSoftHyphen($0.text) }),
              text.alignment != .justify,
              text.runs.allSatisfy({ !$0.text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) }) else { return false }
        guard library.preparedRuns(text, width: width).map(\.text) == text.runs.map(\.text) else { return false }
        // The caller reuses the unwrapped lines: so will the painter.
        library.layouts.alias(text, width: width)
        return true
    }

    static func hasSoftHyphen(_ s: String) -> Bool {
        var afterC2 = false
        for b in s.utf8 {
            if afterC2 && b == 0xAD { return true }
            afterC2 = b == 0xC2
        }
        return false
    }

    public let library: FontLibrary
    public init(library: FontLibrary) { self.library = library }

    public func shape(_ text: StyledText, width: Double?) -> ShapedText {
        guard let layout = library.layout(text, width: width) else { return ShapedText(lines: []) }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let lines = library.lines(of: layout, text: text)
        var shaped = ShapedText(lines: lines.map(\.shaped))
        // Table columns need unwrapped text's widest word: measured here from the same layout.
        if width == nil { shaped.widestWord = FontLibrary.widestWord(in: layout) }
        library.layouts.keep(layout, lines: lines, for: text, width: width)
        return shaped
    }
}

/// Pango layouts by (text, width), each holding a reference. A layout is fully determined by its
/// key, so drawing a kept layout gives the same bytes as drawing a new one: the cache only saves
/// shaping the text a second time (about a third of the time of a build). Measured at about 40
/// bytes of memory per byte of text, so it stops keeping layouts past `byteLimit` bytes of text
/// (about 40 MB): memory stays bounded on any document, and output never depends on what was
/// kept. Used from one thread at a time, like the font library that owns it.
final class LayoutCache {
    typealias Key = TextKey
    /// A layout, its lines as measured when it was shaped (so that the painter, which draws
    /// each text at least once, does not walk the layout's lines and extents again), and for a
    /// single line that wraps as it does unwrapped (see `PangoShaper.wrapsAsUnwrapped`), the
    /// width whose alignment the painter applies itself.
    struct Entry { var layout: OpaquePointer; var lines: [FontLibrary.PangoLine]; var alignIn: Double? }
    private var entries: [Key: Entry] = [:]
    private var textBytes = 0
    /// A scale-200 quarter (277 pages) keeps about 640,000 bytes of text.
    static let byteLimit = 1_000_000

    /// Keeps `layout` and its `lines` (from `FontLibrary.lines(of:text:)`) for drawing.
    func keep(_ layout: OpaquePointer, lines: [FontLibrary.PangoLine], for text: StyledText, width: Double?) {
        let n = text.runs.reduce(0) { $0 + $1.text.utf8.count } + 16
        guard textBytes + n <= Self.byteLimit else { return }
        let key = Key(text, width: width)
        guard entries[key] == nil else { return }
        g_object_ref(UnsafeMutableRawPointer(layout))
        entries[key] = Entry(layout: layout, lines: lines, alignIn: nil)
        textBytes += n
    }

    /// `text` at `width` is drawn from its unwrapped layout, aligned within `width`, when this
    /// cache keeps that layout; otherwise the painter lays the text out again, to the same line.
    func alias(_ text: StyledText, width: Double) {
        let key = Key(text, width: width)
        guard entries[key] == nil, let unwrapped = entries[key.unwrapped] else { return }
        g_object_ref(UnsafeMutableRawPointer(unwrapped.layout))
        entries[key] = Entry(layout: unwrapped.layout, lines: unwrapped.lines, alignIn: width)
    }

    /// A kept layout with one more reference, which the caller releases; nil when none is kept.
    func take(_ text: StyledText, width: Double?) -> Entry? {
        guard let e = entries[Key(text, width: width)] else { return nil }
        g_object_ref(UnsafeMutableRawPointer(e.layout))
        return e
    }

    func removeAll() {
        for (_, e) in entries { g_object_unref(UnsafeMutableRawPointer(e.layout)) }
        entries = [:]
        textBytes = 0
    }

    deinit { removeAll() }
}
