import CSPCharts
import CSPDisplay
import Testing

@Suite struct ChartTests {
    let builder = ChartBuilder(shaper: FixedMetricsShaper())
    let areas = ["North", "East", "South", "West"]

    @Test func palette() {
        #expect(Palette.analysisFunction.map(\.hex) == ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"])
    }

    @Test func barsStartAtZero() {
        let chart = Chart(.bar(.vertical), title: "t", altText: "a", categories: areas,
                          series: [ChartSeries("s", [120, 130, 140, 150])])
        let built = builder.build(chart, width: 400, height: 200)
        #expect(built.domain.lowerBound == 0)
        #expect(built.ticks.first?.value == 0)
        #expect(built.bars.count == 4)
        // Bars share one baseline at value 0.
        let baseline = built.bars.map(\.maxY)
        #expect(Set(baseline.map { ($0 * 100).rounded() }).count == 1)
        // Heights are proportional to values.
        let h = built.bars.map(\.height)
        #expect(abs(h[3] / h[0] - 150.0 / 120.0) < 1e-9)
        #expect(built.ticks.map(\.label) == ["0", "50", "100", "150", "200"])
    }

    @Test func directLabelsWhenTheyFit() {
        let chart = Chart(.bar(.vertical), title: "t", altText: "a", categories: areas,
                          series: [ChartSeries("s", [1_234, 3, 4, 5])])
        let built = builder.build(chart, width: 400, height: 200)
        #expect(built.directLabels)
        #expect(built.labels.contains("1,234"))
        // Far too narrow: labels give way to the axis.
        let narrow = builder.build(chart, width: 60, height: 200)
        #expect(!narrow.directLabels)
        #expect(!narrow.labels.contains("1,234"))
    }

    @Test func moreThanFourSeriesFoldIntoOther() {
        let series = (1...6).map { ChartSeries("S\($0)", [Double($0), 1]) }
        let chart = Chart(.groupedBar(.vertical), title: "t", altText: "a", categories: ["a", "b"], series: series)
        #expect(chart.displayedSeries.map(\.name) == ["S3", "S4", "S5", "S6", "Other"])
        #expect(chart.displayedSeries.last?.values == [3, 2])
        var insist = chart
        insist.keepAllSeries = true
        #expect(insist.displayedSeries.count == 6)
        let built = builder.build(chart, width: 400, height: 200)
        #expect(built.legend == ["S3", "S4", "S5", "S6", "Other"])
    }

    @Test func stackedTotals() {
        let chart = Chart(.stackedBar(.vertical), title: "t", altText: "a", categories: ["a", "b"],
                          series: [ChartSeries("x", [3, 4]), ChartSeries("y", [5, 6])])
        let built = builder.build(chart, width: 300, height: 200)
        #expect(built.domain == 0...10)
        #expect(built.labels.contains("8"))
        #expect(built.labels.contains("10"))
    }

    @Test func smallCountsGetRoomAndSingleSegmentsNoRepeatedTotal() {
        let chart = Chart(.stackedBar(.vertical), title: "t", altText: "a", categories: ["a", "b"],
                          series: [ChartSeries("x", [1, 0]), ChartSeries("y", [0, 0])])
        let built = builder.build(chart, width: 300, height: 200)
        #expect(built.domain == 0...4)
        #expect(built.ticks.map(\.label) == ["0", "1", "2", "3", "4"])
        // "1" inside the segment, no total "1" above it; the empty category shows its total 0.
        #expect(built.labels.filter { $0 == "1" }.count == 2)
    }

    @Test func horizontalBarsRunFromZero() {
        let chart = Chart(.bar(.horizontal), title: "t", altText: "a", categories: areas,
                          series: [ChartSeries("s", [9, 7, 4, 2])])
        let built = builder.build(chart, width: 400)
        let lefts = Set(built.bars.map { ($0.minX * 100).rounded() })
        #expect(lefts.count == 1)
        #expect(built.bars[0].width > built.bars[1].width)
    }

    @Test func linesUseDirectLabelsOrALegend() {
        let chart = Chart(.line, title: "t", altText: "a", categories: ["Q1", "Q2", "Q3"],
                          series: [ChartSeries("North", [1, 2, 3]), ChartSeries("East", [3, 2, 1])])
        let built = builder.build(chart, width: 400, height: 200)
        #expect(built.directLabels)
        #expect(built.legend.isEmpty)
        #expect(built.labels.contains("North"))
        let long = Chart(.line, title: "t", altText: "a", categories: ["Q1", "Q2"],
                         series: [ChartSeries("A very long series name indeed", [1, 2]), ChartSeries("B", [2, 1])])
        let b2 = builder.build(long, width: 200, height: 200)
        #expect(!b2.directLabels)
        #expect(b2.legend.count == 2)
    }

    @Test func smallMultiplesShareOneScale() {
        let chart = Chart(.smallMultiples(columns: 2), title: "t", altText: "a", categories: ["Q1", "Q2"],
                          series: [ChartSeries("A", [1, 2]), ChartSeries("B", [10, 14])])
        let built = builder.build(chart, width: 400, height: 200)
        #expect(built.domain == 0...15)
    }

