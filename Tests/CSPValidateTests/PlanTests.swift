import Foundation
import Testing
@testable import CSPAggregate
import CSPCore
import CSPModel
@testable import CSPValidate

/// The plan's evidence arithmetic, its JSON, the pointers into the summary, and the checks that
/// need two quarters' figures. (Tests/BadInputs 90–99 hold the messages as whole folders.)
@Suite struct PlanTests {
    static func evidence(_ value: Int?, _ previous: Int?, _ better: Better) -> EvidenceProgress {
        EvidenceProgress(figure: EvidenceFigure(pointer: "/totals/ocg_referrals", better: better), value: value, previous: previous)
    }

    @Test func movementAgainstTheWayThePlanWants() {
        #expect(Self.evidence(31, 25, .up).moved == .better)
        #expect(Self.evidence(31, 25, .up).change == 6)
        #expect(Self.evidence(31, 25, .down).moved == .worse)
        #expect(Self.evidence(4, 9, .down).moved == .better)
        #expect(Self.evidence(4, 9, .down).change == -5)
        #expect(Self.evidence(4, 9, .up).moved == .worse)
        #expect(Self.evidence(7, 7, .up).moved == .same)
        #expect(Self.evidence(7, 7, .down).moved == .same)
        #expect(Self.evidence(0, 0, .up).moved == .same)
        // No previous quarter, or no figure this quarter: nothing moved.
        #expect(Self.evidence(7, nil, .up).moved == nil)
        #expect(Self.evidence(7, nil, .up).change == nil)
        #expect(Self.evidence(nil, 7, .up).moved == nil)
    }

    @Test func onTrackAgainstEvidenceOnlyWhenEveryFigureMovedTheWrongWay() {
        let outcome = PlanOutcome(id: "P1", text: "More referrals")
        func o(_ status: OutcomeStatus?, _ e: [EvidenceProgress]) -> OutcomeProgress {
            OutcomeProgress(outcome: outcome, rating: status.map { OutcomeRating(status: $0) }, evidence: e)
        }
        #expect(o(.onTrack, [Self.evidence(20, 25, .up), Self.evidence(9, 4, .down)]).onTrackAgainstEvidence)
        #expect(!o(.onTrack, [Self.evidence(20, 25, .up), Self.evidence(4, 4, .down)]).onTrackAgainstEvidence)
        #expect(!o(.onTrack, [Self.evidence(20, 25, .up), Self.evidence(4, nil, .down)]).onTrackAgainstEvidence)
        #expect(!o(.atRisk, [Self.evidence(20, 25, .up)]).onTrackAgainstEvidence)
        #expect(!o(.onTrack, []).onTrackAgainstEvidence)
        #expect(!o(nil, [Self.evidence(20, 25, .up)]).onTrackAgainstEvidence)
    }

    static func summary(north: Int, east: Int, measure: String = "Engagement events") -> QuarterSummary {
        var n = AreaSummary(), e = AreaSummary()
        n.ocgReferrals = north; e.ocgReferrals = east
        n.activity[.engagement] = [measure: 4]
        var t = AreaSummary()
        t.ocgReferrals = north + east
        t.activity[.engagement] = [measure: 4]
        let q = try! Quarter.parse("2021-22-Q3").get()
        return QuarterSummary(quarter: q, areaOrder: ["North", "East"], areas: ["North": n, "East": e], totals: t, hasReferrals: true)
    }

    static let plan = Plan(title: "Plan", priorities: [
        PlanPriority(name: "Safeguarding", lead: "Chief Inspector", outcomes: [
            PlanOutcome(id: "P1-a", text: "More referrals", evidence: [
                EvidenceFigure(pointer: "/totals/ocg_referrals", better: .up),
                EvidenceFigure(pointer: "/areas/East/ocg_referrals", better: .up),
                EvidenceFigure(pointer: "/totals/activity/engagement/Leaflets", better: .up),
            ]),
        ]),
        PlanPriority(name: "Listening", outcomes: [PlanOutcome(id: "P2-a", text: "A project in each area")]),
    ])

