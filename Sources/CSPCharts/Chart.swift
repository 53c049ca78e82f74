import CSPDisplay

public struct ChartSeries: Hashable, Sendable {
    public var name: String
    public var values: [Double]
    /// Categories whose value is withheld (small-number suppression): the bar is drawn hatched,
    /// to the height given in `values` (the threshold), labelled with the chart's
    /// `suppressedLabel`, and never shown as an exact number.
    public var suppressed: Set<Int> = []
    /// A label for a suppressed value other than the chart's `suppressedLabel` ("[c]").
    public var suppressedLabels: [Int: String] = [:]
    public init(_ name: String, _ values: [Double]) { self.name = name; self.values = values }
}

public enum Orientation: String, Hashable, Sendable { case vertical, horizontal }

public enum ChartKind: Hashable, Sendable {
    case bar(Orientation)
    case groupedBar(Orientation)
    case stackedBar(Orientation)
    /// Lines with a marker on every point.
    case line
    /// One small line chart per series, all on the same value scale.
    case smallMultiples(columns: Int)
    /// A word-sized line with no axes.
    case sparkline
}

/// What the caller asks for. `title` states the finding ("Cases closed rose in every area");
/// `altText` is the text alternative that screen readers get instead of the picture.
public struct Chart: Hashable, Sendable {
    public var kind: ChartKind
    public var title: String
    public var altText: String
    public var categories: [String]
    public var series: [ChartSeries]
    /// Unit of the value axis, shown above it ("Number of cases").
    public var valueLabel: String?
    /// More than four series fold into "Other" unless this is set.
    public var keepAllSeries: Bool
    /// Values are counts: no fractional ticks.
    public var integers: Bool
    public var palette: [Color]
    /// Preferred height in points; nil picks one from the kind and data.
    public var height: Double?
    /// The label of a suppressed bar ("<5").
    public var suppressedLabel = "<5"
    /// Small multiples normally share one scale so panels compare honestly; set this when
    /// the panels measure different things and only each one's shape over time matters (the
    /// caller says so in the title).
    public var independentScales = false

    public init(_ kind: ChartKind, title: String, altText: String, categories: [String], series: [ChartSeries],
                valueLabel: String? = nil, keepAllSeries: Bool = false, integers: Bool = true,
                palette: [Color] = Palette.analysisFunction, height: Double? = nil) {
        self.kind = kind; self.title = title; self.altText = altText; self.categories = categories
        self.series = series; self.valueLabel = valueLabel; self.keepAllSeries = keepAllSeries
        self.integers = integers; self.palette = palette.isEmpty ? Palette.analysisFunction : palette
        self.height = height
    }

    /// The series after folding: the four largest by total, then "Other" as their sum.
    public var displayedSeries: [ChartSeries] {
        guard series.count > 4, !keepAllSeries else { return series }
        let n = categories.count
        let ranked = series.enumerated().sorted { a, b in
            let ta = a.element.values.reduce(0, +), tb = b.element.values.reduce(0, +)
            return ta != tb ? ta > tb : a.offset < b.offset
        }
        let keep = Set(ranked.prefix(4).map(\.offset))
        var other = [Double](repeating: 0, count: n)
        for (i, s) in series.enumerated() where !keep.contains(i) {
            for j in 0..<min(n, s.values.count) { other[j] += s.values[j] }
        }
        return series.enumerated().filter { keep.contains($0.offset) }.map(\.element) + [ChartSeries("Other", other)]
    }
}

/// A piece of chart text, shaped when the chart is built.
public struct ChartLabel: Hashable, Sendable {
    public var origin: Point
    public var box: TextBox
    public var text: String { box.text.plainText }
}

/// The marks of a built chart, in drawing order. Tests read these without pixels.
public enum ChartMark: Hashable, Sendable {
    case gridline(Point, Point)
    case axis(Point, Point)
    case bar(Rect, Color, series: Int, category: Int, value: Double)
    /// A bar whose exact value is withheld: hatched, with no exact height.
    case suppressedBar(Rect, Color, series: Int, category: Int)
    case line([Point], Color, series: Int)
    case marker(Point, Color)
    case swatch(Rect, Color)
    case label(ChartLabel)
}

public struct AxisTick: Hashable, Sendable {
    public var value: Double
    public var label: String
    public var position: Double
}

/// A chart after scales are trained and positions computed: a value, drawn by `frame()`.
public struct BuiltChart: Hashable, Sendable {
    public var size: Size
    public var plot: Rect
    public var domain: ClosedRange<Double>
    public var ticks: [AxisTick]
    public var series: [ChartSeries]
    public var legend: [String]
    public var directLabels: Bool
    public var marks: [ChartMark]

