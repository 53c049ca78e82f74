import CSPCharts
import CSPDisplay
@testable import CSPHTML
import CSPLayout
import XCTest

final class HTMLWriterTests: XCTestCase {
    func document(_ blocks: [Block], classification: String = "OFFICIAL") -> Document {
        Document(metadata: DocumentMetadata(title: "Report & <test>", author: "CSP", date: DateTime(year: 2025, month: 1, day: 1)),
                 template: PageTemplate(title: "Quarterly report", classification: classification),
                 branding: Branding(), blocks: blocks)
    }

    func testTextIsEscapedAndHeadingsShiftUnderTheCoverTitle() {
        let doc = document([
            .cover(Cover(title: "Q3 <report>", subtitle: "A & B")),
            .contents(title: "Contents"),
            .heading(Heading(level: 1, "Cases", id: "cases")),
            .paragraph(Paragraph([TextRun("5 < 6 & "), TextRun("bold", bold: true), TextRun("\nnext", color: Palette.secondaryText)])),
            .heading(Heading(level: 2, "By area")),
        ])
        let html = HTMLWriter().html(doc)
        XCTAssertTrue(html.contains("<html lang=\"en-GB\">"))
        XCTAssertTrue(html.contains("<title>Report &amp; &lt;test&gt;</title>"))
        XCTAssertTrue(html.contains("<h1 class=\"cover-title\">Q3 &lt;report&gt;</h1>"))
        XCTAssertTrue(html.contains("<h2 id=\"cases\">Cases</h2>"))
        XCTAssertTrue(html.contains("<h3 id=\"section-2\">By area</h3>"))
        XCTAssertTrue(html.contains("<p>5 &lt; 6 &amp; <strong>bold</strong><span class=\"secondary\"><br>next</span></p>"))
        // The contents link every level-1 and level-2 heading, nested.
        XCTAssertTrue(html.contains("<li><a href=\"#cases\">Cases</a><ol>\n<li><a href=\"#section-2\">By area</a></li>\n</ol>\n</li>"), html)
        // The marking at the top and the bottom.
        XCTAssertEqual(html.components(separatedBy: "<p class=\"marking\"><strong>OFFICIAL</strong></p>").count - 1, 2)
        XCTAssertFalse(html.contains("<script"))
        XCTAssertEqual(HTMLWriter().html(doc), html, "the same document gives the same bytes")
    }

    /// Each table's scrolling box is a region landmark, and axe's landmark-unique rule wants
    /// their names apart: a caption used twice is told apart by the heading above it.
    func testTwoTablesWithOneCaptionGetDifferentNames() {
        let table = Table(columns: [.text, .number], headerRows: [["Area", "Cases"]], rows: [["North", "3"]], caption: "Outcomes and evidence")
        let html = HTMLWriter().html(document([
            .heading(Heading(level: 1, "Priority 1")), .table(table),
            .heading(Heading(level: 1, "Priority 2")), .table(table),
        ]))
        XCTAssertTrue(html.contains("role=\"region\" aria-labelledby=\"table-1-caption\""), html)
        XCTAssertTrue(html.contains("role=\"region\" aria-label=\"Outcomes and evidence (Priority 2)\""), html)
    }

    /// A document without a cover (the year's report may have none): its level-1 headings are
    /// the page's h1s, and a skipped level is raised as the PDF's layout raises it.
    func testWithoutACoverHeadingsKeepTheirLevels() {
        let html = HTMLWriter().html(document([.heading(Heading(level: 1, "The year")), .heading(Heading(level: 3, "Too deep"))]))
        XCTAssertTrue(html.contains("<h1 id=\"section-1\">The year</h1>"))
        XCTAssertTrue(html.contains("<h2 id=\"section-2\">Too deep</h2>"))
    }

