import CSPAggregate
import CSPCore
import CSPDisplay
import CSPLayout
import CSPModel

extension QuarterlyReport {
    // MARK: 3a. Progress against the plan

    /// Each priority with its lead; each outcome with the chair's rating in words and colour,
    /// the note, and its evidence figures against last quarter. Left out when csp.yaml has no
    /// plan.
    mutating func planProgress() {
        guard let plan = partnership.plan else { return }
        // Each quarter's figures by pointer, made once: a county's summary has many thousands.
        let now = SummaryFigures(summary: summary, pointers: SummaryPointers(summary))
        let before = analysis.previousSummary.map { SummaryFigures(summary: $0, pointers: SummaryPointers($0)) }
        let progress = PlanProgress.evaluate(plan, ratings: analysis.records.narrative?.progress,
                                             now: now.pointers, before: before?.pointers)
        h1("Progress against the plan", id: "plan")
        let title = plan.title ?? "Community Safety Plan"
        let name = title.lowercased().hasPrefix("the ") ? title : "the " + title
        para([TextRun(PlanProgress.glance(progress) + ". ", bold: true),
              TextRun("The chair rates each outcome of \(name) this quarter; under an outcome are the figures that show how it is going, with \(analysis.previousSummary == nil ? "no change shown, as there is no folder for last quarter" : "their change on last quarter and whether they moved the way the plan wants").")])
        // What needs the board, with the chair's reason, before the detail.
        let attention = progress.flatMap(\.outcomes).filter { $0.status == .offTrack || $0.status == .atRisk }
            .sorted { ($0.status == .offTrack ? 0 : 1) < ($1.status == .offTrack ? 0 : 1) }
        if !attention.isEmpty {
            blocks.append(.list(BulletList(attention.map { o in
                var runs = [TextRun("\(o.status?.label ?? ""): ", bold: true), TextRun(o.outcome.text)]
                if let note = o.rating?.note, !note.isEmpty { runs.append(TextRun((o.outcome.text.hasSuffix(".") ? " " : ". ") + note, italic: true)) }
                return runs
            })))
        }
        let hasPrevious = analysis.previousSummary != nil
        for (i, p) in progress.enumerated() {
            h2("Priority \(i + 1): \(p.priority.name)", id: "plan-priority-\(i + 1)")
            var rows: [[TableCell]] = []
            var groups = Set<Int>()
            var hidden = false
            for o in p.outcomes {
                var what = [TextRun(o.outcome.text, bold: true)]
                if let note = o.rating?.note, !note.isEmpty { what.append(TextRun("\n" + note)) }
                // The board sees what the warning told the chair; in the public edition the
                // movements may be withheld, and the remark would give them away.
                if !isPublic && o.onTrackAgainstEvidence {
                    what.append(TextRun("\nRated on track, though all its evidence moved the wrong way on last quarter.", italic: true))
                }
                if !o.evidence.isEmpty { groups.insert(rows.count) }
                rows.append([TableCell(what), statusCell(o.status), ""]
                            + (hasPrevious ? ["", ""] : []))
                for e in o.evidence {
                    let shown = shownEvidence(e, now: now, before: before)
                    hidden = hidden || shown.hidden
                    let label = QuarterlyReport.figureLabel(e.figure.pointer)
                    rows.append([TableCell(label, indent: QuarterlyReport.measureIndent),
                                 "", TableCell(shown.value)] + (hasPrevious ? [TableCell(shown.previous), TableCell(shown.change)] : []))
                }
            }
            // Without last quarter's folder there is nothing to compare: the intro says so once,
            // and the table has no columns of blanks.
            let columns: [TableColumn] = [.text, TableColumn(.left, maxWidth: 80), .number]
                + (hasPrevious ? [.number, TableColumn(.left, maxWidth: 120)] : [])
            let header: [TableCell] = ["Outcome and its evidence", "Status", "This\nquarter"] + (hasPrevious ? ["Last\nquarter", "Change"] : [])
            blocks.append(.table(Table(columns: columns, headerRows: [header],
                                       rows: rows, caption: "Priority \(i + 1): outcomes and evidence" + (p.priority.lead.map { "; lead: \($0)" } ?? ""),
                                       // Not row headers: they are set in semibold, and the note under an
                                       // outcome reads as the chair's words only in the regular weight.
                                       zebra: false, rowHeaders: false,
                                       note: hidden ? "A change is not given where either quarter’s figure is fewer than \(partnership.suppressionThreshold) or withheld (see “Small numbers in this edition” in the appendix)." : nil,
                                       groupRows: groups)))
        }
    }