    public var labels: [String] {
        marks.compactMap { if case .label(let l) = $0 { return l.text } else { return nil } }
    }
    public var bars: [Rect] {
        marks.compactMap { if case .bar(let r, _, _, _, _) = $0 { return r } else { return nil } }
    }

    /// The display list. Gridlines and axes are decoration; the whole is one Figure in the PDF.
    public func frame() -> Frame {
        var f = Frame(size: size)
        for m in marks {
            switch m {
            case .gridline(let a, let b): f.line(a, b, Stroke(Palette.grid, width: 0.5))
            case .axis(let a, let b): f.line(a, b, Stroke(Palette.axis, width: 0.8))
            case .bar(let r, let c, _, _, _): f.fill(r, c)
            case .suppressedBar(let r, let c, _, _):
                f.fill(r, c.tint(0.78))
                // Diagonal hatching, clipped to the bar by construction.
                let step = 4.0
                var k = -r.height
                while k < r.width {
                    let x0 = max(r.minX, r.minX + k), y0 = r.maxY - max(0, -k)
                    let x1 = min(r.maxX, r.minX + k + r.height)
                    let y1 = r.maxY - (x1 - (r.minX + k))
                    if x1 > x0 { f.line(Point(x0, y0), Point(x1, y1), Stroke(c, width: 0.7)) }
                    k += step
                }
                f.push(.shape(Shape(.rect(r), stroke: Stroke(c, width: 0.8))))
            case .line(let pts, let c, _):
                f.push(.shape(Shape(.polyline(pts), stroke: Stroke(c, width: 1.75))))
            case .marker(let p, let c):
                f.push(.shape(Shape(.circle(center: p, radius: 2.6), fill: c, stroke: Stroke(.white, width: 0.8))))
            case .swatch(let r, let c): f.fill(r, c)
            case .label(let l): f.push(.text(l.box), at: l.origin)
            }
        }
        return f
    }
}

/// Fonts used in charts.
public struct ChartFonts: Hashable, Sendable {
    public var family: String
    public var tick: Double = 8
    public var label: Double = 8.5
    public var value: Double = 8
    public init(family: String = "Inter") { self.family = family }
}

/// Builds charts: trains scales, computes ticks and positions, and places labels, measuring
/// text only through the shaper.
public struct ChartBuilder {
    public var shaper: any TextShaper
    public var fonts: ChartFonts

    public init(shaper: any TextShaper, fonts: ChartFonts = ChartFonts()) {
        self.shaper = shaper; self.fonts = fonts
    }

    /// The natural height for a chart at `width` when the caller gives none.
    public func naturalHeight(_ chart: Chart, width: Double) -> Double {
        if let h = chart.height { return h }
        let n = max(1, chart.categories.count)
        switch chart.kind {
        // Long category lists get thinner bars rather than a chart taller than a page.
        case .bar(.horizontal): return min(560, Double(n) * 24 + 40) + legendHeight(chart, width: width)
        case .groupedBar(.horizontal):
            return min(560, Double(n) * (Double(chart.displayedSeries.count) * 11 + 12) + 40) + legendHeight(chart, width: width)
        case .stackedBar(.horizontal): return min(560, Double(n) * 24 + 40) + legendHeight(chart, width: width)
        case .sparkline: return 18
        case .smallMultiples(let columns):
            let rows = (chart.series.count + max(1, columns) - 1) / max(1, columns)
            return Double(rows) * 120
        default: return min(260, max(180, width * 0.45))
        }
    }

    public func build(_ chart: Chart, width: Double, height: Double? = nil) -> BuiltChart {
        var chart = chart
        // `palette` is a public var: an empty one falls back rather than trapping on [0].
        if chart.palette.isEmpty { chart.palette = Palette.analysisFunction }
        let h = max(0, height ?? naturalHeight(chart, width: width))
        let size = Size(max(0, width), h)
        switch chart.kind {
        case .bar(let o): return bars(chart, size: size, orientation: o, mode: .single)
        case .groupedBar(let o): return bars(chart, size: size, orientation: o, mode: .grouped)
        case .stackedBar(let o): return bars(chart, size: size, orientation: o, mode: .stacked)
        case .line: return lines(chart, size: size)
        case .smallMultiples(let c): return smallMultiples(chart, size: size, columns: max(1, c))
        case .sparkline: return sparkline(chart.series.first?.values ?? [], color: chart.palette[0], size: size)
        }
    }

    // MARK: text

