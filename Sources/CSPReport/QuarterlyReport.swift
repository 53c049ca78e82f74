import CSPAggregate
import CSPCharts
import CSPCore
import CSPDisplay
import CSPLayout
import CSPModel

/// The quarterly PSG report: which sections, in what order, from the analysis of one quarter.
/// Pure: the same analysis, edition and date give the same document. Callers go through
/// `ReportCompiler.compile`, which assembles what this is given.
public struct QuarterlyReport: Sendable {
    public var analysis: QuarterAnalysis
    public var edition: Edition
    public var branding: Branding
    public var date: DateTime
    /// This quarter's validation warnings, for the appendix.
    public var warnings: [Diagnostic]
    /// Every input file read, for the appendix's sources and provenance.
    public var inputs: [InputFile]
    /// police.uk crime and ASB, when the partnership keeps it.
    public var crime: CrimeSection?

    let suppressor: Suppressor
    var blocks: [Block] = []

    /// The most rows any one listing shows. A quarter of county-wide data holds thousands of
    /// cases: a listing that long is not read, and it would make the report thousands of
    /// pages. Listings are ordered most important first; the note after the table says how
    /// many more there are and which file holds them all.
    public var listingLimit = 120

    /// The most measures a step's rows show in an area's Operation Carmel table.
    static let measuresPerStep = 12
    /// How far a measure is set in under its Operation Carmel step's row, in points.
    static let measureIndent = 8.0

    /// Made only by `ReportCompiler.compile`, so that every caller gets the same report.
    init(analysis: QuarterAnalysis, edition: Edition, branding: Branding, date: DateTime,
         warnings: [Diagnostic] = [], inputs: [InputFile] = [], crime: CrimeSection? = nil) {
        self.analysis = analysis
        self.edition = edition
        self.branding = branding
        self.date = date
        self.warnings = warnings
        self.inputs = inputs
        self.crime = crime
        self.suppressor = Suppressor(edition: edition, threshold: analysis.partnership.suppressionThreshold)
    }

    public static let reportTitle = "Problem-Solving Group quarterly report"

    var partnership: Partnership { analysis.partnership }
    var quarter: Quarter { analysis.quarter }
    var summary: QuarterSummary { analysis.summary }
    var isPublic: Bool { edition == .public }
    var classification: String {
        isPublic ? partnership.publicClassification : partnership.boardClassification
    }
    var areas: [String] { summary.areaOrder }

    /// The finished document.
    public func document() -> Document {
        var r = self
        r.blocks = []
        r.cover()
        r.blocks.append(.contents(title: "Contents"))
        r.blocks.append(.pageBreak)
        r.atAGlance()
        r.planProgress()
        r.chairsSummary()
        r.successes()
        r.blockersSection()
        r.casework()
        r.carmel()
        r.crimeSection()
        r.priorityOne()
        r.changesSection()
        r.appendix()
        let editionName = isPublic ? "public edition" : "board edition"
        let meta = DocumentMetadata(
            title: "\(partnership.shortName) \(QuarterlyReport.reportTitle), \(quarter.title) (\(editionName))",
            author: analysis.records.narrative?.preparedBy.isEmpty == false
                ? "\(analysis.records.narrative?.preparedBy ?? ""), \(partnership.name)" : partnership.name,
            subject: "Successes, blockers and Operation Carmel activity by area, \(quarter.monthRange)",
            keywords: ["community safety", "Problem-Solving Group", "Operation Carmel", "Think Communities",
                       partnership.shortName, quarter.description, editionName],
            creator: "cspreport", date: date)
        return Document(metadata: meta,
                        template: PageTemplate(title: "\(partnership.shortName) PSG report \(quarter.title)", classification: classification),
                        branding: branding, blocks: r.blocks)
    }

    // MARK: Helpers

