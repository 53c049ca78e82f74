import CSPCore
import CSPModel

/// How this quarter's records carry on from last quarter's: what was open at the end of last
/// quarter and is missing now, and why each area's cases open at the start differ, if they do,
/// from those open at the end of last quarter (PRODUCT.md, "Cases and blockers run across
/// quarters"). The validator names each difference; the report shows the reconciliation.
public struct Continuity: Hashable, Sendable {
    /// Why a case counts in one of the two figures and not the other.
    public enum Reason: Hashable, Sendable {
        /// Open at the end of last quarter, and absent from this quarter's file.
        case missing
        /// In this quarter's file with a closed date before the quarter: the closure was not
        /// recorded in last quarter's file.
        case closedBeforeStart(CalendarDate)
        /// Open at the end of last quarter in another area.
        case movedFrom(String)
        /// Open at the start of this quarter in another area.
        case movedTo(String)
        /// Opened before this quarter but not in last quarter's file.
        case addedLate
        /// Closed in last quarter's file, open again at the start of this one.
        case reopened
        /// Open at the end of last quarter; this quarter's file dates its opening within this
        /// quarter, so it counts as opened, not as open at the start.
        case openedDateChanged(CalendarDate)
    }

    public struct CaseDifference: Hashable, Sendable {
        public var psgCase: PSGCase
        public var reason: Reason
        /// +1 when it counts in this quarter's open at start only, −1 when only in last
        /// quarter's open at end.
        public var effect: Int
    }

    public struct AreaReconciliation: Hashable, Sendable {
        public var area: String
        public var openAtEndLastQuarter: Int
        public var openAtStart: Int
        public var differences: [CaseDifference]
        public var agrees: Bool { openAtEndLastQuarter == openAtStart }
    }

    public var previousQuarter: Quarter
    /// Configured areas (and City-wide when either quarter names it), in report order.
    public var areas: [AreaReconciliation]
    /// Open at the end of last quarter and absent from this quarter's file.
    public var missingCases: [PSGCase]
    public var missingBlockers: [Blocker]
    public var missingProjects: [CommunityProject]

    public var agrees: Bool { areas.allSatisfy(\.agrees) }

    public init(previous: QuarterRecords, current: QuarterRecords, partnership: Partnership) {
        previousQuarter = previous.quarter
        let start = current.quarter.start
        let lastEnd = previous.quarter.end
        func key(_ id: String) -> String { id.lowercased() }
        func openAt(_ c: PSGCase, end: CalendarDate) -> Bool { c.opened <= end && (c.closed.map { $0 > end } ?? true) }
        func openAtStart(_ c: PSGCase) -> Bool { c.opened < start && (c.closed.map { $0 >= start } ?? true) }

        var lastByID: [String: PSGCase] = [:]
        for c in previous.cases { lastByID[key(c.id)] = c }
        var nowByID: [String: PSGCase] = [:]
        for c in current.cases { nowByID[key(c.id)] = c }
        var closedEarlierByID: [String: PSGCase] = [:]
        for c in current.closedEarlier { closedEarlierByID[key(c.id)] = c }

        var differences: [String: [CaseDifference]] = [:]
        var lastOpen: [String: Int] = [:], nowOpen: [String: Int] = [:]
        var missing: [PSGCase] = []
        for c in previous.cases where openAt(c, end: lastEnd) {
            lastOpen[c.area, default: 0] += 1
            if let now = nowByID[key(c.id)] {
                if openAtStart(now) {
                    if now.area != c.area {
                        differences[c.area, default: []].append(CaseDifference(psgCase: now, reason: .movedTo(now.area), effect: -1))
                    }
                } else {
                    differences[c.area, default: []].append(CaseDifference(psgCase: now, reason: .openedDateChanged(now.opened), effect: -1))
                }
            } else if let closed = closedEarlierByID[key(c.id)] {
                differences[c.area, default: []].append(CaseDifference(psgCase: closed, reason: .closedBeforeStart(closed.closed ?? start), effect: -1))
            } else {
                missing.append(c)
                differences[c.area, default: []].append(CaseDifference(psgCase: c, reason: .missing, effect: -1))
            }
        }
        for c in current.cases where openAtStart(c) {
            nowOpen[c.area, default: 0] += 1
            guard let last = lastByID[key(c.id)] else {
                differences[c.area, default: []].append(CaseDifference(psgCase: c, reason: .addedLate, effect: 1))
                continue
            }
            if !openAt(last, end: lastEnd) {
                differences[c.area, default: []].append(CaseDifference(psgCase: c, reason: .reopened, effect: 1))
            } else if last.area != c.area {
                differences[c.area, default: []].append(CaseDifference(psgCase: c, reason: .movedFrom(last.area), effect: 1))
            }
        }
        let named = Set(lastOpen.keys).union(nowOpen.keys).union(differences.keys)
        let order = partnership.areaOrder(includingCityWide: named.contains(Partnership.cityWide))
        areas = order.map { area in
            AreaReconciliation(area: area, openAtEndLastQuarter: lastOpen[area] ?? 0, openAtStart: nowOpen[area] ?? 0,
                               differences: (differences[area] ?? []).sorted { $0.psgCase.id < $1.psgCase.id })
        }
        missingCases = missing.sorted { $0.id < $1.id }

        var blockerIDs = Set(current.blockers.map { key($0.id) })
        for b in current.resolvedEarlier { blockerIDs.insert(key(b.id)) }
        missingBlockers = previous.blockers.filter { $0.status == .open && !blockerIDs.contains(key($0.id)) }
            .sorted { $0.id < $1.id }
        let projectKeys = Set(current.projects.map { $0.area + "\u{1F}" + $0.name.folded })
        missingProjects = previous.projects.filter { $0.stage != .completed && !projectKeys.contains($0.area + "\u{1F}" + $0.name.folded) }
            .sorted { ($0.area, $0.name) < ($1.area, $1.name) }
    }
}

extension Continuity.Reason {
    /// Why the case counts in one figure and not the other, in words for the chair and the board.
    public var explanation: String {
        switch self {
        case .missing: return "missing from this quarter’s file"
        case .closedBeforeStart(let d): return "closed on \(d.longDescription), before this quarter, but open in last quarter’s file"
        case .movedFrom(let a): return "open in \(a) at the end of last quarter"
        case .movedTo(let a): return "now in \(a)"
        case .addedLate: return "opened before this quarter but not in last quarter’s file"
        case .reopened: return "closed in last quarter’s file, open again now"
        case .openedDateChanged(let d): return "now dated opened \(d.longDescription), within this quarter"
        }
    }
}
