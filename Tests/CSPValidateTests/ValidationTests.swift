import Testing
import CSPCore
import CSPModel
@testable import CSPValidate
import CSPSample

@Suite struct BaselineTests {
    @Test func fixtureIsValid() throws {
        let (input, diagnostics) = Fixture().load()
        #expect(diagnostics.map(\.formatted) == [
            "reports/2021-22-Q3/psg-cases.csv:6:88: warning: cell I6: case \"C-5\" was closed on 2021-09-01, before the quarter starts (1 October 2021); it is left out of this quarter",
        ])
        let i = try #require(input)
        #expect(i.current.cases.map(\.id) == ["C-1", "C-2", "C-3", "C-4"])
        #expect(i.current.cases[2].area == "West")
        #expect(i.current.cases[2].opened.description == "2021-09-01")
        #expect(i.current.cases[1].partners == ["Police", "Change Grow Live"])
        #expect(i.current.successes[1].area == "East")
        #expect(i.current.successes[0].detail == "Drugs, cash & a knife seized")
        #expect(i.current.narrative?.summary == ["A busy quarter in the North.", "Blockers remain in the East."])
        #expect(i.current.narrative?.highlights.count == 2)
        #expect(i.current.youSaidWeDid == nil)
        #expect(i.current.referrals?.count == 2)
        #expect(i.partnership.areas.map(\.name) == ["North", "East", "South", "West"])
        #expect(i.history.isEmpty)
    }
}

/// Each rule of the input contract, with its exact message.
@Suite struct RuleTests {
    func messages(_ change: (inout Fixture) -> Void) -> [String] {
        var f = Fixture()
        change(&f)
        // The baseline's own warning is not what these tests are about.
        return f.messages().filter { !$0.contains("C-5\" was closed on 2021-09-01") }
    }

