import CPangoCairo
import CSPDisplay

/// Pango layouts by (text, width), each holding a reference. A layout is fully determined by its
/// key, so drawing a kept layout gives the same bytes as drawing a new one: the cache only saves
/// shaping the text a second time (about a third of the time of a build). Measured at about 40
/// bytes of memory per byte of text, so it stops keeping layouts past `byteLimit` bytes of text
/// (about 40 MB): memory stays bounded on any document, and output never depends on what was
/// kept. Used from one thread at a time, like the font library that owns it.
package final class LayoutCache {
    typealias Key = TextKey
    /// A layout, its lines as measured when it was shaped (so that the painter, which draws
    /// each text at least once, does not walk the layout's lines and extents again), and for a
    /// single line that wraps as it does unwrapped (see `PangoShaper.wrapsAsUnwrapped`), the
    /// width whose alignment the painter applies itself.
    package struct Entry { package var layout: OpaquePointer; package var lines: [FontLibrary.PangoLine]; package var alignIn: Double? }
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
    package func take(_ text: StyledText, width: Double?) -> Entry? {
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
