import CSPAggregate
import CSPCharts
import CSPCore
import CSPDisplay
import CSPLayout
import CSPModel

/// The PSG's annual report: what the year's quarters achieved, area by area, from the year's
/// summary (`YearAggregator`, composed from the quarters' own summaries). It writes through the
/// quarterly report of the year's last quarter, whose helpers hold the edition's disclosure
/// rules (count tables, suppressed chart series, counts in words), so both reports obey one
/// policy. Pure; made only by `ReportCompiler.compileYear`.
struct AnnualReport {
    var year: YearSummary
    /// The year before, over the quarters of it that have folders; nil when none has.
    var previousYear: YearSummary?
    /// The year's quarters' records, oldest first.
    var records: [QuarterRecords]
    /// Think Communities projects as they stood at the end of the quarter before the year,
    /// when its folder exists.
    var projectsAtStart: [CommunityProject]?
    var crime: YearCrime?
    /// Writes the blocks, with the helpers and rules of the edition.
    var r: QuarterlyReport

    static let reportTitle = "Problem-Solving Group annual report"
    /// The most measures a step's rows show in an area's table: a year's table has a column a
    /// quarter, not a chart beside it, so more than a quarter's.
    static let measuresPerStep = 20

    var partnership: Partnership { r.partnership }
    var isPublic: Bool { r.isPublic }
    var areas: [String] { year.areaOrder }
    var quarters: [Quarter] { year.quarters.map(\.quarter) }
    var quarterLabels: [String] { quarters.map { "Q\($0.number)" } }
    /// "Q1 to Q3 2024-25 (Q4 has no folder)", or the year.
    var coverage: String {
        guard !year.missing.isEmpty else { return "the whole of \(year.year)" }
        return "\(TextMatch.list(quarters.map(\.title))) only: \(TextMatch.list(year.missing.map(\.title))) \(year.missing.count == 1 ? "has" : "have") no records yet"
    }

    func document() -> Document {
        var a = self
        a.r.blocks = []
        a.cover()
        a.r.blocks.append(.contents(title: "Contents"))
        a.r.blocks.append(.pageBreak)
        a.atAGlance()
        a.planThroughTheYear()
        a.quarterByQuarter()
        a.cases()
        a.blockers()
        a.successes()
        a.carmel()
        a.priorityOne()
        a.crimeSection()
        a.appendix()
        let editionName = isPublic ? "public edition" : "board edition"
        let meta = DocumentMetadata(
            title: "\(partnership.shortName) \(AnnualReport.reportTitle), \(year.year) (\(editionName))",
            author: partnership.name,
            subject: "Successes, blockers and Operation Carmel activity by area over \(year.year.monthRange)",
            keywords: ["community safety", "Problem-Solving Group", "Operation Carmel", "Think Communities",
                       "annual report", partnership.shortName, year.year.description, editionName],
            creator: "cspreport", date: r.date)
        return Document(metadata: meta,
                        template: PageTemplate(title: "\(partnership.shortName) PSG annual report \(year.year)", classification: r.classification),
                        branding: r.branding, blocks: a.r.blocks)
    }

    // MARK: Cover and at a glance

    mutating func cover() {
        var lines = ["Covers \(coverage)"]
        lines.append(isPublic ? "Public edition: small numbers suppressed, no case-level detail" : "Board edition")
        lines.append("Classification: \(r.classification)")
        r.blocks.append(.cover(Cover(title: AnnualReport.reportTitle,
                                     subtitle: "\(year.year): \(year.year.start.longDescription) to \(year.year.end.longDescription)",
                                     lines: lines)))
        r.blocks.append(.pageBreak)
    }

    /// Whether the year before can be set against this one: it covers the same quarters.
    var comparable: YearSummary? {
        guard let p = previousYear, p.quarters.map(\.quarter.number) == year.quarters.map(\.quarter.number) else { return nil }
        return p
    }

