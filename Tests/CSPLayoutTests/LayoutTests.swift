import Foundation
import CSPCharts
import CSPDisplay
@testable import CSPLayout
import Testing

let shaper = FixedMetricsShaper()
let date = DateTime(year: 2021, month: 12, day: 31)

func document(_ blocks: [Block], size: Size = Size(300, 300)) -> Document {
    Document(metadata: DocumentMetadata(title: "T", author: "A", date: date),
             template: PageTemplate(title: "Report", classification: "OFFICIAL", size: size,
                                    margins: Insets(top: 60, right: 30, bottom: 60, left: 30)),
             branding: Branding(), blocks: blocks)
}

func words(_ n: Int) -> String { (1...n).map { "word\($0)" }.joined(separator: " ") }

/// Pages as the text lines they hold, furniture excluded: for break rules.
func pageTexts(_ laid: LaidOutDocument) -> [[String]] {
    laid.pages.map { page in
        var out: [String] = []
        for (_, item) in page.items {
            guard case .group(let f) = item else { continue }
            let text = f.allText
            if text.contains(where: { $0.hasPrefix("Page ") }) { continue }
            out += text
        }
        return out
    }
}

@Suite struct LayoutTests {
    let engine = LayoutEngine(shaper: shaper)

    @Test func snapshotOfASmallDocument() {
        let doc = document([
            .heading(Heading(level: 1, "Summary & <scope>")),
            .paragraph(Paragraph([TextRun("Bold", bold: true), TextRun(" and "), TextRun("italic", italic: true),
                                  TextRun(" runs; " + words(20))])),
            .list(BulletList(strings: ["First point", "Second point that wraps onto a second line"])),
            .table(Table(columns: [.text, .number], headerRows: [["Area", "Cases"]],
                         rows: (1...12).map { [TableCell("Area \($0)"), TableCell("\($0 * 100)")] }, caption: "Table 1")),
            .heading(Heading(level: 2, "Next")),
            .paragraph(Paragraph(words(8))),
        ])
        let laid = engine.layout(doc)
        assertSnapshot(laid.dump(), named: "small-document")
        #expect(laid.warnings.isEmpty)
    }

    @Test func pageNOfMAndContentsNumbers() {
        let doc = document([
            .contents(title: "Contents"),
            .pageBreak,
            .heading(Heading(level: 1, "One")),
            .paragraph(Paragraph(words(10))),
            .pageBreak,
            .heading(Heading(level: 1, "Two")),
            .heading(Heading(level: 2, "Two point one")),
        ])
        let laid = engine.layout(doc)
        #expect(laid.pages.count == 3)
        #expect(laid.contents.map(\.page) == [2, 3, 3])
        #expect(laid.contents.map(\.title) == ["One", "Two", "Two point one"])
        let first = laid.pages[0].allText
        #expect(first.contains("Page 1 of 3"))
        #expect(first.contains("OFFICIAL"))
        // The contents shows the resolved page numbers.
        #expect(first.contains("2"))
        #expect(first.contains("3"))
    }

    @Test func longContentsRunOntoAnotherPage() {
        var blocks: [Block] = [.contents(title: "Contents"), .pageBreak]
        for i in 1...40 { blocks.append(.heading(Heading(level: 1, "Section \(i)"))) }
        let laid = engine.layout(document(blocks, size: Size(300, 400)))
        let pages = pageTexts(laid)
        #expect(pages[0].first == "Contents")
        // Once as a contents entry (on a later contents page), once as the heading itself.
        #expect(pages.filter { $0.contains("Section 40") }.count == 2)
        #expect(!pages[0].contains("Section 40"))
        #expect(laid.contents.count == 40)
        #expect(laid.warnings.isEmpty)
    }