    func style(_ size: Double, weight: FontWeight = .regular, color: Color = Palette.secondaryText,
               align: TextAlignment = .left, ellipsize: Bool = false) -> (String) -> StyledText {
        let font = FontSpec(family: fonts.family, size: size, weight: weight)
        return {
            var s = StyledText($0, font: font, color: color, alignment: align, lineHeight: 1.2, ellipsize: ellipsize)
            s.hyphenate = false
            return s
        }
    }

    func measure(_ text: StyledText) -> Double { shaper.shape(text, width: nil).width }

    /// A label anchored at `p`: `hAlign` picks which x of the text sits on p.x, `vCenter` centres
    /// the first line on p.y (else p.y is the top).
    func label(_ text: StyledText, at p: Point, hAlign: TextAlignment = .left, vCenter: Bool = false,
               width: Double? = nil, maxLines: Int = 1) -> ChartLabel {
        var shaped = shaper.shape(text, width: width)
        if shaped.lines.count > maxLines, let w = width {
            // Keep the first lines and cut the rest into an ellipsis on the last kept line.
            var t = text; t.ellipsize = true
            var kept = Array(shaped.lines.prefix(maxLines - 1))
            let restText = shaped.lines[(maxLines - 1)...].map(\.text).joined(separator: " ")
            var last = shaper.shape(StyledText(restText, font: t.font, color: t.color, alignment: t.alignment,
                                               lineHeight: t.lineHeight, ellipsize: true), width: w).lines.first
                ?? shaped.lines[maxLines - 1]
            last.top = kept.last.map { $0.top + $0.height } ?? 0
            kept.append(last)
            shaped = ShapedText(lines: kept)
            let joined = kept.map(\.text).joined(separator: "\n")
            let lines = shaper.shape(StyledText(joined, font: t.font, color: t.color, alignment: t.alignment,
                                                lineHeight: t.lineHeight), width: w)
            shaped = lines.lines.count == kept.count ? lines : shaped
            let box = TextBox(text: StyledText(joined, font: t.font, color: t.color, alignment: t.alignment,
                                               lineHeight: t.lineHeight), width: w, lines: 0..<shaped.lines.count,
                              shaped: shaped)
            return place(box, at: p, hAlign: hAlign, vCenter: vCenter)
        }
        let box = TextBox(text: text, width: width, lines: 0..<shaped.lines.count, shaped: shaped)
        return place(box, at: p, hAlign: hAlign, vCenter: vCenter)
    }

    func place(_ box: TextBox, at p: Point, hAlign: TextAlignment, vCenter: Bool) -> ChartLabel {
        let w = box.width ?? box.shaped.width
        var x = p.x
        if box.width == nil {
            switch hAlign {
            case .center: x -= w / 2
            case .right: x -= w
            default: break
            }
        } else {
            switch hAlign {
            case .center: x -= w / 2
            case .right: x -= w
            default: break
            }
        }
        let y = vCenter ? p.y - (box.shaped.lines.first?.height ?? 0) / 2 : p.y
        return ChartLabel(origin: Point(x, y), box: box)
    }

    // MARK: legend

    func legendHeight(_ chart: Chart, width: Double) -> Double {
        let s = chart.displayedSeries
        guard s.count > 1 else { return 0 }
        if case .line = chart.kind { return 0 }
        if case .smallMultiples = chart.kind { return 0 }
        return Double(legendRows(s.map(\.name), width: width).count) * 15 + 4
    }

    func legendRows(_ names: [String], width: Double) -> [[(Int, Double)]] {
        let st = style(fonts.label, color: Palette.text)
        var rows: [[(Int, Double)]] = [[]]
        var x = 0.0
        for (i, n) in names.enumerated() {
            let w = 12 + min(measure(st(n)), width - 12) + 14
            if x + w > width, !(rows.last?.isEmpty ?? true) { rows.append([]); x = 0 }
            rows[rows.count - 1].append((i, w))
            x += w
        }
        return rows
    }

    func legend(_ series: [ChartSeries], palette: [Color], width: Double, top: Double) -> ([ChartMark], Double) {
        let st = style(fonts.label, color: Palette.text)
        var marks: [ChartMark] = []
        var y = top
        for row in legendRows(series.map(\.name), width: width) {
            var x = 0.0
            for (i, w) in row {
                let c = palette[i % palette.count]
                marks.append(.swatch(Rect(x, y + 2.5, 9, 9), c))
                marks.append(.label(label(st(series[i].name), at: Point(x + 12, y), width: w - 26)))
                x += w
            }
            y += 15
        }
        return (marks, y - top + (series.isEmpty ? 0 : 4))
    }

    // MARK: bars