    mutating func atAGlance() {
        r.h1("The year at a glance", id: "at-a-glance")
        var intro = "The year’s headline figures for all areas together, over \(coverage)."
        if let p = previousYear {
            let theirs = p.quarters.map { "Q\($0.quarter.number)" }
            if comparable != nil {
                intro += " Each is set against the same quarters of \(p.year)."
            } else {
                intro += " The folders hold only \(TextMatch.list(theirs)) of \(p.year), so the year is not compared with it; the quarter-by-quarter section shows those quarters."
            }
        } else {
            intro += " There are no quarter folders for \(year.year.previous?.description ?? "the year before"), so no change is shown."
        }
        r.para(intro)
        let previous = comparable
        var tiles: [KPITile] = []
        for kind in YearHeadline.allCases {
            if kind == .ocgReferrals && !year.hasReferrals { continue }
            let now = kind.value(year.totals)
            var tile = KPITile(label: kind.label, value: r.shown(now), upIsGood: kind.higherIsBetter)
            if let before = previous.map({ kind.value($0.totals) }) {
                if let diff = r.suppressor.difference(from: before, to: now) {
                    tile.direction = diff > 0 ? .up : (diff < 0 ? .down : .flat)
                    tile.change = diff == 0 ? "no change on \(previous?.year.description ?? "")" : "\(Format.count(abs(diff))) on \(previous?.year.description ?? "")"
                } else {
                    tile.change = "change not shown (small numbers)"
                }
            }
            // The quarters' values add up to a flow's year figure: the line is drawn only when
            // each quarter can be shown exactly as a part of it.
            let series = year.quarters.map { kind.quarterValue($0.totals) }
            let exact = kind.isFlow ? r.suppressor.parts(series, totalShown: true).parts.allSatisfy { !$0.isSuppressed }
                                    : series.allSatisfy { !r.suppressor.count($0).isSuppressed }
            if series.count > 1, exact {
                tile.trend = series.map(Double.init)
                tile.trendWords = "Quarter by quarter: " + zip(quarterLabels, series).map { "\($0) \(Format.count($1))" }.joined(separator: ", ")
            }
            tiles.append(tile)
        }
        r.blocks.append(.kpis(tiles))
        let c = year.totals.cases
        var cases = "\(r.inWords(c.openAtStart, "case")) open at the start of the year, \(r.shown(c.opened)) opened and \(r.shown(c.closed)) closed, leaving \(r.shown(c.openAtEnd)) open at the end."
        let changed = year.changedBetweenQuarters(nil)
        if changed != 0, !isPublic {
            cases += " The quarters’ records differ by \(Format.signed(changed)) between one quarter’s end and the next one’s start (see PSG casework)."
        }
        let b = year.totals.blockers
        r.para([TextRun("Cases: ", bold: true), TextRun(cases + " "),
                TextRun("Blockers: ", bold: true),
                TextRun("\(r.shown(b.raised)) raised and \(r.shown(b.resolved)) resolved; \(r.shown(b.escalatedOpen)) of the \(r.shown(b.open)) still open at the year end are escalated to the board.")])
        if isPublic { r.note(r.suppressionNote) }
    }

    // MARK: Quarter by quarter

    /// Bars of one figure a quarter, suppressed as parts of the year's figure.
    mutating func quarterBars(_ title: String, _ series: [(String, [Int])], valueLabel: String, source: String, name: String) {
        let alt = "Bar chart by quarter. " + series.map { name, values in
            "\(name): " + r.describeParts(quarterLabels, values)
        }.joined(separator: "; ") + "."
        r.figure(r.chart(series.count > 1 ? .groupedBar(.vertical) : .bar(.vertical), title: title, alt: alt,
                         categories: quarters.map(\.title), series: series.map { r.partsSeries($0.0, $0.1) },
                         valueLabel: valueLabel, keepAll: true, height: 150),
                 source: source + (isPublic ? " \(r.hatchNote)" : ""), name: name)
    }

    mutating func quarterByQuarter() {
        // Its charts fill pages: begun below the tiles, its introduction was left alone there.
        r.blocks.append(.pageBreak)
        r.h1("Quarter by quarter", id: "quarters")
        r.para("How the year went, quarter by quarter. Each quarter’s figures are those of its own report; flows (cases opened and closed, successes, blockers raised and resolved) add up to the year’s.")
        let q = year.quarters
        quarterBars("Cases opened and closed each quarter",
                    [("Opened", q.map(\.totals.cases.opened)), ("Closed", q.map(\.totals.cases.closed))],
                    valueLabel: "Cases", source: "Source: psg-cases.csv of each quarter folder.", name: "cases opened and closed by quarter")
        quarterBars("Successes each quarter", [("Successes", q.map(\.totals.successes))],
                    valueLabel: "Successes", source: "Source: successes.csv of each quarter folder.", name: "successes by quarter")
        quarterBars("Blockers raised and resolved each quarter",
                    [("Raised", q.map(\.totals.blockers.raised)), ("Resolved", q.map(\.totals.blockers.resolved))],
                    valueLabel: "Blockers", source: "Source: blockers.csv of each quarter folder.", name: "blockers raised and resolved by quarter")
        // Stocks at each quarter end are not parts of a total: each is suppressed on its own.
        let stocks: [(String, [Int])] = [("Cases open", q.map(\.totals.cases.openAtEnd)), ("Blockers open", q.map(\.totals.blockers.open))]
        r.figure(r.chart(.groupedBar(.vertical), title: "Cases and blockers open at each quarter end",
                         alt: "Bar chart of cases and blockers open at each quarter end. " + stocks.map { "\($0.0): " + r.describe(quarterLabels, $0.1) }.joined(separator: "; ") + ".",
                         categories: quarters.map(\.title), series: stocks.map { r.chartSeries($0.0, $0.1) }, valueLabel: "Open", keepAll: true, height: 150),
                 source: "Source: psg-cases.csv and blockers.csv; open at each quarter’s last day." + (isPublic ? " \(r.hatchNote)" : ""), name: "cases and blockers open by quarter")
        quarterTable(year, caption: "Headline figures by quarter, \(year.year)")
        if let p = previousYear {
            quarterTable(p, caption: "Headline figures by quarter, \(p.year)"
                + (p.isComplete ? "" : " (only \(TextMatch.list(p.quarters.map { "Q\($0.quarter.number)" })) have folders)"))
        }
        if !year.missing.isEmpty {
            r.note("\(TextMatch.list(year.missing.map(\.title))) \(year.missing.count == 1 ? "has" : "have") no quarter folder yet, so \(year.missing.count == 1 ? "it is" : "they are") not shown.")
        }
    }

