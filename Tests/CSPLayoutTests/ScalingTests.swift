import CSPDisplay
import CSPLayout
import Testing

/// Issue 6: tables with thousands of rows must not go quadratic. Counted, not timed, so the
/// test does not depend on how busy the machine is.
@Suite struct ScalingTests {
    /// Counts every request that reaches the real shaper (the engine's cache sits in front).
    final class CountingShaper: TextShaper {
        var calls = 0
        let base = FixedMetricsShaper()
        func shape(_ text: StyledText, width: Double?) -> ShapedText {
            calls += 1
            return base.shape(text, width: width)
        }
    }

    func layOut(rows: Int) -> (calls: Int, pages: Int, items: Int) {
        let body = (1...rows).map { i in
            [TableCell("C-\(i)"), TableCell("A case title number \(i) long enough to wrap in its column"),
             TableCell("North"), TableCell("\(i * 7)")]
        }
        let table = Table(columns: [.text, .text, .text, .number], headerRows: [["Case", "Title", "Area", "Value"]],
                          rows: body, caption: "Cases")
        let counter = CountingShaper()
        let laid = LayoutEngine(shaper: counter).layout(document([.table(table), .paragraph(Paragraph("After the table."))],
                                                                 size: Size(595, 842)))
        let items = laid.pages.reduce(0) { $0 + $1.items.count }
        return (counter.calls, laid.pages.count, items)
    }

    @Test func aLongTableCostsInProportionToItsRows() {
        let small = layOut(rows: 500), large = layOut(rows: 4000)
        #expect(large.pages > 7 * small.pages / 2, "pages: \(small.pages) → \(large.pages)")
        // Eight times the rows: at most about eight times the shaping and the page content.
        #expect(Double(large.calls) <= 8.5 * Double(small.calls), "shaper calls: \(small.calls) → \(large.calls)")
        #expect(Double(large.items) <= 8.5 * Double(small.items), "page items: \(small.items) → \(large.items)")
    }
}