    mutating func h1(_ text: String, id: String) { blocks.append(.heading(Heading(level: 1, text, id: id))) }
    mutating func h2(_ text: String, id: String? = nil) { blocks.append(.heading(Heading(level: 2, text, id: id))) }
    mutating func h3(_ text: String) { blocks.append(.heading(Heading(level: 3, text, inContents: false))) }
    mutating func para(_ text: String, style: ParagraphStyle = .body) { blocks.append(.paragraph(Paragraph(text, style: style))) }
    mutating func para(_ runs: [TextRun], style: ParagraphStyle = .body) { blocks.append(.paragraph(Paragraph(runs, style: style))) }
    mutating func note(_ text: String) { blocks.append(.paragraph(Paragraph(text, style: .note))) }

    func shown(_ n: Int) -> String { suppressor.count(n).text }

    /// A count in running text: exact, or "fewer than 5".
    func inWords(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        let s = suppressor.count(n)
        if case .below(let t) = s { return "fewer than \(t) \(plural ?? English.plural(singular))" }
        return Format.plural(n, singular, plural)
    }

    func date(_ d: CalendarDate?) -> String { d.map { "\($0.day) \(YearMonth.monthNames[$0.month - 1].prefix(3)) \($0.year)" } ?? "" }

    var hatchNote: String {
        "Hatched bars are not drawn to scale: “<\(partnership.suppressionThreshold)” is 1 to \(partnership.suppressionThreshold - 1), “[c]” is withheld."
    }

    var suppressionNote: String {
        "In this public edition, counts from 1 to \(partnership.suppressionThreshold - 1) are shown as “<\(partnership.suppressionThreshold)”, and “[c]” marks a figure withheld so that a total cannot reveal a small count (see “Small numbers in this edition” in the appendix)."
    }

    /// The public edition's disclosure policy, as the appendix states it: every page obeys it.
    var disclosurePolicy: String {
        let t = partnership.suppressionThreshold
        return "This edition never shows a count from 1 to \(t - 1). Such a count is written “<\(t)”, and a hatched bar drawn to the height of \(t) stands for it in charts. “[c]” marks a figure withheld, whatever its size, so that a “<\(t)” beside it cannot be worked out from a total, and a column may be withheld whole when its total is a headline figure. The rule holds on every page: no total, difference, chart or list lets a reader work a “<\(t)” or “[c]” back out. So a change on last quarter is not given when either count is small; a line chart leaves a gap where a value is withheld, and its note says so; cases, blockers and you said, we did are never listed here, and successes only when counting them by area or by step reveals nothing withheld. The board edition shows every figure exactly."
    }

    /// A table of counts with areas as rows, the given columns, and a total row; small counts
    /// suppressed column by column in the public edition. Every total the report breaks down
    /// is a headline figure shown elsewhere (a tile, a sentence), so a total is never withheld
    /// to protect its parts: the parts are (`Suppressor.parts(_:totalShown:)`).
    func countTable(rowLabels: [String], columns: [String], values: [[Int]], caption: String, firstHeader: String = "Area") -> Table {
        let nCols = columns.count
        var shownColumns: [[ShownCount]] = []
        var totals: [ShownCount] = []
        for c in 0..<nCols {
            let (parts, total) = suppressor.parts(values.map { $0[c] }, totalShown: true)
            shownColumns.append(parts)
            totals.append(total)
        }
        var rows: [[TableCell]] = []
        for (i, label) in rowLabels.enumerated() {
            rows.append([TableCell(label)] + (0..<nCols).map { TableCell(shownColumns[$0][i].text) })
        }
        rows.append([TableCell([TextRun("Total", bold: true)])] + totals.map { TableCell([TextRun($0.text, bold: true)]) })
        return Table(columns: [.text] + Array(repeating: .number, count: nCols),
                     headerRows: [[TableCell(firstHeader)] + columns.map { TableCell($0) }],
                     rows: rows, caption: caption, totalRow: true, rowHeaders: true)
    }

