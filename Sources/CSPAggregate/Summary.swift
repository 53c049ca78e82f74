import CSPCore
import CSPModel

/// Case flow through one quarter. `openAtStart + opened − closed = openAtEnd`.
public struct CaseFlow: Hashable, Sendable {
    public var openAtStart = 0
    public var opened = 0
    public var closed = 0
    public var openAtEnd = 0
    public init() {}

    static func + (a: CaseFlow, b: CaseFlow) -> CaseFlow {
        var c = CaseFlow()
        c.openAtStart = a.openAtStart + b.openAtStart
        c.opened = a.opened + b.opened
        c.closed = a.closed + b.closed
        c.openAtEnd = a.openAtEnd + b.openAtEnd
        return c
    }
}

public struct BlockerCounts: Hashable, Sendable {
    public var raised = 0
    public var resolved = 0
    public var open = 0
    public var escalatedOpen = 0
    public init() {}

    static func + (a: BlockerCounts, b: BlockerCounts) -> BlockerCounts {
        var c = BlockerCounts()
        c.raised = a.raised + b.raised
        c.resolved = a.resolved + b.resolved
        c.open = a.open + b.open
        c.escalatedOpen = a.escalatedOpen + b.escalatedOpen
        return c
    }
}

/// One area's figures for one quarter (or the totals over all areas).
public struct AreaSummary: Hashable, Sendable {
    public var cases = CaseFlow()
    public var successes = 0
    public var blockers = BlockerCounts()
    /// Sum of `value` by step and measure.
    public var activity: [CarmelStep: [String: Int]] = [:]
    public var projectsByStage: [ProjectStage: Int] = [:]
    public var ocgReferrals = 0
    public init() {}

    static func + (a: AreaSummary, b: AreaSummary) -> AreaSummary {
        var c = AreaSummary()
        c.cases = a.cases + b.cases
        c.successes = a.successes + b.successes
        c.blockers = a.blockers + b.blockers
        c.activity = a.activity
        for (step, measures) in b.activity {
            for (m, v) in measures { c.activity[step, default: [:]][m, default: 0] += v }
        }
        c.projectsByStage = a.projectsByStage.merging(b.projectsByStage, uniquingKeysWith: +)
        c.ocgReferrals = a.ocgReferrals + b.ocgReferrals
        return c
    }
}

/// A quarter's aggregates: what `summary --json` prints and the PDF shows.
public struct QuarterSummary: Hashable, Sendable {
    public var quarter: Quarter
    /// Area names in report order (configured areas, then City-wide when any row names it).
    public var areaOrder: [String]
    public var areas: [String: AreaSummary]
    public var totals: AreaSummary
    /// Whether the optional ocg-referrals.csv was present.
    public var hasReferrals: Bool
    /// police.uk crime and ASB (CrimeSummary.swift); nil when no police data is configured.
    public var crime: QuarterCrime? = nil

    public func area(_ name: String) -> AreaSummary { areas[name] ?? AreaSummary() }
}

public enum Aggregator {
    /// Applies PRODUCT.md's definitions. Pure: the same records give the same summary.
    public static func summarise(_ records: QuarterRecords, partnership: Partnership) -> QuarterSummary {
        var untraced = Untraced()
        return summarise(records, partnership: partnership, trace: &untraced).summary
    }

    /// The summary and, for each figure, the rows that made it (`cspreport explain`): the
    /// same counting as `summarise`, with every row's part told to a recording trace.
    public static func traced(_ records: QuarterRecords, partnership: Partnership) -> (summary: QuarterSummary, trace: FigureRows) {
        var rows = FigureRows()
        let (summary, areaNames) = summarise(records, partnership: partnership, trace: &rows)
        rows.areaNames = areaNames
        return (summary, rows)
    }