    enum BarMode { case single, grouped, stacked }

    /// Where a bar chart's two axes lie on the page. Bars are placed in terms of the band axis
    /// (categories: left to right in a vertical chart, downwards in a horizontal one) and the
    /// value axis (upwards, or to the right); these turn such positions into page points, so
    /// that stacking, suppression and labels are worked out once for both orientations.
    struct BarAxes {
        var vertical: Bool

        func point(band: Double, value: Double) -> Point { vertical ? Point(band, value) : Point(value, band) }

        /// The bar from band position `band`, `breadth` wide, between value positions `a` and `b`.
        func bar(band: Double, breadth: Double, from a: Double, to b: Double) -> Rect {
            vertical ? Rect(band, min(a, b), breadth, abs(a - b)) : Rect(min(a, b), band, abs(b - a), breadth)
        }

        /// A bar's extent along the value axis and across it.
        func length(_ r: Rect) -> Double { vertical ? r.height : r.width }
        func breadth(_ r: Rect) -> Double { vertical ? r.width : r.height }
        func valueMid(_ r: Rect) -> Double { vertical ? r.minY + r.height / 2 : r.minX + r.width / 2 }
    }

    func bars(_ chart: Chart, size: Size, orientation: Orientation, mode: BarMode) -> BuiltChart {
        var series = chart.displayedSeries
        if mode == .single { series = Array(series.prefix(1)) }
        let cats = chart.categories
        let n = max(1, cats.count)
        let palette = chart.palette
        let vertical = orientation == .vertical
        let axes = BarAxes(vertical: vertical)
        func value(_ s: Int, _ c: Int) -> Double {
            c < series[s].values.count && series[s].values[c].isFinite ? series[s].values[c] : 0
        }
        func total(_ c: Int) -> Double { series.indices.reduce(0) { $0 + value($1, c) } }
        var lo = 0.0, hi = 0.0
        for c in 0..<cats.count {
            if mode == .stacked {
                var pos = 0.0, neg = 0.0
                for s in series.indices { let v = value(s, c); if v >= 0 { pos += v } else { neg += v } }
                hi = max(hi, pos); lo = min(lo, neg)
            } else {
                for s in series.indices { hi = max(hi, value(s, c)); lo = min(lo, value(s, c)) }
            }
        }
        // Counts of one or two would otherwise fill the plot with slabs: give them room.
        if chart.integers, hi > 0, hi < 4 { hi = 4 }
        let domain = Ticks.nice(lo, hi, count: vertical ? 5 : 4, includeZero: true, integers: chart.integers)
        let tickValues = Ticks.ticks(domain.lowerBound, domain.upperBound, count: vertical ? 5 : 4,
                                     integers: chart.integers)
        let step = tickValues.count > 1 ? tickValues[1] - tickValues[0] : 1
        let decimals = NumberFormat.decimals(forStep: step)
        func formatted(_ v: Double) -> String { NumberFormat.format(v, decimals: chart.integers ? 0 : decimals) }
        let tickStyle = style(fonts.tick, align: .right)
        let catStyle = style(fonts.label, color: Palette.text, align: vertical ? .center : .right)
        let valueStyle = style(fonts.value, weight: .semibold, color: Palette.text)

        var marks: [ChartMark] = []
        var top = 0.0
        if series.count > 1 {
            let (lm, lh) = legend(series, palette: palette, width: size.width, top: 0)
            marks += lm; top += lh
        }
        if let unit = chart.valueLabel, vertical {
            marks.append(.label(label(style(fonts.tick)(unit), at: Point(0, top))))
            top += 14
        }
        var ticks: [AxisTick] = []
        let tickLabels = tickValues.map { NumberFormat.format($0, decimals: decimals) }

        // The plot, the value scale and the bands, with the value axis's ticks and gridlines.
        let plot: Rect, scale: LinearScale, band: Double, bandStart: Double
        let groupBreadth: Double
        // Grouped bars are drawn a little apart.
        let inset: Double
        var categoryPlanTexts: [String?] = []
        let catW: Double
        if vertical {
            let tickWidth = tickLabels.map { measure(tickStyle($0)) }.max() ?? 0
            let left = tickWidth + 6
            let plotW = size.width - left
            band = plotW / Double(n)
            // Category labels: every one (up to a year of months), shortened or wrapped within
            // the band, two lines at most.
            let plan = categoryPlan(cats, room: band - 2, thin: false, style: catStyle)
            categoryPlanTexts = plan.texts
            let lineH = fonts.label * 1.2
            let catH = Double(min(2, plan.lines)) * lineH + 6
            // Room above the bars for their value labels.
            let valueRoom = fonts.value * 1.2 + 4
            plot = Rect(left, top + valueRoom, plotW, max(20, size.height - top - valueRoom - catH))
            scale = LinearScale(domain: domain, range: plot.minY...plot.maxY, reversed: true)
            bandStart = plot.minX
            groupBreadth = min(band * (mode == .grouped ? 0.8 : 0.62), mode == .grouped ? Double(series.count) * 30 : 56)
            inset = mode == .grouped ? 0.75 : 0
            catW = 0
        } else {
            // Categories down the left, values along the bottom, each bar's value to its right.
            catW = min(size.width * 0.34, (cats.map { measure(catStyle($0)) }.max() ?? 0) + 2)
            let valueTexts = cats.indices.map { c -> String in
                formatted(mode == .stacked ? total(c) : series.indices.map { value($0, c) }.max() ?? 0)
            }
            let valueW = (valueTexts.map { measure(valueStyle($0)) }.max() ?? 0) + 6
            let axisH = fonts.tick * 1.2 + 6
            let unitH = chart.valueLabel == nil ? 0.0 : fonts.tick * 1.2 + 4
            plot = Rect(catW + 8, top, max(20, size.width - catW - 8 - valueW), max(20, size.height - top - axisH - unitH))
            scale = LinearScale(domain: domain, range: plot.minX...plot.maxX)
            band = plot.height / Double(n)
            bandStart = plot.minY
            groupBreadth = min(band * (mode == .grouped ? 0.84 : 0.66), mode == .grouped ? Double(series.count) * 12 : 18)
            inset = mode == .grouped ? 0.5 : 0
        }
        let bandEnd = vertical ? plot.maxX : plot.maxY
        for (i, t) in tickValues.enumerated() {
            let p = scale(t)
            ticks.append(AxisTick(value: t, label: tickLabels[i], position: p))
            if t != 0 { marks.append(.gridline(axes.point(band: bandStart, value: p), axes.point(band: bandEnd, value: p))) }
            marks.append(.label(vertical
                ? label(tickStyle(tickLabels[i]), at: Point(plot.minX - 5, p), hAlign: .right, vCenter: true)
                : label(style(fonts.tick)(tickLabels[i]), at: Point(p, plot.maxY + 4), hAlign: .center)))
        }
        if let unit = chart.valueLabel, !vertical {
            marks.append(.label(label(style(fonts.tick)(unit), at: Point(plot.maxX, plot.maxY + fonts.tick * 1.2 + 6), hAlign: .right)))
        }
        let subBreadth = mode == .grouped ? groupBreadth / Double(max(1, series.count)) : groupBreadth

        // A vertical chart shows its value labels only when every one fits its bar's band, so
        // they are kept aside until all are placed; a horizontal one has room to the right.
        var valueLabels: [ChartMark] = []
        var allFit = true
        for c in 0..<cats.count {
            let center = bandStart + band * (Double(c) + 0.5)
            var posBase = 0.0, negBase = 0.0
            var segments = 0, insideLabels = 0
            for s in series.indices {
                let v = value(s, c)
                let color = mode == .single ? palette[0] : palette[s % palette.count]
                var from = 0.0, to = v
                if mode == .stacked {
                    if v >= 0 { from = posBase; to = posBase + v; posBase = to } else { from = negBase; to = negBase + v; negBase = to }
                }
                var start = center - groupBreadth / 2
                if mode == .grouped { start += Double(s) * subBreadth }
                let r = axes.bar(band: start + inset, breadth: subBreadth - 2 * inset, from: scale(from), to: scale(to))
                let hidden = series[s].suppressed.contains(c)
                marks.append(hidden ? .suppressedBar(r, color, series: s, category: c) : .bar(r, color, series: s, category: c, value: v))
                let text = hidden ? (series[s].suppressedLabels[c] ?? chart.suppressedLabel) : formatted(v)
                if mode == .stacked {
                    // Segment labels inside when they fit, in a colour legible on the fill.
                    let w = measure(valueStyle(text))
                    if v != 0 { segments += 1 }
                    if v != 0, w <= r.width - 4, r.height >= fonts.value * (vertical ? 1.3 : 1.2) {
                        insideLabels += 1
                        let ink = color.luminance < 0.4 ? Color.white : Palette.text
                        marks.append(.label(label(style(fonts.value, weight: .semibold, color: ink)(text),
                                                  at: axes.point(band: center, value: axes.valueMid(r)), hAlign: .center, vCenter: true)))
                    }
                } else if vertical {
                    let w = measure(valueStyle(text))
                    if w > subBreadth + (mode == .grouped ? 2 : band * 0.3) { allFit = false }
                    let ly = v >= 0 ? r.minY - fonts.value * 1.2 - 2 : r.maxY + 2
                    valueLabels.append(.label(label(valueStyle(text), at: Point(r.minX + r.width / 2, ly), hAlign: .center)))
                } else if subBreadth >= fonts.value {
                    marks.append(.label(label(valueStyle(text), at: Point(r.maxX + 3, r.minY + r.height / 2), vCenter: true)))
                }
            }
            // A total over a withheld segment would give the segment away: none is shown.
            // A single segment already labelled inside needs no total above it.
            if mode == .stacked, series.count > 1, !series.contains(where: { $0.suppressed.contains(c) }),
               !(segments == 1 && insideLabels == 1) {
                let text = formatted(total(c))
                if vertical {
                    valueLabels.append(.label(label(valueStyle(text), at: Point(center, scale(posBase) - fonts.value * 1.2 - 2), hAlign: .center)))
                } else {
                    marks.append(.label(label(valueStyle(text), at: Point(scale(posBase) + 3, center), vCenter: true)))
                }
            }
            if vertical {
                if let text = categoryPlanTexts[c] {
                    marks.append(.label(label(catStyle(text), at: Point(center, plot.maxY + 5), hAlign: .center, width: band - 4, maxLines: 2)))
                }
            } else {
                marks.append(.label(label(catStyle(cats[c]), at: Point(catW, center), hAlign: .right, vCenter: true,
                                          width: catW, maxLines: 1)))
            }
        }
        if allFit { marks += valueLabels }
        marks.append(.axis(axes.point(band: bandStart, value: scale(0)), axes.point(band: bandEnd, value: scale(0))))
        return BuiltChart(size: size, plot: plot, domain: domain, ticks: ticks, series: series,
                          legend: series.count > 1 ? series.map(\.name) : [], directLabels: allFit, marks: marks)
    }

