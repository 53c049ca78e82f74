import CSPCore
import CSPModel

/// One headline figure: this quarter, last quarter (when its folder exists) and the series
/// over up to eight quarters, oldest first, ending with this quarter.
public struct Headline: Hashable, Sendable {
    public var current: Int
    public var previous: Int?
    public var series: [Int]
    public var quarters: [Quarter]

    public var change: Int? { previous.map { current - $0 } }
}

public enum HeadlineKind: String, CaseIterable, Sendable {
    case casesOpenAtEnd, casesOpened, casesClosed, successes, blockersOpen, blockersEscalated, ocgReferrals

    public var label: String {
        switch self {
        case .casesOpenAtEnd: return "Cases open at quarter end"
        case .casesOpened: return "Cases opened"
        case .casesClosed: return "Cases closed"
        case .successes: return "Successes"
        case .blockersOpen: return "Blockers open"
        case .blockersEscalated: return "Blockers escalated to the board"
        case .ocgReferrals: return "OCG referrals"
        }
    }

    /// Whether a rise is good news, for the direction words and colours of a tile.
    public var higherIsBetter: Bool? {
        switch self {
        case .casesClosed, .successes: return true
        case .blockersOpen, .blockersEscalated: return false
        case .casesOpenAtEnd, .casesOpened, .ocgReferrals: return nil
        }
    }

    public func value(in s: AreaSummary) -> Int {
        switch self {
        case .casesOpenAtEnd: return s.cases.openAtEnd
        case .casesOpened: return s.cases.opened
        case .casesClosed: return s.cases.closed
        case .successes: return s.successes
        case .blockersOpen: return s.blockers.open
        case .blockersEscalated: return s.blockers.escalatedOpen
        case .ocgReferrals: return s.ocgReferrals
        }
    }
}

/// How long a blocker has been open at the quarter's end.
public enum AgeBand: String, CaseIterable, Sendable {
    case under30 = "Under 30 days"
    case from30to89 = "30–89 days"
    case from90to179 = "90–179 days"
    case over180 = "180 days or more"

    public static func of(days: Int) -> AgeBand {
        switch days {
        case ..<30: return .under30
        case 30..<90: return .from30to89
        case 90..<180: return .from90to179
        default: return .over180
        }
    }
}

public struct BlockerAge: Hashable, Sendable {
    public var blocker: Blocker
    /// Days from raised to the quarter's end (open) or to the resolution (resolved).
    public var days: Int
}

public struct OpenCaseAge: Hashable, Sendable {
    public var psgCase: PSGCase
    /// Days from opened to the quarter's end.
    public var days: Int
}

public struct MonthFlow: Hashable, Sendable {
    public var month: YearMonth
    public var opened: Int
    public var closed: Int
}

/// What changed since last quarter, case by case and blocker by blocker.
public struct QuarterChanges: Hashable, Sendable {
    public var newCases: [PSGCase]
    public var closedCases: [PSGCase]
    public var newBlockers: [Blocker]
    public var resolvedBlockers: [Blocker]
}

/// Everything the quarterly report shows, computed once from the records: pure and testable
/// without layout.
public struct QuarterAnalysis: Sendable {
    public var partnership: Partnership
    public var records: QuarterRecords
    public var summary: QuarterSummary
    /// Earlier quarters' summaries, oldest first.
    public var history: [QuarterSummary]
    public var previousRecords: QuarterRecords?
    /// How this quarter carries on from the last, when last quarter's folder exists.
    public var continuity: Continuity?

    public init(partnership: Partnership, current: QuarterRecords, history: [QuarterRecords]) {
        self.partnership = partnership
        self.records = current
        // Each quarter is summarised on its own, so the quarters share the cores.
        let summaries = Parallel.map([current] + history) { Aggregator.summarise($0, partnership: partnership) }
        self.summary = summaries[0]
        self.history = Array(summaries.dropFirst())
        let previousQuarter = current.quarter.previous
        self.previousRecords = history.last { $0.quarter == previousQuarter }
        self.continuity = previousRecords.map { Continuity(previous: $0, current: current, partnership: partnership) }
    }

