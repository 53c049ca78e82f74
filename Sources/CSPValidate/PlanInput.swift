import CSPAggregate
import CSPCore
import CSPIngest
import CSPModel

/// The plan in csp.yaml (`plan:`), the chair's ratings in quarter.yaml (`progress:`), and
/// the checks that need a quarter's figures: evidence that names no figure this quarter, and
/// an outcome rated on track while its evidence all moved the wrong way.
enum PlanInput {
    static let statusList = OutcomeStatus.allCases.map(\.rawValue)
    static let planKeys = ["title", "priorities"]
    static let priorityKeys = ["name", "lead", "outcomes"]
    static let outcomeKeys = ["id", "text", "evidence"]
    static let evidenceKeys = ["figure", "better"]
    static let ratingKeys = ["status", "note"]
    static let evidenceExample = "{figure: /totals/ocg_referrals, better: up}"

    static func unknownKeys(_ node: YAMLNode, known: [String], in what: String) -> [Diagnostic] {
        (node.mappingEntries ?? []).filter { !known.contains($0.key.lowercased()) }.map { e in
            var message = "unknown key \(TextMatch.quoted(e.key)) in \(what) is ignored (\(what) has \(known.map { $0 + ":" }.joined(separator: ", ")))"
            if let s = TextMatch.suggestion(for: e.key, among: known) { message += "; did you mean \"\(s)\"?" }
            return .warning(e.keyLocation, message)
        }
    }

    /// A value as one line of text: a name or outcome written over several lines (`|`, `>`)
    /// is one sentence in the report and the JSON.
    static func text(_ node: YAMLNode?) -> String? {
        guard let s = node?.string, case let line = NarrativeLoader.paragraphsOf(s).joined(separator: " "), !line.isEmpty else { return nil }
        return line
    }

    // MARK: csp.yaml

    /// `plan:`, checked against the partnership's areas and measures (a pointer that no
    /// quarter's summary can have is an error). Nil when it cannot be used.
    static func plan(_ node: YAMLNode, partnership: Partnership) -> (Plan?, [Diagnostic]) {
        var d: [Diagnostic] = []
        guard case .mapping = node.kind else {
            return (nil, [.error(node.location, "plan must be a set of keys: title: and priorities:, each priority with name:, lead: and outcomes:")])
        }
        d += unknownKeys(node, known: planKeys, in: "the plan")
        let title = text(node["title"]?.value)
        guard let list = node["priorities"]?.value, case .sequence(let items) = list.kind, !items.isEmpty else {
            let at = node["priorities"]?.value.location ?? node.location
            return (nil, d + [.error(at, "the plan has no priorities; list them under priorities:, each as `- name: …` with lead: and outcomes:")])
        }
        let possible = SummaryPointers.possible(for: partnership)
        var priorities: [PlanPriority] = []
        var seen: [String: Int] = [:]
        for item in items {
            guard case .mapping = item.kind else {
                d.append(.error(item.location, "each priority must be a set of keys: name:, lead: and outcomes:"))
                continue
            }
            d += unknownKeys(item, known: priorityKeys, in: "a priority")
            guard let name = text(item["name"]?.value) else {
                d.append(.error(item["name"]?.value.location ?? item.location, "this priority has no name; write it as `- name: Safeguarding young people against violence and exploitation`"))
                continue
            }
            var outcomes: [PlanOutcome] = []
            guard let list = item["outcomes"]?.value, case .sequence(let outcomeItems) = list.kind, !outcomeItems.isEmpty else {
                d.append(.error(item["outcomes"]?.value.location ?? item.location, "priority \(TextMatch.quoted(name)) has no outcomes; list them under outcomes:, each as `- id: P1-a` with text: and evidence:"))
                continue
            }
            for o in outcomeItems {
                guard case .mapping = o.kind else {
                    d.append(.error(o.location, "each outcome must be a set of keys: id:, text: and evidence:"))
                    continue
                }
                d += unknownKeys(o, known: outcomeKeys, in: "an outcome")
                guard let id = text(o["id"]?.value) else {
                    d.append(.error(o["id"]?.value.location ?? o.location, "this outcome has no id; give it a short one such as `id: P1-OCG-a`, which quarter.yaml rates it by"))
                    continue
                }
                if let first = seen[id.lowercased()] {
                    d.append(.error(o["id"]?.value.location ?? o.location, "outcome id \(TextMatch.quoted(id)) is used twice (first at line \(first)); each outcome needs its own id, as quarter.yaml rates outcomes by id"))
                    continue
                }
                seen[id.lowercased()] = o.location.line ?? 0
                if id.contains(": ") || id.contains(" #") || id.hasPrefix("#") {
                    d.append(.error(o["id"]?.value.location ?? o.location, "outcome id \(TextMatch.quoted(id)) has a colon or # in it; quarter.yaml rates outcomes by id, so keep it to letters, digits and hyphens, such as P1-OCG-a"))
                    continue
                }
                guard let outcomeText = text(o["text"]?.value) else {
                    d.append(.error(o["text"]?.value.location ?? o.location, "outcome \(TextMatch.quoted(id)) has no text; write the outcome as the plan states it after text:"))
                    continue
                }
                var evidence: [EvidenceFigure] = []
                if let e = o["evidence"]?.value {
                    switch e.kind {
                    case .null: break
                    case .sequence(let figures):
                        for f in figures {
                            let (figure, fd) = evidenceFigure(f, possible: possible, partnership: partnership)
                            d += fd
                            if let figure { evidence.append(figure) }
                        }
                    default:
                        d.append(.error(e.location, "evidence must be a list, one figure a line: - \(evidenceExample)"))
                    }
                }
                outcomes.append(PlanOutcome(id: id, text: outcomeText, evidence: evidence))
            }
            priorities.append(PlanPriority(name: name, lead: text(item["lead"]?.value), outcomes: outcomes))
        }
        if d.contains(where: { $0.severity == .error }) { return (nil, d) }
        return (Plan(title: title, priorities: priorities), d)
    }