    // MARK: lines

    func lines(_ chart: Chart, size: Size) -> BuiltChart {
        let series = chart.displayedSeries
        let cats = chart.categories
        let palette = chart.palette
        let all = series.flatMap { $0.values.filter(\.isFinite) }
        var upper = all.max() ?? 1
        if chart.integers, upper > 0, upper < 4 { upper = 4 }
        let domain = Ticks.nice(all.min() ?? 0, upper, count: 5, includeZero: true, integers: chart.integers)
        let tickValues = Ticks.ticks(domain.lowerBound, domain.upperBound, count: 5, integers: chart.integers)
        let step = tickValues.count > 1 ? tickValues[1] - tickValues[0] : 1
        let decimals = NumberFormat.decimals(forStep: step)
        let tickStyle = style(fonts.tick, align: .right)
        let nameStyle = { (i: Int) in self.style(self.fonts.label, weight: .semibold, color: palette[i % palette.count]) }
        var marks: [ChartMark] = []
        var top = 0.0
        // Direct labels at the line ends when the names fit in a right margin; a legend otherwise.
        let nameW = series.indices.map { measure(nameStyle($0)(series[$0].name)) }.max() ?? 0
        let direct = series.count > 1 && nameW + 10 <= size.width * 0.28
        if series.count > 1, !direct {
            let (lm, lh) = legend(series, palette: palette, width: size.width, top: 0)
            marks += lm; top += lh
        }
        if let unit = chart.valueLabel {
            marks.append(.label(label(style(fonts.tick)(unit), at: Point(0, top))))
            top += 14
        }
        let tickLabels = tickValues.map { NumberFormat.format($0, decimals: decimals) }
        let tickWidth = tickLabels.map { measure(tickStyle($0)) }.max() ?? 0
        let left = tickWidth + 6
        let right = direct ? nameW + 10 : 8
        let n = cats.count
        let inset = 8.0
        let plotW = max(20, size.width - left - right)
        let catStyle = style(fonts.label, color: Palette.text, align: .center)
        let room = n <= 1 ? plotW : (plotW - 2 * inset) / Double(n - 1)
        let plan = categoryPlan(cats, room: room, style: catStyle)
        let catH = Double(plan.lines) * fonts.label * 1.2 + 8
        let plot = Rect(left, top + 6, plotW, max(20, size.height - top - 6 - catH))
        let y = LinearScale(domain: domain, range: plot.minY...plot.maxY, reversed: true)
        var ticks: [AxisTick] = []
        for (i, t) in tickValues.enumerated() {
            let py = y(t)
            ticks.append(AxisTick(value: t, label: tickLabels[i], position: py))
            if t != 0 { marks.append(.gridline(Point(plot.minX, py), Point(plot.maxX, py))) }
            marks.append(.label(label(tickStyle(tickLabels[i]), at: Point(left - 5, py), hAlign: .right, vCenter: true)))
        }
        marks.append(.axis(Point(plot.minX, y(domain.lowerBound)), Point(plot.maxX, y(domain.lowerBound))))
        func px(_ i: Int) -> Double {
            n <= 1 ? plot.minX + plot.width / 2 : plot.minX + inset + (plot.width - 2 * inset) * Double(i) / Double(n - 1)
        }
        marks += categoryMarks(plan, x: px, top: plot.maxY + 5, room: room, maxX: size.width, style: catStyle)
        var ends: [(Int, Double)] = []
        for (s, ser) in series.enumerated() {
            let c = palette[s % palette.count]
            let pts = (0..<min(n, ser.values.count)).filter { ser.values[$0].isFinite }.map { Point(px($0), y(ser.values[$0])) }
            marks.append(.line(pts, c, series: s))
            for p in pts { marks.append(.marker(p, c)) }
            if let last = pts.last { ends.append((s, last.y)) }
        }
        if direct {
            // Stack end labels so they never overlap.
            let lh = fonts.label * 1.25
            var placed: [(Int, Double)] = []
            for (s, yEnd) in ends.sorted(by: { $0.1 < $1.1 }) {
                var yy = yEnd
                if let prev = placed.last, yy < prev.1 + lh { yy = prev.1 + lh }
                placed.append((s, yy))
            }
            if let last = placed.last, last.1 > plot.maxY {
                let shift = last.1 - plot.maxY
                placed = placed.map { ($0.0, $0.1 - shift) }
            }
            for (s, yy) in placed {
                marks.append(.label(label(nameStyle(s)(series[s].name), at: Point(plot.maxX + 6, yy), vCenter: true)))
            }
        }
        return BuiltChart(size: size, plot: plot, domain: domain, ticks: ticks, series: series,
                          legend: direct || series.count < 2 ? [] : series.map(\.name), directLabels: direct, marks: marks)
    }