    func testTableHeadersScopesAndSpokenRowHeaders() {
        var t = Table(columns: [.text, .number, .text],
                      headerRows: [["", "Cases", "Status"]],
                      rows: [[TableCell("Bike-marking", indent: 10, spokenText: "Engagement: Bike-marking"), "12",
                              TableCell("On track", status: .good)],
                             ["Total", "1,204", ""]],
                      caption: "Table 1: Cases", totalRow: true, rowHeaders: true)
        t.note = "A note."
        let html = HTMLWriter().html(document([.table(t)]))
        XCTAssertTrue(html.contains("<div class=\"table-wrap keep\" role=\"region\" aria-labelledby=\"table-1-caption\" tabindex=\"0\">"))
        XCTAssertTrue(html.contains("<caption id=\"table-1-caption\">Table 1: Cases</caption>"))
        XCTAssertTrue(html.contains("<tr><td></td><th scope=\"col\" class=\"num\">Cases</th><th scope=\"col\">Status</th></tr>"), html)
        XCTAssertTrue(html.contains("<th scope=\"row\" class=\"short\" style=\"padding-left:calc(0.5rem + 13.3px)\"><span class=\"visually-hidden\">Engagement: </span>Bike-marking</th>"), html)
        XCTAssertTrue(html.contains("<td class=\"short\"><span class=\"status status-good\">On track</span></td>"))
        XCTAssertTrue(html.contains("<tr class=\"total\"><th scope=\"row\" class=\"short\">Total</th><td class=\"short num\">1,204</td><td class=\"short\"></td></tr>"), html)
        XCTAssertTrue(html.contains("<p class=\"note table-note\">A note.</p>"))
        // Short columns only: the table takes its natural width, not the page's.
        XCTAssertTrue(html.contains("<table id=\"table-1\" class=\"compact\">"))
    }

    func testChartIsInlineSVGWithTextAltAndADataTableThatKeepsWithheldValuesWithheld() {
        var s = ChartSeries("Cases", [12, 5, 30])
        s.suppressed = [1]
        var chart = Chart(.bar(.vertical), title: "Cases rose in North", altText: "Bar chart: North 12, East <5, West 30.",
                          categories: ["North", "East", "West"], series: [s])
        chart.suppressedLabel = "<5"
        let html = HTMLWriter().html(document([.figure(Figure(chart, source: "Source: cases file"))]))
        XCTAssertTrue(html.contains("<figcaption id=\"figure-1-title\" class=\"chart-title\">Cases rose in North</figcaption>"))
        XCTAssertTrue(html.contains("role=\"img\" aria-labelledby=\"figure-1-wide-alt\"><title id=\"figure-1-wide-alt\">Bar chart: North 12, East &lt;5, West 30.</title>"))
        XCTAssertTrue(html.contains(">North</text>"), "category labels are text")
        XCTAssertTrue(html.contains(">&lt;5</text>"), "the withheld bar is labelled <5")
        XCTAssertTrue(html.contains("<tr><th scope=\"row\">East</th><td class=\"num\">&lt;5</td></tr>"), html)
        XCTAssertTrue(html.contains("<tr><th scope=\"row\">West</th><td class=\"num\">30</td></tr>"))
        XCTAssertFalse(html.contains("<td class=\"num\">5</td>"), "the threshold the withheld bar is drawn to is never a value")
        XCTAssertTrue(html.contains("<p class=\"source\">Source: cases file</p>"))
    }

    func testIDsAreSafeFragments() {
        XCTAssertEqual(Markup.id("cases"), "cases")
        XCTAssertEqual(Markup.id("a b/c"), "a-b-c")
        XCTAssertEqual(Markup.id("3rd"), "d-3rd")
        XCTAssertEqual(Markup.href(.destination("a b")), "#a-b")
    }

    func testArialWidths() {
        let shaper = ArialMetricsShaper()
        // "Hello" in Arial: H 722 + e 556 + l 222 + l 222 + o 556 = 2278 thousandths of an em.
        XCTAssertEqual(shaper.width(of: StyledText("Hello", font: FontSpec(size: 10))), 22.78, accuracy: 1e-9)
        let wrapped = shaper.shape(StyledText("one two three", font: FontSpec(size: 10)), width: 40)
        XCTAssertEqual(wrapped.lines.map(\.text), ["one two", "three"])
        let cut = shaper.shape(StyledText("a long category name", font: FontSpec(size: 10), ellipsize: true), width: 40)
        XCTAssertEqual(cut.lines.count, 1)
        XCTAssertTrue(cut.lines[0].text.hasSuffix("…"))
        XCTAssertLessThanOrEqual(cut.lines[0].width, 40)
    }

    func testContrastDarkensAPaleAccent() {
        let pale = Color(hex: "#28A197")!
        XCTAssertLessThan(Contrast.ratio(pale, .white), 4.5)
        XCTAssertGreaterThanOrEqual(Contrast.ratio(Contrast.readable(pale, on: .white), .white), 4.5)
    }
}
