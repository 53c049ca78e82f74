import CSPCore

/// Where a record came from: its file and line, so every figure can be traced to input rows.
public struct RowSource: Hashable, Sendable {
    public var file: String
    public var line: Int
    /// The row as a spreadsheet numbers it (the header is row 1), when it differs from the
    /// text line (a quoted cell with line breaks, blank rows); nil for the same number.
    public var row: Int?
    /// The sheet, when `file` is an Excel workbook.
    public var sheet: String?
    public init(file: String, line: Int, row: Int? = nil, sheet: String? = nil) {
        self.file = file
        self.line = line
        self.row = row == line ? nil : row
        self.sheet = sheet
    }

    /// "reports/2024-25-Q2/psg-cases.csv, row 15" (or "…/quarter.xlsx, sheet psg-cases, row
    /// 15"): where the chair finds the row in Excel.
    public var spreadsheetPlace: String {
        "\(file)" + (sheet.map { ", sheet \($0)" } ?? "") + ", row \(row ?? line)"
    }
}

/// A PSG case (psg-cases.csv).
public struct PSGCase: Hashable, Sendable {
    public var id: String
    public var title: String
    public var area: String
    public var location: String
    public var issue: String
    public var leadAgency: String
    public var partners: [String]
    public var opened: CalendarDate
    public var closed: CalendarDate?
    public var status: CaseStatus
    public var outcome: CaseOutcome?
    public var source: RowSource

    public init(id: String, title: String, area: String, location: String = "", issue: String = "",
                leadAgency: String = "", partners: [String] = [], opened: CalendarDate,
                closed: CalendarDate? = nil, status: CaseStatus, outcome: CaseOutcome? = nil,
                source: RowSource = RowSource(file: "", line: 0)) {
        self.id = id; self.title = title; self.area = area; self.location = location
        self.issue = issue; self.leadAgency = leadAgency; self.partners = partners
        self.opened = opened; self.closed = closed; self.status = status; self.outcome = outcome
        self.source = source
    }
}

/// A success (successes.csv).
public struct Success: Hashable, Sendable {
    public var date: CalendarDate
    public var area: String
    public var caseID: String?
    public var step: CarmelStep
    public var title: String
    public var detail: String
    public var partners: [String]
    public var source: RowSource

    public init(date: CalendarDate, area: String, caseID: String? = nil, step: CarmelStep, title: String,
                detail: String = "", partners: [String] = [], source: RowSource = RowSource(file: "", line: 0)) {
        self.date = date; self.area = area; self.caseID = caseID; self.step = step
        self.title = title; self.detail = detail; self.partners = partners; self.source = source
    }
}

/// A blocker the PSG cannot clear alone (blockers.csv).
public struct Blocker: Hashable, Sendable {
    public var id: String
    public var raised: CalendarDate
    public var area: String
    public var caseID: String?
    /// The agency that owns the blocker.
    public var owner: String
    public var description: String
    /// The PSG asks the CSP board to act.
    public var escalate: Bool
    public var status: BlockerStatus
    public var resolved: CalendarDate?
    public var resolution: String
    public var source: RowSource

    public init(id: String, raised: CalendarDate, area: String, caseID: String? = nil, owner: String,
                description: String, escalate: Bool, status: BlockerStatus, resolved: CalendarDate? = nil,
                resolution: String = "", source: RowSource = RowSource(file: "", line: 0)) {
        self.id = id; self.raised = raised; self.area = area; self.caseID = caseID; self.owner = owner
        self.description = description; self.escalate = escalate; self.status = status
        self.resolved = resolved; self.resolution = resolution; self.source = source
    }
}

/// One month's count of one Operation Carmel measure in one area (carmel-activity.csv).
public struct CarmelActivity: Hashable, Sendable {
    public var month: YearMonth
    public var area: String
    public var step: CarmelStep
    public var measure: String
    public var value: Int
    public var source: RowSource

    public init(month: YearMonth, area: String, step: CarmelStep, measure: String, value: Int,
                source: RowSource = RowSource(file: "", line: 0)) {
        self.month = month; self.area = area; self.step = step; self.measure = measure
        self.value = value; self.source = source
    }
}

/// A Think Communities / ABCD project (think-communities.csv).
public struct CommunityProject: Hashable, Sendable {
    public var area: String
    public var name: String
    public var stage: ProjectStage
    public var lead: String
    public var partners: [String]
    public var started: CalendarDate?
    public var update: String
    public var source: RowSource