    func smallMultiples(_ chart: Chart, size: Size, columns: Int) -> BuiltChart {
        // Every panel shares one value scale so the panels compare honestly.
        let all = chart.series.flatMap { $0.values.filter(\.isFinite) }
        let domain = Ticks.nice(all.min() ?? 0, all.max() ?? 1, count: 3, includeZero: true, integers: chart.integers)
        let rows = (chart.series.count + columns - 1) / columns
        let gap = 14.0
        let panelW = (size.width - gap * Double(columns - 1)) / Double(columns)
        let panelH = rows == 0 ? size.height : (size.height - gap * Double(rows - 1)) / Double(rows)
        var marks: [ChartMark] = []
        var ticks: [AxisTick] = []
        let titleStyle = style(fonts.label + 0.5, weight: .semibold, color: Palette.text)
        for (i, s) in chart.series.enumerated() {
            let col = i % columns, row = i / columns
            let ox = Double(col) * (panelW + gap), oy = Double(row) * (panelH + gap)
            marks.append(.label(label(titleStyle(s.name), at: Point(ox, oy), width: panelW, maxLines: 1)))
            var sub = chart
            sub.kind = .line
            sub.series = [s]
            sub.valueLabel = nil
            sub.palette = [chart.palette[0]]
            let own = s.values.filter(\.isFinite)
            let panelDomain = chart.independentScales
                ? Ticks.nice(own.min() ?? 0, own.max() ?? 1, count: 3, includeZero: true, integers: chart.integers)
                : domain
            let built = panel(sub, size: Size(panelW, panelH - 16), domain: panelDomain)
            if i == 0 { ticks = built.ticks }
            for m in built.marks { marks.append(offset(m, by: Point(ox, oy + 16))) }
        }
        return BuiltChart(size: size, plot: Rect(0, 0, size.width, size.height), domain: domain, ticks: ticks,
                          series: chart.series, legend: [], directLabels: true, marks: marks)
    }

