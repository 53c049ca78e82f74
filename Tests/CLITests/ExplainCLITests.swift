import Foundation
import Testing

/// `cspreport explain` as a chair runs it, on Tests/Fixtures/basic.
@Suite struct ExplainCLITests {
    @Test func aCountListsTheRowsCounted() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["explain", "reports/2021-22-Q3", "/totals/cases/closed"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout == """
            All areas, 2021-22-Q3 — PSG cases closed in the quarter (2021-10-01 to 2021-12-31): 2
            Counted from these 2 rows of psg-cases.csv, one each:
            reports/2021-22-Q3/psg-cases.csv:3: C-2 "Street drinking on Mill Road" (East): opened 2021-10-04, closed 2021-12-10
            reports/2021-22-Q3/psg-cases.csv:4: C-3 "Cycle theft at the station" (West): opened 2021-09-01, closed 2021-11-15

            """)
    }

    @Test func aSumListsEachRowWithItsValue() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["explain", "reports/2021-22-Q3", "/areas/North/activity/engagement/Engagement events"], in: dir)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "North, 2021-22-Q3 — Operation Carmel activity, Engagement: Engagement events (the sum of each month's value): 10")
        #expect(lines.dropFirst(2).allSatisfy { $0.hasPrefix("reports/2021-22-Q3/carmel-activity.csv:") })
        let values = lines.dropFirst(2).compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }
        #expect(values.reduce(0, +) == 10)
    }

    /// `--year` with the reports folder: a figure of `summary --year --json`, its rows from
    /// every quarter of the year; a reports folder without --year is told what to give.
    @Test func aYearsFigure() throws {
        let dir = try CLI.scratch()
        let summary = try CLI.run(["summary", "reports", "--year", "2021-22", "--json"], in: dir)
        try #require(summary.status == 0, "\(summary.stderr)")
        let totals = try #require((try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])?["totals"] as? [String: Any])
        let r = try CLI.run(["explain", "reports", "--year", "2021-22", "/totals/successes", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(json["value"] as? Int == totals["successes"] as? Int)
        #expect(rows.compactMap { $0["value"] as? Int }.reduce(0, +) == totals["successes"] as? Int)
        let plain = try CLI.run(["explain", "reports", "--year", "2021-22", "/totals/cases/open_at_end"], in: dir)
        #expect(plain.stdout.hasPrefix("All areas, 2021-22 — PSG cases open at the end of the year"), "\(plain.stdout)")
        let folder = try CLI.run(["explain", "reports", "/totals/successes"], in: dir)
        #expect(folder.status == 2)
        #expect(folder.stderr.contains("or --year 2021-22 for the year's figures"), "\(folder.stderr)")
        let validate = try CLI.run(["validate", "reports"], in: dir)
        #expect(validate.status == 2)
        #expect(validate.stderr.contains("reports is a reports folder (it holds csp.yaml and the quarter folders), not a quarter: give one of its quarter folders, such as reports/2021-22-Q3"), "\(validate.stderr)")
    }

    /// Rows kept in a workbook are named by sheet and cell, as the chair finds them in Excel.
    @Test func workbookRowsAreNamedBySheetAndCell() throws {
        let dir = try CLI.scratch()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let quarter = dir.appendingPathComponent("wb/2024-25-Q3")
        try FileManager.default.createDirectory(at: quarter, withIntermediateDirectories: true)
        for (from, to) in [("reports/csp.yaml", "wb/csp.yaml"), ("reports/2024-25-Q3/quarter.yaml", "wb/2024-25-Q3/quarter.yaml"),
                           ("Tests/Fixtures/workbooks/2024-25-Q3/quarter.xlsx", "wb/2024-25-Q3/quarter.xlsx")] {
            try FileManager.default.copyItem(at: root.appendingPathComponent(from), to: dir.appendingPathComponent(to))
        }
        let r = try CLI.run(["explain", "wb/2024-25-Q3", "/areas/North/cases/opened"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty && rows.allSatisfy { $0.hasPrefix("wb/2024-25-Q3/quarter.xlsx:psg-cases!A") }, "\(r.stdout)")
        let json = try CLI.run(["explain", "wb/2024-25-Q3", "/areas/North/cases/opened", "--json"], in: dir)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let cells = (parsed["rows"] as? [[String: Any]] ?? []).compactMap { $0["cell"] as? String }
        #expect(!cells.isEmpty && cells.allSatisfy { $0.hasPrefix("psg-cases!A") })
    }

    /// The JSON's row values add up to the figure `summary --json` prints at the pointer.
    @Test func jsonRowsAddUpToTheSummarysFigure() throws {
        let dir = try CLI.scratch()
        let summary = try CLI.run(["summary", "reports/2021-22-Q3", "--json"], in: dir)
        let totals = try #require((try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])?["totals"] as? [String: Any])
        let r = try CLI.run(["explain", "reports/2021-22-Q3", "/totals/successes", "--json"], in: dir)
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["figure"] as? String == "/totals/successes")
        #expect(json["value"] as? Int == totals["successes"] as? Int)
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.compactMap { $0["value"] as? Int }.reduce(0, +) == json["value"] as? Int)
        #expect(rows.allSatisfy { ($0["file"] as? String) == "reports/2021-22-Q3/successes.csv" && ($0["line"] as? Int ?? 0) > 1 })
    }

    @Test func anUnknownPointerGetsTheNearestAndExit2() throws {
        let dir = try CLI.scratch()
        let typo = try CLI.run(["explain", "reports/2021-22-Q3", "/areas/Nroth/cases/opend"], in: dir)
        #expect(typo.status == 2)
        #expect(typo.stdout == "")
        #expect(typo.stderr.hasSuffix("\"/areas/Nroth/cases/opend\" is not a figure of the summary; did you mean /areas/North/cases/opened?\n"))
        let nowhere = try CLI.run(["explain", "reports/2021-22-Q3", "/areas/Nowhere"], in: dir)
        #expect(nowhere.status == 2)
        #expect(nowhere.stderr.contains("under /areas there are: \"North\", \"East\", \"South\", \"West\", \"City-wide\""))
        let noSlash = try CLI.run(["explain", "reports/2021-22-Q3", "totals/successes"], in: dir)
        #expect(noSlash.status == 2)
        #expect(noSlash.stderr.contains("did you mean /totals/successes?"))
        let text = try CLI.run(["explain", "reports/2021-22-Q3", "/quarter"], in: dir)
        #expect(text.status == 2)
        #expect(text.stderr.contains("/quarter is the text \"2021-22-Q3\", not a figure."))
        let missing = try CLI.run(["explain", "reports/2021-22-Q3"], in: dir)
        #expect(missing.status == 2)
    }

    /// A pointer of many thousand steps, or of nothing but tildes, gets its answer like any other.
    @Test func hostilePointersAreUsageErrors() throws {
        let dir = try CLI.scratch()
        for p in [String(repeating: "/", count: 100_000), "/areas" + String(repeating: "/North", count: 20_000),
                  "/areas/" + String(repeating: "~", count: 50_000), "/areas/North\n\t"] {
            let r = try CLI.run(["explain", "reports/2021-22-Q3", p], in: dir)
            #expect(r.status == 2)
            #expect(r.stdout == "")
            #expect(r.stderr.contains("is not a figure of the summary"))
        }
    }

    @Test func aGroupListsTheFiguresInIt() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["explain", "reports/2021-22-Q3", "/areas/North/cases"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout == """
            /areas/North/cases is a group of 4 figures; explain one of them:
              /areas/North/cases/open_at_start  (1)
              /areas/North/cases/opened  (0)
              /areas/North/cases/closed  (0)
              /areas/North/cases/open_at_end  (1)

            """)
    }

    @Test func invalidInputExitsWith1AndListsNothing() throws {
        let dir = try CLI.scratch()
        try "nonsense".write(to: dir.appendingPathComponent("reports/2021-22-Q3/successes.csv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["explain", "reports/2021-22-Q3", "/totals/successes"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout == "")
    }

    @Test func helpSaysItIsABoardTool() throws {
        let r = try CLI.run(["explain", "--help"], in: URL(fileURLWithPath: "/"))
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: cspreport explain <quarter-dir> <pointer> [--json]"))
        #expect(r.stdout.contains("which the public edition never lists"))
    }
}