    /// Values for a chart: in the public edition a suppressed count is drawn as a marked bar
    /// at the threshold with no exact height.
    func chartSeries(_ name: String, _ values: [Int]) -> ChartSeries {
        var s = ChartSeries(name, values.map(Double.init))
        if suppressor.suppresses {
            let hidden = values.indices.filter { suppressor.count(values[$0]).isSuppressed }
            s.suppressed = Set(hidden)
            for i in hidden { s.values[i] = Double(partnership.suppressionThreshold) }
        }
        return s
    }

    /// A breakdown whose total is shown elsewhere (a tile, a total row): suppressed as parts
    /// of that total, so that the total cannot give a small count away.
    func partsSeries(_ name: String, _ values: [Int]) -> ChartSeries {
        var s = ChartSeries(name, values.map(Double.init))
        guard suppressor.suppresses else { return s }
        let (shownParts, _) = suppressor.parts(values, totalShown: true)
        for (i, p) in shownParts.enumerated() where p.isSuppressed {
            s.suppressed.insert(i)
            s.values[i] = Double(partnership.suppressionThreshold)
            if p == .withheld { s.suppressedLabels[i] = p.text }
        }
        return s
    }

    /// Whether `value`, one of `values`, is shown exactly when they are shown as parts of a total.
    func exactInParts(_ values: [Int], _ value: Int) -> Bool {
        guard let i = values.firstIndex(of: value) else { return false }
        return !suppressor.parts(values, totalShown: true).parts[i].isSuppressed
    }

    /// Texts of a breakdown whose total is shown elsewhere, for alt text.
    func describeParts(_ labels: [String], _ values: [Int]) -> String {
        zip(labels, suppressor.parts(values, totalShown: true).parts).map { "\($0) \($1.text)" }.joined(separator: ", ")
    }

    /// A list of values for alt text: "North 3, East <5".
    func describe(_ labels: [String], _ values: [Int]) -> String {
        zip(labels, values).map { "\($0) \(shown($1))" }.joined(separator: ", ")
    }

    func chart(_ kind: ChartKind, title: String, alt: String, categories: [String], series: [ChartSeries],
               valueLabel: String? = nil, keepAll: Bool = false, height: Double? = nil) -> Chart {
        var c = Chart(kind, title: title, altText: alt, categories: categories, series: series,
                      valueLabel: valueLabel, keepAllSeries: keepAll, palette: branding.palette(forSeries: series.map(\.name)), height: height)
        c.suppressedLabel = "<\(partnership.suppressionThreshold)"
        return c
    }

    /// The first `listingLimit` items.
    func capped<T>(_ items: [T]) -> [T] { Array(items.prefix(listingLimit)) }

    /// The note under a capped listing, when it was capped: in the table just made, so that it
    /// stays on the page of the table's last row.
    mutating func cappedNote(_ total: Int, _ what: String, file: String) {
        guard total > listingLimit else { return }
        let text = "The table shows the first \(Format.count(listingLimit)) of \(Format.count(total)) \(what), in the order given; \(file) holds them all."
        if case .table(var table)? = blocks.last {
            table.note = text
            blocks[blocks.count - 1] = .table(table)
        } else {
            note(text)
        }
    }

    /// Open cases counted by age band (the public edition's view of a list of open cases).
    mutating func openCasesByAge(_ open: [OpenCaseAge], caption: String) {
        let bands = AgeBand.allCases
        var byBand: [AgeBand: Int] = [:]
        for c in open { byBand[AgeBand.of(days: c.days), default: 0] += 1 }
        blocks.append(.table(countTable(rowLabels: bands.map(\.rawValue), columns: ["Open cases"],
                                        values: bands.map { [byBand[$0] ?? 0] }, caption: caption, firstHeader: "Age")))
    }

    /// `name`: what the chart shows, for the file names of `--charts` (Figure.name).
    mutating func figure(_ chart: Chart, source: String, name: String) {
        blocks.append(.figure(Figure(chart, source: source, name: name)))
    }
}
