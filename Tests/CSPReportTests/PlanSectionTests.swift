import Testing
import CSPAggregate
import CSPCore
import CSPDisplay
import CSPLayout
import CSPModel
@testable import CSPReport
import CSPValidate

/// "Progress against the plan" in both editions, on the small-counts quarter of
/// DisclosureTests: referrals by area are North 7, East 2, South 6, West 1 (12 in North last
/// quarter, none elsewhere).
@Suite struct PlanSectionTests {
    static func input(ratings: [String: OutcomeRating]? = nil) throws -> QuarterInput {
        var input = try smallCountsInput()
        input.partnership.plan = Plan(title: "Community Safety Plan 2021–22", priorities: [
            PlanPriority(name: "Safeguarding young people against violence and exploitation",
                         lead: "Communities Chief Inspector, Cambridgeshire Constabulary", outcomes: [
                PlanOutcome(id: "P1-OCG-a", text: "Increase the number of OCG-associated referrals to multi-agency working groups", evidence: [
                    EvidenceFigure(pointer: "/totals/ocg_referrals", better: .up),
                    EvidenceFigure(pointer: "/areas/North/ocg_referrals", better: .up),
                    EvidenceFigure(pointer: "/areas/East/ocg_referrals", better: .up),
                ]),
                PlanOutcome(id: "P1-CL", text: "Deliver the County Lines campaign"),
            ]),
            PlanPriority(name: "Listening to community needs and responding together to reduce harm", outcomes: [
                PlanOutcome(id: "P2-PSG", text: "PSG chair to highlight successes and blockers to the CSP in a quarterly report",
                            evidence: [EvidenceFigure(pointer: "/areas/North/successes", better: .up)]
                                + ["North", "East", "South", "West"].map { EvidenceFigure(pointer: "/areas/\($0)/blockers/open", better: .down) }),
            ]),
        ])
        input.current.narrative?.progress = ratings ?? [
            "P1-OCG-a": OutcomeRating(status: .atRisk, note: "North fell from 12 to 7."),
            "P1-CL": OutcomeRating(status: .offTrack, note: "No youth workers to run it."),
        ]
        return input
    }

    /// The section's blocks: from its heading to the next level-1 heading.
    static func section(_ doc: Document) -> [Block] {
        guard let start = doc.blocks.firstIndex(where: { if case .heading(let h) = $0 { return h.text == "Progress against the plan" } else { return false } })
        else { return [] }
        let end = doc.blocks[(start + 1)...].firstIndex { if case .heading(let h) = $0 { return h.level == 1 } else { return false } } ?? doc.blocks.endIndex
        return Array(doc.blocks[start..<end])
    }

    static func tables(_ blocks: [Block]) -> [Table] {
        blocks.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
    }

    static func row(_ tables: [Table], _ label: String) -> [String]? {
        tables.flatMap(\.rows).first { $0.first?.text.hasPrefix(label) == true }?.map(\.text)
    }

    @Test func followsAtAGlanceInBothEditions() throws {
        for edition in Edition.allCases {
            let doc = report(try Self.input(), edition)
            let level1 = doc.blocks.compactMap { if case .heading(let h) = $0, h.level == 1 { return h.text } else { return nil } }
            let i = try #require(level1.firstIndex(of: "At a glance"))
            #expect(level1[i + 1] == "Progress against the plan", "\(edition)")
            let all = texts(doc).joined(separator: "\n")
            #expect(all.contains("1 of 3 outcomes at risk, 1 off track; 1 not rated"), "\(edition)")
            #expect(all.contains("Priority 1: Safeguarding young people against violence and exploitation"))
            #expect(all.contains("Priority 1: outcomes and evidence; lead: Communities Chief Inspector, Cambridgeshire Constabulary"))
        }
    }

    @Test func statusesInWordsAndColour() throws {
        let tables = Self.tables(Self.section(report(try Self.input(), .board)))
        let cells = tables.flatMap(\.rows).compactMap { $0.count > 1 && $0[1].status != nil ? $0[1] : nil }
        #expect(cells.map(\.text) == ["At risk", "Off track", "Not rated"])
        #expect(cells.map(\.status) == [.warning, .bad, .neutral])
        // The chair's reason stands under the outcome, and with the outcome in the list of
        // what needs the board.
        #expect(Self.row(tables, "Increase the number")?.first?.contains("North fell from 12 to 7.") == true)
        let list = Self.section(report(try Self.input(), .board)).compactMap { if case .list(let l) = $0 { return l } else { return nil } }.first
        #expect(list?.items.map { $0.map(\.text).joined() }.first == "Off track: Deliver the County Lines campaign. No youth workers to run it.")
    }