    @Test func unknownAreaSuggestsTheNearest() {
        #expect(messages { $0.replaceLine("psg-cases.csv", 2, with: "C-1,Drugs,Nroth,,,,,2021-06-01,,open,") } == [
            "reports/2021-22-Q3/psg-cases.csv:2:11: error: cell C2: area \"Nroth\" is not a known area (North, East, South, West); did you mean \"North\"?",
        ])
        #expect(messages { $0.replaceLine("successes.csv", 4, with: "2021-12-01,Everywhere,,engagement,Week,,") } == [
            "reports/2021-22-Q3/successes.csv:4:12: error: cell B4: area \"Everywhere\" is not a known area (North, East, South, West); use City-wide for items that span areas",
        ])
    }

    @Test func aliasesAndCaseResolve() throws {
        var f = Fixture()
        f.replaceLine("carmel-activity.csv", 2, with: "2021-10,central,Engagement,Engagement events,4")
        f.replaceLine("carmel-activity.csv", 3, with: "2021-11,NORTH,Targeted Activity,Arrests,6")
        let input = try #require(f.load().0)
        #expect(input.current.activity[0].area == "West")
        #expect(input.current.activity[0].step == .engagement)
        #expect(input.current.activity[1].step == .targetedActivity)
    }

    @Test func enumerationsWithSuggestions() {
        #expect(messages { $0.replaceLine("psg-cases.csv", 2, with: "C-1,Drugs,North,,,,,2021-06-01,,opne,") } == [
            "reports/2021-22-Q3/psg-cases.csv:2:33: error: cell J2: status \"opne\" is not one of open, monitoring, closed; did you mean \"open\"?",
        ])
        #expect(messages { $0.replaceLine("successes.csv", 2, with: "2021-10-20,North,C-1,enforcement,Warrant,,") } == [
            "reports/2021-22-Q3/successes.csv:2:22: error: cell D2: step \"enforcement\" is not one of engagement, targeted-activity, problem-solving, think-communities",
        ])
        #expect(messages { $0.replaceLine("think-communities.csv", 3, with: "East,Romsey street party,scopeing,,,,") } == [
            "reports/2021-22-Q3/think-communities.csv:3:26: error: cell C3: stage \"scopeing\" is not one of idea, scoping, active, completed, paused; did you mean \"scoping\"?",
        ])
        #expect(messages { $0.replaceLine("ocg-referrals.csv", 2, with: "2021-10,North,early help,2") } == [])
        #expect(messages { $0.replaceLine("ocg-referrals.csv", 2, with: "2021-10,North,school,2") } == [
            "reports/2021-22-Q3/ocg-referrals.csv:2:15: error: cell C2: route \"school\" is not one of child-protection, early-help, multi-agency, other",
        ])
        #expect(messages { $0.replaceLine("blockers.csv", 2, with: "B-1,2021-07-01,North,C-1,Sanctuary,No enforcement,maybe,open,,") } == [
            "reports/2021-22-Q3/blockers.csv:2:51: error: cell G2: escalate \"maybe\" is not yes or no",
        ])
    }

    @Test func datesInBothFormsAndImpossibleOnes() {
        #expect(messages { $0.replaceLine("psg-cases.csv", 5, with: "C-4,Youth ASB,South,,,,,31/02/2021,,open,") } == [
            "reports/2021-22-Q3/psg-cases.csv:5:25: error: cell H5: opened \"31/02/2021\" is not a real date (February 2021 has 28 days); write it as 2021-10-04 or 04/10/2021",
        ])
        #expect(messages { $0.replaceLine("psg-cases.csv", 5, with: "C-4,Youth ASB,South,,,,,0000-00-00,,open,") } == [
            "reports/2021-22-Q3/psg-cases.csv:5:25: error: cell H5: opened \"0000-00-00\" is not a real date (there is no year 0); write it as 2021-10-04 or 04/10/2021",
        ])
        #expect(messages { $0.replaceLine("psg-cases.csv", 5, with: "C-4,Youth ASB,South,,,,,Nov 20 2021,,open,") } == [
            "reports/2021-22-Q3/psg-cases.csv:5:25: error: cell H5: opened \"Nov 20 2021\" is not a date; write it as 2021-10-04 or 04/10/2021",
        ])
        #expect(messages { $0.replaceLine("psg-cases.csv", 5, with: "C-4,Youth ASB,South,,,,,44520,,open,") } == [
            "reports/2021-22-Q3/psg-cases.csv:5:25: error: cell H5: opened \"44520\" is not a date; write it as 2021-10-04 or 04/10/2021 (Excel wrote the date as a number: format the column as a date before saving)",
        ])
        // Excel shows 2021-10 typed in a cell as Oct-21: the same month.
        #expect(messages { $0.replaceLine("carmel-activity.csv", 2, with: "Oct-21,North,engagement,Engagement events,4") } == [])
        #expect(messages { $0.replaceLine("carmel-activity.csv", 2, with: "21-Oct,North,engagement,Engagement events,4") } == [
            "reports/2021-22-Q3/carmel-activity.csv:2:1: error: cell A2: month \"21-Oct\" is a day (21 October) with no year: Excel took what was typed for a day of this year; write the month with its year, as 2021-10",
        ])
    }

    @Test func datesInsideTheQuarter() {
        #expect(messages { $0.replaceLine("psg-cases.csv", 5, with: "C-4,Youth ASB,South,,,,,2022-01-05,,open,") } == [
            "reports/2021-22-Q3/psg-cases.csv:5:25: error: cell H5: opened 2022-01-05 is after the quarter ends (31 December 2021); a case opened later belongs to a later quarter's folder",
        ])
        #expect(messages { $0.replaceLine("successes.csv", 2, with: "2021-09-30,North,C-1,engagement,Early,,") } == [
            "reports/2021-22-Q3/successes.csv:2:1: error: cell A2: date 2021-09-30 is outside the quarter (1 October 2021 – 31 December 2021); record it in the folder of the quarter it belongs to",
        ])
        #expect(messages { $0.replaceLine("carmel-activity.csv", 2, with: "2022-01,North,engagement,Engagement events,4") } == [
            "reports/2021-22-Q3/carmel-activity.csv:2:1: error: cell A2: month 2022-01 is outside the quarter (October–December 2021); record it in the folder of the quarter it belongs to",
        ])
        #expect(messages { $0.replaceLine("blockers.csv", 3, with: "B-2,2022-02-01,East,,Council,CCTV,no,open,,") } == [
            "reports/2021-22-Q3/blockers.csv:3:5: error: cell B3: raised 2022-02-01 is after the quarter ends (31 December 2021); a blocker raised later belongs to a later quarter's folder",
        ])
    }

    @Test func closedStatusAndClosedDateGoTogether() {
        #expect(messages { $0.replaceLine("psg-cases.csv", 3, with: "C-2,Street drinking,East,,,,,2021-10-04,,closed,improved") } == [
            "reports/2021-22-Q3/psg-cases.csv:3:41: error: cell I3: closed is empty, but status is \"closed\"; give the date the case closed",
        ])
        #expect(messages { $0.replaceLine("psg-cases.csv", 3, with: "C-2,Street drinking,East,,,,,2021-10-04,2021-12-10,open,") } == [
            "reports/2021-22-Q3/psg-cases.csv:3:52: error: cell J3: status \"open\" but closed has a date (2021-12-10); set status to closed, or clear the closed date",
        ])
        #expect(messages { $0.replaceLine("psg-cases.csv", 3, with: "C-2,Street drinking,East,,,,,2021-10-04,2021-10-01,closed,improved") } == [
            "reports/2021-22-Q3/psg-cases.csv:3:41: error: cell I3: closed 2021-10-01 is before opened 2021-10-04",
        ])
        #expect(messages { $0.replaceLine("psg-cases.csv", 3, with: "C-2,Street drinking,East,,,,,2021-10-04,2021-12-10,closed,") } == [
            "reports/2021-22-Q3/psg-cases.csv:3:59: error: cell K3: outcome is empty; a closed case needs one of resolved, improved, no-change, referred-on",
        ])
        #expect(messages { $0.replaceLine("psg-cases.csv", 3, with: "C-2,Street drinking,East,,,,,2021-10-04,2022-01-10,closed,improved") } == [
            "reports/2021-22-Q3/psg-cases.csv:3:41: error: cell I3: closed 2022-01-10 is after the quarter ends (31 December 2021); record the closure in the quarter it happens",
        ])
        #expect(messages { $0.replaceLine("psg-cases.csv", 5, with: "C-4,Youth ASB,South,,,,,2021-11-20,,monitoring,resolved") } == [
            "reports/2021-22-Q3/psg-cases.csv:5:48: warning: cell K5: outcome \"resolved\" is ignored because the case is not closed",
        ])
    }

    @Test func resolvedStatusAndResolvedDateGoTogether() {
        #expect(messages { $0.replaceLine("blockers.csv", 3, with: "B-2,2021-10-15,East,,Council,CCTV,no,resolved,,") } == [
            "reports/2021-22-Q3/blockers.csv:3:47: error: cell I3: resolved is empty, but status is \"resolved\"; give the date the blocker was resolved",
        ])
        #expect(messages { $0.replaceLine("blockers.csv", 3, with: "B-2,2021-10-15,East,,Council,CCTV,no,open,2021-12-01,") } == [
            "reports/2021-22-Q3/blockers.csv:3:38: error: cell H3: status \"open\" but resolved has a date (2021-12-01); set status to resolved, or clear the resolved date",
        ])
        #expect(messages { $0.replaceLine("blockers.csv", 3, with: "B-2,2021-10-15,East,,Council,CCTV,no,resolved,2021-10-14,") } == [
            "reports/2021-22-Q3/blockers.csv:3:47: error: cell I3: resolved 2021-10-14 is before raised 2021-10-15",
        ])
    }

    @Test func uniqueIDs() {
        #expect(messages { $0.appendLine("psg-cases.csv", "c-1,Again,North,,,,,2021-10-01,,open,") } == [
            "reports/2021-22-Q3/psg-cases.csv:7:1: error: cell A7: case_id \"c-1\" is used twice (first on row 2); each case needs its own id",
        ])
        #expect(messages { $0.appendLine("blockers.csv", "B-3,2021-11-01,South,,Council,Again,no,open,,") } == [
            "reports/2021-22-Q3/blockers.csv:5:1: error: cell A5: blocker_id \"B-3\" is used twice (first on row 4); each blocker needs its own id",
        ])
        #expect(messages { $0.appendLine("think-communities.csv", "north,ARBURY community fridge,idea,,,,") } == [
            "reports/2021-22-Q3/think-communities.csv:4:7: error: cell B4: project \"ARBURY community fridge\" in North appears twice (first on row 2); give each project one row",
        ])
    }

    @Test func caseReferencesMustExist() {
        #expect(messages { $0.replaceLine("successes.csv", 2, with: "2021-10-20,North,C-99,engagement,Event,,") } == [
            "reports/2021-22-Q3/successes.csv:2:18: error: cell C2: case_id \"C-99\" is not in this quarter’s cases (psg-cases), nor in any earlier quarter folder’s; use a case id from those, or leave case_id empty",
        ])
        #expect(messages { $0.replaceLine("blockers.csv", 2, with: "B-1,2021-07-01,North,C-77,Sanctuary,No enforcement,yes,open,,") } == [
            "reports/2021-22-Q3/blockers.csv:2:22: error: cell D2: case_id \"C-77\" is not in this quarter’s cases (psg-cases), nor in any earlier quarter folder’s; use a case id from those, or leave case_id empty",
        ])
        // A case closed before the quarter is left out, but still a case that can be referred
        // to; a success dated after it closed is worth a second look.
        #expect(messages { $0.replaceLine("successes.csv", 2, with: "2021-10-20,North,C-5,engagement,Follow-up,,") } == [
            "reports/2021-22-Q3/successes.csv:2:18: warning: cell C2: this success is dated 20 October 2021, after its case \"C-5\" closed (1 September 2021, reports/2021-22-Q3/psg-cases.csv, row 6); fine if it follows up the closed case; otherwise check the date or the case_id",
        ])
        #expect(messages { $0.replaceLine("blockers.csv", 2, with: "B-1,2021-07-01,North,C-5,Sanctuary,Outlives its case,yes,open,,") } == [])
    }

    @Test func counts() {
        #expect(messages { $0.replaceLine("carmel-activity.csv", 2, with: "2021-10,North,engagement,Engagement events,-4") } == [
            "reports/2021-22-Q3/carmel-activity.csv:2:44: error: cell E2: value \"-4\" is negative; counts are whole numbers 0 or more",
        ])
        #expect(messages { $0.replaceLine("carmel-activity.csv", 2, with: "2021-10,North,engagement,Engagement events,4.5") } == [
            "reports/2021-22-Q3/carmel-activity.csv:2:44: error: cell E2: value \"4.5\" is not a whole number",
        ])
        #expect(messages { $0.replaceLine("carmel-activity.csv", 2, with: "2021-10,North,engagement,Engagement events,99999999999999999999999") } == [
            "reports/2021-22-Q3/carmel-activity.csv:2:44: error: cell E2: value \"99999999999999999999999\" is too large; counts here are at most 1000000000",
        ])
        #expect(messages { $0.replaceLine("carmel-activity.csv", 2, with: "2021-10,North,engagement,Engagement events,lots") } == [
            "reports/2021-22-Q3/carmel-activity.csv:2:44: error: cell E2: value \"lots\" is not a number; write a whole number (0 or more)",
        ])
        #expect(messages { $0.replaceLine("carmel-activity.csv", 2, with: "2021-10,North,engagement,Engagement events,\"1,204\"") } == [])
        #expect(messages { $0.replaceLine("ocg-referrals.csv", 2, with: "2021-10,North,early-help,") } == [
            "reports/2021-22-Q3/ocg-referrals.csv:2:26: error: cell D2: count is empty; write a whole number (0 or more)",
        ])
    }

    @Test func requiredValues() {
        #expect(messages { $0.replaceLine("psg-cases.csv", 4, with: ",Cycle theft,West,,,,,2021-09-01,,open,") } == [
            "reports/2021-22-Q3/psg-cases.csv:4:1: error: cell A4: case_id is empty; every case needs one",
        ])
        #expect(messages { $0.replaceLine("blockers.csv", 2, with: "B-1,2021-07-01,North,C-1,,,yes,open,,") } == [
            "reports/2021-22-Q3/blockers.csv:2:26: error: cell E2: owner is empty; every blocker needs one",
            "reports/2021-22-Q3/blockers.csv:2:27: error: cell F2: description is empty; every blocker needs one",
        ])
    }

    @Test func activityKeptAsALogIsAddedWithoutAWord() {
        #expect(messages { $0.appendLine("carmel-activity.csv", "2021-10,North,engagement,engagement events,1") } == [])
    }

    @Test func missingAndMalformedFiles() {
        #expect(messages { $0.files["reports/2021-22-Q3/blockers.csv"] = nil } == [
            "reports/2021-22-Q3/blockers.csv: error: file is missing; every quarter folder needs it (columns: blocker_id,raised,area,case_id,owner,description,escalate,status,resolved,resolution), or a sheet named blockers in quarter.xlsx; \"cspreport init\" creates a quarter folder with every table",
        ])
        #expect(messages { $0.files["reports/2021-22-Q3/blockers.csv"] = "" } == [
            "reports/2021-22-Q3/blockers.csv: error: file is empty; it needs at least the header row: blocker_id,raised,area,case_id,owner,description,escalate,status,resolved,resolution",
        ])
        // Optional files may be absent.
        #expect(messages { $0.files["reports/2021-22-Q3/ocg-referrals.csv"] = nil } == [])
    }

    /// A workbook in place of the CSV file is read as the table (WorkbookTests); one that is
    /// no workbook at all says what it is.
    @Test func workbookInsteadOfCSV() {
        var f = Fixture()
        f.files["reports/2021-22-Q3/successes.csv"] = nil
        f.files["reports/2021-22-Q3/successes.xlsx"] = "PK\u{3}\u{4}" + String(repeating: "\u{0}", count: 40)
        #expect(f.messages().contains(
            "reports/2021-22-Q3/successes.xlsx: error: the workbook is damaged and cannot be read (its zip container is broken); open it in Excel (which can often repair it) and save it again"))
        f.files["reports/2021-22-Q3/successes.xlsx"] = "date,area\n"
        #expect(f.messages().contains(
            "reports/2021-22-Q3/successes.xlsx: error: this file holds text, not an Excel workbook (is it a CSV file renamed .xlsx?); save it from Excel as \"Excel Workbook (*.xlsx)\", or give it its table's name ending .csv"))
    }

    @Test func quarterYAML() {
        #expect(messages { $0.replaceLine("quarter.yaml", 1, with: "quarter: 2021-22-Q2") } == [
            "reports/2021-22-Q3/quarter.yaml:1:10: error: quarter \"2021-22-Q2\" does not match the folder name 2021-22-Q3",
        ])
        #expect(messages { $0.replaceLine("quarter.yaml", 3, with: "meeting_date: 31/02/2022") } == [
            "reports/2021-22-Q3/quarter.yaml:3:15: error: meeting_date \"31/02/2022\" is not a real date (February 2022 has 28 days); write it as 2022-01-20 or 20/01/2022",
        ])
        #expect(messages { $0.replaceLine("quarter.yaml", 2, with: "prepard_by: Jo") } == [
            "reports/2021-22-Q3/quarter.yaml:1:1: error: prepared_by is missing; add a line such as `prepared_by: Jo Smith, PSG chair`",
            "reports/2021-22-Q3/quarter.yaml:2:1: warning: unknown key \"prepard_by\" is ignored; did you mean \"prepared_by\"?",
        ])
        #expect(messages { $0.replaceLine("quarter.yaml", 3, with: "meeting_date: [") } == [
            "reports/2021-22-Q3/quarter.yaml:3:1: error: line 3's value starts with [, which YAML reads as the start of a list that is never closed; if it is text, put it in double quotes: `meeting_date: \"[\"`",
        ])
    }

    @Test func partnershipYAML() {
        #expect(messages { $0.replaceLine("reports/csp.yaml", 6, with: "  - North") } == [
            "reports/csp.yaml:6:5: error: area name or alias \"North\" is used twice (first at line 4); each spelling must name one area",
        ])
        #expect(messages { $0.replaceLine("reports/csp.yaml", 9, with: "financial_year_start_month: 13") } == [
            "reports/csp.yaml:9:29: error: financial_year_start_month \"13\" must be a whole number from 1 to 12 (the month the financial year starts: 4 for April)",
        ])
        #expect(messages { $0.files["reports/csp.yaml"]! += "logo: ../../etc/passwd\n" } == [
            "reports/csp.yaml:14:7: error: logo \"../../etc/passwd\" points outside the folder that holds csp.yaml; put the logo in that folder (e.g. assets/logo.png)",
        ])
        #expect(messages { $0.files["reports/csp.yaml"] = nil } == [
            "reports/csp.yaml: error: the partnership configuration is missing: cspreport looks for csp.yaml in the folder that holds the quarter folders (see README: \"csp.yaml\")",
        ])
    }

    @Test func folderNameMustBeAQuarter() {
        var f = Fixture()
        f.files = Dictionary(uniqueKeysWithValues: f.files.map { ($0.key.replacingOccurrences("2021-22-Q3", "autumn"), $0.value) })
        let d = QuarterLoader.load(world: f.world, directory: "reports/autumn").1
        #expect(d.map(\.formatted) == ["reports/autumn: error: folder name \"autumn\" is not a quarter: a quarter folder is named like 2021-22-Q3 (financial year, then the quarter)"])
    }

    @Test func everyProblemAtOnce() {
        var f = Fixture()
        f.replaceLine("psg-cases.csv", 2, with: "C-1,Drugs,Nroth,,,,,2021-06-01,,opne,")
        f.replaceLine("successes.csv", 2, with: "2021-09-30,North,C-1,engagment,Early,,")
        f.replaceLine("carmel-activity.csv", 2, with: "2021-10,North,engagement,Engagement events,x")
        let errors = f.load().1.filter { $0.severity == .error }
        #expect(errors.count == 5)
        #expect(f.load().0 == nil)
    }
}

extension String {
    func replacingOccurrences(_ a: String, _ b: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: a) {
            out += rest[..<r.lowerBound] + b
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

/// The partner list's byte path gives what the rule on Characters gives.
@Suite struct PartnerListTests {
    @Test func sameAsTheRuleOnCharacters() {
        let pieces = [";", " ", "\t", "\r", "\n", "\r\n", "Police", "CCC", "a", "x y", ";;", "é", "\u{301}", "\u{A0}", "\u{FEFF}"]
        var rng = SplitMix64(seed: 7)
        var failures: [String] = []
        for _ in 0..<20_000 {
            var s = ""
            for _ in 0..<rng.below(8) { s += pieces[rng.below(pieces.count)] }
            if FieldReader.partnerList(s) != FieldReader.partnerListByCharacters(s) { failures.append(s) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(FieldReader.partnerList(" Police ; Cambridge City Council;;YMCA ") == ["Police", "Cambridge City Council", "YMCA"])
    }
}