    /// One year's headline figures, a column a quarter and the year's (the quarters' that have
    /// folders, when some have none). A flow's quarters are
    /// parts of the year's figure (a tile, or given by the change on the year before):
    /// suppressed as parts. Stocks are each quarter's own, the year's being the last.
    mutating func quarterTable(_ y: YearSummary, caption: String) {
        let kinds = YearHeadline.allCases.filter { $0 != .ocgReferrals || y.hasReferrals }
        let rows = kinds.map { kind -> [TableCell] in
            let values = y.quarters.map { kind.quarterValue($0.totals) }
            let yearValue = kind.value(y.totals)
            let cells: [String]
            if kind.isFlow {
                let (parts, total) = r.suppressor.parts(values, totalShown: true)
                cells = parts.map(\.text) + [total.text]
            } else {
                cells = values.map(r.shown) + [r.shown(yearValue)]
            }
            return [TableCell(kind.quarterLabel)] + cells.enumerated().map { i, text in
                i == cells.count - 1 ? TableCell([TextRun(text, bold: true)]) : TableCell(text)
            }
        }
        r.blocks.append(.table(Table(columns: [TableColumn(.left, maxWidth: 170)] + Array(repeating: .number, count: y.quarters.count + 1),
                                     headerRows: [[TableCell("Figure")] + y.quarters.map { TableCell("Q\($0.quarter.number)") }
                                                  + [TableCell(y.isComplete ? "Year" : "These quarters")]],
                                     rows: rows, caption: caption, rowHeaders: true)))
    }

    // MARK: Cases

    mutating func cases() {
        // Its introduction and table would otherwise part at the foot of the trends' last page.
        r.blocks.append(.pageBreak)
        r.h1("PSG casework through the year", id: "casework")
        r.para("Each area’s cases open at the start of the year, plus those opened, less those closed, give the cases open at the end, when each quarter’s records carry on from the last.")
        let flows = areas.map { year.area($0).cases }
        if isPublic {
            r.blocks.append(.table(r.countTable(rowLabels: areas, columns: ["Opened", "Closed", "Open at end"],
                                                values: flows.map { [$0.opened, $0.closed, $0.openAtEnd] },
                                                caption: "Cases by area, \(year.year)")))
        } else {
            let changed = areas.map { year.changedBetweenQuarters($0) }
            let withChanges = changed.contains { $0 != 0 }
            var columns = ["Open at start", "Opened", "Closed"]
            var values = flows.map { [$0.openAtStart, $0.opened, $0.closed] }
            if withChanges {
                columns.append("Changed between quarters")
                values = zip(values, changed).map { $0 + [$1] }
            }
            columns.append("Open at end")
            values = zip(values, flows).map { $0 + [$1.openAtEnd] }
            var table = r.countTable(rowLabels: areas, columns: columns, values: values, caption: "Case flow by area, \(year.year)")
            if withChanges {
                // A negative change is written as one, not as a count.
                let col = columns.firstIndex(of: "Changed between quarters").map { $0 + 1 } ?? 0
                for i in table.rows.indices {
                    let v = i < areas.count ? changed[i] : changed.reduce(0, +)
                    table.rows[i][col] = TableCell(Format.signed(v) == "no change" ? "0" : Format.signed(v))
                }
            }
            r.blocks.append(.table(table))
            betweenQuarters()
        }

        // Outcomes of the cases closed in each quarter, added up: each case is closed once.
        var outcomes: [CaseOutcome: Int] = [:]
        for rec in records {
            for c in rec.cases {
                guard let d = c.closed, rec.quarter.contains(d) else { continue }
                if let o = c.outcome { outcomes[o, default: 0] += 1 }
            }
        }
        let kinds = CaseOutcome.allCases
        let counts = kinds.map { outcomes[$0] ?? 0 }
        r.h2("Outcomes of the cases closed", id: "outcomes")
        let total = counts.reduce(0, +)
        var title = "Outcomes of the year’s \(r.shown(total)) closed cases"
        if let best = zip(kinds, counts).max(by: { $0.1 < $1.1 }), best.1 > 0, r.exactInParts(counts, best.1),
           counts.filter({ $0 == best.1 }).count == 1 {
            title = "Most closed cases were \(best.0.label.lowercased()) (\(best.1) of \(total))"
        }
        r.figure(r.chart(.bar(.horizontal), title: title,
                         alt: "Bar chart of the outcomes of cases closed in the year: \(r.describeParts(kinds.map(\.label), counts)).",
                         categories: kinds.map(\.label), series: [r.partsSeries("Cases", counts)], valueLabel: "Cases"),
                 source: "Source: psg-cases.csv, each case counted in the quarter it closed." + (isPublic ? " \(r.hatchNote)" : ""), name: "outcomes of closed cases")

        r.h2("The longest open cases", id: "longest-open")
        let open = r.analysis.openCases
        if isPublic {
            r.openCasesByAge(open, caption: "Cases open at \(r.quarter.end.longDescription) by age")
            r.note("The board edition names the longest open cases.")
            return
        }
        if open.isEmpty { r.para("No cases were open at \(r.quarter.end.longDescription)."); return }
        let longest = open.prefix(10)
        r.para("The \(longest.count == open.count ? "" : "\(longest.count) ")cases open longest at \(r.quarter.end.longDescription), of \(Format.count(open.count)) open.")
        r.blocks.append(.table(Table(columns: [.text, .text, TableColumn(.left, maxWidth: 220), .text, .number],
                                     headerRows: [["Case", "Area", "Case · location", "Opened", "Age (days)"]],
                                     rows: longest.map { o in
                                         let c = o.psgCase
                                         var what = [TextRun(c.title, bold: true)]
                                         if !c.location.isEmpty { what.append(TextRun("\n" + c.location, color: Palette.secondaryText)) }
                                         return [TableCell(c.id), TableCell(c.area), TableCell(what), TableCell(r.date(c.opened)), TableCell(Format.count(o.days))]
                                     },
                                     caption: "The longest open cases at the year end")))
    }

