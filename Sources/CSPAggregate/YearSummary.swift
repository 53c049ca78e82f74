import CSPCore
import CSPModel

/// A financial year, named as people write it: `2024-25` (April 2024 to March 2025 when the
/// year starts in April). Its quarters are the quarter folders `2024-25-Q1` … `2024-25-Q4`.
public struct FinancialYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The calendar year in which the financial year starts (2024 for 2024-25).
    public let startYear: Int
    public let yearStartMonth: Int

    public init?(startYear: Int, yearStartMonth: Int = 4) {
        guard Quarter(financialYear: startYear, number: 1, yearStartMonth: yearStartMonth) != nil else { return nil }
        self.startYear = startYear
        self.yearStartMonth = yearStartMonth
    }

    /// `2024-25`; nil for anything else (`2024`, `2024-26`, `2024/25`).
    public static func parse(_ text: String, yearStartMonth: Int = 4) -> FinancialYear? {
        // A year is a quarter's name without its quarter: the same rules, one parser.
        guard case .success(let q) = Quarter.parse(text + "-Q1", yearStartMonth: yearStartMonth),
              q.description == text + "-Q1" else { return nil }
        return FinancialYear(startYear: q.financialYear, yearStartMonth: yearStartMonth)
    }

    public var quarters: [Quarter] {
        (1...4).compactMap { Quarter(financialYear: startYear, number: $0, yearStartMonth: yearStartMonth) }
    }

    public var description: String { String(quarters[0].description.dropLast(3)) }
    public var start: CalendarDate { quarters[0].start }
    public var end: CalendarDate { quarters[3].end }
    public var months: [YearMonth] { quarters.flatMap(\.months) }
    public var previous: FinancialYear? { FinancialYear(startYear: startYear - 1, yearStartMonth: yearStartMonth) }

    /// "April 2024–March 2025"
    public var monthRange: String {
        let first = quarters[0].firstMonth, last = quarters[3].months[2]
        return "\(first.name)–\(last.name)"
    }

    public static func < (a: FinancialYear, b: FinancialYear) -> Bool { a.startYear < b.startYear }
}

/// A financial year's figures, composed from its quarters' summaries (`Aggregator.summarise`,
/// the one place rows are counted): flows (opened, closed, successes, blockers raised and
/// resolved, activity, referrals) add up over the quarters; stocks (cases open at the start
/// and end, blockers open and escalated, projects by stage) are the first quarter's start and
/// the last quarter's end. The figures cover `quarters`, which may lack some of the year's.
public struct YearSummary: Hashable, Sendable {
    public var year: FinancialYear
    /// The year's quarters that have folders, oldest first.
    public var quarters: [QuarterSummary]
    /// The year's quarters with no folder: the figures do not cover them.
    public var missing: [Quarter]
    public var areaOrder: [String]
    public var areas: [String: AreaSummary]
    public var totals: AreaSummary
    /// By area: cases open at the start of a quarter less those open at the end of the quarter
    /// before, added over the year's quarters. Zero when the quarters' records carry on from
    /// each other; otherwise cases reopened, moved between areas, added late or forgotten
    /// (`Continuity` names them), or the flows of a missing quarter. With it the identity holds:
    /// open at start + opened − closed + changed between quarters = open at end.
    public var casesChangedBetweenQuarters: [String: Int]
    public var hasReferrals: Bool
    /// police.uk crime and ASB over the year's months, nil when the partnership keeps none.
    public var crime: YearCrime? = nil

    public func area(_ name: String) -> AreaSummary { areas[name] ?? AreaSummary() }
    public func changedBetweenQuarters(_ area: String?) -> Int {
        guard let area else { return casesChangedBetweenQuarters.values.reduce(0, +) }
        return casesChangedBetweenQuarters[area] ?? 0
    }
    public var isComplete: Bool { missing.isEmpty }
    /// The first day and last day the figures cover.
    public var coveredStart: CalendarDate { quarters.first?.quarter.start ?? year.start }
    public var coveredEnd: CalendarDate { quarters.last?.quarter.end ?? year.end }
}

public enum YearAggregator {
    /// The year's figures from its quarters' summaries (any order; those outside the year are
    /// ignored). Nil when none of the year's quarters is given.
    public static func combine(_ summaries: [QuarterSummary], year: FinancialYear, partnership: Partnership) -> YearSummary? {
        let inYear = Set(year.quarters)
        let quarters = summaries.filter { inYear.contains($0.quarter) }.sorted { $0.quarter < $1.quarter }
        guard let first = quarters.first, let last = quarters.last else { return nil }
        let cityWide = quarters.contains { $0.areaOrder.contains(Partnership.cityWide) }
        let order = partnership.areaOrder(includingCityWide: cityWide)
        func combined(_ pick: (QuarterSummary) -> AreaSummary) -> AreaSummary {
            var a = AreaSummary()
            for q in quarters {
                let s = pick(q)
                a.cases.opened += s.cases.opened
                a.cases.closed += s.cases.closed
                a.successes += s.successes
                a.blockers.raised += s.blockers.raised
                a.blockers.resolved += s.blockers.resolved
                a.ocgReferrals += s.ocgReferrals
            }
            a.activity = addActivity(quarters.map { pick($0).activity })
            let start = pick(first), end = pick(last)
            a.cases.openAtStart = start.cases.openAtStart
            a.cases.openAtEnd = end.cases.openAtEnd
            a.blockers.open = end.blockers.open
            a.blockers.escalatedOpen = end.blockers.escalatedOpen
            a.projectsByStage = end.projectsByStage
            return a
        }
        var areas: [String: AreaSummary] = [:]
        var changed: [String: Int] = [:]
        for name in order {
            areas[name] = combined { $0.area(name) }
            changed[name] = zip(quarters, quarters.dropFirst()).reduce(0) { sum, pair in
                sum + pair.1.area(name).cases.openAtStart - pair.0.area(name).cases.openAtEnd
            }
        }
        let totals = combined(\.totals)
        return YearSummary(year: year, quarters: quarters, missing: year.quarters.filter { q in !quarters.contains { $0.quarter == q } },
                           areaOrder: order, areas: areas, totals: totals, casesChangedBetweenQuarters: changed,
                           hasReferrals: quarters.contains(where: \.hasReferrals))
    }

