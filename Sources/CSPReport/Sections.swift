import CSPAggregate
import CSPCharts
import CSPCore
import CSPDisplay
import CSPLayout
import CSPModel

extension QuarterlyReport {
    // MARK: 1. Cover

    mutating func cover() {
        var lines: [String] = []
        if let n = analysis.records.narrative {
            if !n.preparedBy.isEmpty { lines.append("Prepared by \(n.preparedBy)") }
            if let m = n.meetingDate { lines.append("For the CSP board meeting on \(m.longDescription)") }
        }
        lines.append(isPublic ? "Public edition: small numbers suppressed, no case-level detail" : "Board edition")
        lines.append("Classification: \(classification)")
        blocks.append(.cover(Cover(title: QuarterlyReport.reportTitle,
                                   subtitle: "\(quarter.title): \(quarter.start.longDescription) to \(quarter.end.longDescription)",
                                   lines: lines)))
        blocks.append(.pageBreak)
    }

    // MARK: 3. At a glance

    mutating func atAGlance() {
        h1("At a glance", id: "at-a-glance")
        let previous = analysis.previousSummary
        var intro = "The quarter's headline figures for all areas together"
        intro += previous == nil
            ? ". There is no folder for \(quarter.previous?.description ?? "the previous quarter"), so no change is shown."
            : ", with the change against \(quarter.previous?.title ?? "last quarter") and the trend over the last \(analysis.trendQuarters.count) quarters."
        para(intro)
        var tiles: [KPITile] = []
        for kind in HeadlineKind.allCases {
            if kind == .ocgReferrals && !summary.hasReferrals { continue }
            let h = analysis.headline(kind)
            var tile = KPITile(label: kind.label, value: shown(h.current), upIsGood: kind.higherIsBetter)
            if let diff = suppressor.difference(from: h.previous, to: h.current) {
                tile.direction = diff > 0 ? .up : (diff < 0 ? .down : .flat)
                tile.change = diff == 0 ? "no change on last quarter" : "\(Format.count(abs(diff))) on last quarter"
            } else if h.previous != nil {
                tile.change = "change not shown (small numbers)"
            }
            // A trend line is drawn only when every point can be shown exactly.
            if h.series.count > 1, h.series.allSatisfy({ !suppressor.count($0).isSuppressed }) {
                tile.trend = h.series.map(Double.init)
                // The trend in words too: the tile's text alternative promises it.
                var words = "Trend over the last \(h.series.count) quarters: \(h.series.map(shown).joined(separator: ", "))"
                if let first = h.quarters.first, let last = h.quarters.last { words += " (\(first.title) to \(last.title))" }
                tile.trendWords = words
            }
            tiles.append(tile)
        }
        blocks.append(.kpis(tiles))
        let flow = summary.totals.cases
        para([
            TextRun("Cases: ", bold: true),
            TextRun("\(inWords(flow.openAtStart, "case")) open at the start of the quarter, \(shown(flow.opened)) opened and \(shown(flow.closed)) closed, leaving \(shown(flow.openAtEnd)) open at the end. "),
            TextRun("Blockers: ", bold: true),
            TextRun("\(shown(summary.totals.blockers.raised)) raised and \(shown(summary.totals.blockers.resolved)) resolved; \(shown(summary.totals.blockers.escalatedOpen)) of the \(shown(summary.totals.blockers.open)) still open are escalated to the board."),
        ])
        if isPublic { note(suppressionNote) }
    }

    // MARK: 4. The chair's summary

    mutating func chairsSummary() {
        h1("The chair’s summary", id: "summary")
        guard let n = analysis.records.narrative else { return }
        for p in n.summary { para(p) }
        // The chair signs the summary itself, so the name never ends up alone at the top of
        // the next section's page.
        if !n.preparedBy.isEmpty { para([TextRun(n.preparedBy, italic: true)]) }
        if !n.highlights.isEmpty {
            h2("Highlights", id: "highlights")
            blocks.append(.list(BulletList(strings: n.highlights)))
        }
    }

    // MARK: 5. Successes