    /// Board edition: the cases by which one quarter's start differs from the last one's end.
    mutating func betweenQuarters() {
        var rows: [[TableCell]] = []
        for (previous, current) in zip(records, records.dropFirst()) where current.quarter.previous == previous.quarter {
            let c = Continuity(previous: previous, current: current, partnership: partnership)
            for a in c.areas where !a.agrees {
                for d in a.differences {
                    rows.append([TableCell(current.quarter.title), TableCell(a.area), TableCell(d.psgCase.id),
                                 TableCell((d.effect > 0 ? "+1 " : "−1 ") + d.reason.explanation)])
                }
            }
        }
        if rows.isEmpty {
            r.para("Each quarter’s cases open at its start are those open at the end of the quarter before.")
            return
        }
        r.para("The quarters’ records do not always carry on from each other: the cases below count at one quarter’s start but not at the end of the quarter before, or the other way round (reopened, moved between areas, added late or left out). The column “Changed between quarters” adds them up, so that each row’s figures still add up.")
        r.blocks.append(.table(Table(columns: [.text, .text, .text, .text],
                                     headerRows: [["Quarter", "Area", "Case", "How it differs"]],
                                     rows: r.capped(rows), caption: "Cases that differ between one quarter’s end and the next one’s start")))
    }

    // MARK: Blockers

    mutating func blockers() {
        r.h1("Blockers through the year", id: "blockers")
        let b = year.totals.blockers
        r.para("A blocker is something the PSG cannot resolve alone; escalated blockers are those it asks the CSP board to act on. Over the year \(r.inWords(b.raised, "blocker was", "blockers were")) raised and \(r.shown(b.resolved)) resolved; at the year end \(r.shown(b.open)) \(b.open == 1 && !r.suppressor.count(b.open).isSuppressed ? "remains" : "remain") open, \(r.shown(b.escalatedOpen)) of them escalated.")
        r.blocks.append(.table(r.countTable(rowLabels: areas, columns: ["Raised", "Resolved", "Open at year end", "Escalated"],
                                            values: areas.map { a in let x = year.area(a).blockers; return [x.raised, x.resolved, x.open, x.escalatedOpen] },
                                            caption: "Blockers by area, \(year.year)")))
        if isPublic {
            r.note("The board edition lists the blockers still open at the year end, with their owners.")
            return
        }
        r.h2("Blockers still open at the year end", id: "blockers-open")
        let open = r.analysis.blockersForBoard.filter { $0.blocker.status == .open }
        if open.isEmpty { r.para("No blockers were open at the year end."); return }
        let rows = r.capped(open).map { x -> [TableCell] in
            let bl = x.blocker
            let status = bl.escalate ? TableCell("Escalated", status: .bad) : TableCell("Open", status: .warning)
            return [TableCell(bl.id), TableCell(bl.area),
                    TableCell([TextRun(bl.description), TextRun("\nOwner: \(bl.owner)", color: Palette.secondaryText)]),
                    TableCell(r.date(bl.raised)), TableCell(Format.count(x.days)), status]
        }
        r.blocks.append(.table(Table(columns: [.text, .text, TableColumn(.left, maxWidth: 220), .text, .number, .text],
                                     headerRows: [["Blocker", "Area", "Description · owner", "Raised", "Age (days)", "Status"]],
                                     rows: rows, caption: "Blockers open at the year end: escalated first, then oldest first")))
        r.cappedNote(open.count, "open blockers", file: "blockers.csv")
    }

