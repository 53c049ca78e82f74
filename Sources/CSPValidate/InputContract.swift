/// The files of a quarter folder and their columns, as PRODUCT.md's input contract lists them.
public struct InputFileSpec: Sendable {
    public var name: String
    public var required: Bool
    public var columns: [String]
    /// What one row is, for messages ("every case needs one").
    public var rowNoun: String
}

public enum InputContract {
    public static let quarterYAML = "quarter.yaml"
    public static let configYAML = "csp.yaml"

    public static let cases = InputFileSpec(
        name: "psg-cases.csv", required: true,
        columns: ["case_id", "title", "area", "location", "issue", "lead_agency", "partners", "opened", "closed", "status", "outcome"],
        rowNoun: "case")
    public static let successes = InputFileSpec(
        name: "successes.csv", required: true,
        columns: ["date", "area", "case_id", "step", "title", "detail", "partners"],
        rowNoun: "success")
    public static let blockers = InputFileSpec(
        name: "blockers.csv", required: true,
        columns: ["blocker_id", "raised", "area", "case_id", "owner", "description", "escalate", "status", "resolved", "resolution"],
        rowNoun: "blocker")
    public static let activity = InputFileSpec(
        name: "carmel-activity.csv", required: true,
        columns: ["month", "area", "step", "measure", "value"],
        rowNoun: "activity row")
    public static let projects = InputFileSpec(
        name: "think-communities.csv", required: true,
        columns: ["area", "project", "stage", "lead", "partners", "started", "update"],
        rowNoun: "project")
    public static let referrals = InputFileSpec(
        name: "ocg-referrals.csv", required: false,
        columns: ["month", "area", "route", "count"],
        rowNoun: "referral row")
    public static let youSaidWeDid = InputFileSpec(
        name: "you-said-we-did.csv", required: false,
        columns: ["date", "area", "source", "you_said", "we_did"],
        rowNoun: "you said, we did row")

    public static let csvFiles = [cases, successes, blockers, activity, projects, referrals, youSaidWeDid]

    /// The quarters before the current one that feed the trends (eight in all).
    public static let historyQuarters = 7
}