    mutating func successes() {
        h1("Successes", id: "successes")
        let byArea = analysis.successesByAreaAndStep
        let total = summary.totals.successes
        let perArea = areas.map { summary.area($0).successes }
        let lead = zip(areas, perArea).max { $0.1 < $1.1 }
        var title = "\(Format.plural(total, "success")) recorded this quarter"
        // Most in one area only when it alone has the most: a tie is not a lead.
        if let lead, lead.1 > 0, perArea.filter({ $0 == lead.1 }).count == 1, exactInParts(perArea, lead.1) {
            title += "; most in \(lead.0) (\(lead.1))"
        }
        if isPublic, suppressor.count(total).isSuppressed { title = "Fewer than \(partnership.suppressionThreshold) successes recorded this quarter" }
        para("A success is a result the PSG or its partners achieved on a problem this quarter, recorded in successes.csv by area and by the Operation Carmel step it came from.")
        let steps = CarmelStep.allCases
        let perStep = steps.map { step in byArea.reduce(0) { $0 + ($1.counts[step] ?? 0) } }
        if isPublic {
            // One breakdown at a time: a table of area by step would let its totals give
            // small counts away.
            figure(chart(.bar(.vertical), title: title, alt: "Bar chart of successes by area: \(describeParts(areas, perArea)).",
                         categories: areas, series: [partsSeries("Successes", perArea)], valueLabel: "Successes"),
                   source: "Source: successes.csv, \(quarter.monthRange). \(hatchNote)", name: "successes by area")
            blocks.append(.table(countTable(rowLabels: areas, columns: ["Successes"], values: perArea.map { [$0] },
                                            caption: "Successes by area")))
            blocks.append(.table(countTable(rowLabels: steps.map(\.label), columns: ["Successes"], values: perStep.map { [$0] },
                                            caption: "Successes by Operation Carmel step", firstHeader: "Step")))
        } else {
            let series = steps.map { step in chartSeries(step.label, byArea.map { $0.counts[step] ?? 0 }) }
            let alt = "Stacked bar chart of successes by area and Operation Carmel step. " + areas.enumerated().map { i, a in
                "\(a): " + steps.map { "\($0.label.lowercased()) \(byArea[i].counts[$0] ?? 0)" }.joined(separator: ", ")
            }.joined(separator: "; ") + "."
            figure(chart(.stackedBar(.vertical), title: title, alt: alt,
                         categories: areas, series: series, valueLabel: "Successes", keepAll: true),
                   source: "Source: successes.csv, \(quarter.monthRange).", name: "successes by area and step")
            blocks.append(.table(countTable(rowLabels: areas, columns: steps.map(\.label),
                                            values: byArea.map { row in steps.map { row.counts[$0] ?? 0 } },
                                            caption: "Successes by area and Operation Carmel step")))
        }
        h2("The quarter’s successes", id: "successes-list")
        let list = analysis.successesInOrder
        if list.isEmpty { para("No successes were recorded this quarter."); return }
        // Counting a listing's rows by area or by step gives back each count: the public
        // edition lists them only when none of those counts is withheld above.
        if isPublic, [perArea, perStep].contains(where: { suppressor.parts($0, totalShown: true).parts.contains(where: \.isSuppressed) }) {
            para("The quarter’s successes are listed one by one in the board edition only: some areas or steps recorded fewer than \(partnership.suppressionThreshold), and a list here would let those be counted.")
            return
        }
        var rows: [[TableCell]] = []
        // One wide text column reads better than five narrow ones: the title, then the detail,
        // then the step and partners in a quieter line.
        for s in capped(list) {
            var what: [TextRun] = [TextRun(s.title, bold: true)]
            if !isPublic && !s.detail.isEmpty { what.append(TextRun("\n" + s.detail)) }
            var meta = s.step.label
            if !s.partners.isEmpty { meta += " · " + s.partners.joined(separator: ", ") }
            what.append(TextRun("\n" + meta, color: Palette.secondaryText))
            rows.append([TableCell(date(s.date)), TableCell(s.area), TableCell(what)])
        }
        blocks.append(.table(Table(columns: [.text, .text, .text],
                                   headerRows: [["Date", "Area", isPublic ? "Success · step · partners" : "Success, detail · step · partners"]],
                                   rows: rows, caption: "Successes this quarter, by area and date")))
        cappedNote(list.count, "successes", file: "successes.csv")
        if isPublic { note("The details of each success are in the board edition.") }
    }

    // MARK: 6. Blockers for the board

    mutating func blockersSection() {
        h1("Blockers for the CSP board", id: "blockers")
        let b = summary.totals.blockers
        para("A blocker is something the PSG cannot resolve alone. Escalated blockers are those the PSG asks the CSP board to act on. This quarter \(inWords(b.raised, "was", "were")) raised and \(shown(b.resolved)) resolved; \(shown(b.open)) \(b.open == 1 && !suppressor.count(b.open).isSuppressed ? "remains" : "remain") open, \(shown(b.escalatedOpen)) of them escalated.")
        let bands = AgeBand.allCases
        let now = analysis.blockerAgeing
        let before = analysis.previousBlockerAgeing
        let old = { (m: [AgeBand: Int]) in (m[.from90to179] ?? 0) + (m[.over180] ?? 0) }
        var title = "Blockers open 90 days or more " + Finding.change(from: before.map(old), to: old(now))
        // A sum of some bands is only stated when every band is shown exactly.
        let sup = suppressor
        func allExact(_ m: [AgeBand: Int]) -> Bool { sup.parts(bands.map { m[$0] ?? 0 }, totalShown: true).parts.allSatisfy { !$0.isSuppressed } }
        if isPublic, !allExact(now) || (before.map { allExact($0) } ?? true) == false {
            title = "How long open blockers have been open, by age band"
        }
        var series = [partsSeries(quarter.title, bands.map { now[$0] ?? 0 })]
        if let before, let pq = quarter.previous { series.insert(partsSeries(pq.title, bands.map { before[$0] ?? 0 }), at: 0) }
        let alt = "Bar chart of open blockers at the quarter end by how long they have been open: "
            + describeParts(bands.map(\.rawValue), bands.map { now[$0] ?? 0 })
            + (before.map { b in ". Last quarter: " + describeParts(bands.map(\.rawValue), bands.map { b[$0] ?? 0 }) } ?? "") + "."
        figure(chart(series.count > 1 ? .groupedBar(.vertical) : .bar(.vertical), title: title, alt: alt,
                     categories: bands.map(\.rawValue), series: series, valueLabel: "Open blockers"),
               source: "Source: blockers.csv; age at the end of each quarter." + (isPublic ? " \(hatchNote)" : ""), name: "blockers by age")

        let rowsData = analysis.blockersForBoard
        if isPublic {
            h2("Blockers by area", id: "blockers-by-area")
            blocks.append(.table(countTable(rowLabels: areas, columns: ["Raised", "Resolved", "Open", "Escalated"],
                                            values: areas.map { a in let x = summary.area(a).blockers; return [x.raised, x.resolved, x.open, x.escalatedOpen] },
                                            caption: "Blockers by area this quarter")))
            note("The board edition lists each blocker with its owner, description and age.")
            return
        }
        h2("Each blocker", id: "blockers-list")
        if rowsData.isEmpty { para("No blockers were open or resolved this quarter."); return }
        var rows: [[TableCell]] = []
        for x in capped(rowsData) {
            let bl = x.blocker
            let status: TableCell
            if bl.status == .resolved {
                status = TableCell("Resolved \(date(bl.resolved))", status: .good)
            } else if bl.escalate {
                status = TableCell("Open — escalated", status: .bad)
            } else {
                status = TableCell("Open", status: .warning)
            }
            var desc: [TextRun] = [TextRun(bl.description)]
            if bl.status == .resolved && !bl.resolution.isEmpty { desc.append(TextRun("\nResolution: " + bl.resolution, italic: true)) }
            desc.append(TextRun("\nOwner: \(bl.owner)" + (bl.caseID.map { " · case \($0)" } ?? ""), color: Palette.secondaryText))
            rows.append([TableCell(bl.id), TableCell(bl.area), TableCell(desc), TableCell("\(x.days)"), status])
        }
        blocks.append(.table(Table(columns: [.text, .text, .text, .number, TableColumn(.left, maxWidth: 90)],
                                   headerRows: [["Blocker", "Area", "Description · owner", "Age (days)", "Status"]],
                                   rows: rows, caption: "Blockers: escalated first, then open, then resolved; oldest first")))
        cappedNote(rowsData.count, "blockers", file: "blockers.csv")
        note("Age is counted from the date raised to the quarter end, or to the date resolved.")
    }