    @Test func evidenceValuesFromBothQuarters() {
        let progress = PlanProgress.evaluate(Self.plan, ratings: ["P1-a": OutcomeRating(status: .atRisk, note: "Fell.")],
                                             summary: Self.summary(north: 9, east: 2), previous: Self.summary(north: 5, east: 6))
        let e = progress[0].outcomes[0].evidence
        #expect(e.map(\.value) == [11, 2, nil])
        #expect(e.map(\.previous) == [11, 6, nil])
        #expect(e.map(\.moved) == [.same, .worse, nil])
        #expect(progress[0].outcomes[0].status == .atRisk)
        #expect(progress[1].outcomes[0].rating == nil)
        // Without last quarter, nothing has a previous value or a movement.
        let first = PlanProgress.evaluate(Self.plan, ratings: nil, summary: Self.summary(north: 9, east: 2), previous: nil)
        #expect(first[0].outcomes[0].evidence.map(\.previous) == [nil, nil, nil])
        #expect(first[0].outcomes[0].evidence.map(\.moved) == [nil, nil, nil])
    }

    @Test func glanceLeadsWithWhatNeedsTheBoard() {
        func progress(_ statuses: [OutcomeStatus?]) -> [PriorityProgress] {
            [PriorityProgress(priority: PlanPriority(name: "P", outcomes: []), outcomes: statuses.enumerated().map { i, s in
                OutcomeProgress(outcome: PlanOutcome(id: "O\(i)", text: "t"), rating: s.map { OutcomeRating(status: $0) }, evidence: [])
            })]
        }
        #expect(PlanProgress.glance(progress([.atRisk, .atRisk, .offTrack, .onTrack, .onTrack, .onTrack, .complete]))
                == "2 of 7 outcomes at risk, 1 off track; 3 on track and 1 complete")
        #expect(PlanProgress.glance(progress([.onTrack, .complete, nil])) == "None of the 3 outcomes is at risk or off track: 1 on track, 1 complete and 1 not rated")
        #expect(PlanProgress.glance(progress([.offTrack])) == "1 of 1 outcome off track")
    }

    @Test func jsonCarriesThePlanAndOnlyWhenThereIsOne() throws {
        let now = Self.summary(north: 9, east: 2), before = Self.summary(north: 5, east: 6)
        // No plan: the summary as it always was.
        #expect(!SummaryJSON.render(now).contains("\"plan\""))
        #expect(SummaryJSON.render(now) == SummaryJSON.render(now, plan: nil))
        let progress = PlanProgress.evaluate(Self.plan, ratings: ["P1-a": OutcomeRating(status: .atRisk, note: "Fell.")],
                                             summary: now, previous: before)
        let json = SummaryJSON.render(now, plan: progress)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let plan = try #require(root["plan"] as? [[String: Any]])
        #expect(plan.count == 2)
        #expect(plan[0]["priority"] as? String == "Safeguarding")
        #expect(plan[0]["lead"] as? String == "Chief Inspector")
        #expect(plan[1]["lead"] is NSNull)
        let outcome = try #require((plan[0]["outcomes"] as? [[String: Any]])?.first)
        #expect(outcome["id"] as? String == "P1-a")
        #expect(outcome["text"] as? String == "More referrals")
        #expect(outcome["status"] as? String == "at-risk")
        #expect(outcome["note"] as? String == "Fell.")
        let evidence = try #require(outcome["evidence"] as? [[String: Any]])
        #expect(evidence.map { $0["figure"] as? String } == ["/totals/ocg_referrals", "/areas/East/ocg_referrals", "/totals/activity/engagement/Leaflets"])
        #expect(evidence[1]["value"] as? Int == 2)
        #expect(evidence[1]["previous"] as? Int == 6)
        #expect(evidence[1]["better"] as? String == "up")
        #expect(evidence[1]["moved"] as? String == "worse")
        #expect(evidence[0]["moved"] as? String == "same")
        #expect(evidence[2]["value"] is NSNull && evidence[2]["moved"] is NSNull)
        let unrated = try #require((plan[1]["outcomes"] as? [[String: Any]])?.first)
        #expect(unrated["status"] is NSNull && unrated["note"] is NSNull)
        #expect((unrated["evidence"] as? [Any])?.isEmpty == true)
        // The rest of the summary is unchanged by the plan.
        #expect(json.hasPrefix(String(SummaryJSON.render(now).dropLast(3))))
    }

    @Test func pointersAreTheSummaryJSONsOwn() throws {
        let s = Self.summary(north: 9, east: 2, measure: "Cash/seized ~ £")
        let figures = SummaryPointers(s)
        let all = figures.figures.map(\.description)
        #expect(all.contains("/totals/ocg_referrals"))
        #expect(all.contains("/areas/North/cases/open_at_start"))
        #expect(all.contains("/areas/East/think_communities/active"))
        // RFC 6901: "/" in a key is "~1", "~" is "~0".
        #expect(all.contains("/areas/North/activity/engagement/Cash~1seized ~0 £"))
        #expect(figures.number(at: "/areas/North/activity/engagement/Cash~1seized ~0 £") == 4)
        #expect(SummaryPointer(figure: "/a~1b/c~0d")?.tokens == ["a/b", "c~d"])
        #expect(SummaryPointer(figure: "a/b") == nil && SummaryPointer(figure: "/a~2") == nil)
        #expect(figures.number(at: "/areas/East/ocg_referrals") == 2)
        #expect(figures.number(at: "/totals/cases") == nil)
        #expect(figures.isGroup("/totals/cases"))
        // Every pointer names exactly the number the JSON holds there.
        let root = try #require(try JSONSerialization.jsonObject(with: Data(SummaryJSON.render(s).utf8)) as? [String: Any])
        for f in figures.figures {
            var node: Any? = root
            for t in f.tokens { node = (node as? [String: Any])?[t] }
            #expect(node as? Int == figures.number(at: f.description), "\(f)")
        }
        #expect(figures.figureSuggestions(for: "/totals/ocg_referal") == ["/totals/ocg_referrals"])
        #expect(figures.figureSuggestions(for: "/areas/Est/ocg_referrals") == ["/areas/East/ocg_referrals"])
        #expect(figures.figureSuggestions(for: "totals/successes") == ["/totals/successes"])
        #expect(figures.figureSuggestions(for: "/totals/blockers").first == "/totals/blockers/raised")
        #expect(figures.figureSuggestions(for: "/everything/else").isEmpty)
    }

    // MARK: Checks that need the quarter's figures

    /// The basic fixture with a plan, ratings in 2021-22-Q3, and a 2021-22-Q2 folder beside it
    /// whose referrals and active projects were higher.
    static func twoQuarters(rating: String, evidence: String) -> Fixture {
        var f = Fixture()
        f.files["reports/csp.yaml"] = (f.files["reports/csp.yaml"] ?? "") + """
        plan:
          priorities:
            - name: Safeguarding young people against violence and exploitation
              outcomes:
                - id: P1-OCG-a
                  text: Increase the number of OCG-associated referrals to multi-agency working groups
                  evidence:
        \(evidence)

        """
        f.files["reports/2021-22-Q3/quarter.yaml"] = (f.files["reports/2021-22-Q3/quarter.yaml"] ?? "") + "progress:\n  P1-OCG-a: {status: \(rating), note: Checked.}\n"
        let q2 = "reports/2021-22-Q2/"
        f.files[q2 + "quarter.yaml"] = "quarter: 2021-22-Q2\nprepared_by: Chair\nmeeting_date: 2021-10-20\nsummary: |\n  Earlier.\n"
        f.files[q2 + "psg-cases.csv"] = "case_id,title,area,location,issue,lead_agency,partners,opened,closed,status,outcome\n"
        f.files[q2 + "successes.csv"] = "date,area,case_id,step,title,detail,partners\n"
        f.files[q2 + "blockers.csv"] = "blocker_id,raised,area,case_id,owner,description,escalate,status,resolved,resolution\n"
        f.files[q2 + "carmel-activity.csv"] = "month,area,step,measure,value\n"
        f.files[q2 + "think-communities.csv"] = "area,project,stage,lead,partners,started,update\n"
        f.files[q2 + "ocg-referrals.csv"] = "month,area,route,count\n2021-08,North,early-help,400\n"
        return f
    }

    @Test func onTrackWhileAllEvidenceMovedTheWrongWayIsAWarning() throws {
        let f = Self.twoQuarters(rating: "on-track", evidence: "            - {figure: /totals/ocg_referrals, better: up}")
        let messages = f.messages().filter { $0.contains("P1-OCG-a") }
        #expect(messages.count == 1)
        let m = try #require(messages.first)
        #expect(m.hasPrefix("reports/2021-22-Q3/quarter.yaml:"))
        #expect(m.contains(": warning: P1-OCG-a is rated on-track, but all its evidence moved the wrong way since 2021-22-Q2: /totals/ocg_referrals 400 → "))
        #expect(m.contains("(the plan wants it higher); check the rating"))
        // Rated at risk, or with one figure that moved the right way: nothing to say.
        #expect(!Self.twoQuarters(rating: "at-risk", evidence: "            - {figure: /totals/ocg_referrals, better: up}").messages().contains { $0.contains("P1-OCG-a") })
        #expect(!Self.twoQuarters(rating: "on-track", evidence: "            - {figure: /totals/ocg_referrals, better: down}").messages().contains { $0.contains("P1-OCG-a") })
        let (input, _) = f.load()
        #expect(input != nil, "a warning does not stop the report")
    }
}

