import ArgumentParser
import CSPAggregate
import CSPCore
import CSPModel
import CSPValidate

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print a quarter's aggregates: a table, or JSON with --json.",
        discussion: "The same numbers the PDF shows. Invalid input gets the diagnostics of `validate` and exit status 1. With --year 2024-25, give the reports folder instead of a quarter folder: the financial year's figures, flows added over its quarters, stocks at its start and end."
    )

    @OptionGroup var quarter: QuarterOptions

    @Flag(help: "Print JSON in the shape documented in the README.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("The financial year, such as 2024-25: the argument is then the reports folder.", valueName: "year"))
    var year: String?

    func validate() throws {
        if let year, FinancialYear.parse(year) == nil {
            throw ValidationError("--year \(year) is not a financial year: write it as the quarter folders do, such as 2024-25")
        }
        if year == nil { try QuarterOptions.refuseReportsFolder(quarter.quarterDirectory, year: true) }
    }

    func run() throws {
        if let year {
            let (input, _) = try YearOptions.load(quarter.quarterDirectory, year: year)
            guard let summary = input.summary() else { throw ExitStatus.invalidInput }
            Console.out(json ? YearSummaryJSON.render(summary) : SummaryTable.render(summary, partnership: input.partnership))
            return
        }
        let (input, _) = try quarter.load()
        var summary = Aggregator.summarise(input.current, partnership: input.partnership)
        summary.crime = CrimeAggregator.quarter(input.crime, quarter: summary.quarter, partnership: input.partnership)
        if json {
            Console.out(SummaryJSON.render(summary, plan: input.partnership.plan.map { plan in
                let previous = input.history.last { $0.quarter == summary.quarter.previous }
                return PlanProgress.evaluate(plan, ratings: input.current.narrative?.progress, summary: summary,
                                             previous: previous.map { Aggregator.summarise($0, partnership: input.partnership) })
            }))
        } else {
            Console.out(SummaryTable.render(summary, partnership: input.partnership))
        }
    }
}

/// The summary as a plain-text table for a terminal.
enum SummaryTable {
    static func render(_ s: QuarterSummary, partnership: Partnership) -> String {
        var out = "\(partnership.shortName) — \(s.quarter.description) (\(s.quarter.monthRange))\n\n"
        out += table(s.areaOrder, area: s.area, totals: s.totals)
        if let crime = s.crime { out += crimeLines(crime, order: s.areaOrder) }
        return out
    }

    static func render(_ y: YearSummary, partnership: Partnership) -> String {
        var out = "\(partnership.shortName) — \(y.year) (\(y.year.monthRange))\n"
        out += "Quarters: \(y.quarters.map(\.quarter.description).joined(separator: ", "))"
        out += y.missing.isEmpty ? "\n\n" : "; missing, so not covered: \(y.missing.map(\.description).joined(separator: ", "))\n\n"
        out += table(y.areaOrder, area: y.area, totals: y.totals)
        let changed = y.areaOrder.filter { y.changedBetweenQuarters($0) != 0 }
        if !changed.isEmpty {
            out += "\nCases that changed between quarters (reopened, moved area, added late or forgotten), so that open at start + opened − closed + changed = open at end: "
                + changed.map { "\($0) \(Format.signed(y.changedBetweenQuarters($0)))" }.joined(separator: ", ") + "\n"
        }
        if let crime = y.crime, crime.isAvailable {
            out += "\nCrime and ASB (police.uk), \(crime.monthsWithData.count) of 12 months: \(Format.count(crime.totals.crime)) crimes, \(Format.count(crime.totals.asb)) ASB"
            if let p = crime.previous { out += "; the year before \(Format.count(p.totals.crime)) crimes, \(Format.count(p.totals.asb)) ASB" }
            out += "\n"
        }
        return out
    }

    static func table(_ areaOrder: [String], area: (String) -> AreaSummary, totals: AreaSummary) -> String {
        var out = ""
        let headers = ["Area", "Open at start", "Opened", "Closed", "Open at end", "Successes",
                       "Blockers raised", "Resolved", "Open", "Escalated", "OCG referrals"]
        var rows: [[String]] = []
        for name in areaOrder {
            rows.append(row(name, area(name)))
        }
        rows.append(row("Total", totals))
        var widths = headers.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let padding = String(repeating: " ", count: widths[i] - c.count)
                return i == 0 ? c + padding : padding + c
            }.joined(separator: "  ") + "\n"
        }
        out += line(headers)
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for (i, r) in rows.enumerated() {
            if i == rows.count - 1 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
            out += line(r)
        }
        out += "\nOperation Carmel activity (all areas)\n"
        for step in CarmelStep.allCases {
            let measures = (totals.activity[step] ?? [:]).sorted { $0.key < $1.key }
            out += "  \(step.label): " + (measures.isEmpty ? "none recorded" : measures.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) + "\n"
        }
        let stages = ProjectStage.allCases.compactMap { st in totals.projectsByStage[st].map { "\($0) \(st.rawValue)" } }
        out += "\nThink Communities projects: " + (stages.isEmpty ? "none" : stages.joined(separator: ", ")) + "\n"
        return out
    }

    static func row(_ name: String, _ a: AreaSummary) -> [String] {
        [name, a.cases.openAtStart, a.cases.opened, a.cases.closed, a.cases.openAtEnd, a.successes,
         a.blockers.raised, a.blockers.resolved, a.blockers.open, a.blockers.escalatedOpen, a.ocgReferrals]
            .enumerated().map { $0.offset == 0 ? name : String(describing: $0.element) }
    }
}
