import CSPCore
import CSPModel

/// How an evidence figure moved on last quarter, against the way the plan wants it to move.
public enum Movement: String, Hashable, Sendable {
    case better, worse, same
}

/// One evidence figure of an outcome this quarter.
public struct EvidenceProgress: Hashable, Sendable {
    public var figure: EvidenceFigure
    /// Nil when the pointer names no figure this quarter.
    public var value: Int?
    /// Nil when there is no folder for last quarter, or the pointer names no figure in it.
    public var previous: Int?

    public var change: Int? {
        guard let value, let previous else { return nil }
        return value - previous
    }

    /// Nil when either quarter's value is missing.
    public var moved: Movement? {
        guard let change else { return nil }
        if change == 0 { return .same }
        return (change > 0) == (figure.better == .up) ? .better : .worse
    }
}

public struct OutcomeProgress: Hashable, Sendable {
    public var outcome: PlanOutcome
    /// Nil when quarter.yaml does not rate it.
    public var rating: OutcomeRating?
    public var evidence: [EvidenceProgress]

    public var status: OutcomeStatus? { rating?.status }

    /// Rated on track while every evidence figure moved the wrong way: worth the chair's second
    /// look before the board sees it.
    public var onTrackAgainstEvidence: Bool {
        status == .onTrack && !evidence.isEmpty && evidence.allSatisfy { $0.moved == .worse }
    }
}

public struct PriorityProgress: Hashable, Sendable {
    public var priority: PlanPriority
    public var outcomes: [OutcomeProgress]
}

public enum PlanProgress {
    /// Each outcome with the chair's rating and its evidence: this quarter's value and last
    /// quarter's (nil when `previous` is nil). Pure.
    public static func evaluate(_ plan: Plan, ratings: [String: OutcomeRating]?, summary: QuarterSummary,
                                previous: QuarterSummary?) -> [PriorityProgress] {
        evaluate(plan, ratings: ratings, now: SummaryPointers(summary), before: previous.map(SummaryPointers.init))
    }

    /// The same from the quarters' figures by pointer, for a caller that has them already.
    public static func evaluate(_ plan: Plan, ratings: [String: OutcomeRating]?, now: SummaryPointers,
                                before: SummaryPointers?) -> [PriorityProgress] {
        plan.priorities.map { p in
            PriorityProgress(priority: p, outcomes: p.outcomes.map { o in
                OutcomeProgress(outcome: o, rating: ratings?[o.id], evidence: o.evidence.map { e in
                    EvidenceProgress(figure: e, value: now.number(at: e.pointer), previous: before?.number(at: e.pointer))
                })
            })
        }
    }

    /// "2 of 6 outcomes at risk, 1 off track; 2 on track and 1 complete": what needs the
    /// board first, every outcome counted once.
    public static func glance(_ progress: [PriorityProgress]) -> String {
        let outcomes = progress.flatMap(\.outcomes)
        let n = outcomes.count
        guard n > 0 else { return "The plan has no outcomes" }
        func count(_ s: OutcomeStatus?) -> Int { outcomes.filter { $0.status == s }.count }
        func parts(_ statuses: [OutcomeStatus?]) -> [String] {
            statuses.filter { count($0) > 0 }.map { "\(count($0)) \($0?.label.lowercased() ?? "not rated")" }
        }
        let attention = parts([.atRisk, .offTrack])
        let rest = parts([.onTrack, .complete, .notStarted, nil])
        guard let first = attention.first else {
            return "None of the \(n) outcomes is at risk or off track: " + TextMatch.list(rest)
        }
        // "2 at risk" → "2 of 6 outcomes at risk".
        let space = first.firstIndex(of: " ") ?? first.endIndex
        let lead = first[..<space] + " of \(n) \(n == 1 ? "outcome" : "outcomes")" + first[space...]
        return ([String(lead)] + attention.dropFirst()).joined(separator: ", ")
            + (rest.isEmpty ? "" : "; " + TextMatch.list(rest))
    }
}

extension SummaryJSON {
    /// `"plan": [{"priority", "lead", "outcomes": [{"id", "text", "status", "note", "evidence":
    /// [{"figure", "value", "previous", "better", "moved"}]}]}]`; null for what is not known.
    static func planArray(_ w: inout JSONWriter, _ plan: [PriorityProgress]) {
        w.key("plan")
        w.beginArray()
        for p in plan {
            w.beginObject()
                w.key("priority"); w.string(p.priority.name)
                w.key("lead"); w.stringOrNull(p.priority.lead)
                w.key("outcomes")
                w.beginArray()
                for o in p.outcomes {
                    w.beginObject()
                        w.key("id"); w.string(o.outcome.id)
                        w.key("text"); w.string(o.outcome.text)
                        w.key("status"); w.stringOrNull(o.status?.rawValue)
                        w.key("note"); w.stringOrNull(o.rating.flatMap { $0.note.isEmpty ? nil : $0.note })
                        w.key("evidence")
                        w.beginArray()
                        for e in o.evidence {
                            w.beginObject()
                                w.key("figure"); w.string(e.figure.pointer)
                                w.key("value"); w.numberOrNull(e.value)
                                w.key("previous"); w.numberOrNull(e.previous)
                                w.key("better"); w.string(e.figure.better.rawValue)
                                w.key("moved"); w.stringOrNull(e.moved?.rawValue)
                            w.endObject()
                        }
                        w.endArray()
                    w.endObject()
                }
                w.endArray()
            w.endObject()
        }
        w.endArray()
    }
}
