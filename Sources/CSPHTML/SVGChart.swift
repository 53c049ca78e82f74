import CSPCharts
import CSPDisplay

/// A built chart as inline SVG: the marks `ChartBuilder` placed, with every label as real
/// `<text>` (selectable, searchable, sharp at any zoom). The whole is one image to assistive
/// technology (`role="img"`, named by the chart's text alternative); its data is a table beside it.
struct SVGChart {
    var built: BuiltChart
    /// Unique in the page: the prefix of this drawing's ids.
    var id: String
    /// The text alternative.
    var alt: String
    var cssClass: String

    /// The opening tag, sized in CSS px, with the attributes that say what it is to assistive
    /// technology.
    func start(_ accessibility: String) -> String {
        let w = svgNumber(built.size.width), h = svgNumber(built.size.height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(cssClass)\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" \(accessibility)>"
    }

    func markup() -> String {
        var m = Markup()
        m.raw(start("role=\"img\" aria-labelledby=\"\(id)-alt\""))
        m.raw("<title id=\"\(id)-alt\">")
        m.content(alt)
        m.raw("</title>")
        let hatched = hatchColors
        if !hatched.isEmpty {
            m.raw("<defs>")
            for (i, c) in hatched.enumerated() {
                m.raw("<pattern id=\"\(id)-hatch\(i)\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                m.raw("<rect width=\"5\" height=\"5\" fill=\"\(c.tint(0.78).hex)\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"\(c.hex)\" stroke-width=\"1.4\"/></pattern>")
            }
            m.raw("</defs>")
        }
        for mark in built.marks { m.raw(element(mark, hatched: hatched)) }
        m.raw("</svg>")
        return m.text
    }

    /// The colours of withheld bars, each with a hatching pattern of its own.
    var hatchColors: [Color] {
        var colors: [Color] = []
        for mark in built.marks {
            if case .suppressedBar(_, let c, _, _) = mark, !colors.contains(c) { colors.append(c) }
        }
        return colors
    }

    func element(_ mark: ChartMark, hatched: [Color]) -> String {
        func rect(_ r: Rect) -> String {
            "x=\"\(svgNumber(r.minX))\" y=\"\(svgNumber(r.minY))\" width=\"\(svgNumber(r.width))\" height=\"\(svgNumber(r.height))\""
        }
        func line(_ a: Point, _ b: Point, _ cls: String) -> String {
            "<line class=\"\(cls)\" x1=\"\(svgNumber(a.x))\" y1=\"\(svgNumber(a.y))\" x2=\"\(svgNumber(b.x))\" y2=\"\(svgNumber(b.y))\"/>"
        }
        switch mark {
        case .gridline(let a, let b): return line(a, b, "grid")
        case .axis(let a, let b): return line(a, b, "axis")
        case .bar(let r, let c, _, _, _), .swatch(let r, let c): return "<rect \(rect(r)) fill=\"\(c.hex)\"/>"
        case .suppressedBar(let r, let c, _, _):
            let i = hatched.firstIndex(of: c) ?? 0
            return "<rect \(rect(r)) fill=\"url(#\(id)-hatch\(i))\" stroke=\"\(c.hex)\"/>"
        case .line(let points, let c, _):
            let p = points.map { "\(svgNumber($0.x)),\(svgNumber($0.y))" }.joined(separator: " ")
            return "<polyline points=\"\(p)\" fill=\"none\" stroke=\"\(c.hex)\" stroke-width=\"2.2\" stroke-linejoin=\"round\"/>"
        case .marker(let p, let c):
            return "<circle cx=\"\(svgNumber(p.x))\" cy=\"\(svgNumber(p.y))\" r=\"3.5\" fill=\"\(c.hex)\" stroke=\"#fff\" stroke-width=\"1\"/>"
        case .label(let l): return text(l)
        }
    }

    /// A label, line by line, anchored as the builder aligned it so that the browser's own
    /// measure of the text decides where it starts.
    func text(_ label: ChartLabel) -> String {
        let box = label.box
        let style = box.text
        let boxWidth = box.width ?? box.shaped.width
        var out = ""
        for i in box.lines where box.shaped.lines.indices.contains(i) {
            let line = box.shaped.lines[i]
            guard !line.text.isEmpty else { continue }
            let (anchor, x): (String, Double)
            switch style.alignment {
            case .center: (anchor, x) = (" text-anchor=\"middle\"", label.origin.x + boxWidth / 2)
            case .right: (anchor, x) = (" text-anchor=\"end\"", label.origin.x + boxWidth)
            case .left, .justify: (anchor, x) = ("", label.origin.x)
            }
            let y = label.origin.y + line.top + line.baseline
            let weight: String
            switch style.font.weight {
            case .regular: weight = style.runs.allSatisfy(\.bold) && !style.runs.isEmpty ? " font-weight=\"700\"" : ""
            case .semibold: weight = " font-weight=\"600\""
            case .bold: weight = " font-weight=\"700\""
            }
            out += "<text x=\"\(svgNumber(x))\" y=\"\(svgNumber(y))\" font-size=\"\(svgNumber(style.font.size))\"\(weight)\(anchor) fill=\"\(style.color.hex)\">"
            out += Markup.escape(line.text)
            out += "</text>"
        }
        return out
    }
}