    // MARK: 7. PSG casework

    mutating func casework() {
        h1("PSG casework", id: "casework")
        let flows = areas.map { summary.area($0).cases }
        let t = summary.totals.cases
        para("Cases are problems the PSG manages across agencies. Each area’s cases open at the start of the quarter, plus those opened, less those closed, give the cases open at the end.")
        if isPublic {
            // Without the open-at-start column, no row's arithmetic can reveal a small count.
            blocks.append(.table(countTable(rowLabels: areas, columns: ["Opened", "Closed", "Open at end"],
                                            values: flows.map { [$0.opened, $0.closed, $0.openAtEnd] },
                                            caption: "Cases by area, \(quarter.monthRange)")))
        } else {
            blocks.append(.table(countTable(rowLabels: areas, columns: ["Open at start", "Opened", "Closed", "Open at end"],
                                            values: flows.map { [$0.openAtStart, $0.opened, $0.closed, $0.openAtEnd] },
                                            caption: "Case flow by area, \(quarter.monthRange)")))
        }
        reconciliation()
        let direction = t.opened > t.closed ? "More cases were opened than closed" : (t.opened < t.closed ? "More cases were closed than opened" : "As many cases were closed as opened")
        var title = "\(direction): \(shown(t.opened)) opened, \(shown(t.closed)) closed"
        if isPublic && (suppressor.count(t.opened).isSuppressed || suppressor.count(t.closed).isSuppressed) { title = "Cases opened and closed by area" }
        figure(chart(.groupedBar(.vertical), title: title,
                     alt: "Bar chart of cases opened and closed by area. Opened: \(describeParts(areas, flows.map(\.opened))). Closed: \(describeParts(areas, flows.map(\.closed))).",
                     categories: areas, series: [partsSeries("Opened", flows.map(\.opened)), partsSeries("Closed", flows.map(\.closed))],
                     valueLabel: "Cases"),
               source: "Source: psg-cases.csv." + (isPublic ? " \(hatchNote)" : ""), name: "cases opened and closed by area")

        let months = analysis.openedClosedByMonth
        let busiest = months.max { $0.opened < $1.opened }
        var monthTitle = "Cases opened and closed by month"
        if let busiest, busiest.opened > 0, exactInParts(months.map(\.opened), busiest.opened) {
            monthTitle = "\(busiest.month.name) saw the most cases opened (\(busiest.opened))"
        }
        figure(chart(.groupedBar(.vertical), title: monthTitle,
                     alt: "Bar chart of cases opened and closed in each month. Opened: \(describeParts(months.map(\.month.name), months.map(\.opened))). Closed: \(describeParts(months.map(\.month.name), months.map(\.closed))).",
                     categories: months.map(\.month.name), series: [partsSeries("Opened", months.map(\.opened)), partsSeries("Closed", months.map(\.closed))],
                     valueLabel: "Cases"),
               source: "Source: psg-cases.csv, opened and closed dates.", name: "cases opened and closed by month")

        h2("Cases by area and issue", id: "cases-by-issue")
        let (issues, counts) = analysis.casesByAreaAndIssue
        let topIssues = Array(issues.prefix(8))
        var issueValues = areas.map { a in topIssues.map { counts[a]?[$0] ?? 0 } }
        var issueColumns = topIssues
        if issues.count > topIssues.count {
            issueColumns.append("Other issues")
            for (i, a) in areas.enumerated() {
                issueValues[i].append(issues.dropFirst(topIssues.count).reduce(0) { $0 + (counts[a]?[$1] ?? 0) })
            }
        }
        if issues.isEmpty {
            para("No cases this quarter.")
        } else {
            let first = issues[0]
            let firstTotal = areas.reduce(0) { $0 + (counts[$1]?[first] ?? 0) }
            // Issues as rows read better than a wide table of issues as columns.
            let transposed = issueColumns.indices.map { j in areas.indices.map { issueValues[$0][j] } }
            // The number is given only where the issue table shows it too: if the table had to
            // withhold it, the sentence would give it away.
            // The issue that leads is named only where the table shows every issue's count:
            // with withheld counts, even the order of two "<5" against a shown total can pin
            // them down (4 and 2 of 6).
            let issueTotals = transposed.map { $0.reduce(0, +) }
            let allExact = suppressor.parts(issueTotals, totalShown: true).parts.allSatisfy { !$0.isSuppressed }
            let ties = issueTotals.prefix(topIssues.count).filter { $0 == firstTotal }.count
            var lead = ""
            if allExact {
                lead = (ties > 1 ? "One of the most common issues" : "The most common issue")
                    + " among the quarter’s \(shown(summary.activeCases)) cases was \(QuarterlyReport.inSentence(first)) (\(shown(firstTotal))). "
            }
            para(lead + "The table counts every case active in the quarter, open or closed\(isPublic ? "" : ", by area and issue").")
            if isPublic {
                // Per-area columns would total to each area's active cases, which with the
                // case table could give small counts away: issues over all areas only.
                blocks.append(.table(countTable(rowLabels: issueColumns, columns: ["Cases"], values: transposed.map { [$0.reduce(0, +)] },
                                                caption: "Cases active this quarter by issue", firstHeader: "Issue")))
            } else {
                blocks.append(.table(countTable(rowLabels: issueColumns, columns: areas, values: transposed,
                                                caption: "Cases active this quarter by issue and area", firstHeader: "Issue")))
            }
        }

        h2("Open cases and their age", id: "open-cases")
        let open = analysis.openCases
        if isPublic {
            openCasesByAge(open, caption: "Cases open at the quarter end by age")
            note("The board edition lists each open case.")
            return
        }
        if open.isEmpty { para("No cases were open at the end of the quarter."); return }
        var rows: [[TableCell]] = []
        for o in capped(open) {
            let c = o.psgCase
            var what = [TextRun(c.title, bold: true)]
            let meta = [c.location, c.leadAgency.isEmpty ? "" : "lead: " + c.leadAgency].filter { !$0.isEmpty }
            if !meta.isEmpty { what.append(TextRun("\n" + meta.joined(separator: " · "), color: Palette.secondaryText)) }
            rows.append([TableCell(c.id), TableCell(c.area), TableCell(what), TableCell(date(c.opened)), TableCell("\(o.days)"),
                         TableCell(c.status.label, status: c.status == .monitoring ? .neutral : .warning)])
        }
        blocks.append(.table(Table(columns: [.text, .text, .text, .text, .number, .text],
                                   headerRows: [["Case", "Area", "Case · location · lead agency", "Opened", "Age (days)", "Status"]],
                                   rows: rows, caption: "Cases open at \(quarter.end.longDescription), oldest first")))
        cappedNote(open.count, "open cases", file: "psg-cases.csv")
    }

