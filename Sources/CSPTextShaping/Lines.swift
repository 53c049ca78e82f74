import CCairo
import CPangoCairo
import CSPDisplay
#if canImport(Glibc)
import Glibc
#endif

/// A layout's lines as the painter and the shaper read them: where each sits, its text as a
/// reader sees it, the widest word.
extension FontLibrary {
    /// Where Pango puts a line of `lineWidth` in a layout `width` wide (pango-layout.c,
    /// get_x_offset), in Pango units as it computes them, so that a line drawn from its
    /// unwrapped layout lands exactly where a layout of that width would put it.
    package static func alignmentOffset(_ alignment: TextAlignment, width: Double, lineWidth: Double) -> Double {
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

    package struct PangoLine {
        package var line: UnsafeMutablePointer<PangoLayoutLine>
        package var x: Double
        package var shaped: ShapedLine
    }

    /// Lines with their offsets; line advance is size × lineHeight, baseline centred in it.
    /// `withText: false` skips decoding each line's text (the painter needs only positions).
    package func lines(of layout: OpaquePointer, text: StyledText, withText: Bool = true) -> [PangoLine] {
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