    static func evidenceFigure(_ node: YAMLNode, possible: SummaryPointers, partnership: Partnership) -> (EvidenceFigure?, [Diagnostic]) {
        guard case .mapping = node.kind else {
            return (nil, [.error(node.location, "each evidence figure must be written as \(evidenceExample)")])
        }
        var d = unknownKeys(node, known: evidenceKeys, in: "an evidence figure")
        var better: Better?
        if let raw = text(node["better"]?.value) {
            better = Better(rawValue: raw.lowercased())
            if better == nil {
                d.append(.error(node["better"]?.value.location ?? node.location, "better \(TextMatch.quoted(raw)) must be up or down: the way the figure should move for the outcome to be going well (up for referrals, down for open blockers)"))
            }
        } else {
            d.append(.error(node["better"]?.value.location ?? node.location, "this evidence figure does not say which way is better; add `better: up` or `better: down`, as in \(evidenceExample)"))
        }
        guard let pointer = text(node["figure"]?.value) else {
            d.append(.error(node["figure"]?.value.location ?? node.location, "this evidence figure names no figure; write it as \(evidenceExample), a figure of `cspreport summary --json`"))
            return (nil, d)
        }
        let at = node["figure"]?.value.location ?? node.location
        if let problem = pointerProblem(pointer, possible: possible, partnership: partnership) {
            d.append(.error(at, problem))
            return (nil, d)
        }
        guard let better else { return (nil, d) }
        return (EvidenceFigure(pointer: pointer, better: better, location: at), d)
    }

