import Foundation
import Testing

/// The plan through the command line: `init` carries the outcome ids into the new quarter with
/// blank statuses, `validate` points at each blank, and `summary --json` carries the ratings.
@Suite struct PlanCLITests {
    static let plan = """
    plan:
      title: Community Safety Plan 2021–22
      priorities:
        - name: Safeguarding young people against violence and exploitation
          lead: Communities Chief Inspector, Cambridgeshire Constabulary
          outcomes:
            - id: P1-OCG-a
              text: Increase the number of OCG-associated referrals to multi-agency working groups
              evidence:
                - {figure: /totals/ocg_referrals, better: up}
        - name: Listening to community needs and responding together to reduce harm
          outcomes:
            - id: P2-ABCD
              text: An ABCD / Think Communities project in each area

    """

    @Test func initWritesTheOutcomeIdsWithBlankStatuses() throws {
        let dir = try CLI.scratch()
        let config = dir.appendingPathComponent("reports/csp.yaml")
        try (try String(contentsOf: config, encoding: .utf8) + Self.plan).write(to: config, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["init", "2021-22-Q4"], in: dir).status == 0)
        let yaml = dir.appendingPathComponent("reports/2021-22-Q4/quarter.yaml")
        var text = try String(contentsOf: yaml, encoding: .utf8)
        #expect(text.contains("""
        progress:
          P1-OCG-a:  # Increase the number of OCG-associated referrals to multi-agency working groups
            status:
            note:
          P2-ABCD:  # An ABCD / Think Communities project in each area
            status:
            note:

        """), "\(text)")
        text = text.replacingOccurrences(of: "meeting_date:\n", with: "meeting_date: 2022-04-21\n")
        text = text.replacingOccurrences(of: "\nsummary: |\n", with: "\nsummary: |\n  Quiet quarter.\n")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        // Each blank status is pointed at, and the folder is valid all the same.
        let blank = try CLI.run(["validate", "reports/2021-22-Q4"], in: dir)
        #expect(blank.status == 0, "\(blank.stderr)")
        #expect(blank.stderr.contains("warning: outcome P1-OCG-a (\"Increase the number of OCG-associated referrals to multi-age…\") has no rating"))
        #expect(blank.stderr.contains("warning: outcome P2-ABCD (\"An ABCD / Think Communities project in each area\") has no rating"))
        // Rated, the warnings go and the summary carries the ratings.
        text = text.replacingOccurrences(of: "  P1-OCG-a:  # Increase the number of OCG-associated referrals to multi-agency working groups\n    status:\n    note:\n",
                                         with: "  P1-OCG-a:\n    status: at-risk\n    note: Schools were closed, so referrals fell.\n")
        text = text.replacingOccurrences(of: "  P2-ABCD:  # An ABCD / Think Communities project in each area\n    status:\n",
                                         with: "  P2-ABCD:\n    status: on-track\n")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        let rated = try CLI.run(["validate", "reports/2021-22-Q4"], in: dir)
        #expect(!rated.stderr.contains("has no rating"), "\(rated.stderr)")
        let json = try CLI.run(["summary", "reports/2021-22-Q4", "--json"], in: dir)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let plan = try #require(root["plan"] as? [[String: Any]])
        let outcomes = plan.flatMap { ($0["outcomes"] as? [[String: Any]]) ?? [] }
        #expect(outcomes.map { $0["status"] as? String } == ["at-risk", "on-track"])
        #expect(outcomes.first?["note"] as? String == "Schools were closed, so referrals fell.")
        let evidence = try #require((outcomes.first?["evidence"] as? [[String: Any]])?.first)
        #expect(evidence["figure"] as? String == "/totals/ocg_referrals")
        #expect(evidence["value"] as? Int == 0)
        #expect(evidence["previous"] as? Int != nil)
    }

    @Test func summaryOfAFolderWithoutAPlanHasNoPlanKey() throws {
        let dir = try CLI.scratch()
        let json = try CLI.run(["summary", "reports/2021-22-Q3", "--json"], in: dir)
        #expect(json.status == 0)
        #expect(!json.stdout.contains("\"plan\""))
    }
}
