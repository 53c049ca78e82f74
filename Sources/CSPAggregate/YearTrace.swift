import CSPCore
import CSPModel

/// A financial year's summary with the rows behind each figure: what `cspreport explain
/// --year` reads. Each quarter is traced as for its own explain (the counting that makes its
/// summary), and a year's figure takes its quarters' rows as `YearAggregator` takes their
/// figures: a flow the rows of every quarter, a stock the first quarter's start or the last
/// quarter's end. So the rows add up to the year's figure by the same rule that made it.
public struct YearTrace: Sendable {
    public var summary: YearSummary
    /// The year's quarters that have folders, oldest first.
    public var quarters: [SummaryTrace]
    public var police: PoliceData?
    /// Every police.uk row's cell (month, area, type), counted as `YearCrime` counts them.
    var crimeRows = FigureRows()

    /// `records`: the year's quarters (any order; others are ignored). Nil when none is in the year.
    public init?(records: [QuarterRecords], year: FinancialYear, partnership: Partnership, police: PoliceData?) {
        let inYear = Set(year.quarters)
        let traced = Parallel.map(records.filter { inYear.contains($0.quarter) }.sorted { $0.quarter < $1.quarter }) {
            SummaryTrace(records: $0, partnership: partnership, police: nil)
        }
        guard var summary = YearAggregator.combine(traced.map(\.summary), year: year, partnership: partnership) else { return nil }
        summary.crime = police.map { YearCrime($0, year: year, partnership: partnership) }
        if let police { _ = CrimeTable(police, trace: &crimeRows) }
        self.summary = summary
        self.quarters = traced
        self.police = police
    }

    /// The rows behind the figure at `pointer` of `summary --year --json`; nil when the
    /// pointer names no figure. Their values add up to the figure.
    public func rows(at pointer: SummaryPointer) -> [TracedRow]? {
        let t = pointer.tokens
        if t.first == "cases_changed_between_quarters", t.count == 2 {
            return changedBetweenQuarters(area: t[1] == "total" ? nil : t[1])
        }
        if t.first == "crime" { return crimeRows(t) }
        guard let (area, figure) = SummaryTrace.figure(at: pointer), let first = quarters.first, let last = quarters.last else { return nil }
        switch figure {
        case .casesOpenAtStart:
            return first.rows(at: pointer)
        case .casesOpenAtEnd, .blockersOpen, .blockersEscalatedOpen, .projects:
            return last.rows(at: pointer)
        case let .activity(step, measure):
            // A measure spelt differently in two quarters is one measure of the year.
            let key = Measure.key(measure)
            let base = Array(t.dropLast())
            return quarters.flatMap { q -> [TracedRow] in
                let spellings = (area.map { q.summary.area($0) } ?? q.summary.totals).activity[step]?.keys.filter { Measure.key($0) == key } ?? []
                return spellings.sorted().flatMap { q.rows(at: SummaryPointer(tokens: base + [$0])) ?? [] }
            }
        case .crimeTotal, .crimeASB, .crimeType:
            return nil
        default:
            return quarters.flatMap { $0.rows(at: pointer) ?? [] }
        }
    }

    /// Cases open at a quarter's start that were not open at the end of the quarter before
    /// (+1 each), and those open at that end but not at the next start (−1 each): their sum is
    /// the start less the end, quarter after quarter, as the figure is.
    func changedBetweenQuarters(area: String?) -> [TracedRow] {
        let base = area.map { ["areas", $0] } ?? ["totals"]
        func open(_ q: SummaryTrace, _ when: String) -> [TracedRow] {
            q.rows(at: SummaryPointer(tokens: base + ["cases", when])) ?? []
        }
        var out: [TracedRow] = []
        for (before, after) in zip(quarters, quarters.dropFirst()) {
            let ended = open(before, "open_at_end"), started = open(after, "open_at_start")
            let endedIDs = Set(ended.compactMap(\.id)), startedIDs = Set(started.compactMap(\.id))
            out += started.filter { !endedIDs.contains($0.id ?? "") }
            out += ended.filter { !startedIDs.contains($0.id ?? "") }.map { var r = $0; r.value = -r.value; return r }
        }
        return out
    }

    /// `/crime/areas/North/total`, `/crime/totals/asb`, `/crime/previous_year/total`: police.uk
    /// rows of the partnership's areas in the months `YearCrime` counts.
    func crimeRows(_ t: [String]) -> [TracedRow]? {
        guard let crime = summary.crime, let police, t.count >= 3 else { return nil }
        let areas: Set<String>, months: Set<YearMonth>, what: String
        switch (t[1], t.count) {
        case ("areas", 4):
            guard crime.areas[t[2]] != nil else { return nil }
            (areas, months, what) = ([t[2]], Set(crime.monthsWithData), t[3])
        case ("totals", 3):
            (areas, months, what) = (Set(crime.areas.keys), Set(crime.monthsWithData), t[2])
        case ("previous_year", 3):
            guard crime.previous != nil, let before = summary.year.previous else { return nil }
            (areas, months, what) = (Set(crime.areas.keys), Set(before.months), t[2])
        default:
            return nil
        }
        guard what == "total" || what == "asb" else { return nil }
        return crimeRows.crimeParts.filter { p in
            months.contains(p.month) && areas.contains(p.area) && (what == "total" || p.crimeType == CrimeRecord.antiSocialBehaviour)
        }.map { SummaryTrace.describeCrime(police.records[$0.row]) }
    }
}
