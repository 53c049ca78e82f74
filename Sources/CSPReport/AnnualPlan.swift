import CSPAggregate
import CSPCore
import CSPDisplay
import CSPLayout
import CSPModel

extension AnnualReport {
    // MARK: Progress against the plan over the year

    /// Each outcome's rating quarter by quarter, in words and colour, with the chair's last note:
    /// the board sees which outcomes slipped during the year and which recovered. Left out when
    /// csp.yaml has no plan. The ratings are the chair's words, the same in both editions.
    mutating func planThroughTheYear() {
        guard let plan = partnership.plan else { return }
        r.h1("Progress against the plan through the year", id: "plan")
        let title = plan.title ?? "Community Safety Plan"
        let name = title.lowercased().hasPrefix("the ") ? title : "the " + title
        let lastQuarter = records.last
        let atEnd = plan.outcomes.map { lastQuarter?.narrative?.progress?[$0.id]?.status }
        let troubled = plan.outcomes.filter { o in
            records.contains { [.atRisk, .offTrack].contains($0.narrative?.progress?[o.id]?.status) }
        }
        var summary = "At the end of \(lastQuarter.map { $0.quarter.title } ?? year.year.description), "
            + AnnualReport.tally(atEnd) + "."
        if !troubled.isEmpty {
            summary += " \(English.count(troubled.count, "outcome")) \(troubled.count == 1 ? "was" : "were") rated at risk or off track in at least one quarter."
        }
        r.para([TextRun(summary + " ", bold: true),
                TextRun("The chair rates each outcome of \(name) every quarter; the table gives each quarter’s rating and the chair’s latest note.")])
        for (i, p) in plan.priorities.enumerated() {
            r.h2("Priority \(i + 1): \(p.name)", id: "plan-priority-\(i + 1)")
            var rows: [[TableCell]] = []
            for o in p.outcomes {
                var what = [TextRun(o.text, bold: true)]
                if let note = records.last(where: { !($0.narrative?.progress?[o.id]?.note ?? "").isEmpty })
                    .flatMap({ q in q.narrative?.progress?[o.id].map { (q.quarter, $0.note) } }) {
                    what.append(TextRun("\n\(note.0.title): \(note.1)"))
                }
                rows.append([TableCell(what)] + quarters.map { q in
                    guard let records = records.first(where: { $0.quarter == q }) else { return TableCell("No folder", status: .neutral) }
                    return r.statusCell(records.narrative?.progress?[o.id]?.status)
                })
            }
            let columns: [TableColumn] = [.text] + quarters.map { _ in TableColumn(.left, maxWidth: 70) }
            r.blocks.append(.table(Table(columns: columns, headerRows: [[TableCell("Outcome")] + quarterLabels.map { TableCell($0) }], rows: rows,
                                         caption: "Priority \(i + 1): each outcome’s rating by quarter" + (p.lead.map { "; lead: \($0)" } ?? ""),
                                         zebra: false)))
        }
    }

    /// "4 of 6 outcomes on track or complete, 2 at risk".
    static func tally(_ statuses: [OutcomeStatus?]) -> String {
        let total = statuses.count
        let good = statuses.filter { $0 == .onTrack || $0 == .complete }.count
        var parts = ["\(good) of \(English.count(total, "outcome")) on track or complete"]
        for (status, word) in [(OutcomeStatus.atRisk, "at risk"), (.offTrack, "off track"), (.notStarted, "not started")] {
            let n = statuses.filter { $0 == status }.count
            if n > 0 { parts.append("\(n) \(word)") }
        }
        let unrated = statuses.filter { $0 == nil }.count
        if unrated > 0 { parts.append("\(unrated) not rated") }
        return TextMatch.list(parts)
    }
}