    public var quarter: Quarter { records.quarter }
    public var previousSummary: QuarterSummary? {
        history.last { $0.quarter == quarter.previous }
    }

    /// The last eight quarters that have folders, ending with this one.
    public var trendQuarters: [QuarterSummary] { Array((history + [summary]).suffix(8)) }

    public func headline(_ kind: HeadlineKind, area: String? = nil) -> Headline {
        func value(_ s: QuarterSummary) -> Int { kind.value(in: area.map { s.area($0) } ?? s.totals) }
        let trend = trendQuarters
        return Headline(current: value(summary), previous: previousSummary.map(value),
                        series: trend.map(value), quarters: trend.map(\.quarter))
    }

    // MARK: Successes

    /// Successes by area (rows, in report order) and step (columns).
    public var successesByAreaAndStep: [(area: String, counts: [CarmelStep: Int])] {
        summary.areaOrder.map { area in
            var counts: [CarmelStep: Int] = [:]
            for s in records.successes where s.area == area { counts[s.step, default: 0] += 1 }
            return (area, counts)
        }
    }

    public var successesInOrder: [Success] {
        let rank = Dictionary(summary.areaOrder.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        // Sort keys made once a success (not an area lookup per comparison), then the order.
        let successes = records.successes
        let keys = successes.map { (area: rank[$0.area] ?? 99, date: $0.date, line: $0.source.line) }
        let order = successes.indices.sorted { i, j in
            let a = keys[i], b = keys[j]
            if a.area != b.area { return a.area < b.area }
            if a.date != b.date { return a.date < b.date }
            return a.line < b.line
        }
        return order.map { successes[$0] }
    }

    // MARK: Blockers

    /// Blockers open at the quarter's end and those resolved within it: escalated first, then
    /// open before resolved, then oldest first.
    public var blockersForBoard: [BlockerAge] {
        let aged = records.blockers.map { b in
            BlockerAge(blocker: b, days: (b.resolved ?? quarter.end).days(since: b.raised))
        }
        // Indices are sorted, not the blockers themselves: moving small integers is cheaper.
        let order = aged.indices.sorted { i, j in
            let a = aged[i], b = aged[j]
            let ea = a.blocker.escalate && a.blocker.status == .open, eb = b.blocker.escalate && b.blocker.status == .open
            if ea != eb { return ea }
            if a.blocker.status != b.blocker.status { return a.blocker.status == .open }
            if a.days != b.days { return a.days > b.days }
            return a.blocker.id < b.blocker.id
        }
        return order.map { aged[$0] }
    }

    /// Open blockers at the end of a quarter, counted by age band.
    public static func ageing(_ records: QuarterRecords) -> [AgeBand: Int] {
        var bands: [AgeBand: Int] = [:]
        for b in records.blockers where b.status == .open {
            bands[AgeBand.of(days: records.quarter.end.days(since: b.raised)), default: 0] += 1
        }
        return bands
    }

    public var blockerAgeing: [AgeBand: Int] { QuarterAnalysis.ageing(records) }
    public var previousBlockerAgeing: [AgeBand: Int]? { previousRecords.map(QuarterAnalysis.ageing) }

    // MARK: Cases

    /// Cases open at the quarter's end, oldest first.
    public var openCases: [OpenCaseAge] {
        records.cases.filter { $0.closed == nil }
            .map { OpenCaseAge(psgCase: $0, days: quarter.end.days(since: $0.opened)) }
            .sorted { $0.days != $1.days ? $0.days > $1.days : $0.psgCase.id < $1.psgCase.id }
    }

    /// Cases active in the quarter by area and issue (issues as written, first spelling kept).
    public var casesByAreaAndIssue: (issues: [String], counts: [String: [String: Int]]) {
        var spelling: [String: String] = [:]
        var totals: [String: Int] = [:]
        var counts: [String: [String: Int]] = [:]
        for c in records.cases {
            let raw = c.issue.isEmpty ? "Not recorded" : c.issue
            let key = raw.folded
            let issue = spelling[key] ?? (raw.prefix(1).uppercased() + raw.dropFirst())
            spelling[key] = issue
            totals[issue, default: 0] += 1
            counts[c.area, default: [:]][issue, default: 0] += 1
        }
        let issues = totals.keys.sorted { a, b in
            let ta = totals[a] ?? 0, tb = totals[b] ?? 0
            return ta != tb ? ta > tb : a < b
        }
        return (issues, counts)
    }

    /// Cases opened and closed in each month of the quarter.
    public var openedClosedByMonth: [MonthFlow] {
        let months = quarter.months
        var opened = [Int](repeating: 0, count: months.count), closed = opened
        for c in records.cases {
            if let i = months.firstIndex(of: c.opened.yearMonth) { opened[i] += 1 }
            if let d = c.closed, let i = months.firstIndex(of: d.yearMonth) { closed[i] += 1 }
        }
        return months.indices.map { MonthFlow(month: months[$0], opened: opened[$0], closed: closed[$0]) }
    }

    // MARK: Operation Carmel

    /// One area's measures for one step: this quarter and last, by measure.
    public func carmelMeasures(area: String, step: CarmelStep) -> [(measure: String, current: Int, previous: Int?)] {
        let now = summary.area(area).activity[step] ?? [:]
        let before = previousSummary.map { $0.area(area).activity[step] ?? [:] }
        // One lookup a name: this quarter's measures, then last quarter's that are not in it.
        var rows = now.map { name, value in (measure: name, current: value, previous: before.map { b in b[name] ?? 0 }) }
        for (name, value) in before ?? [:] where now[name] == nil { rows.append((name, 0, value)) }
        rows.sort { $0.measure < $1.measure }
        return rows
    }

    /// Each of one area's measures month by month, by step and by the measure's name as the
    /// summary reports it (spellings folded together as there).
    public func carmelMonthlyByMeasure(area: String) -> [CarmelStep: [String: [Int]]] {
        let months = quarter.months
        let reported = summary.area(area).activity
        var nameOf: [CarmelStep: [String: String]] = [:]
        for (step, measures) in reported {
            for name in measures.keys { nameOf[step, default: [:]][Measure.key(name)] = name }
        }
        var spelling: [String: String] = [:]
        var out: [CarmelStep: [String: [Int]]] = [:]
        // One pass over the rows: a county has 100,000 of them.
        for a in records.activity where a.area == area {
            guard let m = months.firstIndex(of: a.month) else { continue }
            let key = spelling[a.measure] ?? Measure.key(a.measure)
            spelling[a.measure] = key
            guard let name = nameOf[a.step]?[key] else { continue }
            out[a.step, default: [:]][name, default: [Int](repeating: 0, count: months.count)][m] += a.value
        }
        return out
    }

    /// One small-multiple panel of an area's Operation Carmel activity: one measure, or the
    /// measures of one step that csp.yaml gives the same unit, added month by month. Measures
    /// of different units are never added together.
    public struct MeasurePanel: Hashable, Sendable {
        public var step: CarmelStep
        public var measures: [String]
        /// The unit the measures share, when csp.yaml lists them.
        public var unit: String?
        public var monthly: [Int]

        /// "Engagement: Residents contacted", or "Engagement: events (3 measures)".
        public var label: String {
            if measures.count == 1 { return "\(step.label): \(measures[0])" }
            return "\(step.label): \(unit ?? "") (\(measures.count) measures)"
        }
    }

    /// For each step with activity in the area, its main panel: with a measures list, the
    /// first listed measure recorded and every measure of the step that shares its unit;
    /// without one, the step's largest measure on its own.
    public func carmelPanels(area: String) -> [MeasurePanel] {
        let monthly = carmelMonthlyByMeasure(area: area)
        let totals = summary.area(area).activity
        var out: [MeasurePanel] = []
        for step in CarmelStep.allCases {
            guard let measures = totals[step], !measures.isEmpty else { continue }
            let months = monthly[step] ?? [:]
            func series(_ names: [String]) -> [Int] {
                names.reduce([Int](repeating: 0, count: quarter.months.count)) { sum, name in
                    zip(sum, months[name] ?? []).map { $0 + $1 }
                }
            }
            if let list = partnership.measures {
                // Each measure's place in the list and unit, found once (not per comparison).
                let position = Dictionary(list.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
                let listed = measures.keys.map { name -> (name: String, rank: Int, unit: String?) in
                    let m = partnership.resolveMeasure(name)
                    return (name, m.flatMap { position[$0.name] } ?? Int.max, m?.unit)
                }.sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.name < $1.name }
                guard let first = listed.first else { continue }
                let unit = first.unit
                let group = unit.map { u in listed.filter { $0.unit == u }.map(\.name) } ?? [first.name]
                out.append(MeasurePanel(step: step, measures: group, unit: unit, monthly: series(group)))
            } else {
                guard let largest = measures.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else { continue }
                out.append(MeasurePanel(step: step, measures: [largest.key], unit: nil, monthly: series([largest.key])))
            }
        }
        return out
    }

    public func projects(area: String) -> [CommunityProject] {
        records.projects.filter { $0.area == area }.sorted {
            let order = ProjectStage.allCases
            let a = order.firstIndex(of: $0.stage) ?? 0, b = order.firstIndex(of: $1.stage) ?? 0
            return a != b ? a > b : $0.name < $1.name
        }
    }

    // MARK: Priority 1

    public var referralsByRouteAndArea: [ReferralRoute: [String: Int]] {
        var out: [ReferralRoute: [String: Int]] = [:]
        for r in records.referrals ?? [] { out[r.route, default: [:]][r.area, default: 0] += r.count }
        return out
    }

    // MARK: Changes

    public var changes: QuarterChanges {
        let range = quarter.start...quarter.end
        return QuarterChanges(
            newCases: records.cases.filter { range.contains($0.opened) }.sorted { $0.opened < $1.opened },
            closedCases: records.cases.filter { $0.closed.map(range.contains) ?? false }.sorted { ($0.closed ?? $0.opened) < ($1.closed ?? $1.opened) },
            newBlockers: records.blockers.filter { range.contains($0.raised) }.sorted { $0.raised < $1.raised },
            resolvedBlockers: records.blockers.filter { b in b.status == .resolved && (b.resolved.map(range.contains) ?? false) }
                .sorted { ($0.resolved ?? $0.raised) < ($1.resolved ?? $1.raised) })
    }

    // MARK: Provenance

    /// Every input file of this quarter and its history, with the configuration.
    public static func provenanceHash(of files: [InputFile]) -> String {
        var h = SHA256()
        for f in files.sorted(by: { $0.path < $1.path }) {
            h.update(Array("\(f.path)\u{0}\(f.sha256)\n".utf8))
        }
        return h.finalHex()
    }
}

/// Sentences that state a finding from two numbers.
public enum Finding {
    /// "rose from 1 to 3", "fell from 5 to 2", "stayed at 4".
    public static func change(from old: Int?, to new: Int) -> String {
        guard let old else { return "stood at \(Format.count(new))" }
        if new > old { return "rose from \(Format.count(old)) to \(Format.count(new))" }
        if new < old { return "fell from \(Format.count(old)) to \(Format.count(new))" }
        return "stayed at \(Format.count(new))"
    }
}

public enum Format {
    /// Thousands separated with commas, as GOV.UK style writes them.
    public static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return (n < 0 ? "−" : "") + out
    }

    /// A measure's value as its unit writes it: "£1,200" for money, else the count.
    public static func measure(_ n: Int, unit: String?) -> String {
        guard let unit, Measure.isMoney(unit: unit) else { return count(n) }
        return (n < 0 ? "−£" : "£") + count(abs(n))
    }

    /// "+3", "−2", "no change"
    public static func signed(_ n: Int) -> String {
        n > 0 ? "+\(count(n))" : (n < 0 ? count(n) : "no change")
    }

    public static func plural(_ n: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        "\(count(n)) \(n == 1 ? singular : (pluralForm ?? English.plural(singular)))"
    }
}
