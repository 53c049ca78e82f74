import CSPAggregate
import CSPCore
import CSPDisplay
import CSPLayout
@testable import CSPReport
import CSPValidate
import Testing

/// The annual report rates each outcome of the plan quarter by quarter (issue 22, point 5).
@Suite struct AnnualPlanTests {
    func year() throws -> YearInput {
        var files: [String: String] = ["reports/csp.yaml": """
            name: Test Partnership
            areas: [North, South]
            plan:
              title: Test Safety Plan
              priorities:
                - name: Keep young people safe
                  lead: Youth lead
                  outcomes:
                    - id: A
                      text: More successes
                      evidence:
                        - {figure: /totals/successes, better: up}
                    - id: B
                      text: Fewer cases
                      evidence:
                        - {figure: /totals/cases/opened, better: down}

            """]
        // Quarter by quarter: A slips to at risk in Q2 and recovers; B is left unrated in Q3
        // and completes in Q4.
        let ratings = [("on-track", "on-track"), ("at-risk", "on-track"), ("on-track", nil), ("on-track", "complete")]
        for n in 1...4 {
            let dir = "reports/2024-25-Q\(n)"
            var progress = "progress:\n  A: {status: \(ratings[n - 1].0), note: \"Note for A in Q\(n)\"}\n"
            if let b = ratings[n - 1].1 { progress += "  B: {status: \(b), note: \"Note for B in Q\(n)\"}\n" }
            files["\(dir)/quarter.yaml"] = "quarter: 2024-25-Q\(n)\nprepared_by: Chair\nmeeting_date: 2025-05-01\nsummary: |\n  A quarter.\n" + progress
            files["\(dir)/psg-cases.csv"] = "case_id,title,area,location,issue,lead_agency,partners,opened,closed,status,outcome\n"
            files["\(dir)/successes.csv"] = "date,area,case_id,step,title,detail,partners\n"
            files["\(dir)/blockers.csv"] = "blocker_id,raised,area,case_id,owner,description,escalate,status,resolved,resolution\n"
            files["\(dir)/carmel-activity.csv"] = "month,area,step,measure,value\n"
            files["\(dir)/think-communities.csv"] = "area,project,stage,lead,partners,started,update\n"
        }
        let (input, diagnostics) = YearLoader.load(world: MemoryWorld(text: files), directory: "reports", year: "2024-25")
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics.map(\.formatted))")
        return try #require(input)
    }

    @Test func eachOutcomesRatingQuarterByQuarter() throws {
        let input = try year()
        for edition in [Edition.board, .public] {
            let doc = ReportCompiler.compileYear(input: input, diagnostics: [], edition: edition,
                                                 date: DateTime(year: 2025, month: 5, day: 1)).document
            let headings = doc.blocks.compactMap { b -> String? in if case .heading(let h) = b { return h.text } else { return nil } }
            #expect(headings.firstIndex(of: "Progress against the plan through the year") == 1, "after the year at a glance: \(headings)")
            let text = doc.blocks.compactMap { b -> String? in
                if case .paragraph(let p) = b { return p.runs.map(\.text).joined() } else { return nil }
            }.joined(separator: "\n")
            #expect(text.contains("At the end of Q4 2024-25, 2 of 2 outcomes on track or complete. 1 outcome was rated at risk or off track in at least one quarter."), "\(text)")
            let tables = doc.blocks.compactMap { b -> Table? in
                if case .table(let t) = b, t.caption?.hasPrefix("Priority 1: each outcome") == true { return t } else { return nil }
            }
            let table = try #require(tables.first)
            #expect(table.caption == "Priority 1: each outcome’s rating by quarter; lead: Youth lead")
            #expect(table.headerRows[0].map(\.text) == ["Outcome", "Q1", "Q2", "Q3", "Q4"])
            #expect(table.rows.map { $0.dropFirst().map(\.text) } == [["On track", "At risk", "On track", "On track"],
                                                                     ["On track", "On track", "Not rated", "Complete"]])
            // The status is a word with a colour, never a colour alone.
            #expect(table.rows[0][2].status == .warning)
            // The chair's latest note, with its quarter.
            #expect(table.rows[1][0].text.contains("Q4 2024-25: Note for B in Q4"))
        }
    }
}