extension PlanTests {
    /// The plan and ratings as people write YAML by hand, in its other legal forms: block
    /// style, a folded lead, a literal outcome over two lines, a quoted pointer, `UP`, a
    /// numeric id rated under a quoted key, a status in words, a folded note with a comma.
    @Test func handWrittenFormsReadAsMeant() throws {
        var f = Fixture()
        f.files["reports/csp.yaml"] = (f.files["reports/csp.yaml"] ?? "") + """
        plan:
          priorities:
          - name: "Safeguarding young people against violence and exploitation"
            lead: >-
              Communities Chief Inspector,
              Cambridgeshire Constabulary
            outcomes:
            - id: 1
              text: |
                Increase the number of OCG-associated referrals
                to multi-agency working groups
              evidence:
              - figure: "/totals/ocg_referrals"
                better: UP

        """
        f.files["reports/2021-22-Q3/quarter.yaml"] = (f.files["reports/2021-22-Q3/quarter.yaml"] ?? "") + """
        progress:
          "1":
            status: At Risk
            note: >
              Referrals fell, as schools
              were closed.

        """
        let (input, diagnostics) = f.load()
        #expect(diagnostics.map(\.formatted).filter { $0.contains(".yaml") } == [])
        let plan = try #require(input?.partnership.plan)
        #expect(plan.priorities[0].lead == "Communities Chief Inspector, Cambridgeshire Constabulary")
        #expect(plan.outcomes[0].id == "1")
        #expect(plan.outcomes[0].text == "Increase the number of OCG-associated referrals to multi-agency working groups")
        #expect(plan.outcomes[0].evidence == [EvidenceFigure(pointer: "/totals/ocg_referrals", better: .up, location: plan.outcomes[0].evidence.first?.location)])
        let rating = try #require(input?.current.narrative?.progress?["1"])
        #expect(rating.status == .atRisk)
        #expect(rating.note == "Referrals fell, as schools were closed.")
    }
}