    func statusCell(_ status: OutcomeStatus?) -> TableCell {
        guard let status else { return TableCell("Not rated", status: .neutral) }
        switch status {
        case .onTrack, .complete: return TableCell(status.label, status: .good)
        case .atRisk: return TableCell(status.label, status: .warning)
        case .offTrack: return TableCell(status.label, status: .bad)
        case .notStarted: return TableCell(status.label, status: .neutral)
        }
    }

    /// An evidence figure as this edition may show it: this quarter, last quarter, the change
    /// in words; `hidden` when the public edition withholds a value or the change.
    /// `now` and `before`: the figures of this quarter's and last quarter's summaries.
    func shownEvidence(_ e: EvidenceProgress, now figuresNow: SummaryFigures,
                       before figuresBefore: SummaryFigures?) -> (value: String, previous: String, change: String, hidden: Bool) {
        let now = shownFigure(e.figure.pointer, in: figuresNow)
        let before = figuresBefore.map { shownFigure(e.figure.pointer, in: $0) }
        let value = e.value == nil ? "not recorded" : now.text
        let previous = e.previous == nil ? "not recorded" : before?.text ?? ""
        guard let change = e.change, let moved = e.moved else { return (value, previous, "", false) }
        if now.isSuppressed || before?.isSuppressed != false {
            return (value, previous, "not shown", true)
        }
        let size = Format.count(abs(change))
        switch moved {
        case .same: return (value, previous, "no change", false)
        case .better: return (value, previous, "\(change > 0 ? "up" : "down") \(size): better", false)
        case .worse: return (value, previous, "\(change > 0 ? "up" : "down") \(size): worse", false)
        }
    }

    /// The figure at `pointer` as the rest of this edition shows it: an area's figure as a
    /// part of the total over the areas (so that, with the total shown elsewhere, it gives no
    /// small count away), the totals' figures on their own.
    func shownFigure(_ pointer: String, in quarter: SummaryFigures) -> ShownCount {
        let (s, figures) = (quarter.summary, quarter.pointers)
        guard let value = figures.number(at: pointer) else { return .exact(0) }
        guard suppressor.suppresses, let tokens = SummaryPointer(figure: pointer)?.tokens, tokens.count > 2, tokens[0] == "areas" else {
            return suppressor.count(value)
        }
        let rest = Array(tokens.dropFirst(2))
        // The public case table leaves open-at-start out (its row arithmetic would give small
        // counts away), so its parts are never shown.
        if rest == ["cases", "open_at_start"] { return .withheld }
        let values = s.areaOrder.map { figures.number(at: SummaryPointer(tokens: ["areas", $0] + rest).description) ?? 0 }
        guard let i = s.areaOrder.firstIndex(of: tokens[1]) else { return suppressor.count(value) }
        return suppressor.parts(values, totalShown: true).parts[i]
    }

    /// A figure of the summary in words: "OCG referrals, all areas", "Think Communities
    /// projects active, North". The pointer itself when it is not one the report knows.
    static func figureLabel(_ pointer: String) -> String {
        guard let tokens = SummaryPointer(figure: pointer)?.tokens, let first = tokens.first else { return pointer }
        let scope: String, rest: ArraySlice<String>
        if first == "totals" { scope = "all areas"; rest = tokens.dropFirst() } else if first == "areas", tokens.count > 1 {
            scope = tokens[1]; rest = tokens.dropFirst(2)
        } else { return pointer }
        let r = Array(rest)
        var what: String?
        if r == ["ocg_referrals"] { what = "OCG referrals" }
        if r == ["successes"] { what = "Successes" }
        if r.count == 2 && r[0] == "cases" {
            what = ["open_at_start": "Cases open at the start", "opened": "Cases opened", "closed": "Cases closed",
                    "open_at_end": "Cases open at the end"][r[1]]
        }
        if r.count == 2 && r[0] == "blockers" {
            what = ["raised": "Blockers raised", "resolved": "Blockers resolved", "open": "Blockers open",
                    "escalated_open": "Blockers open and escalated"][r[1]]
        }
        if r.count == 2 && r[0] == "think_communities" { what = "Think Communities projects \(r[1])" }
        if r.count == 3 && r[0] == "activity" {
            what = "\(r[2]) (\(CarmelStep(rawValue: r[1])?.label.lowercased() ?? r[1]))"
        }
        return what.map { "\($0), \(scope)" } ?? pointer
    }
}

/// A quarter's summary with its figures by pointer.
struct SummaryFigures {
    var summary: QuarterSummary
    var pointers: SummaryPointers
}