    @Test func sparklineAndKPI() {
        let s = builder.sparkline([1, 3, 2], color: .black, size: Size(60, 16))
        #expect(s.marks.count == 2)
        let tile = KPITile(label: "Open cases", value: "23", change: "3 on last quarter", direction: .down, trend: [3, 2])
        #expect(tile.summary == "Open cases: 23, down 3 on last quarter")
        let f = tile.frame(size: Size(120, 90), shaper: FixedMetricsShaper(), accent: .black)
        #expect(f.allText.contains("23"))
    }

    /// The labels drawn under the plot, left to right: a dump of the built chart's axis.
    func categoryLabels(_ built: BuiltChart) -> [ChartLabel] {
        built.marks.compactMap { m -> ChartLabel? in
            if case .label(let l) = m, l.origin.y > built.plot.maxY { return l }
            return nil
        }.sorted { $0.origin.x < $1.origin.x }
    }

    /// Ink extents of a label, left and right.
    func extent(_ l: ChartLabel) -> (Double, Double) {
        let box = l.box.width ?? l.box.shaped.width
        let ink = l.box.shaped.lines.map(\.width).max() ?? box
        return (l.origin.x + (box - ink) / 2, l.origin.x + (box + ink) / 2)
    }

    /// Every month is named on a monthly line chart, however narrow: August between July and
    /// September, shortened when the full names would collide, never overlapping.
    @Test func monthlyLinesLabelEveryMonth() {
        let quarter = ["July 2024", "August 2024", "September 2024"]
        let chart = Chart(.line, title: "t", altText: "a", categories: quarter, series: [ChartSeries("s", [3, 5, 4])])
        let wide = builder.build(chart, width: 400, height: 200)
        #expect(categoryLabels(wide).map(\.text) == quarter)
        let narrow = categoryLabels(builder.build(chart, width: 120, height: 200))
        #expect(narrow.count == 3)
        #expect(narrow.map(\.text) != quarter, "full names cannot fit 120 pt: they are shortened")
        #expect(narrow.map { $0.text.prefix(1) } == ["J", "A", "S"])

        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"]
        let year = Chart(.line, title: "t", altText: "a", categories: names.map { "\($0) 2024" },
                         series: [ChartSeries("s", (1...12).map(Double.init))])
        for width in [180.0, 260, 400, 600] {
            let built = builder.build(year, width: width, height: 200)
            let labels = categoryLabels(built)
            #expect(labels.count == 12, "width \(width): \(labels.map(\.text))")
            for (a, b) in zip(labels, labels.dropFirst()) {
                #expect(extent(a).1 <= extent(b).0 + 0.001, "width \(width): \(a.text) overlaps \(b.text)")
            }
            #expect(labels.allSatisfy { extent($0).0 >= -0.001 && extent($0).1 <= width + 0.001 }, "width \(width): outside the chart")
        }
        // Beyond a year, a long axis is still thinned rather than crowded.
        let long = Chart(.line, title: "t", altText: "a", categories: (1...40).map { "Week \($0)" },
                         series: [ChartSeries("s", (1...40).map(Double.init))])
        #expect(categoryLabels(builder.build(long, width: 300, height: 200)).count < 40)
    }

    /// Small multiples name every month in every panel, not only the first and last.
    @Test func smallMultiplesLabelEveryMonth() {
        let chart = Chart(.smallMultiples(columns: 2), title: "t", altText: "a", categories: ["Oct", "Nov", "Dec"],
                          series: (1...4).map { ChartSeries("S\($0)", [1, 2, 3]) })
        let built = builder.build(chart, width: 460, height: 240)
        let texts = built.labels
        for month in ["Oct", "Nov", "Dec"] { #expect(texts.filter { $0 == month }.count == 4, "\(month): \(texts)") }
        // A year of months in a narrow panel: initials, all twelve.
        let year = Chart(.smallMultiples(columns: 3), title: "t", altText: "a",
                         categories: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
                         series: (1...3).map { ChartSeries("S\($0)", (1...12).map(Double.init)) })
        let small = builder.build(year, width: 300, height: 120)
        let abbreviations = year.categories
        let monthLabels = small.labels.filter { ["J", "F", "M", "A", "S", "O", "N", "D"].contains($0) || abbreviations.contains($0) }
        #expect(monthLabels.count == 36, "\(small.labels)")
    }

    /// Vertical bars keep every category, months shortened to fit a narrow band.
    @Test func monthlyBarsLabelEveryMonth() {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"].map { "\($0) 2024" }
        let chart = Chart(.bar(.vertical), title: "t", altText: "a", categories: names, series: [ChartSeries("s", (1...12).map(Double.init))])
        let labels = categoryLabels(builder.build(chart, width: 360, height: 200))
        #expect(labels.count == 12)
        #expect(!labels.contains { $0.text.contains("…") }, "\(labels.map(\.text))")
    }

    @Test func emptyAndMalformedDataDoNotCrash() {
        for kind: ChartKind in [.bar(.vertical), .bar(.horizontal), .groupedBar(.vertical), .stackedBar(.horizontal),
                                 .line, .smallMultiples(columns: 0), .sparkline] {
            let c = Chart(kind, title: "t", altText: "a", categories: [], series: [])
            _ = builder.build(c, width: 300, height: 150).frame()
            let d = Chart(kind, title: "t", altText: "a", categories: ["a", "b", "c"],
                          series: [ChartSeries("x", [.nan, .infinity])])
            _ = builder.build(d, width: 0, height: 0).frame()
        }
    }
}
