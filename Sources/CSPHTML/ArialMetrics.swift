import CSPDisplay

/// Measures text in the advance widths of Arial (the same as Helvetica's and Liberation Sans's),
/// the first fonts of the page's font stack, so that a chart's labels, placed by `ChartBuilder`
/// before any browser sees them, fit where the browser draws them. Written here rather than taken
/// from Pango: this target draws no pixels and loads no fonts, and a browser on any system has
/// one of these three metric-compatible fonts (Windows and macOS ship Arial or Helvetica, Linux
/// distributions Liberation Sans). Widths are in thousandths of an em (from LiberationSans
/// Regular and Bold); a character outside the tables is taken as wide as "W" minus a little,
/// so an unknown label errs towards room to spare. Kerning is ignored: it only narrows text.
struct ArialMetricsShaper: TextShaper, Sendable {
    static let asciiRegular: [UInt16] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
        556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
        722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
        556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
        260, 334, 584,
    ]
    static let asciiBold: [UInt16] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
        556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
        722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
        556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
        280, 389, 584,
    ]
    /// U+00A0…U+00FF.
    static let latin1Regular: [UInt16] = [
        278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 552, 400, 549, 333, 333, 333, 576, 537,
        333, 333, 333, 365, 556, 834, 834, 834, 611, 667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278,
        278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, 556, 556, 556, 556, 556,
        556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, 556, 556, 556, 556, 556, 556, 556, 549, 611, 556, 556, 556,
        556, 500, 556, 500,
    ]
    static let latin1Bold: [UInt16] = [
        278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 552, 400, 549, 333, 333, 333, 576, 556,
        333, 333, 333, 365, 556, 834, 834, 834, 611, 722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278,
        278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, 556, 556, 556, 556, 556,
        556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, 611, 611, 611, 611, 611, 611, 611, 549, 611, 611, 611, 611,
        611, 556, 611, 556,
    ]
    /// U+2010…U+2026 (dashes, quotes, bullet, ellipsis): the wider of the two weights.
    static let punctuation: [UInt16] = [
        333, 333, 556, 556, 1000, 1000, 498, 552, 278, 278, 278, 278, 500, 500, 500, 500, 556, 556, 350, 333, 667, 1000, 1000,
    ]
    static let unknown: UInt16 = 900

    static func advance(_ scalar: Unicode.Scalar, bold: Bool) -> UInt16 {
        let v = scalar.value
        switch v {
        case 32...126: return (bold ? asciiBold : asciiRegular)[Int(v - 32)]
        case 160...255: return (bold ? latin1Bold : latin1Regular)[Int(v - 160)]
        case 0x2010...0x2026: return punctuation[Int(v - 0x2010)]
        case 0x2212: return 584
        case 0x20AC: return 556
        default: return unknown
        }
    }

    /// The width of `s` at `size` px.
    static func width(_ s: Substring, size: Double, bold: Bool) -> Double {
        var units = 0
        for scalar in s.unicodeScalars { units += Int(advance(scalar, bold: bold)) }
        return Double(units) * size / 1000
    }

    func shape(_ text: StyledText, width: Double?) -> ShapedText {
        let size = text.font.size
        let bold = text.font.weight != .regular || (!text.runs.isEmpty && text.runs.allSatisfy(\.bold))
        let measure = { (s: Substring) in Self.width(s, size: size, bold: bold) }
        let lineHeight = size * text.lineHeight
        let baseline = (lineHeight - size) / 2 + size * 0.8
        var out: [String] = []
        for para in text.plainText.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let width else { out.append(String(para)); continue }
            if text.ellipsize {
                out.append(Self.ellipsized(para, width: width, measure: measure))
                break
            }
            var line = ""
            for word in para.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if line.isEmpty || measure(Substring(candidate)) <= width + 1e-9 { line = candidate; continue }
                out.append(line)
                line = String(word)
            }
            out.append(line)
        }
        let lines = out.enumerated().map { i, s in
            ShapedLine(text: s, width: measure(Substring(s)), top: Double(i) * lineHeight, height: lineHeight, baseline: baseline)
        }
        return ShapedText(lines: lines)
    }

    /// `s` cut with "…" to fit `width`.
    static func ellipsized(_ s: Substring, width: Double, measure: (Substring) -> Double) -> String {
        if measure(s) <= width + 1e-9 { return String(s) }
        var kept = s
        while !kept.isEmpty, measure(kept) + measure("…") > width { kept = kept.dropLast() }
        return kept.trimmingTrailingSpaces + "…"
    }
}

extension Substring {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
