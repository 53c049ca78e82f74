public enum FontWeight: String, Hashable, Sendable { case regular, semibold, bold }

/// A font request. The family is resolved by the renderer against the bundled fonts only.
public struct FontSpec: Hashable, Sendable {
    public var family: String
    public var size: Double
    public var weight: FontWeight
    public var italic: Bool
    public init(family: String = "Inter", size: Double, weight: FontWeight = .regular, italic: Bool = false) {
        self.family = family; self.size = size; self.weight = weight; self.italic = italic
    }
}

public enum TextAlignment: String, Hashable, Sendable { case left, center, right, justify }

/// A run of plain text. Text is never markup: `&`, `<`, `>` are literal characters.
public struct TextRun: Hashable, Sendable {
    public var text: String
    public var bold: Bool
    public var italic: Bool
    public var color: Color?
    /// Makes this run a link inside running text (underlined; tagged Link in the PDF, with the
    /// run's text as its description).
    public var link: LinkTarget?
    public init(_ text: String, bold: Bool = false, italic: Bool = false, color: Color? = nil, link: LinkTarget? = nil) {
        self.text = text; self.bold = bold; self.italic = italic; self.color = color; self.link = link
    }
}

/// Text with its paragraph style, the unit a `TextShaper` measures and a renderer draws.
public struct StyledText: Hashable, Sendable {
    public var runs: [TextRun]
    public var font: FontSpec
    public var color: Color
    public var alignment: TextAlignment
    /// Line advance as a multiple of the font size.
    public var lineHeight: Double
    /// Single line, cut with "…" at the end when too wide.
    public var ellipsize: Bool
    /// Long words of wrapped text may break with a hyphen (body text); off for headings.
    public var hyphenate: Bool = true

    public init(_ runs: [TextRun], font: FontSpec, color: Color = .black, alignment: TextAlignment = .left,
                lineHeight: Double = 1.3, ellipsize: Bool = false) {
        self.runs = runs; self.font = font; self.color = color; self.alignment = alignment
        self.lineHeight = lineHeight; self.ellipsize = ellipsize
    }
    public init(_ text: String, font: FontSpec, color: Color = .black, alignment: TextAlignment = .left,
                lineHeight: Double = 1.3, ellipsize: Bool = false) {
        self.init([TextRun(text)], font: font, color: color, alignment: alignment,
                  lineHeight: lineHeight, ellipsize: ellipsize)
    }
    public var plainText: String { runs.map(\.text).joined() }
}

/// One line of shaped text. `top` is measured from the top of the whole paragraph.
public struct ShapedLine: Hashable, Sendable {
    public var text: String
    public var width: Double
    public var top: Double
    public var height: Double
    /// Baseline offset from the line's top.
    public var baseline: Double
    public init(text: String, width: Double, top: Double, height: Double, baseline: Double) {
        self.text = text; self.width = width; self.top = top; self.height = height; self.baseline = baseline
    }
}

public struct ShapedText: Hashable, Sendable {
    public var lines: [ShapedLine]
    /// The widest word (between spaces and line breaks) as set in this text, when the shaper
    /// measured it while shaping unwrapped text; nil when it did not.
    public var widestWord: Double?
    public init(lines: [ShapedLine], widestWord: Double? = nil) { self.lines = lines; self.widestWord = widestWord }
    public var width: Double { lines.map(\.width).max() ?? 0 }
    public var height: Double { lines.last.map { $0.top + $0.height } ?? 0 }
    /// Height of lines `range` stacked together.
    public func height(of range: Range<Int>) -> Double {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= lines.count else { return 0 }
        return lines[range.upperBound - 1].top + lines[range.upperBound - 1].height - lines[range.lowerBound].top
    }
}

/// Measures and breaks text into lines. Layout and charts measure only through this, so tests
/// can use `FixedMetricsShaper` and the real renderer uses Pango with the bundled fonts.
public protocol TextShaper {
    /// Breaks `text` into lines no wider than `width` (nil: no wrapping).
    func shape(_ text: StyledText, width: Double?) -> ShapedText
}

extension TextShaper {
    public func width(of text: StyledText) -> Double { shape(text, width: nil).width }
}

/// Every character advances a fixed fraction of the font size: layout tests do not depend on
/// installed fonts or on Pango's version.
public struct FixedMetricsShaper: TextShaper, Sendable {
    public var advance: Double
    public init(advance: Double = 0.5) { self.advance = advance }

    func charWidth(_ font: FontSpec, bold: Bool) -> Double {
        // Never zero: a zero advance would make every line infinitely long.
        max(0.01, font.size * (bold || font.weight != .regular ? advance * 1.1 : advance))
    }

