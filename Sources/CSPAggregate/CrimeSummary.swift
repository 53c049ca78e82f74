import CSPCore
import CSPModel

/// Recorded crime and anti-social behaviour counted over some rows. `total` counts every
/// row, ASB included; `byType` counts every row by police.uk's crime type (ASB under
/// "Anti-social behaviour"), so it sums to `total`.
public struct CrimeCounts: Hashable, Sendable {
    public var total = 0
    public var asb = 0
    public var byType: [String: Int] = [:]
    public init() {}

    /// Crimes: every row that is not anti-social behaviour.
    public var crime: Int { total - asb }

    public static func + (a: CrimeCounts, b: CrimeCounts) -> CrimeCounts {
        var c = a
        c.total += b.total
        c.asb += b.asb
        for (t, n) in b.byType { c.byType[t, default: 0] += n }
        return c
    }

    /// Crime types other than ASB, most first (ties by name), at most `limit`.
    public func leadingCrimeTypes(_ limit: Int) -> [CrimeTypeCount] {
        byType.filter { $0.key != CrimeRecord.antiSocialBehaviour }
            .map { CrimeTypeCount(crimeType: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.crimeType < $1.crimeType }
            .prefix(limit).map { $0 }
    }
}

public struct CrimeTypeCount: Hashable, Sendable {
    public var crimeType: String
    public var count: Int
    public init(crimeType: String, count: Int) { self.crimeType = crimeType; self.count = count }
}

/// Counts by month and area: the one pass over the records that everything else reads.
public struct CrimeTable: Hashable, Sendable {
    /// Months with at least one police.uk file.
    public var monthsWithData: Set<YearMonth>
    public var cells: [YearMonth: [String: CrimeCounts]]
    public var locationWithheld: [YearMonth: Int]
    public var outside: [YearMonth: Int]

    public init(_ data: PoliceData) {
        var untraced = Untraced()
        self.init(data, trace: &untraced)
    }

    /// The table, telling `trace` the cell each row is counted in.
    init<T: FigureTrace>(_ data: PoliceData, trace: inout T) {
        monthsWithData = data.monthsWithData
        var cells: [YearMonth: [String: CrimeCounts]] = [:]
        // Counting in a flat array keyed by (month, area, type) index is several times faster
        // than nested dictionaries for 80,000 rows; the dictionaries are built at the end.
        var monthIndex: [YearMonth: Int] = [:], areaIndex: [String: Int] = [:], typeIndex: [String: Int] = [:]
        var months: [YearMonth] = [], areas: [String] = [], types: [String] = []
        var counts: [Int] = []
        var lastType: String?, lastTypeIndex = 0
        var lastArea: String?, lastAreaIndex = 0
        var lastMonth: YearMonth?, lastMonthIndex = 0
        var keys: [(Int, Int, Int)] = []
        keys.reserveCapacity(data.records.count)
        for r in data.records {
            if r.month != lastMonth {
                lastMonth = r.month
                lastMonthIndex = monthIndex[r.month] ?? { monthIndex[r.month] = months.count; months.append(r.month); return months.count - 1 }()
            }
            // Records share their area and type Strings, so comparing them is cheap.
            if r.area != lastArea {
                lastArea = r.area
                lastAreaIndex = areaIndex[r.area] ?? { areaIndex[r.area] = areas.count; areas.append(r.area); return areas.count - 1 }()
            }
            if r.crimeType != lastType {
                lastType = r.crimeType
                lastTypeIndex = typeIndex[r.crimeType] ?? { typeIndex[r.crimeType] = types.count; types.append(r.crimeType); return types.count - 1 }()
            }
            keys.append((lastMonthIndex, lastAreaIndex, lastTypeIndex))
        }
        counts = [Int](repeating: 0, count: months.count * areas.count * types.count)
        for (n, (m, a, t)) in keys.enumerated() {
            counts[(m * areas.count + a) * types.count + t] += 1
            trace.addCrime(row: n, month: months[m], area: areas[a], crimeType: types[t])
        }
        for (m, month) in months.enumerated() {
            for (a, area) in areas.enumerated() {
                var c = CrimeCounts()
                for (t, type) in types.enumerated() {
                    let n = counts[(m * areas.count + a) * types.count + t]
                    guard n > 0 else { continue }
                    c.byType[type] = n
                    c.total += n
                    if type == CrimeRecord.antiSocialBehaviour { c.asb += n }
                }
                if c.total > 0 { cells[month, default: [:]][area] = c }
            }
        }
        self.cells = cells
        var withheld: [YearMonth: Int] = [:], outside: [YearMonth: Int] = [:]
        for f in data.files {
            withheld[f.month, default: 0] += f.locationWithheld
            outside[f.month, default: 0] += f.outside
        }
        locationWithheld = withheld
        self.outside = outside
    }