    public init(area: String, name: String, stage: ProjectStage, lead: String = "", partners: [String] = [],
                started: CalendarDate? = nil, update: String = "", source: RowSource = RowSource(file: "", line: 0)) {
        self.area = area; self.name = name; self.stage = stage; self.lead = lead
        self.partners = partners; self.started = started; self.update = update; self.source = source
    }
}

/// Referrals of young people at risk from organised crime groups (ocg-referrals.csv).
public struct OCGReferral: Hashable, Sendable {
    public var month: YearMonth
    public var area: String
    public var route: ReferralRoute
    public var count: Int
    public var source: RowSource

    public init(month: YearMonth, area: String, route: ReferralRoute, count: Int,
                source: RowSource = RowSource(file: "", line: 0)) {
        self.month = month; self.area = area; self.route = route; self.count = count; self.source = source
    }
}

/// "You said, we did" (you-said-we-did.csv).
public struct YouSaidWeDid: Hashable, Sendable {
    public var date: CalendarDate
    public var area: String
    public var source: String
    public var youSaid: String
    public var weDid: String
    public var row: RowSource

    public init(date: CalendarDate, area: String, source: String = "", youSaid: String, weDid: String,
                row: RowSource = RowSource(file: "", line: 0)) {
        self.date = date; self.area = area; self.source = source; self.youSaid = youSaid
        self.weDid = weDid; self.row = row
    }
}

/// quarter.yaml: the chair's narrative.
public struct QuarterNarrative: Hashable, Sendable {
    public var quarter: Quarter
    public var preparedBy: String
    public var meetingDate: CalendarDate?
    /// Paragraphs, split on blank lines.
    public var summary: [String]
    public var highlights: [String]
    /// The chair's rating of each outcome of the plan, by outcome id; nil when quarter.yaml has
    /// no `progress:`.
    public var progress: [String: OutcomeRating]?

    public init(quarter: Quarter, preparedBy: String, meetingDate: CalendarDate?, summary: [String],
                highlights: [String] = [], progress: [String: OutcomeRating]? = nil) {
        self.quarter = quarter; self.preparedBy = preparedBy; self.meetingDate = meetingDate
        self.summary = summary; self.highlights = highlights; self.progress = progress
    }
}

/// One input file as read: for the appendix's data sources and provenance.
public struct InputFile: Hashable, Sendable {
    public var path: String
    public var name: String
    public var rows: Int
    public var bytes: Int
    public var sha256: String

    public init(path: String, name: String, rows: Int, bytes: Int, sha256: String) {
        self.path = path; self.name = name; self.rows = rows; self.bytes = bytes; self.sha256 = sha256
    }
}

/// Everything one quarter folder holds, validated and typed.
public struct QuarterRecords: Hashable, Sendable {
    public var quarter: Quarter
    public var narrative: QuarterNarrative?
    public var cases: [PSGCase]
    public var successes: [Success]
    public var blockers: [Blocker]
    public var activity: [CarmelActivity]
    public var projects: [CommunityProject]
    /// nil when ocg-referrals.csv is absent (it is optional).
    public var referrals: [OCGReferral]?
    /// nil when you-said-we-did.csv is absent (it is optional).
    public var youSaidWeDid: [YouSaidWeDid]?
    public var files: [InputFile]
    /// Cases in psg-cases.csv closed before the quarter: not part of it, but kept so that the
    /// quarter's continuity with the last can be explained (Continuity).
    public var closedEarlier: [PSGCase]
    /// Blockers in blockers.csv resolved before the quarter, likewise.
    public var resolvedEarlier: [Blocker]

    public init(quarter: Quarter, narrative: QuarterNarrative? = nil, cases: [PSGCase] = [],
                successes: [Success] = [], blockers: [Blocker] = [], activity: [CarmelActivity] = [],
                projects: [CommunityProject] = [], referrals: [OCGReferral]? = nil,
                youSaidWeDid: [YouSaidWeDid]? = nil, files: [InputFile] = [],
                closedEarlier: [PSGCase] = [], resolvedEarlier: [Blocker] = []) {
        self.quarter = quarter; self.narrative = narrative; self.cases = cases; self.successes = successes
        self.blockers = blockers; self.activity = activity; self.projects = projects
        self.referrals = referrals; self.youSaidWeDid = youSaidWeDid; self.files = files
        self.closedEarlier = closedEarlier; self.resolvedEarlier = resolvedEarlier
    }
}
