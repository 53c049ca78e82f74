import CSPCharts
import CSPDisplay
import CSPLayout

/// A figure: its finding as the caption, the chart drawn twice from the same chart values (wide
/// for screens, narrow for phones, where the wide one scaled down would shrink its labels below
/// reading size; CSS shows one), and the values the chart draws as a table, where a withheld
/// value reads as the chart labels it ("<5") and is never given as a number.
struct HTMLFigure {
    var figure: Figure
    /// Unique in the page.
    var id: String
    var palette: [Color]

    /// Widths in CSS px; the fonts are in px too, sized for reading on a screen.
    static let wide = 720.0, narrow = 340.0
    static let fonts: ChartFonts = {
        var f = ChartFonts(family: "Arial")
        f.tick = 12; f.label = 13; f.value = 12
        return f
    }()
    /// Heights the document gives are in PDF points for a 471 pt column and 8.5 pt labels;
    /// here the labels are about half as large again.
    static let heightScale = 1.4

    var chart: Chart {
        var c = figure.chart
        // As in the PDF: a chart in the default palette takes the partnership's.
        if c.palette == Palette.analysisFunction { c.palette = palette }
        return c
    }

    func build(width: Double) -> BuiltChart {
        let builder = ChartBuilder(shaper: ArialMetricsShaper(), fonts: Self.fonts)
        var c = chart
        var figureHeight = figure.height
        // A phone has room for one panel across: small multiples stack, each at its height.
        if case .smallMultiples(let columns) = c.kind, columns > 1, width < Self.wide {
            c.kind = .smallMultiples(columns: 1)
            c.height = nil; figureHeight = nil
        }
        let height: Double
        if let h = figureHeight ?? c.height {
            height = h * Self.heightScale
        } else {
            switch c.kind {
            case .bar(.horizontal), .groupedBar(.horizontal), .stackedBar(.horizontal), .smallMultiples:
                height = builder.naturalHeight(c, width: width) * 1.15
            default:
                height = builder.naturalHeight(c, width: width) * 1.3
            }
        }
        return builder.build(c, width: width, height: height)
    }

    var alt: String { figure.chart.altText.isEmpty ? figure.chart.title : figure.chart.altText }

    func markup() -> String {
        var m = Markup()
        let wideChart = build(width: Self.wide)
        m.line("<figure class=\"chart-figure\">")
        m.line("<figcaption id=\"\(id)-title\" class=\"chart-title\">\(Markup.escape(figure.chart.title))</figcaption>")
        m.raw("<div class=\"chart\">")
        m.raw(SVGChart(built: wideChart, id: "\(id)-wide", alt: alt, cssClass: "chart-wide").markup())
        m.raw(SVGChart(built: build(width: Self.narrow), id: "\(id)-narrow", alt: alt, cssClass: "chart-narrow").markup())
        m.line("</div>")
        m.raw(dataTable(wideChart))
        if let source = figure.source { m.line("<p class=\"source\">\(Markup.escape(source))</p>") }
        m.line("</figure>")
        return m.text
    }

    /// The chart's values, one row per category and one column per series drawn.
    func dataTable(_ built: BuiltChart) -> String {
        let c = chart
        let series = built.series
        guard !series.isEmpty, !c.categories.isEmpty else { return "" }
        let decimals = c.integers ? 0 : Self.decimals(series.flatMap(\.values))
        var m = Markup()
        m.line("<details class=\"chart-data\">")
        m.line("<summary>Show the chart’s data as a table</summary>")
        m.line("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"\(id)-data-caption\" tabindex=\"0\">")
        m.line("<table>")
        m.line("<caption id=\"\(id)-data-caption\">Data for the chart: \(Markup.escape(c.title))</caption>")
        m.raw("<thead><tr><td></td>")
        for s in series {
            let name = s.name.isEmpty || series.count == 1 ? (c.valueLabel ?? (s.name.isEmpty ? "Value" : s.name)) : s.name
            m.raw("<th scope=\"col\" class=\"num\">\(Markup.escape(name))</th>")
        }
        m.line("</tr></thead>")
        m.line("<tbody>")
        var gaps = false
        for (i, category) in c.categories.enumerated() {
            m.raw("<tr><th scope=\"row\">\(Markup.escape(category))</th>")
            for s in series {
                let text: String
                if s.suppressed.contains(i) {
                    text = s.suppressedLabels[i] ?? c.suppressedLabel
                } else if i < s.values.count, s.values[i].isFinite {
                    text = NumberFormat.format(s.values[i], decimals: decimals)
                } else {
                    text = "–"; gaps = true
                }
                m.raw("<td class=\"num\">\(Markup.escape(text))</td>")
            }
            m.line("</tr>")
        }
        m.line("</tbody>")
        m.line("</table>")
        m.line("</div>")
        if gaps { m.line("<p class=\"note\">“–”: no value is drawn for that point (the chart’s description says why).</p>") }
        m.line("</details>")
        return m.text
    }

    /// The fewest decimals (at most two) that write every value exactly.
    static func decimals(_ values: [Double]) -> Int {
        for d in 0...1 {
            let scale = d == 0 ? 1.0 : 10.0
            if values.allSatisfy({ !$0.isFinite || abs(($0 * scale).rounded() - $0 * scale) < 1e-9 }) { return d }
        }
        return 2
    }
}
