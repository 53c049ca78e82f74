import CSPCore

/// The Community Safety Plan (csp.yaml `plan:`): priorities, each with a lead and outcomes,
/// each outcome with the summary figures that show how it is going.
public struct Plan: Hashable, Sendable {
    public var title: String?
    public var priorities: [PlanPriority]

    public init(title: String? = nil, priorities: [PlanPriority]) {
        self.title = title; self.priorities = priorities
    }

    public var outcomes: [PlanOutcome] { priorities.flatMap(\.outcomes) }
    public var outcomeIDs: [String] { outcomes.map(\.id) }
}

public struct PlanPriority: Hashable, Sendable {
    public var name: String
    public var lead: String?
    public var outcomes: [PlanOutcome]

    public init(name: String, lead: String? = nil, outcomes: [PlanOutcome]) {
        self.name = name; self.lead = lead; self.outcomes = outcomes
    }
}

public struct PlanOutcome: Hashable, Sendable {
    /// What `quarter.yaml`'s `progress:` rates it by, e.g. `P1-OCG-a`.
    public var id: String
    public var text: String
    public var evidence: [EvidenceFigure]

    public init(id: String, text: String, evidence: [EvidenceFigure] = []) {
        self.id = id; self.text = text; self.evidence = evidence
    }
}

/// Which way a figure should move for the outcome to be going well.
public enum Better: String, CaseIterable, Hashable, Sendable {
    case up, down
}

/// A figure of the quarter's summary, named by a JSON Pointer into `summary --json`.
public struct EvidenceFigure: Hashable, Sendable {
    public var pointer: String
    public var better: Better
    /// Where csp.yaml names it, for messages.
    public var location: SourceLocation?

    public init(pointer: String, better: Better, location: SourceLocation? = nil) {
        self.pointer = pointer; self.better = better; self.location = location
    }
}

/// The chair's rating of an outcome for the quarter.
public enum OutcomeStatus: String, CaseIterable, Hashable, Sendable {
    case onTrack = "on-track"
    case atRisk = "at-risk"
    case offTrack = "off-track"
    case complete
    case notStarted = "not-started"

    /// Spellings people type: "On track", "on_track", "ON-TRACK".
    public static func parse(_ raw: String) -> OutcomeStatus? {
        OutcomeStatus(rawValue: Partnership.areaKey(raw).replacingUnderscores)
    }

    public var label: String {
        switch self {
        case .onTrack: return "On track"
        case .atRisk: return "At risk"
        case .offTrack: return "Off track"
        case .complete: return "Complete"
        case .notStarted: return "Not started"
        }
    }
}

extension String {
    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}

public struct OutcomeRating: Hashable, Sendable {
    /// Nil when the chair left it blank (as `init` writes it).
    public var status: OutcomeStatus?
    public var note: String
    public var location: SourceLocation?

    public init(status: OutcomeStatus?, note: String = "", location: SourceLocation? = nil) {
        self.status = status; self.note = note; self.location = location
    }
}