    // MARK: Successes

    mutating func successes() {
        // The chart and table need most of a page: a heading left at the foot of the blockers'
        // last page would stand alone.
        r.blocks.append(.pageBreak)
        r.h1("Successes", id: "successes")
        let steps = CarmelStep.allCases
        var byArea: [String: [CarmelStep: Int]] = [:]
        for rec in records { for s in rec.successes { byArea[s.area, default: [:]][s.step, default: 0] += 1 } }
        let perArea = areas.map { year.area($0).successes }
        let perStep = steps.map { st in areas.reduce(0) { $0 + (byArea[$1]?[st] ?? 0) } }
        r.para("Successes are results the PSG and its partners achieved, recorded each quarter in successes.csv by area and by the Operation Carmel step they came from: \(r.inWords(year.totals.successes, "success")) over \(year.isComplete ? "the year" : "the quarters recorded").")
        if isPublic {
            r.figure(r.chart(.bar(.vertical), title: "Successes by area", alt: "Bar chart of the year’s successes by area: \(r.describeParts(areas, perArea)).",
                             categories: areas, series: [r.partsSeries("Successes", perArea)], valueLabel: "Successes"),
                     source: "Source: successes.csv of each quarter folder. \(r.hatchNote)", name: "successes by area")
            r.blocks.append(.table(r.countTable(rowLabels: areas, columns: ["Successes"], values: perArea.map { [$0] },
                                                caption: "Successes by area, \(year.year)")))
            r.blocks.append(.table(r.countTable(rowLabels: steps.map(\.label), columns: ["Successes"], values: perStep.map { [$0] },
                                                caption: "Successes by Operation Carmel step, \(year.year)", firstHeader: "Step")))
        } else {
            let series = steps.map { st in r.chartSeries(st.label, areas.map { byArea[$0]?[st] ?? 0 }) }
            let alt = "Stacked bar chart of the year’s successes by area and Operation Carmel step. " + areas.map { a in
                "\(a): " + steps.map { "\($0.label.lowercased()) \(byArea[a]?[$0] ?? 0)" }.joined(separator: ", ")
            }.joined(separator: "; ") + "."
            r.figure(r.chart(.stackedBar(.vertical), title: "Successes by area and Operation Carmel step", alt: alt,
                             categories: areas, series: series, valueLabel: "Successes", keepAll: true),
                     source: "Source: successes.csv of each quarter folder.", name: "successes by area and step")
            r.blocks.append(.table(r.countTable(rowLabels: areas, columns: steps.map(\.label),
                                                values: areas.map { a in steps.map { byArea[a]?[$0] ?? 0 } },
                                                caption: "Successes by area and Operation Carmel step, \(year.year)")))
        }
    }

    // MARK: Operation Carmel

    mutating func carmel() {
        // Each area has a page (or more) of its own; the section's introduction opens the first.
        r.blocks.append(.pageBreak)
        r.h1("Operation Carmel by area", id: "carmel")
        r.para("Each area’s Operation Carmel activity over the year: every measure added up quarter by quarter. Measures of different kinds, such as events and people, are never added together. Each area’s Think Communities projects are shown from their stage at the start of the year to their stage at the end.")
        for (i, area) in areas.enumerated() {
            let s = year.area(area)
            let hasActivity = CarmelStep.allCases.contains { !(s.activity[$0] ?? [:]).isEmpty }
            if area == Partnership.cityWide && !hasActivity { continue }
            if i > 0 { r.blocks.append(.pageBreak) }
            carmelArea(area)
        }
    }