    /// One small-multiple panel: a line on the shared `domain`, every category named (up to a
    /// year of months; beyond that, thinned).
    func panel(_ chart: Chart, size: Size, domain: ClosedRange<Double>) -> BuiltChart {
        let c = chart
        let ser = c.series.first ?? ChartSeries("", [])
        let tickValues = Ticks.ticks(domain.lowerBound, domain.upperBound, count: 3, integers: chart.integers)
        let step = tickValues.count > 1 ? tickValues[1] - tickValues[0] : 1
        let decimals = NumberFormat.decimals(forStep: step)
        let tickStyle = style(fonts.tick, align: .right)
        let tickLabels = tickValues.map { NumberFormat.format($0, decimals: decimals) }
        let left = (tickLabels.map { measure(tickStyle($0)) }.max() ?? 0) + 6
        let n = c.categories.count
        let plotW = max(10, size.width - left - 6)
        let catStyle = style(fonts.tick, align: .center)
        let room = n <= 1 ? plotW : (plotW - 8) / Double(n - 1)
        let plan = categoryPlan(c.categories, room: room, style: catStyle)
        let catH = Double(plan.lines) * fonts.tick * 1.2 + 6
        let plot = Rect(left, 4, plotW, max(10, size.height - 4 - catH))
        let y = LinearScale(domain: domain, range: plot.minY...plot.maxY, reversed: true)
        var marks: [ChartMark] = []
        var ticks: [AxisTick] = []
        for (i, t) in tickValues.enumerated() {
            let py = y(t)
            ticks.append(AxisTick(value: t, label: tickLabels[i], position: py))
            if t != domain.lowerBound { marks.append(.gridline(Point(plot.minX, py), Point(plot.maxX, py))) }
            marks.append(.label(label(tickStyle(tickLabels[i]), at: Point(left - 4, py), hAlign: .right, vCenter: true)))
        }
        marks.append(.axis(Point(plot.minX, plot.maxY), Point(plot.maxX, plot.maxY)))
        func px(_ i: Int) -> Double { n <= 1 ? plot.minX + plot.width / 2 : plot.minX + 4 + (plot.width - 8) * Double(i) / Double(n - 1) }
        marks += categoryMarks(plan, x: px, top: plot.maxY + 3, room: room, maxX: size.width, style: catStyle)
        let color = c.palette[0]
        let pts = (0..<min(n, ser.values.count)).filter { ser.values[$0].isFinite }.map { Point(px($0), y(ser.values[$0])) }
        marks.append(.line(pts, color, series: 0))
        if let last = pts.last, let v = ser.values.prefix(n).last, v.isFinite {
            marks.append(.marker(last, color))
            marks.append(.label(label(style(fonts.value, weight: .semibold, color: Palette.text)(NumberFormat.format(v, decimals: chart.integers ? 0 : decimals)),
                                      at: Point(last.x - 4, last.y - fonts.value * 1.2 - 3), hAlign: .right)))
        }
        return BuiltChart(size: size, plot: plot, domain: domain, ticks: ticks, series: [ser], legend: [],
                          directLabels: true, marks: marks)
    }