    @Test func boardEvidenceWithItsChange() throws {
        let tables = Self.tables(Self.section(report(try Self.input(), .board)))
        #expect(Self.row(tables, "OCG referrals, all areas") == ["OCG referrals, all areas", "", "16", "12", "up 4: better"])
        #expect(Self.row(tables, "OCG referrals, North") == ["OCG referrals, North", "", "7", "12", "down 5: worse"])
        #expect(Self.row(tables, "OCG referrals, East") == ["OCG referrals, East", "", "2", "0", "up 2: better"])
    }

    @Test func publicEditionKeepsSmallCountsAndTheirChangeHidden() throws {
        let blocks = Self.section(report(try Self.input(), .public))
        let tables = Self.tables(blocks)
        #expect(Self.row(tables, "OCG referrals, all areas") == ["OCG referrals, all areas", "", "16", "12", "up 4: better"])
        #expect(Self.row(tables, "OCG referrals, North") == ["OCG referrals, North", "", "7", "12", "down 5: worse"])
        // East's 2 is "<5" as in the report's table of referrals by area, and its change,
        // which would give it back, is not shown.
        #expect(Self.row(tables, "OCG referrals, East") == ["OCG referrals, East", "", "<5", "0", "not shown"])
        // East's successes (2) are withheld in the public edition's successes by area: North's
        // figure beside them is shown as the successes table shows it.
        let publicDoc = report(try Self.input(), .public)
        let successesByArea = publicDoc.blocks.compactMap { if case .table(let t) = $0, t.caption == "Successes by area" { return t } else { return nil } }.first
        let northShown = successesByArea?.rows.first { $0.first?.text == "North" }?[1].text
        #expect(Self.row(tables, "Successes, North")?[2] == northShown)
        // Open blockers by area are 5, 5, 5 and 1 of 16: with the total, a "<5" would pin the
        // West's 1 down, so the public table withholds every area's; the evidence shows each
        // area's figure as that table does, not the 5s it could have shown alone.
        let blockersByArea = publicDoc.blocks.compactMap { if case .table(let t) = $0, t.caption == "Blockers by area this quarter" { return t } else { return nil } }.first
        let openShown = ["North", "East", "South", "West"].map { a in blockersByArea?.rows.first { $0.first?.text == a }?[3].text }
        #expect(openShown == ["[c]", "[c]", "[c]", "[c]"])
        #expect(["North", "East", "South", "West"].map { Self.row(tables, "Blockers open, \($0)")?[2] } == openShown)
        #expect(tables.first?.note?.hasPrefix("A change is not given where either quarter’s figure is fewer than 5") == true)
    }

    @Test func onTrackAgainstItsEvidenceIsPointedOutToTheBoardOnly() throws {
        let ratings = ["P1-OCG-a": OutcomeRating(status: .onTrack, note: "Fine."),
                       "P2-PSG": OutcomeRating(status: .onTrack, note: "")]
        var input = try Self.input(ratings: ratings)
        // North's referrals fell and every figure of P1-OCG-a would have to fall: keep only it.
        input.partnership.plan?.priorities[0].outcomes[0].evidence = [EvidenceFigure(pointer: "/areas/North/ocg_referrals", better: .up)]
        let remark = "Rated on track, though all its evidence moved the wrong way on last quarter."
        #expect(texts(report(input, .board)).contains { $0.contains(remark) })
        #expect(!texts(report(input, .public)).contains { $0.contains(remark) })
    }

    @Test func noPlanNoSection() throws {
        let input = try smallCountsInput()
        #expect(Self.section(report(input, .board)).isEmpty)
    }
}

extension PlanSectionTests {
    /// The notes are printed in the public edition as written, like the summary: a note that
    /// quotes a blocker is pointed out before publishing.
    @Test func notesThatQuoteABlockerAreAWarningForThePublicEdition() throws {
        let input = try Self.input(ratings: ["P1-CL": OutcomeRating(status: .atRisk, note: "Held up by B-0-0, the venue.")])
        func warnings(_ e: Edition) -> [String] {
            ReportCompiler.compile(input: input, diagnostics: [], edition: e, date: DateTime(year: 2025, month: 1, day: 23)).warnings.map(\.formatted)
        }
        #expect(warnings(.public) == ["reports/2021-22-Q3/quarter.yaml: warning: the notes on the plan's outcomes in progress: quote blocker B-0-0; the public edition prints them as written, so check they are fit to publish"])
        #expect(warnings(.board).isEmpty)
    }
}