    public func shape(_ text: StyledText, width: Double?) -> ShapedText {
        let cw = charWidth(text.font, bold: text.runs.allSatisfy(\.bold) && !text.runs.isEmpty)
        let lh = text.font.size * text.lineHeight
        let baseline = (lh - text.font.size) / 2 + text.font.size * 0.8
        var out: [String] = []
        for para in text.plainText.split(separator: "\n", omittingEmptySubsequences: false) {
            if text.ellipsize, let w = width {
                let maxChars = max(1, Int(min(1e6, max(0, w / cw))))
                let s = String(para)
                out.append(s.count <= maxChars ? s : String(s.prefix(max(0, maxChars - 1))) + "…")
                break
            }
            guard let w = width else { out.append(String(para)); continue }
            let maxChars = max(1, Int(min(1e6, max(0, (w + 1e-9) / cw))))
            var line = ""
            var lineCount = 0
            for word in para.split(separator: " ", omittingEmptySubsequences: true) {
                let chars = Array(word)
                if lineCount + (lineCount == 0 ? 0 : 1) + chars.count <= maxChars {
                    line += (lineCount == 0 ? "" : " ") + word
                    lineCount += (lineCount == 0 ? 0 : 1) + chars.count
                    continue
                }
                if lineCount > 0 { out.append(line); line = ""; lineCount = 0 }
                var start = 0
                let cut = max(1, maxChars - 1)
                while chars.count - start > maxChars {
                    out.append(String(chars[start..<(start + cut)]) + "-")
                    start += cut
                }
                line = String(chars[start...])
                lineCount = chars.count - start
            }
            out.append(line)
        }
        var lines: [ShapedLine] = []
        for (i, s) in out.enumerated() {
            lines.append(ShapedLine(text: s, width: Double(s.count) * cw, top: Double(i) * lh,
                                    height: lh, baseline: baseline))
        }
        return ShapedText(lines: lines)
    }
}

/// A shaper that can tell when wrapping `text` at `width` gives exactly its unwrapped lines.
public protocol SingleLineReuse {
    func wrapsAsUnwrapped(_ text: StyledText, unwrapped: ShapedText, width: Double) -> Bool
}

/// Remembers shaped text: layout measures the same cells and words many times (two passes,
/// column widths, keep-with-next). A class because the memo is shared state; use it from one
/// thread at a time.
public final class CachingShaper: TextShaper {
    typealias Key = TextKey
    let base: any TextShaper
    var memo: [Key: ShapedText] = [:]
    /// `base` as a shaper that can reuse single lines, cast once here rather than for each of
    /// the many table cells a report measures.
    let single: (any SingleLineReuse)?
    public init(_ base: any TextShaper) { self.base = base; single = base as? SingleLineReuse }
    public func shape(_ text: StyledText, width: Double?) -> ShapedText {
        let key = Key(text, width: width)
        if let hit = memo[key] { return hit }
        // Table columns are measured unwrapped first; a cell that fits its column then wraps to
        // that same single line, which the shaper can say without shaping it again.
        if let width, let single, let unwrapped = memo[key.unwrapped],
           single.wrapsAsUnwrapped(text, unwrapped: unwrapped, width: width) {
            memo[key] = unwrapped
            return unwrapped
        }
        let shaped = base.shape(text, width: width)
        if memo.count > 200_000 { memo.removeAll(keepingCapacity: true) }
        memo[key] = shaped
        return shaped
    }

    /// Takes over what `other` measured (it must shape text as this one does), so that later
    /// passes find it here. `other` is not used afterwards.
    public func absorb(_ other: CachingShaper) {
        memo.merge(other.memo) { mine, _ in mine }
        if memo.count > 200_000 { memo.removeAll(keepingCapacity: true) }
        other.memo = [:]
    }
}

/// Text at a width, as a dictionary key whose text is hashed once, when the key is made.
/// Hashing a `StyledText` reads every character of every run (Swift hashes strings in normalised
/// form), and a memo looks the same text up several times: at its width, unwrapped, and again to
/// store it. Keys made from the same text share that hash (see `unwrapped`).
public struct TextKey: Hashable, Sendable {
    public let text: StyledText
    public let width: Double?
    let textHash: Int

    public init(_ text: StyledText, width: Double?) {
        self.text = text; self.width = width; textHash = text.hashValue
    }

    private init(_ text: StyledText, width: Double?, textHash: Int) {
        self.text = text; self.width = width; self.textHash = textHash
    }

    /// The same text without a width, reusing its hash.
    public var unwrapped: TextKey { TextKey(text, width: nil, textHash: textHash) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(textHash)
        hasher.combine(width)
    }

    public static func == (a: TextKey, b: TextKey) -> Bool {
        a.textHash == b.textHash && a.width == b.width && a.text == b.text
    }
}