    func offset(_ m: ChartMark, by d: Point) -> ChartMark {
        func r(_ x: Rect) -> Rect { Rect(x.minX + d.x, x.minY + d.y, x.width, x.height) }
        switch m {
        case .gridline(let a, let b): return .gridline(a + d, b + d)
        case .axis(let a, let b): return .axis(a + d, b + d)
        case .bar(let x, let c, let s, let k, let v): return .bar(r(x), c, series: s, category: k, value: v)
        case .suppressedBar(let x, let c, let s, let k): return .suppressedBar(r(x), c, series: s, category: k)
        case .line(let p, let c, let s): return .line(p.map { $0 + d }, c, series: s)
        case .marker(let p, let c): return .marker(p + d, c)
        case .swatch(let x, let c): return .swatch(r(x), c)
        case .label(var l): l.origin = l.origin + d; return .label(l)
        }
    }

    /// A word-sized trend line: no axes, the last point marked.
    public func sparkline(_ values: [Double], color: Color, size: Size) -> BuiltChart {
        let size = Size(max(0, size.width), max(0, size.height))
        let v = values.filter(\.isFinite)
        let lo = v.min() ?? 0, hi = v.max() ?? 1
        let domain = lo == hi ? (lo - 1)...(hi + 1) : lo...hi
        let plot = Rect(2, 3, max(1, size.width - 5), max(1, size.height - 6))
        let y = LinearScale(domain: domain, range: plot.minY...plot.maxY, reversed: true)
        let n = values.count
        var pts: [Point] = []
        for (i, val) in values.enumerated() where val.isFinite {
            pts.append(Point(n <= 1 ? plot.minX : plot.minX + plot.width * Double(i) / Double(n - 1), y(val)))
        }
        var marks: [ChartMark] = [.line(pts, color, series: 0)]
        if let last = pts.last { marks.append(.marker(last, color)) }
        return BuiltChart(size: size, plot: plot, domain: domain, ticks: [], series: [ChartSeries("", values)],
                          legend: [], directLabels: false, marks: marks)
    }
}