    /// Activity added measure by measure over the quarters: a measure spelt differently in two
    /// quarters ("Arrests", "arrests ") is one measure, under its first spelling, as within a
    /// quarter.
    static func addActivity(_ parts: [[CarmelStep: [String: Int]]]) -> [CarmelStep: [String: Int]] {
        var out: [CarmelStep: [String: Int]] = [:]
        var spelling: [CarmelStep: [String: String]] = [:]
        for part in parts {
            for step in CarmelStep.allCases {
                for (measure, value) in (part[step] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    let key = Measure.key(measure)
                    let name = spelling[step]?[key] ?? measure
                    spelling[step, default: [:]][key] = name
                    out[step, default: [:]][name, default: 0] += value
                }
            }
        }
        return out
    }
}

/// police.uk crime and ASB over a financial year, by area, and the year before where its
/// data covers all twelve months.
public struct YearCrime: Hashable, Sendable {
    public var year: FinancialYear
    /// The year's months with a police.uk file.
    public var monthsWithData: [YearMonth]
    public var areas: [String: CrimeCounts]
    public var totals: CrimeCounts
    /// Counts by area and over all areas, for some months.
    public struct Period: Hashable, Sendable {
        public var areas: [String: CrimeCounts]
        public var totals: CrimeCounts
    }
    /// The year before, when all its months have data; nil otherwise (a part-year is not
    /// compared with a whole one).
    public var previous: Period?
    /// Each quarter of the year: its months with data and the totals over them.
    public var byQuarter: [QuarterCrime]
    public var files: [InputFile]

    public var isAvailable: Bool { !monthsWithData.isEmpty }
    public var isComplete: Bool { monthsWithData.count == 12 }
    public var missingMonths: [YearMonth] { year.months.filter { !monthsWithData.contains($0) } }
    public func area(_ name: String) -> CrimeCounts { areas[name] ?? CrimeCounts() }

    public init(_ data: PoliceData, year: FinancialYear, partnership: Partnership) {
        self.year = year
        let table = CrimeTable(data)
        func over(_ months: [YearMonth]) -> Period {
            var areas: [String: CrimeCounts] = [:]
            for a in partnership.areas { areas[a.name] = table.counts(area: a.name, months: months) }
            return Period(areas: areas, totals: partnership.areas.reduce(CrimeCounts()) { $0 + (areas[$1.name] ?? CrimeCounts()) })
        }
        monthsWithData = year.months.filter { table.monthsWithData.contains($0) }
        let now = over(monthsWithData)
        areas = now.areas
        totals = now.totals
        if let before = year.previous?.months, before.allSatisfy({ table.monthsWithData.contains($0) }) {
            previous = over(before)
        }
        byQuarter = year.quarters.map { QuarterCrime(quarter: $0, table: table, partnership: partnership) }
        var files = data.files.map(\.file)
        if let lookup = data.lookup { files.append(lookup) }
        self.files = files
    }
}

/// `summary --year --json`: the quarter summary's shape (`SummaryJSON`, area by area and in
/// total) with the year, its dates, the quarters it covers and those missing, and how many
/// cases changed between quarters. Crime and ASB, when kept, are one object for the year.
public enum YearSummaryJSON {
    public static func render(_ y: YearSummary) -> String {
        var w = JSONWriter()
        w.beginObject()
            w.key("year"); w.string(y.year.description)
            w.key("start"); w.string(y.year.start.description)
            w.key("end"); w.string(y.year.end.description)
            w.key("quarters")
            w.beginArray()
                for q in y.quarters { w.string(q.quarter.description) }
            w.endArray()
            w.key("missing_quarters")
            w.beginArray()
                for q in y.missing { w.string(q.description) }
            w.endArray()
            w.key("areas")
            w.beginObject()
                for name in y.areaOrder {
                    w.key(name)
                    SummaryJSON.area(&w, y.area(name))
                }
            w.endObject()
            w.key("totals")
            SummaryJSON.area(&w, y.totals)
            w.key("cases_changed_between_quarters")
            w.beginObject()
                for name in y.areaOrder { w.key(name); w.number(y.changedBetweenQuarters(name)) }
                w.key("total"); w.number(y.changedBetweenQuarters(nil))
            w.endObject()
            if let crime = y.crime { crimeObject(&w, crime, order: y.areaOrder) }
        w.endObject()
        return w.output + "\n"
    }

    static func crimeObject(_ w: inout JSONWriter, _ crime: YearCrime, order: [String]) {
        w.key("crime")
        guard crime.isAvailable else { w.null(); return }
        func counts(_ c: CrimeCounts) {
            w.beginObject()
                w.key("total"); w.number(c.total)
                w.key("asb"); w.number(c.asb)
            w.endObject()
        }
        w.beginObject()
            w.key("months")
            w.beginArray()
                for m in crime.monthsWithData { w.string(m.description) }
            w.endArray()
            w.key("areas")
            w.beginObject()
                for name in order where crime.areas[name] != nil { w.key(name); counts(crime.area(name)) }
            w.endObject()
            w.key("totals"); counts(crime.totals)
            w.key("previous_year")
            if let p = crime.previous { counts(p.totals) } else { w.null() }
        w.endObject()
    }
}