    // MARK: 8. Operation Carmel by area

    mutating func carmel() {
        h1("Operation Carmel by area", id: "carmel")
        para("Operation Carmel is the police’s approach of engagement, targeted activity and problem solving, extended with a fourth step, Think Communities: asset-based community development (ABCD) with residents. Each measure is added up over the quarter’s months and set against last quarter; measures of different kinds, such as events and people, are never added together.")
        // Each area's pages are made on their own (they read the analysis and nothing else),
        // on every core: a county's areas hold thousands of measures each.
        let report = self
        let areaPages = Parallel.map(partnership.areas.map(\.name)) { area in
            var r = report
            r.blocks = []
            r.carmelArea(area)
            return r.blocks
        }
        for (i, pages) in areaPages.enumerated() {
            if i > 0 { blocks.append(.pageBreak) }
            blocks.append(contentsOf: pages)
        }
        if areas.contains(Partnership.cityWide) {
            let s = summary.area(Partnership.cityWide)
            if CarmelStep.allCases.contains(where: { !(s.activity[$0] ?? [:]).isEmpty }) {
                blocks.append(.pageBreak)
                carmelArea(Partnership.cityWide)
            }
        }
    }

    mutating func carmelArea(_ area: String) {
        h2(area, id: "carmel-\(area.lowercased().filter { $0.isLetter })")
        let units = partnership.measures != nil
        var rows: [[TableCell]] = []
        var groupRows: Set<Int> = []
        var all: [(measure: String, current: Int, previous: Int?)] = []
        for step in CarmelStep.allCases {
            let measures = analysis.carmelMeasures(area: area, step: step)
            if measures.isEmpty { continue }
            all += measures
            groupRows.insert(rows.count)
            rows.append([TableCell([TextRun(step.label, bold: true)])] + Array(repeating: TableCell(""), count: units ? 4 : 3))
            // A step with many measures shows the largest this quarter and names how many
            // more there are: a county's worth of measures still reads as a table. The rest are
            // not added into one row, as they may count different things.
            var list = measures
            var more = 0
            if list.count > QuarterlyReport.measuresPerStep {
                // With a measures list, the partnership's own order says which come first;
                // without one, the largest this quarter (values of different units compared
                // only to choose what to show).
                let rank = Dictionary((partnership.measures ?? []).enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
                let ranked = list.map { m in (m, partnership.resolveMeasure(m.measure).flatMap { rank[$0.name] } ?? Int.max) }
                list = ranked.sorted { a, b in
                    if a.1 != b.1 { return a.1 < b.1 }
                    return a.0.current != b.0.current ? a.0.current > b.0.current : a.0.measure < b.0.measure
                }.map(\.0)
                more = list.count - QuarterlyReport.measuresPerStep
                list = Array(list.prefix(QuarterlyReport.measuresPerStep))
            }
            for m in list {
                let unit = partnership.unit(of: m.measure)
                let change: String
                if let d = suppressor.difference(from: m.previous, to: m.current) {
                    change = d == 0 ? Format.signed(0) : (d > 0 ? "+" : "") + Format.measure(d, unit: unit)
                } else { change = m.previous == nil ? "" : "[c]" }
                // The step a measure belongs to is read with it (cell by cell, a screen reader
                // would otherwise give the measure alone); sighted readers see it indented under
                // the step's row.
                var row = [TableCell(m.measure, indent: QuarterlyReport.measureIndent, spokenText: "\(step.label): \(m.measure)")]
                if units { row.append(TableCell(unit ?? "")) }
                row += [TableCell(m.previous.map { shownMeasure($0, unit: unit) } ?? "—"), TableCell(shownMeasure(m.current, unit: unit)), TableCell(change)]
                rows.append(row)
            }
            if more > 0 {
                let moreText = "\(Format.plural(more, "more measure")), in carmel-activity.csv"
                rows.append([TableCell(moreText, indent: QuarterlyReport.measureIndent, spokenText: "\(step.label): \(moreText)")] + Array(repeating: TableCell(""), count: units ? 4 : 3))
            }
        }
        if rows.isEmpty {
            para("No Operation Carmel activity was recorded in \(area) this quarter.")
        } else {
            if let finding = carmelFinding(all) { para(finding) }
            let pq = quarter.previous?.title ?? "Last quarter"
            var header: [TableCell] = [TableCell("Measure")]
            if units { header.append(TableCell("Unit")) }
            header += [TableCell(analysis.previousSummary == nil ? "\(pq) (no data)" : pq), TableCell(quarter.title), TableCell("Change")]
            blocks.append(.table(Table(columns: [TableColumn(.left, maxWidth: units ? 180 : 230)] + (units ? [TableColumn(.left, maxWidth: 75)] : []) + [.number, .number, .number],
                                       headerRows: [header],
                                       rows: rows, caption: "\(area): Operation Carmel measures this quarter and last", rowHeaders: true,
                                       groupRows: groupRows)))
            carmelPanels(area)
        }
        h3("Think Communities projects")
        let projects = analysis.projects(area: area)
        if projects.isEmpty {
            para("No Think Communities project is recorded in \(area) yet.")
            return
        }
        var prow: [[TableCell]] = []
        for p in capped(projects) {
            let status: CellStatus = p.stage == .active || p.stage == .completed ? .good : (p.stage == .paused ? .bad : .neutral)
            var row = [TableCell([TextRun(p.name, bold: true)]), TableCell(p.stage.label, status: status), TableCell(p.lead), TableCell(date(p.started))]
            if !isPublic { row.append(TableCell(p.update)) }
            prow.append(row)
        }
        blocks.append(.table(Table(columns: isPublic ? [TableColumn(.left, maxWidth: 200), .text, TableColumn(.left, maxWidth: 140), .text]
                                                     : [TableColumn(.left, maxWidth: 130), .text, TableColumn(.left, maxWidth: 90), .text, TableColumn(.left, maxWidth: 170)],
                                   headerRows: [isPublic ? ["Project", "Stage", "Lead", "Started"] : ["Project", "Stage", "Lead", "Started", "Update"]],
                                   rows: prow, caption: "\(area): Think Communities and ABCD projects")))
        cappedNote(projects.count, "projects", file: "think-communities.csv")
    }

    // MARK: 9. Priority 1

    mutating func priorityOne() {
        blocks.append(.pageBreak)
        h1("Priority 1: safeguarding young people", id: "priority-1")
        para("The partnership’s first priority is safeguarding young people against violence and exploitation: referrals of young people at risk from organised crime groups (OCGs) to multi-agency working, and listening to young people — you said, we did.")
        h2("OCG referrals", id: "ocg-referrals")
        if analysis.records.referrals == nil {
            para("No ocg-referrals.csv was supplied for this quarter.")
        } else {
            let byRoute = analysis.referralsByRouteAndArea
            let routes = ReferralRoute.allCases
            let total = summary.totals.ocgReferrals
            let prev = analysis.previousSummary?.totals.ocgReferrals
            var title = "OCG referrals " + Finding.change(from: analysis.previousSummary?.hasReferrals == true ? prev : nil, to: total)
            if isPublic && (suppressor.count(total).isSuppressed || prev.map { suppressor.count($0).isSuppressed } == true) {
                title = "OCG referrals by route and area"
            }
            if isPublic {
                let perRoute = routes.map { r in areas.reduce(0) { $0 + (byRoute[r]?[$1] ?? 0) } }
                let perArea = areas.map { summary.area($0).ocgReferrals }
                figure(chart(.bar(.vertical), title: title, alt: "Bar chart of OCG referrals by route: \(describeParts(routes.map(\.label), perRoute)).",
                             categories: routes.map(\.label), series: [partsSeries("Referrals", perRoute)], valueLabel: "Referrals"),
                       source: "Source: ocg-referrals.csv. \(hatchNote)", name: "OCG referrals by route")
                blocks.append(.table(countTable(rowLabels: routes.map(\.label), columns: ["Referrals"], values: perRoute.map { [$0] },
                                                caption: "OCG referrals by route", firstHeader: "Route")))
                blocks.append(.table(countTable(rowLabels: areas, columns: ["Referrals"], values: perArea.map { [$0] },
                                                caption: "OCG referrals by area")))
            } else {
                figure(chart(.groupedBar(.vertical), title: title,
                             alt: "Bar chart of OCG referrals by area and route. " + routes.map { r in "\(r.label): " + describe(areas, areas.map { byRoute[r]?[$0] ?? 0 }) }.joined(separator: "; ") + ".",
                             categories: areas, series: routes.map { r in chartSeries(r.label, areas.map { byRoute[r]?[$0] ?? 0 }) },
                             valueLabel: "Referrals", keepAll: true),
                       source: "Source: ocg-referrals.csv.", name: "OCG referrals by area and route")
                blocks.append(.table(countTable(rowLabels: areas, columns: routes.map(\.label),
                                                values: areas.map { a in routes.map { byRoute[$0]?[a] ?? 0 } },
                                                caption: "OCG referrals by area and route")))
            }
            let trend = analysis.trendQuarters.filter(\.hasReferrals)
            if trend.count > 1 {
                let values = trend.map(\.totals.ocgReferrals)
                var s = ChartSeries("All areas", values.map(Double.init))
                for i in values.indices where suppressor.count(values[i]).isSuppressed { s.values[i] = .nan }
                // A line cannot say "<5": a withheld quarter is a gap, and the note says so.
                let gaps = trend.indices.filter { s.values[$0].isNaN }.map { trend[$0].quarter.title }
                figure(chart(.line, title: "OCG referrals over the last \(trend.count) quarters",
                             alt: "Line chart of OCG referrals per quarter: " + zip(trend, values).map { "\($0.0.quarter.title) \(shown($0.1))" }.joined(separator: ", ") + ".",
                             categories: trend.map(\.quarter.title), series: [s], valueLabel: "Referrals"),
                       source: "Source: ocg-referrals.csv of each quarter folder."
                           + (gaps.isEmpty ? "" : " The line has a gap at \(TextMatch.list(gaps)): fewer than \(partnership.suppressionThreshold) referrals, not drawn to protect small numbers."), name: "OCG referrals by quarter")
            }
        }
        h2("You said, we did", id: "you-said-we-did")
        guard let ysw = analysis.records.youSaidWeDid, !ysw.isEmpty else {
            para("No “you said, we did” items were recorded this quarter.")
            return
        }
        if isPublic {
            para("\(inWords(ysw.count, "item")) of youth consultation feedback, and the response to each, were recorded this quarter; they are listed in the board edition.")
            return
        }
        let rows = capped(ysw.sorted { $0.date < $1.date }).map { y in
            [TableCell(date(y.date)), TableCell(y.area), TableCell(y.source), TableCell(y.youSaid), TableCell(y.weDid)]
        }
        blocks.append(.table(Table(columns: [.text, .text, TableColumn(.left, maxWidth: 80), TableColumn(.left, maxWidth: 150), TableColumn(.left, maxWidth: 150)],
                                   headerRows: [["Date", "Area", "Source", "You said", "We did"]],
                                   rows: rows, caption: "You said, we did")))
        cappedNote(ysw.count, "items", file: "you-said-we-did.csv")
    }

    // MARK: 10. What changed

    mutating func changesSection() {
        h1("What changed since last quarter", id: "changes")
        let c = analysis.changes
        if isPublic {
            para("This quarter \(inWords(c.newCases.count, "case was", "cases were")) opened and \(inWords(c.closedCases.count, "case was", "cases were")) closed; \(inWords(c.newBlockers.count, "blocker was", "blockers were")) raised and \(inWords(c.resolvedBlockers.count, "blocker was", "blockers were")) resolved. The board edition lists each one.")
            return
        }
        func caseRows(_ list: [PSGCase], closed: Bool) -> [[TableCell]] {
            list.map { k in
                [TableCell(k.id), TableCell(k.area), TableCell(k.title), TableCell(date(closed ? k.closed : k.opened)),
                 TableCell(closed ? (k.outcome?.label ?? "") : k.status.label)]
            }
        }
        h2("New cases", id: "new-cases")
        if c.newCases.isEmpty { para("No cases were opened.") } else {
            blocks.append(.table(Table(columns: [.text, .text, TableColumn(.left, maxWidth: 250), .text, .text],
                                       headerRows: [["Case", "Area", "Title", "Opened", "Status"]], rows: caseRows(capped(c.newCases), closed: false),
                                       caption: "Cases opened this quarter")))
            cappedNote(c.newCases.count, "new cases", file: "psg-cases.csv")
        }
        h2("Closed cases", id: "closed-cases")
        if c.closedCases.isEmpty { para("No cases were closed.") } else {
            blocks.append(.table(Table(columns: [.text, .text, TableColumn(.left, maxWidth: 250), .text, .text],
                                       headerRows: [["Case", "Area", "Title", "Closed", "Outcome"]], rows: caseRows(capped(c.closedCases), closed: true),
                                       caption: "Cases closed this quarter")))
            cappedNote(c.closedCases.count, "closed cases", file: "psg-cases.csv")
        }
        h2("New and resolved blockers", id: "changed-blockers")
        let changed = c.newBlockers.map { ($0, "Raised \(date($0.raised))") } + c.resolvedBlockers.map { ($0, "Resolved \(date($0.resolved))") }
        let rows = capped(changed).map { b, what in
            [TableCell(b.id), TableCell(b.area),
             TableCell([TextRun(b.description), TextRun("\nOwner: \(b.owner)", color: Palette.secondaryText)]), TableCell(what)]
        }
        if rows.isEmpty { para("No blockers were raised or resolved.") } else {
            blocks.append(.table(Table(columns: [.text, .text, .text, TableColumn(.left, maxWidth: 100)],
                                       headerRows: [["Blocker", "Area", "Description · owner", "Change"]], rows: rows,
                                       caption: "Blockers raised or resolved this quarter")))
            cappedNote(changed.count, "changed blockers", file: "blockers.csv")
        }
    }

    // MARK: 11. Appendix

    mutating func appendix() {
        blocks.append(.pageBreak)
        h1("Appendix", id: "appendix")
        h2("Definitions", id: "definitions")
        blocks.append(.list(BulletList([
            [TextRun("Quarter: ", bold: true), TextRun("\(quarter.title) runs from \(quarter.start.longDescription) to \(quarter.end.longDescription); the financial year starts in \(YearMonth.monthNames[partnership.yearStartMonth - 1]).")],
            [TextRun("Cases open at start: ", bold: true), TextRun("opened before the quarter and not closed before it. Opened and closed: within the quarter. Open at end: opened by the end and not closed by it; monitoring cases count as open. So open at start + opened − closed = open at end.")],
            [TextRun("Blockers: ", bold: true), TextRun("raised and resolved count those dated within the quarter; open counts blockers with status open at the end; escalated counts the open ones the PSG asks the board to act on.")],
            [TextRun("Successes: ", bold: true), TextRun("rows of successes.csv, all dated within the quarter.")],
            [TextRun("Operation Carmel activity: ", bold: true), TextRun("each measure’s values added up over the quarter’s three months, however many rows (teams, weeks) record it; measures of different kinds, such as events and people, are never added together.")],
            [TextRun("OCG referrals: ", bold: true), TextRun("the sum of referrals of young people at risk from organised crime groups, by route.")],
            [TextRun("City-wide: ", bold: true), TextRun("items that span areas; they appear beside the four areas and count in the totals.")],
        ])))
        if isPublic {
            h2("Small numbers in this edition", id: "small-numbers")
            para(disclosurePolicy)
        }

        h2("Data sources", id: "sources")
        var rows: [[TableCell]] = []
        let current = analysis.records.files
        for f in current {
            // A file's rows are counts the report shows or withholds (successes.csv holds one
            // success a row; blockers.csv's rows less those resolved are the open ones): the
            // public edition gives no row counts.
            if isPublic {
                rows.append([TableCell(f.path), TableCell(Format.count(f.bytes))])
            } else {
                rows.append([TableCell(f.path), TableCell(f.name.hasSuffix(".csv") ? Format.count(f.rows) : "—"), TableCell(Format.count(f.bytes))])
            }
        }
        blocks.append(.table(Table(columns: isPublic ? [TableColumn(.left, maxWidth: 300), .number] : [TableColumn(.left, maxWidth: 260), .number, .number],
                                   headerRows: [isPublic ? ["File", "Bytes"] : ["File", "Rows", "Bytes"]], rows: rows,
                                   caption: "The quarter’s input files")))
        if !analysis.history.isEmpty {
            para("History: the trends use the quarter folders \(analysis.history.map(\.quarter.description).joined(separator: ", ")).")
        }

        crimeAppendix()

        validationWarnings(inputs: "The inputs")
        provenance("Every figure in this report is computed from the files below. The SHA-256 of each file identifies its exact contents; the input-set hash covers them all, with the partnership configuration and the earlier quarters that feed the trends.")
    }

    /// The appendix's warnings: the table in the board edition, their number in the public one.
    /// `inputs` names what was checked ("The inputs"); `caption` the table's, when not the quarter's.
    mutating func validationWarnings(inputs: String, caption: String? = nil) {
        h2("Validation warnings", id: "warnings")
        if warnings.isEmpty {
            para("\(inputs) passed validation with no warnings.")
        } else if isPublic {
            para("\(inputs) passed validation with \(Format.plural(warnings.count, "warning")); they are listed in the board edition.")
        } else {
            warningsTable(caption: caption)
        }
    }

    /// Every input file with its SHA-256 and the input set's, after `intro`: the same in the
    /// quarterly and the annual report.
    mutating func provenance(_ intro: String) {
        h2("Provenance", id: "provenance")
        para(intro)
        let prov = inputs.sorted { $0.path < $1.path }.map { [TableCell($0.path), TableCell($0.sha256)] }
        // The hash column keeps each hash on one line: the paths wrap instead.
        blocks.append(.table(Table(columns: [TableColumn(.left, maxWidth: 120), .text], headerRows: [["File", "SHA-256"]],
                                   rows: prov, caption: "Input files and their SHA-256")))
        para([TextRun("Input set SHA-256: ", bold: true), TextRun(QuarterAnalysis.provenanceHash(of: inputs))])
        para("Made by cspreport from the files above; the same files give the same document, byte for byte.", style: .note)
    }
}

extension QuarterlyReport {
    /// A measure's value as the edition shows it: suppressed, or written in its unit.
    func shownMeasure(_ n: Int, unit: String?) -> String {
        suppressor.count(n).isSuppressed ? shown(n) : Format.measure(n, unit: unit)
    }