    /// One area's counts over some months (every area when `area` is nil). Months without
    /// data count nothing: callers check `monthsWithData` to tell "none" from "not known".
    public func counts(area: String?, months: [YearMonth]) -> CrimeCounts {
        var c = CrimeCounts()
        for m in months {
            guard let byArea = cells[m] else { continue }
            if let area {
                if let x = byArea[area] { c = c + x }
            } else {
                for x in byArea.values { c = c + x }
            }
        }
        return c
    }
}

/// One quarter's crime and ASB by area: what `summary --json` prints under "crime".
public struct QuarterCrime: Hashable, Sendable {
    public var quarter: Quarter
    /// The quarter's months that have a police.uk file.
    public var monthsWithData: [YearMonth]
    public var areas: [String: CrimeCounts]
    public var totals: CrimeCounts
    /// Rows in the quarter with no location (not in any area).
    public var locationWithheld: Int

    /// Some month has data.
    public var isAvailable: Bool { !monthsWithData.isEmpty }
    /// All three months have data, so the quarter can be compared with another.
    public var isComplete: Bool { monthsWithData.count == quarter.months.count }
    public var missingMonths: [YearMonth] { quarter.months.filter { !monthsWithData.contains($0) } }

    public func area(_ name: String) -> CrimeCounts { areas[name] ?? CrimeCounts() }

    public init(quarter: Quarter, table: CrimeTable, partnership: Partnership) {
        self.quarter = quarter
        let months = quarter.months.filter { table.monthsWithData.contains($0) }
        monthsWithData = months
        var areas: [String: CrimeCounts] = [:]
        for a in partnership.areas { areas[a.name] = table.counts(area: a.name, months: months) }
        self.areas = areas
        totals = partnership.areas.reduce(CrimeCounts()) { $0 + (areas[$1.name] ?? CrimeCounts()) }
        locationWithheld = months.map { table.locationWithheld[$0] ?? 0 }.reduce(0, +)
    }
}

/// Crimes and ASB in one area over one period.
public struct CrimeFigures: Hashable, Sendable {
    public var crime: Int
    public var asb: Int
    public var total: Int { crime + asb }

    public init(crime: Int, asb: Int) { self.crime = crime; self.asb = asb }
    public init(_ c: CrimeCounts) { self.init(crime: c.crime, asb: c.asb) }
}

/// The change from an earlier period to this one.
public struct CrimeChange: Hashable, Sendable {
    public var crime: Int
    public var asb: Int
    /// Percentages, nil when the earlier count is zero.
    public var crimePercent: Double?
    public var asbPercent: Double?

    init(from earlier: CrimeFigures, to now: CrimeFigures) {
        crime = now.crime - earlier.crime
        asb = now.asb - earlier.asb
        crimePercent = earlier.crime == 0 ? nil : Double(crime) * 100 / Double(earlier.crime)
        asbPercent = earlier.asb == 0 ? nil : Double(asb) * 100 / Double(earlier.asb)
    }
}

/// One area's quarter against last quarter and the same quarter a year earlier. A period is
/// nil when police.uk data does not cover all of its three months (a part-quarter is not
/// compared with a whole one).
public struct CrimeComparison: Hashable, Sendable {
    public var area: String
    /// This quarter: nil when no month has data; the months covered are the section's.
    public var current: CrimeFigures?
    public var previous: CrimeFigures?
    public var yearEarlier: CrimeFigures?
    /// Whether `current` covers all three months.
    public var currentIsComplete: Bool

    public var changeOnPreviousQuarter: CrimeChange? {
        guard currentIsComplete, let current, let previous else { return nil }
        return CrimeChange(from: previous, to: current)
    }

    public var changeOnYearEarlier: CrimeChange? {
        guard currentIsComplete, let current, let yearEarlier else { return nil }
        return CrimeChange(from: yearEarlier, to: current)
    }
}

/// One month of one area's series; `figures` is nil when the month has no police.uk file.
public struct CrimeMonth: Hashable, Sendable {
    public var month: YearMonth
    public var figures: CrimeFigures?
}

/// One area's part of the section (or the partnership's, under `CrimeSection.allAreas`).
public struct CrimeAreaSection: Hashable, Sendable {
    public var area: String
    public var comparison: CrimeComparison
    /// Last quarter's months and this quarter's, in order (six points).
    public var monthly: [CrimeMonth]
    /// This quarter's crime types other than ASB, most first.
    public var leadingTypes: [CrimeTypeCount]
}

/// Everything the report's "Crime and anti-social behaviour" section shows, as values: the
/// report writer lays it out and draws it, and decides nothing.
public struct CrimeSection: Hashable, Sendable {
    public static let title = "Crime and anti-social behaviour"
    public static let allAreas = "All areas"
    public static let leadingTypeCount = 5

    public enum Availability: Hashable, Sendable {
        /// All three months have police.uk data.
        case available
        /// Some months have data; the figures cover those only and are not compared.
        case partial(missing: [YearMonth])
        /// No month of the quarter has data: the section says so and shows nothing else.
        case notAvailable
    }