    mutating func carmelArea(_ area: String) {
        r.h2(area, id: "carmel-\(area.lowercased().filter { $0.isLetter })")
        let units = partnership.measures != nil
        let total = year.area(area).activity
        var rows: [[TableCell]] = []
        var groupRows: Set<Int> = []
        let blank = Array(repeating: TableCell(""), count: quarters.count + 1 + (units ? 1 : 0))
        for step in CarmelStep.allCases {
            guard let measures = total[step], !measures.isEmpty else { continue }
            groupRows.insert(rows.count)
            rows.append([TableCell([TextRun(step.label, bold: true)])] + blank)
            // A county's many measures: the partnership's own order says which come first, else
            // the largest over the year (values of different units compared only to choose).
            var ranked = measures.sorted { $0.key < $1.key }
            if ranked.count > AnnualReport.measuresPerStep {
                let rank = Dictionary((partnership.measures ?? []).enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
                struct Ranked { var name: String; var value: Int; var place: Int }
                let list = ranked.map { m -> Ranked in
                    Ranked(name: m.key, value: m.value, place: partnership.resolveMeasure(m.key).flatMap { rank[$0.name] } ?? Int.max)
                }.sorted { a, b in
                    if a.place != b.place { return a.place < b.place }
                    return a.value != b.value ? a.value > b.value : a.name < b.name
                }
                ranked = list.map { (key: $0.name, value: $0.value) }
            }
            for (m, yearValue) in ranked.prefix(AnnualReport.measuresPerStep) {
                let unit = partnership.unit(of: m)
                let key = Measure.key(m)
                let perQuarter = year.quarters.map { q in
                    (q.area(area).activity[step] ?? [:]).reduce(0) { $0 + (Measure.key($1.key) == key ? $1.value : 0) }
                }
                // The quarters are parts of the year's figure beside them.
                let (parts, shownTotal) = r.suppressor.parts(perQuarter)
                func text(_ s: ShownCount, _ n: Int) -> String { s.isSuppressed ? s.text : Format.measure(n, unit: unit) }
                var row = [TableCell(m, indent: QuarterlyReport.measureIndent, spokenText: "\(step.label): \(m)")]
                if units { row.append(TableCell(unit ?? "")) }
                row += zip(parts, perQuarter).map { TableCell(text($0, $1)) }
                row.append(TableCell([TextRun(text(shownTotal, yearValue), bold: true)]))
                rows.append(row)
            }
            if measures.count > AnnualReport.measuresPerStep {
                let more = "\(Format.plural(measures.count - AnnualReport.measuresPerStep, "more measure")), in carmel-activity.csv"
                rows.append([TableCell(more, indent: QuarterlyReport.measureIndent, spokenText: "\(step.label): \(more)")] + blank)
            }
        }
        if rows.isEmpty {
            r.para("No Operation Carmel activity was recorded in \(area) this year.")
        } else {
            var header: [TableCell] = [TableCell("Measure")]
            if units { header.append(TableCell("Unit")) }
            header += quarters.map { TableCell("Q\($0.number)") } + [TableCell("Year")]
            r.blocks.append(.table(Table(columns: [TableColumn(.left, maxWidth: units ? 170 : 210)] + (units ? [TableColumn(.left, maxWidth: 60)] : [])
                                            + Array(repeating: .number, count: quarters.count + 1),
                                         headerRows: [header], rows: rows,
                                         caption: "\(area): Operation Carmel measures by quarter, \(year.year)", rowHeaders: true,
                                         groupRows: groupRows)))
        }
        r.h3("Think Communities projects")
        let end = records.last?.projects.filter { $0.area == area } ?? []
        if end.isEmpty { r.para("No Think Communities project is recorded in \(area)."); return }
        let before = Dictionary((projectsAtStart ?? records.first?.projects ?? []).filter { $0.area == area }.map { ($0.name.folded, $0) },
                                uniquingKeysWith: { a, _ in a })
        let startLabel = projectsAtStart == nil ? "Stage in \(quarters.first?.title ?? "")" : "Stage at start"
        let rows2 = r.capped(end.sorted { $0.name < $1.name }).map { p -> [TableCell] in
            let status: CellStatus = p.stage == .active || p.stage == .completed ? .good : (p.stage == .paused ? .bad : .neutral)
            let start = before[p.name.folded].map(\.stage.label) ?? "New this year"
            return [TableCell([TextRun(p.name, bold: true)]), TableCell(start), TableCell(p.stage.label, status: status), TableCell(p.lead)]
        }
        r.blocks.append(.table(Table(columns: [TableColumn(.left, maxWidth: 190), .text, .text, TableColumn(.left, maxWidth: 150)],
                                     headerRows: [["Project", TableCell(startLabel), "Stage at end", "Lead"]],
                                     rows: rows2, caption: "\(area): Think Communities projects over \(year.year)")))
        r.cappedNote(end.count, "projects", file: "think-communities.csv")
    }

    // MARK: Priority 1

    mutating func priorityOne() {
        r.blocks.append(.pageBreak)
        r.h1("Priority 1: safeguarding young people", id: "priority-1")
        r.para("Referrals of young people at risk from organised crime groups (OCGs) to multi-agency working, and what young people told the partnership (you said, we did), over the year.")
        r.h2("OCG referrals", id: "ocg-referrals")
        if !year.hasReferrals {
            r.para("No quarter of the year supplied ocg-referrals.csv.")
        } else {
            var byRoute: [ReferralRoute: Int] = [:]
            for rec in records { for x in rec.referrals ?? [] { byRoute[x.route, default: 0] += x.count } }
            let routes = ReferralRoute.allCases
            quarterBars("OCG referrals each quarter", [("Referrals", year.quarters.map(\.totals.ocgReferrals))],
                        valueLabel: "Referrals", source: "Source: ocg-referrals.csv of each quarter folder.", name: "OCG referrals by quarter")
            r.blocks.append(.table(r.countTable(rowLabels: areas, columns: ["Referrals"], values: areas.map { [year.area($0).ocgReferrals] },
                                                caption: "OCG referrals by area, \(year.year)")))
            r.blocks.append(.table(r.countTable(rowLabels: routes.map(\.label), columns: ["Referrals"], values: routes.map { [byRoute[$0] ?? 0] },
                                                caption: "OCG referrals by route, \(year.year)", firstHeader: "Route")))
        }
        r.h2("You said, we did", id: "you-said-we-did")
        let items = records.flatMap { $0.youSaidWeDid ?? [] }.sorted { $0.date < $1.date }
        if items.isEmpty { r.para("No “you said, we did” items were recorded this year."); return }
        if isPublic {
            r.para("\(r.inWords(items.count, "item")) of youth consultation feedback, and the response to each, were recorded over the year; they are listed in the board edition.")
            return
        }
        r.blocks.append(.table(Table(columns: [.text, .text, TableColumn(.left, maxWidth: 165), TableColumn(.left, maxWidth: 165)],
                                     headerRows: [["Date", "Area", "You said", "We did"]],
                                     rows: r.capped(items).map { [TableCell(r.date($0.date)), TableCell($0.area), TableCell($0.youSaid), TableCell($0.weDid)] },
                                     caption: "You said, we did, \(year.year)")))
        r.cappedNote(items.count, "items", file: "you-said-we-did.csv")
    }

    // MARK: Crime and ASB

    mutating func crimeSection() {
        guard let crime else { return }
        r.blocks.append(.pageBreak)
        r.h1("Crime and anti-social behaviour", id: "crime")
        guard crime.isAvailable else {
            r.para("police.uk crime and anti-social behaviour data is not available for \(year.year.monthRange).")
            return
        }
        let covered = crime.isComplete ? year.year.monthRange : "the months with police.uk data so far (\(AnnualReport.span(crime.monthsWithData)))"
        var intro = "Crimes and anti-social behaviour (ASB) recorded by the police in each area over \(covered), from police.uk’s street-level data."
        if crime.previous == nil {
            intro += crime.isComplete
                ? " police.uk data does not cover all of \(year.year.previous?.description ?? "the year before"), so the year is not compared with it."
                : " A part of the year is not compared with a whole year before it."
        }
        r.para(intro)
        let prev = crime.isComplete ? crime.previous : nil
        let names = partnership.areas.map(\.name)
        var columns = ["Crimes", "ASB"]
        var values = names.map { [crime.area($0).crime, crime.area($0).asb] }
        if let p = prev {
            let before = year.year.previous?.description ?? ""
            columns += ["Crimes \(before)", "ASB \(before)"]
            values = zip(values, names).map { $0 + [p.areas[$1]?.crime ?? 0, p.areas[$1]?.asb ?? 0] }
        }
        // The areas add up to the total row: suppressed as its parts, as in the quarterly report.
        var table = r.countTable(rowLabels: names, columns: columns, values: values, caption: "Crime and ASB by area, \(year.year)")
        if let p = prev {
            table.columns.append(.number)
            table.headerRows[0].append(TableCell("Change in crimes"))
            let pairs = zip(names.map { crime.area($0).crime }, names.map { p.areas[$0]?.crime ?? 0 }).map { ($0, $1) }
                + [(crime.totals.crime, p.totals.crime)]
            for (i, pair) in pairs.enumerated() where i < table.rows.count {
                let shownNow = i < names.count ? table.rows[i][1].runs.map(\.text).joined() : ""
                let exact = i == names.count || (shownNow == Format.count(pair.0) && r.suppressor.difference(from: pair.1, to: pair.0) != nil)
                table.rows[i].append(TableCell(exact ? Format.signed(pair.0 - pair.1) : "[c]"))
            }
        }
        r.blocks.append(.table(table))
        let withData = crime.byQuarter.filter(\.isAvailable)
        if withData.count > 1 {
            let crimes = withData.map(\.totals.crime), asb = withData.map(\.totals.asb)
            r.figure(r.chart(.groupedBar(.vertical), title: "Crimes and ASB each quarter, all areas",
                             alt: "Bar chart of crimes and ASB by quarter. Crimes: \(r.describeParts(withData.map(\.quarter.title), crimes)). ASB: \(r.describeParts(withData.map(\.quarter.title), asb)).",
                             categories: withData.map(\.quarter.title),
                             series: [r.partsSeries("Crimes", crimes), r.partsSeries("ASB", asb)],
                             valueLabel: "Recorded", keepAll: true),
                     source: "Source: \(PoliceData.sourceName). \(PoliceData.attribution).", name: "crime and ASB by quarter")
        }
    }

    static func span(_ months: [YearMonth]) -> String {
        guard let first = months.first, let last = months.last else { return "" }
        return months.count == 1 ? first.name : "\(first.name) to \(last.name)"
    }

    // MARK: Appendix

    mutating func appendix() {
        r.blocks.append(.pageBreak)
        r.h1("Appendix", id: "appendix")
        r.h2("Definitions", id: "definitions")
        r.blocks.append(.list(BulletList([
            [TextRun("Year: ", bold: true), TextRun("\(year.year) runs from \(year.year.start.longDescription) to \(year.year.end.longDescription). This report covers \(coverage).")],
            [TextRun("Flows: ", bold: true), TextRun("cases opened and closed, successes, blockers raised and resolved, Operation Carmel activity and OCG referrals are each quarter’s figures added up.")],
            [TextRun("Stocks: ", bold: true), TextRun("cases open at the start are those of the year’s first quarter; cases and blockers open, escalated blockers and projects by stage are those at the end of its last quarter.")],
            [TextRun("Changed between quarters: ", bold: true), TextRun("cases open at a quarter’s start less those open at the end of the quarter before, added up: cases reopened, moved between areas, added late or left out. So open at start + opened − closed + changed between quarters = open at end.")],
            [TextRun("Operation Carmel activity: ", bold: true), TextRun("each measure added up over the quarters; measures of different kinds are never added together.")],
        ])))
        if isPublic {
            r.h2("Small numbers in this edition", id: "small-numbers")
            r.para(r.disclosurePolicy + " In this annual report a quarter’s figure is a part of the year’s, and is withheld with the same rule.")
        }
        r.h2("Data sources", id: "sources")
        r.para("The quarter folders \(TextMatch.list(quarters.map(\.description))), each checked as for its own report"
               + (previousYear.map { "; \(TextMatch.list($0.quarters.map(\.quarter.description))) for the year before" } ?? "")
               + ". Each quarter’s own warnings are in its quarterly report; those below are the year’s.")
        if crime != nil {
            r.para("Crime and ASB: \(PoliceData.sourceName), placed in areas by each row’s LSOA through lsoa-areas.csv.")
            r.para([TextRun(PoliceData.attribution + ".", bold: true)])
        }
        r.validationWarnings(inputs: "The year’s inputs", caption: "Validation warnings for \(year.year)")
        r.provenance("Every figure in this report is computed from the files below. The SHA-256 of each file identifies its exact contents; the input-set hash covers them all.")
    }
}

/// The year's headline figures: flows over the year, stocks at its end.
enum YearHeadline: CaseIterable {
    case opened, closed, openAtEnd, successes, raised, resolved, blockersOpen, ocgReferrals

