import CSPCharts
import CSPDisplay
import CSPLayout
import Testing

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    mutating func value() -> Double {
        switch int(12) {
        case 0: return .nan
        case 1: return -Double(int(50))
        case 2: return 1e9
        default: return Double(int(200))
        }
    }
}

@Suite struct RandomLayoutTests {
    func text(_ r: inout SplitMix) -> String {
        let pieces = ["a", "word", "&", "<b>", "£12", "–", "é", "\n", "", "supercalifragilisticexpialidocious",
                      String(repeating: "x", count: 300), "🙂", "שלום", "a\u{0301}"]
        return (0..<r.int(30)).map { _ in pieces[r.int(pieces.count)] }.joined(separator: r.int(4) == 0 ? "" : " ")
    }

    func block(_ r: inout SplitMix) -> Block {
        switch r.int(10) {
        case 0: return .heading(Heading(level: r.int(5) - 1, text(&r)))
        case 1: return .list(BulletList(strings: (0..<r.int(6)).map { _ in text(&r) }, ordered: r.int(2) == 0))
        case 2:
            let cols = r.int(7)
            return .table(Table(columns: (0..<cols).map { _ in r.int(2) == 0 ? .text : .number },
                                headerRows: r.int(3) == 0 ? [] : [(0..<cols).map { _ in TableCell(text(&r)) }],
                                rows: (0..<r.int(60)).map { _ in (0..<r.int(cols + 2)).map { _ in
                                    TableCell(text(&r), status: r.int(4) == 0 ? .bad : nil) } },
                                caption: r.int(2) == 0 ? text(&r) : nil, totalRow: r.int(2) == 0))
        case 3:
            let kinds: [ChartKind] = [.bar(.vertical), .bar(.horizontal), .groupedBar(.vertical), .stackedBar(.horizontal),
                                      .line, .smallMultiples(columns: r.int(4)), .sparkline]
            let cats = (0..<r.int(12)).map { _ in text(&r) }
            let series = (0..<r.int(8)).map { _ in ChartSeries(text(&r), (0..<r.int(14)).map { _ in r.value() }) }
            return .figure(Figure(Chart(kinds[r.int(kinds.count)], title: text(&r), altText: text(&r), categories: cats,
                                        series: series), height: r.int(3) == 0 ? Double(r.int(900)) : nil))
        case 4: return .kpis((0..<r.int(7)).map { _ in KPITile(label: text(&r), value: text(&r), change: text(&r),
                                                              trend: (0..<r.int(9)).map { _ in r.value() }) })
        case 5: return .pageBreak
        case 6: return .spacer(Double(r.int(2_000)) - 500)
        case 7: return .contents(title: text(&r))
        case 8: return .cover(Cover(title: text(&r), subtitle: text(&r), lines: [text(&r)]))
        default: return .paragraph(Paragraph([TextRun(text(&r), bold: r.int(2) == 0), TextRun(text(&r), italic: true)],
                                             alignment: r.int(2) == 0 ? .justify : .left))
        }
    }

    /// Any mix of blocks lays out and ends: no crash, no endless pagination.
    @Test(arguments: 0..<40)
    func randomDocumentsTerminate(seed: Int) {
        var r = SplitMix(state: UInt64(seed) &* 7_919)
        let blocks = (0..<r.int(25)).map { _ in block(&r) }
        let size = [Size.a4, Size(300, 300), Size(200, 260)][r.int(3)]
        let doc = Document(metadata: DocumentMetadata(title: "T", author: "A", date: DateTime(year: 2021, month: 1, day: 1)),
                           template: PageTemplate(title: text(&r), classification: "OFFICIAL", size: size,
                                                  margins: Insets(top: 60, right: 30, bottom: 60, left: 30)),
                           branding: Branding(), blocks: blocks)
        let laid = LayoutEngine(shaper: FixedMetricsShaper()).layout(doc)
        #expect(laid.pages.count >= 1)
        #expect(laid.pages.count < 400)
    }
}