    /// The area's largest rise and largest fall on last quarter, measure by measure: a change
    /// is judged against its own measure's level (measures of different kinds are never
    /// compared by size), among measures of at least 5 last quarter, shown exactly.
    func carmelFinding(_ measures: [(measure: String, current: Int, previous: Int?)]) -> String? {
        guard analysis.previousSummary != nil else { return nil }
        struct Change { var measure: String; var current: Int; var previous: Int; var ratio: Double }
        let comparable = measures.compactMap { m -> Change? in
            guard let p = m.previous, p >= 5, suppressor.difference(from: p, to: m.current) != nil else { return nil }
            return Change(measure: m.measure, current: m.current, previous: p, ratio: Double(m.current - p) / Double(p))
        }
        func word(_ m: Change) -> String {
            let unit = partnership.unit(of: m.measure)
            return "\(QuarterlyReport.inSentence(m.measure)) (\(Format.measure(m.previous, unit: unit)) to \(Format.measure(m.current, unit: unit)))"
        }
        // Ties are not called: a single largest change, or none.
        func single(_ list: [Change], _ better: (Double, Double) -> Bool) -> Change? {
            guard let best = list.min(by: { better($0.ratio, $1.ratio) }) else { return nil }
            return list.filter { $0.ratio == best.ratio }.count == 1 ? best : nil
        }
        var parts: [String] = []
        if let rise = single(comparable.filter { $0.ratio > 0 }, >) { parts.append("the largest rise was in \(word(rise))") }
        if let fall = single(comparable.filter { $0.ratio < 0 }, <) { parts.append("the largest fall in \(word(fall))") }
        guard !parts.isEmpty else { return nil }
        return "Against \(quarter.previous?.title ?? "last quarter"), measure by measure, " + parts.joined(separator: " and ") + "."
    }