    public var quarter: Quarter
    public var availability: Availability
    /// What the section says when the data is not (fully) available; nil when it is.
    public var notice: String?
    /// Configured areas in report order.
    public var areas: [CrimeAreaSection]
    public var total: CrimeAreaSection
    /// The periods compared (nil when their data is incomplete), for column headings.
    public var previousQuarter: Quarter?
    public var yearEarlierQuarter: Quarter?
    /// This quarter's rows with no location: police.uk withholds it, so they are in no area.
    public var locationWithheld: Int
    /// This quarter's rows in LSOAs outside the partnership, left out.
    public var outsidePartnership: Int
    /// For the appendix: the source named, the licence's attribution, the files read.
    public var source: String
    public var attribution: String
    public var files: [InputFile]
}

public enum CrimeAggregator {
    /// The quarter's counts for the summary; nil when no police data is configured.
    public static func quarter(_ data: PoliceData?, quarter: Quarter, partnership: Partnership) -> QuarterCrime? {
        var untraced = Untraced()
        return self.quarter(data, quarter: quarter, partnership: partnership, trace: &untraced)
    }

    static func quarter<T: FigureTrace>(_ data: PoliceData?, quarter: Quarter, partnership: Partnership,
                                        trace: inout T) -> QuarterCrime? {
        guard let data else { return nil }
        return QuarterCrime(quarter: quarter, table: CrimeTable(data, trace: &trace), partnership: partnership)
    }

    /// The section's model. Pure: the same data gives the same section. `table` is
    /// `CrimeTable(data)`, passed in when one table serves several quarters.
    public static func section(_ data: PoliceData, quarter: Quarter, partnership: Partnership,
                               table prebuilt: CrimeTable? = nil) -> CrimeSection {
        let table = prebuilt ?? CrimeTable(data)
        let current = QuarterCrime(quarter: quarter, table: table, partnership: partnership)
        func complete(_ q: Quarter?) -> QuarterCrime? {
            guard let q else { return nil }
            let c = QuarterCrime(quarter: q, table: table, partnership: partnership)
            return c.isComplete ? c : nil
        }
        let previous = complete(quarter.previous)
        let yearEarlier = complete(quarter.yearEarlier)

        let availability: CrimeSection.Availability
        let notice: String?
        if !current.isAvailable {
            availability = .notAvailable
            notice = "police.uk crime and anti-social behaviour data is not available for \(quarter.monthRange)."
        } else if !current.isComplete {
            let missing = current.missingMonths
            availability = .partial(missing: missing)
            let covered = TextMatch.list(current.monthsWithData.map(\.name))
            notice = "police.uk data is not yet available for \(TextMatch.list(missing.map(\.name))); the figures cover \(covered) only and are not compared with other quarters."
        } else {
            availability = .available
            notice = nil
        }

        let seriesMonths = (quarter.previous?.months ?? []) + quarter.months
        func areaSection(_ name: String?) -> CrimeAreaSection {
            func figures(_ q: QuarterCrime?) -> CrimeFigures? {
                guard let q, q.isAvailable else { return nil }
                return CrimeFigures(name.map { q.area($0) } ?? q.totals)
            }
            let comparison = CrimeComparison(area: name ?? CrimeSection.allAreas, current: figures(current),
                                             previous: figures(previous), yearEarlier: figures(yearEarlier),
                                             currentIsComplete: current.isComplete)
            let monthly = seriesMonths.map { m in
                CrimeMonth(month: m, figures: table.monthsWithData.contains(m)
                    ? CrimeFigures(name.map { table.counts(area: $0, months: [m]) }
                        ?? partnership.areas.reduce(CrimeCounts()) { $0 + table.counts(area: $1.name, months: [m]) })
                    : nil)
            }
            let counts = name.map { current.area($0) } ?? current.totals
            return CrimeAreaSection(area: comparison.area, comparison: comparison, monthly: monthly,
                                    leadingTypes: counts.leadingCrimeTypes(CrimeSection.leadingTypeCount))
        }

        let quarterMonths = current.monthsWithData
        let forces = data.forces.isEmpty ? "" : TextMatch.list(data.forces) + ", "
        let sourceMonths = current.isComplete || quarterMonths.isEmpty ? quarter.monthRange
            : TextMatch.list(quarterMonths.map(\.name))
        let source = "\(PoliceData.sourceName): \(forces)\(sourceMonths); each row placed in an area by its LSOA through \(data.lookup?.name ?? "lsoa-areas.csv")."
        let usedMonths = Set(seriesMonths + (yearEarlier?.quarter.months ?? []))
        var files = data.files.filter { usedMonths.contains($0.month) }.map(\.file)
        if let lookup = data.lookup { files.append(lookup) }

        return CrimeSection(
            quarter: quarter, availability: availability, notice: notice,
            areas: partnership.areas.map { areaSection($0.name) }, total: areaSection(nil),
            previousQuarter: previous?.quarter, yearEarlierQuarter: yearEarlier?.quarter,
            locationWithheld: current.locationWithheld,
            outsidePartnership: quarterMonths.map { table.outside[$0] ?? 0 }.reduce(0, +),
            source: source, attribution: PoliceData.attribution + ".", files: files)
    }
}
