import CSPCore
import CSPModel

/// One number of an area's part of `summary --json` (and of `totals`).
public enum AreaFigure: Hashable, Sendable {
    case casesOpenAtStart, casesOpened, casesClosed, casesOpenAtEnd
    case successes
    case blockersRaised, blockersResolved, blockersOpen, blockersEscalatedOpen
    /// The sum of `value` for one step and measure (the measure as the summary spells it).
    case activity(CarmelStep, measure: String)
    case projects(ProjectStage)
    /// The sum of `count`.
    case ocgReferrals
    case crimeTotal, crimeASB
    case crimeType(String)

    /// The figure a path under an area names (`["cases", "opened"]`, as SummaryJSON writes
    /// the keys); nil for anything else.
    public init?(path: [String]) {
        switch path.count {
        case 1:
            switch path[0] {
            case "successes": self = .successes
            case "ocg_referrals": self = .ocgReferrals
            default: return nil
            }
        case 2:
            switch (path[0], path[1]) {
            case ("cases", "open_at_start"): self = .casesOpenAtStart
            case ("cases", "opened"): self = .casesOpened
            case ("cases", "closed"): self = .casesClosed
            case ("cases", "open_at_end"): self = .casesOpenAtEnd
            case ("blockers", "raised"): self = .blockersRaised
            case ("blockers", "resolved"): self = .blockersResolved
            case ("blockers", "open"): self = .blockersOpen
            case ("blockers", "escalated_open"): self = .blockersEscalatedOpen
            case ("crime", "total"): self = .crimeTotal
            case ("crime", "asb"): self = .crimeASB
            case ("think_communities", let stage):
                guard let s = ProjectStage(rawValue: stage) else { return nil }
                self = .projects(s)
            default: return nil
            }
        case 3:
            switch path[0] {
            case "activity":
                guard let step = CarmelStep(rawValue: path[1]) else { return nil }
                self = .activity(step, measure: path[2])
            case "crime" where path[1] == "by_type": self = .crimeType(path[2])
            default: return nil
            }
        default: return nil
        }
    }

    /// Whether each row adds a number of its own (a sum) rather than 1 (a count of rows).
    public var isSum: Bool {
        switch self {
        case .activity, .ocgReferrals: return true
        default: return false
        }
    }

    /// What the figure is, for a chair; `q` gives the dates of the definitions.
    public func label(_ q: Quarter) -> String {
        switch self {
        case .casesOpenAtStart: return "PSG cases open at the start of the quarter (opened before \(q.start), not closed before it)"
        case .casesOpened: return "PSG cases opened in the quarter (\(q.start) to \(q.end))"
        case .casesClosed: return "PSG cases closed in the quarter (\(q.start) to \(q.end))"
        case .casesOpenAtEnd: return "PSG cases open at the end of the quarter (opened by \(q.end), not closed by then; monitoring counts as open)"
        case .successes: return "successes recorded in the quarter"
        case .blockersRaised: return "blockers raised in the quarter (\(q.start) to \(q.end))"
        case .blockersResolved: return "blockers resolved in the quarter (\(q.start) to \(q.end))"
        case .blockersOpen: return "blockers still open"
        case .blockersEscalatedOpen: return "open blockers escalated to the CSP board"
        case let .activity(step, measure): return "Operation Carmel activity, \(step.label): \(measure) (the sum of each month's value)"
        case let .projects(stage): return "Think Communities projects at the stage \"\(stage.rawValue)\""
        case .ocgReferrals: return "referrals of young people at risk from organised crime groups (the sum of each row's count)"
        case .crimeTotal: return "police.uk crime and anti-social behaviour, every row"
        case .crimeASB: return "police.uk anti-social behaviour"
        case let .crimeType(type): return "police.uk rows of the type \"\(type)\""
        }
    }
}

/// The input row that added to a figure: its table in QuarterRecords and its index there.
public enum RowReference: Hashable, Sendable {
    case psgCase(Int), success(Int), blocker(Int), activity(Int), project(Int), referral(Int)
}

/// Told of every row's part in a figure as the Aggregator counts it.
public protocol FigureTrace {
    /// `row` added `value` to `figure` of the area in the Aggregator's slot `area`.
    mutating func add(_ figure: @autoclosure () -> AreaFigure, area: Int, row: RowReference, value: Int)
    /// police.uk row `row` (of PoliceData.records) was counted in the cell of its month, area
    /// and crime type.
    mutating func addCrime(row: Int, month: YearMonth, area: @autoclosure () -> String, crimeType: @autoclosure () -> String)
}

/// No trace: what `summary` and the report use; every call is inlined to nothing.
struct Untraced: FigureTrace {
    @inline(__always) mutating func add(_ figure: @autoclosure () -> AreaFigure, area: Int, row: RowReference, value: Int) {}
    @inline(__always) mutating func addCrime(row: Int, month: YearMonth, area: @autoclosure () -> String, crimeType: @autoclosure () -> String) {}
}

/// Every row's part in every figure, as counted.
public struct FigureRows: FigureTrace, Sendable {
    public struct Part: Hashable, Sendable {
        public var figure: AreaFigure
        public var area: Int
        public var row: RowReference
        public var value: Int
    }
    public struct CrimePart: Hashable, Sendable {
        public var row: Int
        public var month: YearMonth
        public var area: String
        public var crimeType: String
    }
    public internal(set) var parts: [Part] = []
    public internal(set) var crimeParts: [CrimePart] = []
    /// The area of each slot that `Part.area` names.
    public internal(set) var areaNames: [String] = []

    public init() {}

    public mutating func add(_ figure: @autoclosure () -> AreaFigure, area: Int, row: RowReference, value: Int) {
        parts.append(Part(figure: figure(), area: area, row: row, value: value))
    }