    /// A name inside a sentence: "School visits" → "school visits", but "CCTV reviews" and
    /// "ABCD conversations" keep their capitals.
    static func inSentence(_ name: String) -> String {
        let firstWord = name.prefix { $0 != " " }
        guard firstWord.count > 1, firstWord.dropFirst().allSatisfy({ !$0.isUppercase }) else { return name }
        return name.prefix(1).lowercased() + name.dropFirst()
    }

    /// Small multiples of the area's main measures month by month: one panel a step, each on
    /// its own scale, never adding measures of different units. In the public edition a panel
    /// with a suppressed month, or adding a measure the table suppresses, is not drawn (its
    /// months would give the suppressed count back), and the note says which.
    mutating func carmelPanels(_ area: String) {
        let panels = analysis.carmelPanels(area: area)
        let months = quarter.months
        let current = summary.area(area).activity
        let drawn = panels.filter { p in
            guard isPublic else { return true }
            if p.monthly.contains(where: { suppressor.count($0).isSuppressed }) { return false }
            return !(p.measures.count > 1 && p.measures.contains { suppressor.count(current[p.step]?[$0] ?? 0).isSuppressed })
        }
        let omitted = panels.filter { !drawn.contains($0) }
        guard !drawn.isEmpty else {
            if !omitted.isEmpty { note("\(area)’s monthly panels are not drawn in this edition, to protect small numbers.") }
            return
        }
        let series = drawn.map { ChartSeries($0.label, $0.monthly.map(Double.init)) }
        let alt = "Small line charts, one per Operation Carmel step, each on its own scale, of \(area)’s main measures in each month of the quarter. "
            + drawn.map { p in "\(p.label): " + zip(months, p.monthly).map { "\($0.0.shortName) \(Format.measure($0.1, unit: p.unit))" }.joined(separator: ", ") }.joined(separator: "; ") + "."
        var c = chart(.smallMultiples(columns: 2), title: "\(area): each step’s main measure, month by month", alt: alt,
                      categories: months.map { String($0.shortName.prefix(3)) }, series: series, keepAll: true,
                      height: series.count > 2 ? 200 : 110)
        c.independentScales = true
        var source = "Source: carmel-activity.csv. Each panel has its own scale: compare the shapes, not the heights. "
        source += partnership.measures == nil
            ? "Each panel shows the step’s largest measure; other measures are in the table above, as measures of different kinds are not added together."
            : "A panel adds the step’s measures that csp.yaml counts in the same unit; measures of different units are never added together."
        for p in drawn where p.measures.count > 1 {
            let named = Array(p.measures.prefix(6)) + (p.measures.count > 6 ? ["\(p.measures.count - 6) more"] : [])
            source += " \(p.label) adds \(TextMatch.list(named))."
        }
        if !omitted.isEmpty {
            source += " Not drawn, to protect small numbers: \(omitted.map(\.label).joined(separator: ", "))."
        }
        figure(c, source: source, name: "\(area) activity by month")
    }

