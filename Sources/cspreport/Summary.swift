import ArgumentParser
import CSPAggregate
import CSPCore
import CSPModel
import CSPValidate

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print a quarter's aggregates: a table, or JSON with --json.",
        discussion: "The same numbers the PDF shows. Invalid input gets the diagnostics of `validate` and exit status 1."
    )

    @OptionGroup var quarter: QuarterOptions

    @Flag(help: "Print JSON in the shape documented in the README.")
    var json = false

    func run() throws {
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
        let headers = ["Area", "Open at start", "Opened", "Closed", "Open at end", "Successes",
                       "Blockers raised", "Resolved", "Open", "Escalated", "OCG referrals"]
        var rows: [[String]] = []
        for name in s.areaOrder {
            rows.append(row(name, s.area(name)))
        }
        rows.append(row("Total", s.totals))
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
            let measures = (s.totals.activity[step] ?? [:]).sorted { $0.key < $1.key }
            out += "  \(step.label): " + (measures.isEmpty ? "none recorded" : measures.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) + "\n"
        }
        let stages = ProjectStage.allCases.compactMap { st in s.totals.projectsByStage[st].map { "\($0) \(st.rawValue)" } }
        out += "\nThink Communities projects: " + (stages.isEmpty ? "none" : stages.joined(separator: ", ")) + "\n"
        if let crime = s.crime { out += crimeLines(crime, order: s.areaOrder) }
        return out
    }

    static func row(_ name: String, _ a: AreaSummary) -> [String] {
        [name, a.cases.openAtStart, a.cases.opened, a.cases.closed, a.cases.openAtEnd, a.successes,
         a.blockers.raised, a.blockers.resolved, a.blockers.open, a.blockers.escalatedOpen, a.ocgReferrals]
            .enumerated().map { $0.offset == 0 ? name : String(describing: $0.element) }
    }
}