    @Test func noHeadingAloneAtAPageFoot() {
        // Fill the page so that only the heading would fit at the bottom.
        let doc = document([
            .paragraph(Paragraph(words(60))),
            .heading(Heading(level: 2, "Stranded?")),
            .paragraph(Paragraph(words(30))),
        ])
        let pages = pageTexts(engine.layout(doc))
        for page in pages {
            if let last = page.last { #expect(last != "Stranded?") }
        }
        #expect(pages.contains { $0.first == "Stranded?" })
    }

    @Test func paragraphsNeverLeaveOneLineAlone() {
        for n in 40...90 {
            let doc = document([.paragraph(Paragraph(words(n)))])
            let laid = engine.layout(doc)
            let pages = pageTexts(laid)
            guard pages.count > 1 else { continue }
            for (i, p) in pages.enumerated() where !p.isEmpty {
                #expect(p.count >= 2 || pages.count == 1, "words \(n): page \(i + 1) holds \(p.count) line")
            }
        }
        // A short paragraph at a page foot never splits 2 + 1.
        for filler in 50...75 {
            let doc = document([.paragraph(Paragraph(words(filler))), .paragraph(Paragraph(words(17)))])
            let pages = pageTexts(engine.layout(doc))
            if pages.count > 1, let last = pages.last { #expect(last.count != 1, "filler \(filler)") }
        }
    }

    /// A one-line paragraph with no room left at a page foot moves to the next page: it was
    /// once drawn over the footer, with an empty page after it.
    @Test func aLineWithNoRoomMovesOnAndLeavesNoEmptyPage() {
        for filler in 40...80 {
            let doc = document([.paragraph(Paragraph(words(filler))), .paragraph(Paragraph("One line.")), .pageBreak,
                                .paragraph(Paragraph("Next section"))])
            let laid = engine.layout(doc)
            #expect(!pageTexts(laid).contains { $0.isEmpty }, "filler \(filler): an empty page")
            for page in laid.pages {
                for (p, item) in page.items {
                    guard case .group(let f) = item, !f.allText.contains(where: { $0.hasPrefix("Page ") }) else { continue }
                    #expect(p.y + f.size.height <= 240.001, "filler \(filler): text below the content area")
                }
            }
        }
    }

    /// A table's note stays under its last row, on that row's page, inside the content area.
    @Test func aTableNoteStaysWithTheLastRow() {
        for n in 8...40 {
            let rows = (1...n).map { [TableCell("Row \($0)"), TableCell("\($0)")] }
            let doc = document([.table(Table(columns: [.text, .number], headerRows: [["Name", "Value"]], rows: rows,
                                             note: "The table shows the first \(n) rows."))])
            let laid = engine.layout(doc)
            let pages = pageTexts(laid)
            let notePage = pages.firstIndex { $0.contains("The table shows the first \(n) rows.") }
            #expect(notePage != nil && notePage == pages.firstIndex { $0.contains("Row \(n)") }, "\(n) rows")
            for page in laid.pages {
                for (p, item) in page.items {
                    guard case .group(let f) = item, !f.allText.contains(where: { $0.hasPrefix("Page ") }) else { continue }
                    #expect(p.y + f.size.height <= 240.001, "\(n) rows: below the content area")
                }
            }
        }
    }

    @Test func tableHeadersRepeatAndRowsStayWhole() {
        let rows = (1...40).map { [TableCell("Row \($0)"), TableCell("\($0)")] }
        let doc = document([.table(Table(columns: [.text, .number], headerRows: [["Name", "Value"]], rows: rows))])
        let laid = engine.layout(doc)
        let pages = pageTexts(laid)
        #expect(pages.count > 2)
        for p in pages { #expect(p.first == "Name") }
        let all = pages.flatMap { $0 }.filter { $0.hasPrefix("Row ") }
        #expect(all.count == 40)
        // The header is tagged once; repeats are artifacts.
        let dump = laid.dump()
        #expect(dump.split(separator: "\n").filter { $0.hasSuffix("<TH>") }.count == 2)
    }

    /// A table of up to `keepWholeRows` rows never splits: at every filler length it lands
    /// whole on one page, caption, header and all (ReportLab's split tests, swept).
    @Test func shortTablesMoveWholeRatherThanSplit() {
        for n in 1...TableFlow.keepWholeRows {
            for filler in stride(from: 10, through: 200, by: 4) {
                let rows = (1...n).map { [TableCell("Row \($0)"), TableCell("\($0)")] }
                let doc = document([.paragraph(Paragraph(words(filler))),
                                    .table(Table(columns: [.text, .number], headerRows: [["Name", "Value"]], rows: rows, caption: "Short"))],
                                   size: Size(300, 460))
                let pages = pageTexts(engine.layout(doc))
                let holding = pages.indices.filter { pages[$0].contains { $0.hasPrefix("Row ") } }
                #expect(holding.count == 1, "\(n) rows after \(filler) words: rows on pages \(holding.map { $0 + 1 })")
                if let p = holding.first {
                    #expect(pages[p].filter { $0.hasPrefix("Row ") }.count == n)
                    #expect(pages[p].contains("Short"), "\(n) rows after \(filler) words: caption parted from rows")
                }
            }
        }
    }

    /// A longer table still splits, repeating its header, but never leaves fewer than
    /// `minRowsAtBreak` rows on either side of a break.
    @Test func longTablesSplitWithoutOrphanOrWidowRows() {
        for n in (TableFlow.keepWholeRows + 1)...30 {
            for filler in stride(from: 10, through: 90, by: 8) {
                let rows = (1...n).map { [TableCell("Row \($0)"), TableCell("\($0)")] }
                let doc = document([.paragraph(Paragraph(words(filler))),
                                    .table(Table(columns: [.text, .number], headerRows: [["Name", "Value"]], rows: rows))])
                let pages = pageTexts(engine.layout(doc)).filter { $0.contains { $0.hasPrefix("Row ") } }
                #expect(pages.flatMap { $0 }.filter { $0.hasPrefix("Row ") }.count == n)
                for (i, page) in pages.enumerated() {
                    let count = page.filter { $0.hasPrefix("Row ") }.count
                    #expect(count >= TableFlow.minRowsAtBreak || pages.count == 1,
                            "\(n) rows after \(filler) words: \(count) rows on its page \(i + 1) of \(pages.count)")
                    #expect(page.contains("Name"), "\(n) rows: no header on the table's page \(i + 1)")
                }
            }
        }
    }

    /// A row that heads the rows after it (a step above its measures) never ends a page: swept
    /// over filler lengths so the break meets every row.
    @Test func groupRowsGoOverWithTheirRows() {
        var rows: [[TableCell]] = []
        var groups: Set<Int> = []
        for g in 1...4 {
            groups.insert(rows.count)
            rows.append([TableCell("Group \(g)"), TableCell("")])
            // Five rows a group: a period that does not divide a page's rows, so breaks fall
            // after every kind of row as the filler grows.
            for r in 1...5 { rows.append([TableCell("Row \(g).\(r)"), TableCell("\(r)")]) }
        }
        var splitsSeen = 0
        for filler in stride(from: 10, through: 120, by: 3) {
            let doc = document([.paragraph(Paragraph(words(filler))),
                                .table(Table(columns: [.text, .number], headerRows: [["Name", "Value"]], rows: rows, groupRows: groups))])
            let pages = pageTexts(engine.layout(doc)).filter { $0.contains { $0.hasPrefix("Row ") || $0.hasPrefix("Group ") } }
            splitsSeen += pages.count - 1
            for page in pages.dropLast() {
                let last = page.last { $0.hasPrefix("Row ") || $0.hasPrefix("Group ") }
                #expect(last?.hasPrefix("Group ") == false, "after \(filler) words a page ends on \(last ?? "")")
            }
            #expect(pages.flatMap { $0 }.filter { $0.hasPrefix("Row ") }.count == 20)
        }
        #expect(splitsSeen > 0)
    }

    /// No heading (H1, H2, H3, or two in a row) ends a page: it lands on the page where what
    /// follows starts, a figure with its source note, a short table whole, or a paragraph's
    /// first lines. Swept over filler lengths so the heading meets the page foot every way.
    @Test func headingsStayWithWhatFollows() {
        let chart = Chart(.bar(.vertical), title: "Figure title", altText: "a", categories: ["a", "b"],
                          series: [ChartSeries("s", [1, 2])])
        let followers: [(String, Block, String)] = [
            ("figure", .figure(Figure(chart, source: "Source note", height: 60)), "Source note"),
            ("table", .table(Table(columns: [.text, .number], headerRows: [["Name", "Value"]],
                                   rows: (1...5).map { [TableCell("Row \($0)"), TableCell("\($0)")] }, caption: "Caption")), "Row 5"),
            ("paragraph", .paragraph(Paragraph("Following text " + words(30))), "Following text"),
        ]
        for (kind, follower, mark) in followers {
            for heads in [[1], [2], [3], [1, 2], [2, 3]] {
                for filler in stride(from: 10, through: 200, by: 3) {
                    let titles = heads.map { "Heading level \($0)" }
                    let doc = document([.paragraph(Paragraph(words(filler)))]
                                       + zip(heads, titles).map { .heading(Heading(level: $0, $1)) } + [follower],
                                       size: Size(300, 460))
                    let pages = pageTexts(engine.layout(doc))
                    let where_ = { (text: String) in pages.firstIndex { $0.contains { $0.hasPrefix(text) } } }
                    for t in titles {
                        #expect(where_(t) != nil && where_(t) == where_(mark),
                                "\(kind) after H\(heads) (\(filler) words): \(t) on page \(where_(t) ?? -1), \(mark) on \(where_(mark) ?? -1)")
                    }
                }
            }
        }
    }

    @Test func columnWidthsFromContent() {
        // Everything fits: natural widths plus a proportional share.
        let w = tableColumnWidths(minimum: [10, 10], natural: [50, 150], maxWidths: [nil, nil], available: 400)
        #expect(w == [100, 300])
        // Too wide: narrow columns keep their natural width, the wide one wraps.
        let v = tableColumnWidths(minimum: [20, 30, 40], natural: [30, 40, 1_000], maxWidths: [nil, nil, nil], available: 300)
        #expect(v[0] == 30 && v[1] == 40)
        #expect(abs(v.reduce(0, +) - 300) < 1e-9)
        // Text columns share the rest by content, within their bounds: the long one gets most.
        let t = tableColumnWidths(minimum: [67, 47, 97, 100, 77], natural: [67, 47, 97, 900, 250],
                                  maxWidths: [nil, nil, nil, 230, 120], available: 471)
        #expect(t.map { ($0 * 100).rounded() / 100 } == [67, 47, 97, 183, 77])
        // Impossible: minimums scaled down to fit.
        let u = tableColumnWidths(minimum: [200, 200], natural: [300, 300], maxWidths: [nil, nil], available: 200)
        #expect(u == [100, 100])
    }

    @Test func aFigureShrinksToFitAPage() {
        let chart = Chart(.bar(.vertical), title: "Tall", altText: "a", categories: ["a"], series: [ChartSeries("s", [1])])
        let doc = document([.figure(Figure(chart, height: 1_000)), .paragraph(Paragraph("after"))])
        let laid = engine.layout(doc)
        #expect(laid.warnings.isEmpty)
        #expect(laid.pages.count == 2)
        let many = Chart(.bar(.horizontal), title: "Many", altText: "a", categories: (1...60).map { "Category \($0)" },
                         series: [ChartSeries("s", (1...60).map(Double.init))])
        #expect(engine.layout(document([.figure(Figure(many))], size: .a4)).warnings.isEmpty)
    }

    @Test func aBlockTallerThanAPageIsCutWithAWarningNotALoop() {
        let row = [TableCell(String(repeating: "word ", count: 3_000))]
        let doc = document([.table(Table(columns: [.text], headerRows: [], rows: [row])), .paragraph(Paragraph("after"))])
        let laid = engine.layout(doc)
        #expect(laid.warnings.count == 1)
        #expect(laid.pages.count == 2)
    }

    @Test func textFromInputIsNeverMarkup() {
        let doc = document([.paragraph(Paragraph("Fish & Chips <b>not bold</b> > 5"))])
        let text = engine.layout(doc).pages[0].allText.joined(separator: " ")
        #expect(text.contains("Fish & Chips <b>not bold</b> > 5"))
    }

    @Test func degenerateTablesDoNotCrash() {
        let doc = document([
            .table(Table(columns: [], headerRows: [], rows: [])),
            .table(Table(columns: [.number], headerRows: [["A", "B", "C"]], rows: [["1"], ["1", "2", "3", "4"]])),
            .table(Table(columns: [.text], headerRows: [], rows: [[TableCell(String(repeating: "x", count: 5_000))]])),
            .kpis([]),
            .list(BulletList(strings: [])),
            .paragraph(Paragraph("")),
            .spacer(-5),
        ])
        let laid = engine.layout(doc)
        #expect(laid.pages.count >= 1 && laid.pages.count < 6)
    }

    @Test func trailingPageBreakLeavesNoEmptyPage() {
        let laid = engine.layout(document([.paragraph(Paragraph("one")), .pageBreak, .pageBreak]))
        #expect(laid.pages.count == 1)
    }

    @Test func emptyDocumentHasOnePage() {
        let laid = engine.layout(document([]))
        #expect(laid.pages.count == 1)
    }

    @Test func specimenLaysOut() {
        let doc = Specimen.document(branding: Branding(), classification: "OFFICIAL", date: date)
        let laid = engine.layout(doc)
        #expect(laid.pages.count > 5)
        #expect(laid.warnings.isEmpty)
        #expect(laid.contents.count >= 6)
        // Tags balance over the whole document.
        let dump = laid.dump()
        let opens = dump.split(separator: "\n").filter { $0.trimmingPrefix(" ").hasPrefix("<") && !$0.contains("</>") }.count
        let closes = dump.split(separator: "\n").filter { $0.hasSuffix("</>") }.count
        #expect(opens == closes)
    }

    /// Measuring on two threads (`LayoutEngine.helper`) lays out exactly as one thread does,
    /// and the helper really takes a share of the blocks.
    @Test func twoThreadsLayOutAsOne() {
        let doc = Specimen.document(branding: Branding(), classification: "OFFICIAL", date: date)
        let one = engine.layout(doc)
        let helper = CountingShaper()
        let two = LayoutEngine(shaper: FixedMetricsShaper(), helper: helper).layout(doc)
        #expect(two.dump(shapes: true) == one.dump(shapes: true))
        #expect(two.contents == one.contents)
        #expect(helper.calls > 0)
    }

    @Test func hyphenation() {
        let s = Hyphenation.insertSoftHyphens("antidisestablishmentarianism and Cambridge")
        #expect(s.contains("\u{00AD}"))
        #expect(s.replacingSoftHyphens == "antidisestablishmentarianism and Cambridge")
        #expect(Hyphenation.insertSoftHyphens("PSG-2021000 OFFICIAL-SENSITIVE") == "PSG-2021000 OFFICIAL-SENSITIVE")
    }
}

/// A fixed-metrics shaper that counts what it is asked, from whichever thread, and takes a
/// little time over it (as real shaping does), so that both threads get blocks to measure.
final class CountingShaper: TextShaper, @unchecked Sendable {
    private let base = FixedMetricsShaper()
    private let lock = NSLock()
    private var count = 0
    var calls: Int { lock.withLock { count } }
    func shape(_ text: StyledText, width: Double?) -> ShapedText {
        lock.withLock { count += 1 }
        usleep(200)
        return base.shape(text, width: width)
    }
}

extension String {
    var replacingSoftHyphens: String { String(filter { $0 != "\u{00AD}" }) }
}
extension Substring {
    func trimmingPrefix(_ s: String) -> Substring {
        var x = self
        while x.hasPrefix(s) { x = x.dropFirst(s.count) }
        return x
    }
}

/// A chart whose series are the areas takes each area's colour from the branding; any other
/// chart keeps the palette (issue 21, point 3).
@Suite struct BrandingPaletteTests {
    @Test func areasDrawInTheirOwnColours() throws {
        let north = try #require(Color(hex: "#1D4F91")), east = try #require(Color(hex: "#C8102E"))
        let b = Branding(areaColors: ["North": north, "East": east])
        #expect(b.palette(forSeries: ["North", "East"]) == [north, east])
        #expect(b.palette(forSeries: ["East", "North"]) == [east, north])
        #expect(b.palette(forSeries: ["North", "South"]) == Palette.analysisFunction, "South has no colour: the palette")
        #expect(b.palette(forSeries: ["Opened", "Closed"]) == Palette.analysisFunction)
        #expect(b.accent == Palette.analysisFunction[0], "no primary: the default")
    }
}
