import CCairo
import CPangoCairo
import CSPDisplay

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
        // The caller reuses the unwrapped lines: so will the painter, where this library kept
        // the unwrapped layout (otherwise it lays the text out again, to the same line).
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