    /// This quarter's cases open at the start against those open at the end of last quarter,
    /// area by area: they agree, or the cases that make the difference are named (board) or
    /// the areas are (public: no case-level detail, and no counts that could be subtracted).
    mutating func reconciliation() {
        guard let c = analysis.continuity else { return }
        let last = c.previousQuarter.title
        let differing = c.areas.filter { !$0.agrees }
        if differing.isEmpty {
            para("Each area’s cases open at the start of the quarter are those open at the end of \(last).")
            return
        }
        let names = TextMatch.list(differing.map(\.area))
        if isPublic {
            para("In \(names), the cases open at the start of the quarter differ from those open at the end of \(last); the board edition names the cases that make the difference.")
            return
        }
        para("In \(names), the cases open at the start of the quarter differ from those open at the end of \(last). The cases that make the difference:")
        let rows = differing.map { a -> [TableCell] in
            let why = a.differences.map { d in
                [TextRun(d.psgCase.id + " ", bold: true), TextRun((d.effect > 0 ? "+1 " : "−1 ") + d.reason.explanation)]
            }
            var runs: [TextRun] = []
            for (i, w) in why.enumerated() {
                if i > 0 { runs.append(TextRun("\n")) }
                runs += w
            }
            return [TableCell(a.area), TableCell(Format.count(a.openAtEndLastQuarter)), TableCell(Format.count(a.openAtStart)), TableCell(runs)]
        }
        blocks.append(.table(Table(columns: [.text, .number, .number, .text],
                                   headerRows: [[TableCell("Area"), TableCell("Open at end of \(last)"), TableCell("Open at start"), TableCell("Cases that differ")]],
                                   rows: rows, caption: "Open at the start against the end of \(last)", rowHeaders: true)))
    }

