import CSPCharts
import CSPDisplay

/// Builds HTML text. Text is never markup: everything from the document is escaped here.
struct Markup {
    private(set) var text = ""

    mutating func raw(_ s: String) { text += s }

    /// `s` as element content.
    mutating func content(_ s: String) { text += Self.escape(s) }

    mutating func line(_ s: String) { text += s; text += "\n" }

    static func escape(_ s: String) -> String {
        guard s.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// ` name="value"`.
    static func attribute(_ name: String, _ value: String) -> String { " \(name)=\"\(escape(value))\"" }

    /// A link's `href`: a destination in the document becomes a fragment. The document's
    /// destinations are the heading ids this writer gives (`Markup.id`).
    static func href(_ target: LinkTarget) -> String {
        switch target {
        case .destination(let d): return "#" + id(d)
        case .uri(let u): return u
        }
    }

    /// A destination name as an element id: letters, digits, "-" and "_" kept, anything else
    /// turned into "-", so that the id needs no escaping in a fragment.
    static func id(_ destination: String) -> String {
        let kept = destination.unicodeScalars.map { s -> Character in
            (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s))) || s == "-" || s == "_" ? Character(s) : "-"
        }
        let id = String(kept)
        return id.first?.isLetter == true ? id : "d-" + id
    }

    /// A run list as inline markup: bold, italic, colour and links kept, line breaks as `<br>`.
    static func runs(_ runs: [TextRun], linkColor: Bool = true) -> String {
        var out = ""
        for run in runs {
            let lines = run.text.split(separator: "\n", omittingEmptySubsequences: false)
            var inner = lines.map { escape(String($0)) }.joined(separator: "<br>")
            if run.bold { inner = "<strong>\(inner)</strong>" }
            if run.italic { inner = "<em>\(inner)</em>" }
            if let color = run.color, color != Palette.text {
                inner = color == Palette.secondaryText
                    ? "<span class=\"secondary\">\(inner)</span>"
                    : "<span style=\"color:\(Contrast.readable(color, on: .white).hex)\">\(inner)</span>"
            }
            if let link = run.link { inner = "<a\(attribute("href", href(link)))>\(inner)</a>" }
            out += inner
        }
        return out
    }

    /// Plain text of runs, for attributes.
    static func plain(_ runs: [TextRun]) -> String { runs.map(\.text).joined() }
}

/// WCAG 2.1 contrast: a branding colour used for text is darkened until it reads at AA.
enum Contrast {
    static func ratio(_ a: Color, _ b: Color) -> Double {
        let la = a.luminance, lb = b.luminance
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// `color`, darkened in small steps towards black until its contrast with `background` is
    /// at least `minimum` (4.5:1, AA for body text).
    static func readable(_ color: Color, on background: Color, minimum: Double = 4.5) -> Color {
        var c = color
        var steps = 0
        while ratio(c, background) < minimum, steps < 40 {
            c = Color(red: c.red * 0.93, green: c.green * 0.93, blue: c.blue * 0.93)
            steps += 1
        }
        return c
    }
}

/// Numbers in SVG coordinates: one decimal, no trailing ".0", the same bytes on every run.
func svgNumber(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    let tenths = (v * 10).rounded()
    let whole = Int(tenths / 10)
    let frac = Int(abs(tenths).truncatingRemainder(dividingBy: 10))
    let sign = tenths < 0 && whole == 0 ? "-" : ""
    return frac == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(frac)"
}