    public mutating func addCrime(row: Int, month: YearMonth, area: @autoclosure () -> String, crimeType: @autoclosure () -> String) {
        crimeParts.append(CrimePart(row: row, month: month, area: area(), crimeType: crimeType()))
    }
}

/// One row behind a figure: where it is, what it adds and what it is.
public struct TracedRow: Hashable, Sendable {
    public var source: RowSource
    public var value: Int
    /// The row's identity for a reader: id, title, date, area (and value, for a sum).
    public var description: String
    /// The row's id or name where it has one (a case or blocker id, a project's name).
    public var id: String?
    /// Text of the row as the file has it that tells it from its neighbours: the id or name,
    /// a success's title, an activity's measure (the name csp.yaml gives it, when the file
    /// has an alias), a referral's route, a crime's LSOA code.
    public var written: String
}

/// A quarter's summary with the rows behind each of its figures: what `cspreport explain` reads.
public struct SummaryTrace: Sendable {
    public var summary: QuarterSummary
    public var records: QuarterRecords
    public var police: PoliceData?
    public var rows: FigureRows

    /// Counts the quarter as `summary` does (the same code, told to record every row's part).
    public init(records: QuarterRecords, partnership: Partnership, police: PoliceData?) {
        var (summary, rows) = Aggregator.traced(records, partnership: partnership)
        summary.crime = CrimeAggregator.quarter(police, quarter: records.quarter, partnership: partnership, trace: &rows)
        self.summary = summary
        self.records = records
        self.police = police
        self.rows = rows
    }

    /// What a pointer names: an area (nil for the totals) and the figure under it.
    public static func figure(at pointer: SummaryPointer) -> (area: String?, figure: AreaFigure)? {
        let t = pointer.tokens
        if t.first == "totals" { return AreaFigure(path: Array(t.dropFirst())).map { (nil, $0) } }
        guard t.count >= 2, t[0] == "areas" else { return nil }
        return AreaFigure(path: Array(t.dropFirst(2))).map { (t[1], $0) }
    }

    /// The rows behind the figure at `pointer`, in file order; nil when the pointer names no
    /// figure. Their values add up to the figure.
    public func rows(at pointer: SummaryPointer) -> [TracedRow]? {
        guard let (area, figure) = SummaryTrace.figure(at: pointer) else { return nil }
        switch figure {
        case .crimeTotal, .crimeASB, .crimeType:
            guard let crime = summary.crime, let police else { return [] }
            // The cells QuarterCrime adds: its months with data, one configured area or all.
            let months = Set(crime.monthsWithData)
            let areas = area.map { Set([$0]) } ?? Set(crime.areas.keys)
            return rows.crimeParts.filter { p in
                guard months.contains(p.month), areas.contains(p.area) else { return false }
                switch figure {
                case .crimeASB: return p.crimeType == CrimeRecord.antiSocialBehaviour
                case let .crimeType(t): return p.crimeType == t
                default: return true
                }
            }.map { SummaryTrace.describeCrime(police.records[$0.row]) }
        default:
            // The totals add up the areas the summary shows.
            let slots = Set(rows.areaNames.indices.filter { i in
                area.map { rows.areaNames[i] == $0 } ?? summary.areaOrder.contains(rows.areaNames[i])
            })
            return rows.parts.filter { $0.figure == figure && slots.contains($0.area) }
                .map { describe($0.row, value: $0.value) }
                .sorted { ($0.source.file, $0.source.line) < ($1.source.file, $1.source.line) }
        }
    }

    func describe(_ row: RowReference, value: Int) -> TracedRow {
        func q(_ s: String) -> String { TextMatch.quoted(s, max: 70) }
        switch row {
        case .psgCase(let n):
            let c = records.cases[n]
            let closed = c.closed.map { ", closed \($0)" } ?? ", not closed (\(c.status.rawValue))"
            return TracedRow(source: c.source, value: value, description: "\(c.id) \(q(c.title)) (\(c.area)): opened \(c.opened)\(closed)", id: c.id, written: c.id)
        case .success(let n):
            let s = records.successes[n]
            let caseID = s.caseID.map { ", case \($0)" } ?? ""
            return TracedRow(source: s.source, value: value, description: "\(s.date) \(q(s.title)) (\(s.area)\(caseID))", id: nil, written: s.title)
        case .blocker(let n):
            let b = records.blockers[n]
            var state = b.status.rawValue
            if let r = b.resolved { state += " \(r)" }
            if b.escalate { state += ", escalated" }
            return TracedRow(source: b.source, value: value, description: "\(b.id) (\(b.area)): raised \(b.raised), \(state): \(q(b.description))", id: b.id, written: b.id)
        case .activity(let n):
            let a = records.activity[n]
            return TracedRow(source: a.source, value: value, description: "\(a.month) \(a.area), \(a.step.rawValue), \(q(a.measure)): \(a.value)", id: nil, written: a.measure)
        case .project(let n):
            let p = records.projects[n]
            let started = p.started.map { ", started \($0)" } ?? ""
            return TracedRow(source: p.source, value: value, description: "\(q(p.name)) (\(p.area)): \(p.stage.rawValue)\(started)", id: p.name, written: p.name)
        case .referral(let n):
            let r = (records.referrals ?? [])[n]
            return TracedRow(source: r.source, value: value, description: "\(r.month) \(r.area), \(r.route.rawValue): \(r.count)", id: nil, written: r.route.rawValue)
        }
    }

    static func describeCrime(_ r: CrimeRecord) -> TracedRow {
        TracedRow(source: r.source, value: 1, description: "\(r.month) \(r.area), LSOA \(r.lsoa): \(r.crimeType)", id: nil, written: r.lsoa.description)
    }
}