    /// The most warnings the appendix lists: past that, the chair has `cspreport validate`.
    static let warningsListed = 40

    /// This quarter's warnings as a short table: where, what, and how many rows each stands
    /// for (rows that repeat a problem are one warning).
    mutating func warningsTable(caption: String? = nil) {
        var bag = Diagnostics()
        bag.append(contentsOf: warnings)
        let sorted = bag.sorted
        let rows = sorted.reduce(0) { $0 + $1.count }
        para("The inputs passed validation with \(Format.plural(sorted.count, "warning"))"
             + (rows > sorted.count ? ", covering \(Format.plural(rows, "row"))" : "")
             + ". A problem that several rows share is listed once, at its first row, with the number of rows.")
        let shown = sorted.prefix(QuarterlyReport.warningsListed)
        let table = Table(columns: [TableColumn(.left, maxWidth: 110), .text, .number],
                          headerRows: [["Where", "Warning", "Rows"]],
                          rows: shown.map { d in
                              [TableCell(QuarterlyReport.place(d.location)), TableCell(d.message.prefix(1).uppercased() + d.message.dropFirst()),
                               TableCell(Format.count(d.count))]
                          },
                          caption: caption ?? "Validation warnings for \(quarter.title)")
        blocks.append(.table(table))
        if sorted.count > shown.count {
            note("\(Format.plural(sorted.count - shown.count, "more warning")) not listed here; run cspreport validate to see them all.")
        }
    }

    /// A file's place shown short: the file name (the warnings are this quarter's), then the
    /// spreadsheet cell for a CSV file (where the chair finds it in Excel), else the line.
    static func place(_ l: SourceLocation) -> String {
        var out = Path.lastComponent(l.file)
        if let sheet = l.sheet { out += ", sheet \(sheet)" }
        if let cell = l.cell { out += ", \(cell.column == nil ? "" : "cell ")\(cell)" } else if let line = l.line { out += ", line \(line)" }
        return out
    }
}

extension QuarterSummary {
    /// Cases active in the quarter (open at start plus opened).
    var activeCases: Int { totals.cases.openAtStart + totals.cases.opened }
}