    /// Why `pointer` can name no figure of any quarter's summary, or nil when it can.
    static func pointerProblem(_ pointer: String, possible: SummaryPointers, partnership: Partnership) -> String? {
        let shown = TextMatch.quoted(pointer, max: 100)
        func nearest(_ p: String) -> String {
            let s = possible.figureSuggestions(for: p)
            if s.isEmpty {
                return "; `cspreport summary QUARTER --json` shows every figure, and the figure is the path to one, such as /totals/ocg_referrals or /areas/North/successes"
            }
            return "; did you mean \(TextMatch.list(s.map { "\"\($0)\"" }, conjunction: "or"))?"
        }
        guard let tokens = SummaryPointer(figure: pointer)?.tokens else {
            return "figure \(shown) is not a path to a figure of the summary: it starts with / and names each level, such as /totals/ocg_referrals" + nearest(pointer)
        }
        if possible.contains(pointer) { return nil }
        // Where an area's (or the totals') figures start: /areas/North or /totals.
        let areaDepth = tokens.first == "totals" ? 1 : 2
        if tokens.count > areaDepth, tokens[areaDepth] == "crime", possible.contains(SummaryPointer(tokens: Array(tokens.prefix(areaDepth)) + ["successes"]).description) {
            return "figure \(shown) is a police.uk crime figure; the plan's evidence can be the partnership's own figures only (cases, successes, blockers, activity, Think Communities projects, OCG referrals)"
        }
        // Activity measures are open-ended: any name under a step, unless csp.yaml lists them.
        if tokens.count == areaDepth + 3, tokens[areaDepth] == "activity",
           possible.contains(SummaryPointer(tokens: Array(tokens.prefix(areaDepth)) + ["successes"]).description),
           let step = CarmelStep(rawValue: tokens[areaDepth + 1]) {
            guard let measures = partnership.measures else { return nil }
            let measure = tokens[areaDepth + 2]
            if let m = partnership.resolveMeasure(measure), m.step == step {
                return m.name == measure ? nil : "figure \(shown) names the measure by another spelling; the summary names it \(TextMatch.quoted(m.name)): write \(TextMatch.quoted(SummaryPointer(tokens: Array(tokens.dropLast()) + [m.name]).description, max: 100))"
            }
            let names = measures.filter { $0.step == step }.map(\.name)
            var message = "figure \(shown) names a measure that csp.yaml's measures: does not list under \(step.rawValue)"
            if let s = TextMatch.suggestion(for: measure, among: names) {
                message += "; did you mean \"\(SummaryPointer(tokens: Array(tokens.dropLast()) + [s]).description)\"?"
            } else if !names.isEmpty {
                message += " (it lists \(TextMatch.list(names.prefix(6).map { "\"\($0)\"" }))\(names.count > 6 ? " and more" : ""))"
            }
            return message
        }
        let group = possible.isGroup(pointer)
        if group {
            return "figure \(shown) names a group of figures, not one figure" + nearest(pointer)
        }
        return "figure \(shown) names no figure of the summary" + nearest(pointer)
    }

    // MARK: quarter.yaml

    /// `progress:`, each outcome id with `{status, note}` (or a status alone). `checkText`
    /// is the narrative's check of text cut short by " #". Ratings of ids the plan does not
    /// have and outcomes not rated are warnings: the report leaves the first out and shows
    /// the second as not rated.
    static func progress(_ entry: YAMLEntry?, plan: Plan?, top: SourceLocation,
                         checkText: (String, SourceLocation, String) -> Void) -> ([String: OutcomeRating]?, [Diagnostic]) {
        var d: [Diagnostic] = []
        let howTo = "one line an outcome, such as `  P1-OCG-a: {status: on-track, note: \"Referrals rose, as schools joined the route.\"}` (the note in double quotes, as it may hold a comma)"
        guard let entry else {
            if let plan, !plan.outcomes.isEmpty {
                d.append(.warning(top, "quarter.yaml has no progress:, so the plan's \(English.count(plan.outcomes.count, "outcome")) are shown as not rated; add `progress:` and under it \(howTo), for \(TextMatch.list(plan.outcomeIDs.prefix(8).map { "\"\($0)\"" }))\(plan.outcomes.count > 8 ? " and the rest" : "")"))
            }
            return (nil, d)
        }
        var ratings: [String: OutcomeRating] = [:]
        var items: [YAMLEntry] = []
        switch entry.value.kind {
        case .mapping(let entries): items = entries
        case .null: break
        default:
            return (nil, [.error(entry.value.location, "progress must be a set of outcome ids, \(howTo)")])
        }
        guard let plan else {
            return (nil, [.warning(entry.keyLocation, "progress: rates outcomes, but csp.yaml has no plan:, so the ratings are left out of the report; add the plan to csp.yaml (see README: \"Progress against the plan\")")])
        }
        let ids = plan.outcomeIDs
        var idOf: [String: String] = [:]
        for id in ids { idOf[id.lowercased()] = id }
        let statusHelp = "one of \(TextMatch.list(statusList, conjunction: "or"))"
        var unknown: [YAMLEntry] = []
        for item in items {
            guard let id = idOf[item.key.trimmingSpaces.lowercased()] else {
                unknown.append(item)
                continue
            }
            var statusNode: YAMLNode?
            var note = ""
            switch item.value.kind {
            case .scalar, .null: statusNode = item.value
            case .mapping(let keys):
                // `{status: on-track, note: 46 successes, the most of the year}`: in braces a
                // comma ends the note, and YAML reads the rest as a key of its own.
                if let cut = keys.first(where: { !ratingKeys.contains($0.key.lowercased()) && $0.key.contains(" ") }) {
                    d.append(.error(cut.keyLocation, "the note of \(id) is cut short at a comma: between { and } a comma ends the note, so \(TextMatch.quoted(cut.key)) would be left out; write status: and note: on lines of their own under \(id): (indented by four spaces), or put the note in double quotes"))
                    continue
                }
                d += unknownKeys(item.value, known: ratingKeys, in: "a rating")
                statusNode = item.value["status"]?.value
                if let n = item.value["note"]?.value {
                    switch n.kind {
                    case .scalar(let s):
                        note = NarrativeLoader.paragraphsOf(s).joined(separator: " ")
                        checkText(s.trimmingSpaces, n.location, "the note of \(id)")
                    case .null: break
                    default: d.append(.error(n.location, "the note of \(id) must be text, not \(n.kindName)"))
                    }
                }
            case .sequence:
                d.append(.error(item.value.location, "the rating of \(id) must be a status and a note, such as {status: on-track, note: …}, not a list"))
                continue
            }
            var status: OutcomeStatus?
            if let raw = text(statusNode) {
                status = OutcomeStatus.parse(raw)
                if status == nil {
                    var message = "status \(TextMatch.quoted(raw)) of \(id) is not \(statusHelp)"
                    if let s = TextMatch.suggestion(for: raw, among: statusList) { message += "; did you mean \"\(s)\"?" }
                    d.append(.error(statusNode?.location ?? item.keyLocation, message))
                    continue
                }
            } else {
                let outcome = plan.outcomes.first { $0.id == id }
                d.append(.warning(statusNode?.location ?? item.keyLocation, "outcome \(id) (\(TextMatch.quoted(outcome?.text ?? ""))) has no rating, so the report shows it as not rated; write its status after status: as \(statusHelp), and a note saying why"))
            }
            ratings[id] = OutcomeRating(status: status, note: note, location: item.keyLocation)
        }
        // Each unknown id with the nearest outcome; past ten, one message (a file of another
        // plan's ids is one mistake, not hundreds).
        for item in unknown.prefix(10) {
            var message = "outcome \(TextMatch.quoted(item.key)) is not an outcome of the plan in csp.yaml, so its rating is left out"
            if let s = TextMatch.suggestion(for: item.key, among: ids) { message += "; did you mean \"\(s)\"?" } else {
                message += " (the plan's outcomes: \(TextMatch.list(ids.prefix(10).map { "\"\($0)\"" }))\(ids.count > 10 ? " and more" : ""))"
            }
            d.append(.warning(item.keyLocation, message))
        }
        if unknown.count > 10 {
            d.append(.warning(unknown[10].keyLocation, "and \(unknown.count - 10) more ratings for outcomes the plan in csp.yaml does not have are left out"))
        }
        let rated = Set(items.map { $0.key.trimmingSpaces.lowercased() })
        let missing = plan.outcomes.filter { !rated.contains($0.id.lowercased()) }
        for o in missing.prefix(10) {
            d.append(.warning(entry.keyLocation, "outcome \(o.id) (\(TextMatch.quoted(o.text))) has no rating, so the report shows it as not rated; add it under progress:, such as `  \(o.id): {status: on-track, note: \"…\"}` with \(statusHelp)"))
        }
        if missing.count > 10 {
            d.append(.warning(entry.keyLocation, "and \(missing.count - 10) more outcomes have no rating under progress:"))
        }
        return (ratings, d)
    }

    // MARK: The quarter's figures

    /// Evidence that names no figure in this quarter's summary (an activity measure with no
    /// rows, City-wide with no items), and outcomes rated on track whose evidence all moved
    /// the wrong way.
    /// `pointers`: the figures of `summary` by pointer.
    static func quarterDiagnostics(_ progress: [PriorityProgress], summary: QuarterSummary, pointers: SummaryPointers,
                                   previousQuarter: Quarter?) -> [Diagnostic] {
        var d: [Diagnostic] = []
        var reported = Set<String>()
        for o in progress.flatMap(\.outcomes) {
            for e in o.evidence where e.value == nil && reported.insert(e.figure.pointer).inserted {
                var message = "figure \(TextMatch.quoted(e.figure.pointer, max: 100)) (evidence for \(o.outcome.id)) is not in \(summary.quarter)'s summary: no rows record it this quarter, so the report shows it as not recorded"
                let s = pointers.figureSuggestions(for: e.figure.pointer)
                if let first = s.first { message += "; did you mean \"\(first)\"?" }
                d.append(.warning(e.figure.location ?? SourceLocation(file: InputContract.configYAML), message))
            }
            if o.onTrackAgainstEvidence, let at = o.rating?.location {
                let figures = o.evidence.compactMap { e -> String? in
                    guard let v = e.value, let p = e.previous else { return nil }
                    return "\(e.figure.pointer) \(p) → \(v) (the plan wants it \(e.figure.better == .up ? "higher" : "lower"))"
                }
                d.append(.warning(at, "\(o.outcome.id) is rated on-track, but all its evidence moved the wrong way since \(previousQuarter?.description ?? "last quarter"): \(TextMatch.list(figures)); check the rating, or say in its note why the outcome is on track all the same"))
            }
        }
        return d
    }
}
