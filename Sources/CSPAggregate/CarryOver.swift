import CSPModel

/// What a new quarter starts with: the work still open at the end of the last one.
public struct CarryOver: Sendable {
    /// Cases not closed (open or monitoring), unchanged.
    public var cases: [PSGCase]
    /// Blockers still open, unchanged.
    public var blockers: [Blocker]
    /// Think Communities projects not completed, unchanged.
    public var projects: [CommunityProject]

    public init(from previous: QuarterRecords) {
        cases = previous.cases.filter { $0.status.isOpen }
        blockers = previous.blockers.filter { $0.status == .open }
        projects = previous.projects.filter { $0.stage != .completed }
    }
}