    /// Every count of a row is made through `tally`, which also tells `trace` the row and what
    /// it added, so the counts and their trace cannot part; the areas' activity and the totals
    /// are then made from those counts alone. `Untraced` is specialised away: `summarise` costs
    /// what it did before tracing.
    static func summarise<T: FigureTrace>(_ records: QuarterRecords, partnership: Partnership,
                                          trace: inout T) -> (summary: QuarterSummary, areaNames: [String]) {
        @inline(__always)
        func tally(_ figure: inout Int, _ what: @autoclosure () -> AreaFigure, area: Int, row: RowReference, value: Int = 1) {
            figure += value
            trace.add(what(), area: area, row: row, value: value)
        }
        let q = records.quarter
        let start = q.start, end = q.end
        // Each area's figures are kept in an array slot found by one lookup per row and
        // changed in place; the dictionary of areas is made once at the end.
        var slotOf: [String: Int] = [:]
        var names: [String] = []
        var sums: [AreaSummary] = []
        var cityWide = false
        // Rows come in runs of one area: the last one found is checked before the lookup.
        var last: (area: String, slot: Int)?
        func slot(_ area: String) -> Int {
            if let last, last.area == area { return last.slot }
            if area == Partnership.cityWide { cityWide = true }
            let i: Int
            if let known = slotOf[area] { i = known } else {
                i = sums.count
                slotOf[area] = i; names.append(area); sums.append(AreaSummary())
            }
            last = (area, i)
            return i
        }
        for a in partnership.areas { _ = slot(a.name) }

        for (n, c) in records.cases.enumerated() {
            let i = slot(c.area), row = RowReference.psgCase(n)
            let closedBeforeStart = c.closed.map { $0 < start } ?? false
            if c.opened < start && !closedBeforeStart { tally(&sums[i].cases.openAtStart, .casesOpenAtStart, area: i, row: row) }
            if c.opened >= start && c.opened <= end { tally(&sums[i].cases.opened, .casesOpened, area: i, row: row) }
            if let closed = c.closed, closed >= start, closed <= end { tally(&sums[i].cases.closed, .casesClosed, area: i, row: row) }
            let closedByEnd = c.closed.map { $0 <= end } ?? false
            if c.opened <= end && !closedByEnd { tally(&sums[i].cases.openAtEnd, .casesOpenAtEnd, area: i, row: row) }
        }
        for (n, success) in records.successes.enumerated() {
            let i = slot(success.area)
            tally(&sums[i].successes, .successes, area: i, row: .success(n))
        }
        for (n, b) in records.blockers.enumerated() {
            let i = slot(b.area), row = RowReference.blocker(n)
            if b.raised >= start && b.raised <= end { tally(&sums[i].blockers.raised, .blockersRaised, area: i, row: row) }
            if b.status == .resolved, let r = b.resolved, r >= start, r <= end {
                tally(&sums[i].blockers.resolved, .blockersResolved, area: i, row: row)
            }
            if b.status == .open {
                tally(&sums[i].blockers.open, .blockersOpen, area: i, row: row)
                if b.escalate { tally(&sums[i].blockers.escalatedOpen, .blockersEscalatedOpen, area: i, row: row) }
            }
        }
        // The same measure typed in another case or spacing ("arrests", "Arrests ") is one measure, shown
        // with its first spelling. Summed first on small keys (area slot, step, a number per
        // measure as written), then moved into the areas: a county quarter has 100,000 rows
        // and a few hundred sums.
        var spelling: [String: String] = [:]
        var measureNumber: [ExactText: Int] = [:], measureNames: [String] = []
        // Each key's position in sumOrder and activitySums: one lookup per row.
        var sumIndex: [SumKey: Int] = [:]
        var sumOrder: [SumKey] = [], activitySums: [Int] = []
        for (n, a) in records.activity.enumerated() {
            let ai = slot(a.area)
            let mi: Int
            if let known = measureNumber[ExactText(a.measure)] { mi = known } else {
                let key = Measure.key(a.measure)
                let measure = spelling[key] ?? a.measure
                spelling[key] = measure
                mi = measureNames.count; measureNumber[ExactText(a.measure)] = mi; measureNames.append(measure)
            }
            let k = SumKey(area: ai, step: a.step, measure: mi)
            let i: Int
            if let known = sumIndex[k] { i = known } else {
                i = sumOrder.count; sumIndex[k] = i; sumOrder.append(k); activitySums.append(0)
            }
            tally(&activitySums[i], .activity(a.step, measure: measureNames[mi]), area: ai, row: .activity(n), value: a.value)
        }
        // Each area's measures go into dictionaries made at their final size: grown one
        // insertion at a time they would rehash every name (slowly, for non-ASCII names) on
        // each doubling.
        let steps = CarmelStep.allCases
        var sizes = [Int](repeating: 0, count: sums.count * steps.count)
        for k in sumOrder { sizes[k.area * steps.count + k.step.ordinal] += 1 }
        for area in sums.indices {
            for step in steps where sizes[area * steps.count + step.ordinal] > 0 {
                sums[area].activity[step] = Dictionary(minimumCapacity: sizes[area * steps.count + step.ordinal])
            }
        }
        for (k, v) in zip(sumOrder, activitySums) {
            sums[k.area].activity[k.step, default: [:]][measureNames[k.measure], default: 0] += v
        }
        for (n, p) in records.projects.enumerated() {
            let i = slot(p.area)
            tally(&sums[i].projectsByStage[p.stage, default: 0], .projects(p.stage), area: i, row: .project(n))
        }
        for (n, r) in (records.referrals ?? []).enumerated() {
            let i = slot(r.area)
            tally(&sums[i].ocgReferrals, .ocgReferrals, area: i, row: .referral(n), value: r.count)
        }
        // "You said, we did" rows name an area but add no figure to it.
        for y in records.youSaidWeDid ?? [] where y.area == Partnership.cityWide { cityWide = true }
        var areas: [String: AreaSummary] = [:]
        for (i, name) in names.enumerated() { areas[name] = sums[i] }
        let order = partnership.areaOrder(includingCityWide: cityWide)
        // Totals over the areas in `order`: activity summed on the small keys first, as above
        // (adding whole area summaries would hash every measure name once an area).
        let counted = order.compactMap { slotOf[$0] }
        var totals = counted.reduce(AreaSummary()) { t, i in
            var a = sums[i]
            a.activity = [:]
            return t + a
        }
        let countedSet = Set(counted)
        var totalSums: [StepMeasure: Int] = [:]
        for (k, v) in zip(sumOrder, activitySums) where countedSet.contains(k.area) {
            totalSums[StepMeasure(step: k.step, measure: k.measure), default: 0] += v
        }
        var totalSizes = [Int](repeating: 0, count: steps.count)
        for k in totalSums.keys { totalSizes[k.step.ordinal] += 1 }
        for step in steps where totalSizes[step.ordinal] > 0 {
            totals.activity[step] = Dictionary(minimumCapacity: totalSizes[step.ordinal])
        }
        for (k, v) in totalSums {
            // Two spellings of one measure ("arrests", "Arrests") share its first spelling.
            totals.activity[k.step, default: [:]][measureNames[k.measure], default: 0] += v
        }
        return (QuarterSummary(quarter: q, areaOrder: order, areas: areas, totals: totals,
                               hasReferrals: records.referrals != nil), names)
    }
}

/// An activity sum's key: area slot, step and a number per measure as written.
private struct SumKey: Hashable {
    var area: Int; var step: CarmelStep; var measure: Int
    // One word a row: the fields folded together (equality still compares each).
    func hash(into hasher: inout Hasher) { hasher.combine(area &<< 34 ^ step.ordinal &<< 30 ^ measure) }
}

private struct StepMeasure: Hashable { var step: CarmelStep; var measure: Int }
