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
    package let layouts = LayoutCache()

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

    /// Adds the font files of `directory` (the partnership's own fonts, csp.yaml's `fonts:`) and
    /// returns the families they hold, the one with the most faces first. Text in any other
    /// family is unchanged; the fallback still supplies what a family lacks.
    public func addFonts(directory given: String) throws -> [String] {
        // fontconfig keeps each font's file by its full path: compare with that.
        guard let resolved = realpath(given, nil) else { throw RenderError("cannot read the fonts in \(given)") }
        let directory = String(cString: resolved)
        free(resolved)
        let ok = directory.withCString { FcConfigAppFontAddDir(config, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        guard ok == FcTrue else { throw RenderError("cannot read the fonts in \(directory)") }
        // The font map caches what fontconfig offered when it was made.
        pango_fc_font_map_config_changed(OpaquePointer(fontMap))
        guard let set = FcConfigGetFonts(config, FcSetApplication) else { return [] }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var faces: [String: Int] = [:]
        for i in 0..<Int(set.pointee.nfont) {
            guard let pattern = set.pointee.fonts[i] else { continue }
            var file: UnsafeMutablePointer<FcChar8>?
            var family: UnsafeMutablePointer<FcChar8>?
            guard FcPatternGetString(pattern, FC_FILE, 0, &file) == FcResultMatch, let file,
                  String(cString: file).hasPrefix(prefix),
                  FcPatternGetString(pattern, FC_FAMILY, 0, &family) == FcResultMatch, let family else { continue }
            faces[String(cString: family), default: 0] += 1
        }
        return faces.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
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
    package func layout(_ text: StyledText, width: Double?) -> OpaquePointer? {
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
    package func preparedRuns(_ text: StyledText, width: Double?) -> [TextRun] {
        guard width != nil else { return text.runs }
        let hyphenate = !text.ellipsize && text.hyphenate
        let minimum = text.alignment == .justify || (width ?? .infinity) < 160 ? 10 : 16
        return text.runs.map { run in
            var r = run
            r.text = Hyphenation.breakLongWords(hyphenate ? Hyphenation.insertSoftHyphens(r.text, minimumLength: minimum) : r.text)
            return r
        }
    }
}
