import CSPCore
@testable import CSPValidate
import CSPIngest
import Foundation
import Testing

@Suite struct CLITests {
    @Test func helpListsTheSubcommands() throws {
        let r = try CLI.run(["--help"], in: URL(fileURLWithPath: "/"))
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: cspreport <subcommand>"))
        for sub in ["validate", "summary", "init"] {
            #expect(r.stdout.contains("  \(sub) "), "help lists \(sub)")
        }
    }

    @Test func validateHelpText() throws {
        let r = try CLI.run(["validate", "--help"], in: URL(fileURLWithPath: "/"))
        #expect(r.stdout == """
        OVERVIEW: Check a quarter folder, csp.yaml and the earlier quarters beside it.

        Every problem is printed as FILE:LINE:COLUMN: error: message (or warning:).
        Exit status: 0 valid (warnings allowed), 1 invalid input, 2 usage error.

        USAGE: cspreport validate <quarter-dir>

        ARGUMENTS:
          <quarter-dir>           The quarter folder, e.g. reports/2021-22-Q3.

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.


        """)
    }

    @Test func validateAValidQuarter() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["validate", "reports/2021-22-Q3"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout == "")
        #expect(r.stderr == """
        reports/2021-22-Q3/psg-cases.csv:6:88: warning: cell I6: case "C-5" was closed on 2021-09-01, before the quarter starts (1 October 2021); it is left out of this quarter
        reports/2021-22-Q3: valid, with 1 warning — 2021-22-Q3 and no earlier quarters; 20 rows checked

        """)
    }

    @Test func absolutePathsAreShownRelativeToTheCurrentFolder() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["validate", dir.appendingPathComponent("reports/2021-22-Q3/").path], in: dir)
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("reports/2021-22-Q3/psg-cases.csv:6:88: warning"))
    }

    @Test func everyErrorAtOnceWithExitStatus1() throws {
        let dir = try CLI.scratch()
        let cases = dir.appendingPathComponent("reports/2021-22-Q3/psg-cases.csv")
        var text = try String(contentsOf: cases, encoding: .utf8)
        text = text.replacingOccurrences(of: "C-4,Youth ASB Cherry Hinton,South", with: "C-4,Youth ASB Cherry Hinton,Suoth")
        text = text.replacingOccurrences(of: "2021-10-04,2021-12-10,closed", with: "2021-10-04,31/02/2021,closed")
        try text.write(to: cases, atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", "reports/2021-22-Q3"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr == """
        reports/2021-22-Q3/psg-cases.csv:3:126: error: cell I3: closed "31/02/2021" is not a real date (February 2021 has 28 days); write it as 2021-10-04 or 04/10/2021
        reports/2021-22-Q3/psg-cases.csv:5:29: error: cell C5: area "Suoth" is not a known area (North, East, South, West); did you mean "South"?
        reports/2021-22-Q3/psg-cases.csv:6:88: warning: cell I6: case "C-5" was closed on 2021-09-01, before the quarter starts (1 October 2021); it is left out of this quarter
        reports/2021-22-Q3: 2 errors, 1 warning

        """)
    }

    @Test func usageErrorsExitWith2() throws {
        let dir = try CLI.scratch()
        let missing = try CLI.run(["validate", "reports/2099-00-Q1"], in: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("Error: no such folder: reports/2099-00-Q1"))
        let noArgument = try CLI.run(["summary"], in: dir)
        #expect(noArgument.status == 2)
        let unknown = try CLI.run(["frobnicate"], in: dir)
        #expect(unknown.status == 2)
    }

    @Test func summaryJSONMatchesTheDefinitions() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["summary", "reports/2021-22-Q3", "--json"], in: dir)
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let areas = json?["areas"] as? [String: Any]
        #expect(json?["quarter"] as? String == "2021-22-Q3")
        #expect(json?["start"] as? String == "2021-10-01")
        #expect(json?["end"] as? String == "2021-12-31")
        let north = areas?["North"] as? [String: Any]
        #expect(north?["cases"] as? [String: Int] == ["open_at_start": 1, "opened": 0, "closed": 0, "open_at_end": 1])
        #expect(north?["blockers"] as? [String: Int] == ["raised": 0, "resolved": 0, "open": 1, "escalated_open": 1])
        #expect((north?["activity"] as? [String: Any])?["engagement"] as? [String: Int] == ["Engagement events": 10])
        #expect(north?["ocg_referrals"] as? Int == 2)
        let totals = json?["totals"] as? [String: Any]
        #expect(totals?["cases"] as? [String: Int] == ["open_at_start": 2, "opened": 2, "closed": 2, "open_at_end": 2])
        #expect(totals?["successes"] as? Int == 3)
        #expect(areas?.keys.sorted() == ["City-wide", "East", "North", "South", "West"])
    }

    @Test func summaryOfInvalidInputExitsWith1AndPrintsNoJSON() throws {
        let dir = try CLI.scratch()
        try "nonsense".write(to: dir.appendingPathComponent("reports/2021-22-Q3/successes.csv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["summary", "reports/2021-22-Q3", "--json"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("reports/2021-22-Q3/successes.csv:1:1: error: row 1: the header has no \"date\" column"))
    }

    @Test func initCarriesOverOpenWorkAndNeverOverwrites() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["init", "2021-22-Q4", "--format", "csv"], in: dir)
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("Created reports/2021-22-Q4 with 2 open cases, 2 open blockers and 2 projects carried over from 2021-22-Q3."))
        let cases = try rawText(dir.appendingPathComponent("reports/2021-22-Q4/psg-cases.csv"))
        #expect(cases == "\u{FEFF}case_id,title,area,location,issue,lead_agency,partners,opened,closed,status,outcome\r\n"
                + "C-1,Drug dealing at Arbury Court,North,Arbury Court,drug dealing,Cambridgeshire Constabulary,City Council; Sanctuary Housing,2021-06-01,,open,\r\n"
                + "C-4,Youth ASB Cherry Hinton,South,Cherry Hinton Hall,youth ASB,Cambridge City Council,,2021-11-20,,monitoring,\r\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("reports/2021-22-Q4").path).sorted()
        #expect(names == ["blockers.csv", "carmel-activity.csv", "ocg-referrals.csv", "psg-cases.csv", "quarter.yaml",
                          "successes.csv", "think-communities.csv", "you-said-we-did.csv"])
        // The new folder is not valid until the chair fills in the narrative, and says so.
        let v = try CLI.run(["validate", "reports/2021-22-Q4"], in: dir)
        #expect(v.status == 1)
        #expect(v.stderr.contains("reports/2021-22-Q4/quarter.yaml:7:14: error: meeting_date is empty"))
        #expect(v.stderr.contains("reports/2021-22-Q4/quarter.yaml:15:10: error: summary is empty; write the paragraphs on the lines below \"summary: |\""))
        // Only the blanks: the file parses as init wrote it.
        #expect(!v.stderr.contains("quarter.yaml:") || v.stderr.split(separator: "\n").filter { $0.contains("quarter.yaml:") }.count == 2, "\(v.stderr)")
        // Once filled in, it is valid.
        let yaml = dir.appendingPathComponent("reports/2021-22-Q4/quarter.yaml")
        var text = try String(contentsOf: yaml, encoding: .utf8)
        text = text.replacingOccurrences(of: "meeting_date:\n", with: "meeting_date: 2022-04-21\n")
        text = text.replacingOccurrences(of: "\nsummary: |\n", with: "\nsummary: |\n  Quiet quarter.\n")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        let ok = try CLI.run(["validate", "reports/2021-22-Q4"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        // A second init does not touch the folder.
        let again = try CLI.run(["init", "2021-22-Q4"], in: dir)
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists; init never overwrites"))
        #expect(try String(contentsOf: yaml, encoding: .utf8) == text)
    }

    /// The quarter.yaml init writes parses as it is, says in comments how to write the summary
    /// and highlights, and filled in as the comments say (a colon in a paragraph, a highlight
    /// with a colon in quotes) it validates and reads as written.
    @Test func initWritesAQuarterYAMLThatSaysHowToWriteIt() throws {
        let dir = try CLI.scratch()
        #expect(try CLI.run(["init", "2021-22-Q4"], in: dir).status == 0)
        let yaml = dir.appendingPathComponent("reports/2021-22-Q4/quarter.yaml")
        var text = try String(contentsOf: yaml, encoding: .utf8)
        for comment in ["# The chair's summary: write the paragraphs on the lines below \"summary: |\", every",
                        "# line indented by two spaces, with a blank line between paragraphs. Colons, # and",
                        "# in double quotes when it has a colon followed by a space, or a #. For example:",
                        "#     - \"Housing: two rough sleepers housed\"",
                        "# spaces, never tabs."] {
            #expect(text.contains(comment + "\n"), "\(comment)")
        }
        #expect(text.contains("\nsummary: |\n\n# Optional highlights"))
        text = text.replacingOccurrences(of: "meeting_date:\n", with: "meeting_date: 21/04/2022\n")
        text = text.replacingOccurrences(of: "\nsummary: |\n", with: "\nsummary: |\n  A quiet quarter: no new cases in the South.\n\n  Blockers #3 and #4 were resolved.\n")
        text = text.replacingOccurrences(of: "\nhighlights:\n", with: "\nhighlights:\n  - \"Housing: two rough sleepers housed\"\n  - Closure order at Arbury Court\n")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        let ok = try CLI.run(["validate", "reports/2021-22-Q4"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(!ok.stderr.contains("quarter.yaml"), "\(ok.stderr)")
        // Read back as written: the colon and the #s are text, the quoted highlight is one line.
        let (narrative, diagnostics) = NarrativeLoader.load(bytes: Array(text.utf8), file: "quarter.yaml",
                                                            quarter: try Quarter.parse("2021-22-Q4").get())
        #expect(diagnostics.isEmpty)
        #expect(narrative?.summary == ["A quiet quarter: no new cases in the South.", "Blockers #3 and #4 were resolved."])
        #expect(narrative?.highlights == ["Housing: two rough sleepers housed", "Closure order at Arbury Court"])
    }

    /// A quarter whose previous quarter has no folder, while earlier ones do, is refused: a
    /// skipped quarter or a mistyped name would lose the open cases without a word (issue 21).
    /// `--empty` starts it with empty tables, and says so.
    @Test func initWithoutAPreviousQuarterWritesHeadersOnly() throws {
        let dir = try CLI.scratch()
        let refused = try CLI.run(["init", "2030-31-Q1", "--format", "csv"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("2030-31-Q1 follows 2029-30-Q4, which has no folder in reports (the newest there is 2021-22-Q3)"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("reports/2030-31-Q1").path))
        let r = try CLI.run(["init", "2030-31-Q1", "--format", "csv", "--empty"], in: dir)
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("Created reports/2030-31-Q1 with empty tables: there is no folder for 2029-30-Q4"))
        let blockers = try rawText(dir.appendingPathComponent("reports/2030-31-Q1/blockers.csv"))
        #expect(blockers == "\u{FEFF}blocker_id,raised,area,case_id,owner,description,escalate,status,resolved,resolution\r\n")
        let bad = try CLI.run(["init", "2030-Q1"], in: dir)
        #expect(bad.status == 2)
    }

    /// The paths init prints can be pasted into a shell: quoted when they hold a space.
    @Test func initPrintsPathsThatCanBePasted() throws {
        let dir = try CLI.scratch()
        try FileManager.default.moveItem(at: dir.appendingPathComponent("reports"), to: dir.appendingPathComponent("PSG reports"))
        let r = try CLI.run(["init", "2021-22-Q4", "--reports", "PSG reports"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("Created 'PSG reports/2021-22-Q4' with 2 open cases"), "\(r.stderr)")
        #expect(r.stderr.contains("\n  cspreport validate 'PSG reports/2021-22-Q4'\n"), "\(r.stderr)")
        let help = try CLI.run(["init", "--help"], in: dir)
        #expect(help.stdout.contains("Without --reports, the folder named reports in the"), "\(help.stdout)")
    }
}

extension CLITests {
    /// init's default, quarter.xlsx, holds what --format csv writes, row for row (dates as date
    /// cells read back as the same dates), and validates with nothing but the blanks of
    /// quarter.yaml; filled in, it gives the same summary as the CSV files.
    @Test func initWritesAWorkbookThatReadsBackAsItsCSVFiles() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["init", "2021-22-Q4"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let folder = dir.appendingPathComponent("reports/2021-22-Q4")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["quarter.xlsx", "quarter.yaml"])
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("quarter.xlsx")))
        let (opened, openDiagnostics) = Workbook.open(bytes: bytes, file: "quarter.xlsx")
        #expect(openDiagnostics.isEmpty)
        let book = try #require(opened)
        #expect(book.sheets.map(\.name) == [Workbook.instructionsSheet, "psg-cases", "successes", "blockers", "carmel-activity",
                                            "think-communities", "ocg-referrals", "you-said-we-did", "lists"])
        #expect(book.sheets.map(\.hidden) == [false, false, false, false, false, false, false, false, true])
        // The drop-downs' lists: the areas and their spellings, the statuses, …
        let lists = try #require(book.document(of: book.sheets.last!).document).records
        let firstRow = try #require(lists.first).fields.map(\.value)
        #expect(Array(firstRow.prefix(3)) == ["North", "open", "resolved"])
        let areas: [String] = lists.map { $0.fields.first?.value ?? "" }
        #expect(areas.contains("City-wide"))

        let csvDir = try CLI.scratch()
        #expect(try CLI.run(["init", "2021-22-Q4", "--format", "csv"], in: csvDir).status == 0)
        for spec in InputContract.csvFiles {
            let csv = try Data(contentsOf: csvDir.appendingPathComponent("reports/2021-22-Q4/\(spec.name)"))
            let expected = try #require(CSVReader.read(bytes: [UInt8](csv), file: spec.name).0).records.map { $0.fields.map(\.value) }
            let sheet = try #require(book.sheet(named: String(spec.name.dropLast(4))))
            let read = try #require(book.document(of: sheet).document).records.map { record in
                // Empty cells after the last value are not written in a sheet.
                record.fields.map(\.value) + Array(repeating: "", count: spec.columns.count - record.fields.count)
            }
            #expect(read == expected, "\(spec.name)")
        }

        let v = try CLI.run(["validate", "reports/2021-22-Q4"], in: dir)
        #expect(v.status == 1)
        #expect(v.stderr.split(separator: "\n").filter { $0.contains(": error: ") || $0.contains(": warning: ") }
                == ["reports/2021-22-Q4/quarter.yaml:7:14: error: meeting_date is empty; fill it in, e.g. `meeting_date: 2022-01-20`",
                    "reports/2021-22-Q4/quarter.yaml:15:10: error: summary is empty; write the paragraphs on the lines below \"summary: |\", every line indented by two spaces, with a blank line between paragraphs"],
                "\(v.stderr)")
        for d in [dir, csvDir] {
            let yaml = d.appendingPathComponent("reports/2021-22-Q4/quarter.yaml")
            var text = try String(contentsOf: yaml, encoding: .utf8)
            text = text.replacingOccurrences(of: "meeting_date:\n", with: "meeting_date: 2022-04-21\n")
            text = text.replacingOccurrences(of: "\nsummary: |\n", with: "\nsummary: |\n  Quiet quarter.\n")
            try text.write(to: yaml, atomically: true, encoding: .utf8)
        }
        let fromWorkbook = try CLI.run(["summary", "reports/2021-22-Q4", "--json"], in: dir)
        let fromCSV = try CLI.run(["summary", "reports/2021-22-Q4", "--json"], in: csvDir)
        #expect(fromWorkbook.status == 0, "\(fromWorkbook.stderr)")
        #expect(fromWorkbook.stdout == fromCSV.stdout)
    }
}

/// The file's text with its byte-order mark kept (Foundation's String(contentsOf:) drops it).
func rawText(_ url: URL) throws -> String {
    String(decoding: try Data(contentsOf: url), as: UTF8.self)
}
