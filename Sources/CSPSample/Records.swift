import CSPCore

/// The generator's memory of one PSG case between quarters. A case keeps its id, opened date and
/// the way its dates were typed for as long as it is open, as a row in the chair's workbook does.
struct CaseRecord {
    enum Status: String {
        case open, monitoring, closed
    }

    let id: String
    let title: String
    let area: SampleArea
    /// The area as typed in this row: `West/Central` for some West cases.
    let areaSpelling: String
    let place: String
    let placeKind: PlaceKind
    let location: String
    let issue: String
    let leadAgency: String
    let partners: [String]
    let opened: CalendarDate
    let dateStyle: DateStyle
    var status: Status = .open
    var closed: CalendarDate?
    var outcome: String?

    var row: [String] {
        [id, title, areaSpelling, location, issue, leadAgency, partners.joined(separator: "; "),
         opened.formatted(dateStyle), closed.map { $0.formatted(dateStyle) } ?? "", status.rawValue, outcome ?? ""]
    }

    static let header = ["case_id", "title", "area", "location", "issue", "lead_agency", "partners", "opened",
                         "closed", "status", "outcome"]
}

/// A blocker stays in the file, with the same id, until it is resolved.
struct BlockerRecord {
    let id: String
    let raised: CalendarDate
    let area: SampleArea
    let areaSpelling: String
    /// Cleared only when `forgetCarriedOver` forgets the case it named.
    var caseID: String?
    let owner: String
    let description: String
    var escalate: Bool
    var resolved: CalendarDate?
    var resolution: String = ""
    /// What the resolution will say if the blocker is resolved on its own merits.
    let plannedResolution: String
    /// Its index in `Catalogue.blockerTemplates`, so the same problem is not raised twice at once.
    let template: Int
    let dateStyle: DateStyle

    var row: [String] {
        [id, raised.formatted(dateStyle), areaSpelling, caseID ?? "", owner, description, escalate ? "yes" : "no",
         resolved == nil ? "open" : "resolved", resolved.map { $0.formatted(dateStyle) } ?? "", resolution]
    }

    static let header = ["blocker_id", "raised", "area", "case_id", "owner", "description", "escalate", "status",
                         "resolved", "resolution"]
}

/// A Think Communities project: listed every quarter until the quarter it completes.
struct ProjectRecord {
    enum Stage: String {
        case idea, scoping, active, completed, paused
    }

    let area: SampleArea
    let areaSpelling: String
    let name: String
    var stage: Stage
    let lead: String
    let partners: [String]
    var started: CalendarDate?
    var update: String = ""
    let dateStyle: DateStyle

    var row: [String] {
        [areaSpelling, name, stage.rawValue, lead, partners.joined(separator: "; "),
         started.map { $0.formatted(dateStyle) } ?? "", update]
    }

    static let header = ["area", "project", "stage", "lead", "partners", "started", "update"]
}

/// The contract's headers for the files that have no record type of their own.
enum Headers {
    static let successes = ["date", "area", "case_id", "step", "title", "detail", "partners"]
    static let activity = ["month", "area", "step", "measure", "value"]
    static let referrals = ["month", "area", "route", "count"]
    static let youSaidWeDid = ["date", "area", "source", "you_said", "we_did"]
}