    var label: String {
        switch self {
        case .opened: return "Cases opened"
        case .closed: return "Cases closed"
        case .openAtEnd: return "Cases open at year end"
        case .successes: return "Successes"
        case .raised: return "Blockers raised"
        case .resolved: return "Blockers resolved"
        case .blockersOpen: return "Blockers open at year end"
        case .ocgReferrals: return "OCG referrals"
        }
    }

    /// The column heading for one quarter's value.
    var quarterLabel: String {
        switch self {
        case .openAtEnd: return "Cases open at end"
        case .blockersOpen: return "Blockers open at end"
        default: return label
        }
    }

    var isFlow: Bool { self != .openAtEnd && self != .blockersOpen }

    var higherIsBetter: Bool? {
        switch self {
        case .closed, .successes, .resolved: return true
        case .blockersOpen: return false
        case .opened, .openAtEnd, .raised, .ocgReferrals: return nil
        }
    }

    func value(_ s: AreaSummary) -> Int { quarterValue(s) }

    func quarterValue(_ s: AreaSummary) -> Int {
        switch self {
        case .opened: return s.cases.opened
        case .closed: return s.cases.closed
        case .openAtEnd: return s.cases.openAtEnd
        case .successes: return s.successes
        case .raised: return s.blockers.raised
        case .resolved: return s.blockers.resolved
        case .blockersOpen: return s.blockers.open
        case .ocgReferrals: return s.ocgReferrals
        }
    }
}
