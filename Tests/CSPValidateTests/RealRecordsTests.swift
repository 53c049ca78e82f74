import Foundation
import Testing
import CSPCore
import CSPModel
import CSPAggregate
@testable import CSPValidate

/// Quarters kept as partnerships really keep them, made by hand here (not by the sample
/// generator): blockers outliving their cases, activity kept as a log, carried-over records
/// deleted, measures of different units, problems that many rows repeat (issue 14).
struct Records {
    var files: [String: String] = [:]

    static let config = """
        name: Test Partnership
        areas:
          - North
          - East
          - South
          - name: West
            aliases: [West/Central, Central]

        """

    static func narrative(_ q: String) -> String { "quarter: \(q)\nprepared_by: Jo Smith\nmeeting_date: 2022-01-20\nsummary: |\n  A quarter.\n" }

    static let casesHeader = "case_id,title,area,location,issue,lead_agency,partners,opened,closed,status,outcome"
    static let successesHeader = "date,area,case_id,step,title,detail,partners"
    static let blockersHeader = "blocker_id,raised,area,case_id,owner,description,escalate,status,resolved,resolution"
    static let activityHeader = "month,area,step,measure,value"
    static let projectsHeader = "area,project,stage,lead,partners,started,update"

    /// A quarter folder with the given rows of each file (headers added).
    mutating func quarter(_ q: String, cases: [String] = [], successes: [String] = [], blockers: [String] = [],
                          activity: [String] = [], projects: [String] = []) {
        func file(_ header: String, _ rows: [String]) -> String { ([header] + rows).joined(separator: "\n") + "\n" }
        files["reports/\(q)/quarter.yaml"] = Records.narrative(q)
        files["reports/\(q)/psg-cases.csv"] = file(Records.casesHeader, cases)
        files["reports/\(q)/successes.csv"] = file(Records.successesHeader, successes)
        files["reports/\(q)/blockers.csv"] = file(Records.blockersHeader, blockers)
        files["reports/\(q)/carmel-activity.csv"] = file(Records.activityHeader, activity)
        files["reports/\(q)/think-communities.csv"] = file(Records.projectsHeader, projects)
    }

    init(config: String = Records.config) { files["reports/csp.yaml"] = config }

    func load(_ q: String = "2021-22-Q3") -> (QuarterInput?, [String]) {
        let (input, d) = QuarterLoader.load(world: MemoryWorld(text: files), directory: "reports/\(q)")
        var bag = Diagnostics()
        bag.append(contentsOf: d)
        return (input, bag.sorted.map(\.formatted))
    }
}

@Suite struct CaseReferenceTests {
    @Test func aBlockerOutlivesItsCaseClosedInAnEarlierQuarter() throws {
        var r = Records()
        r.quarter("2021-22-Q2", cases: ["C-9,Old case,North,,,,,2021-05-01,2021-08-20,closed,resolved"],
                  blockers: ["B-1,2021-07-01,North,C-9,Housing,Fence not put up,yes,open,,"])
        r.quarter("2021-22-Q3", blockers: ["B-1,2021-07-01,North,C-9,Housing,Fence not put up,yes,open,,"])
        let (input, messages) = r.load()
        #expect(messages == [])
        #expect(try #require(input).current.blockers.first?.caseID == "C-9")
    }

    @Test func aReferenceResolvesThroughEveryEarlierFolderNotOnlyTheHistory() throws {
        var r = Records()
        // Three years back: far older than the eight quarters that feed the trends.
        r.quarter("2018-19-Q1", cases: ["C-1,Very old case,East,,,,,2018-04-02,2018-05-01,closed,improved"])
        r.quarter("2021-22-Q3", successes: ["2021-10-03,East,c-1,problem-solving,Follow-up done,,"])
        let (input, messages) = r.load()
        #expect(input?.history.isEmpty == true)
        #expect(messages == [
            "reports/2021-22-Q3/successes.csv:2:17: warning: cell C2: this success is dated 3 October 2021, after its case \"C-1\" closed (1 May 2018, reports/2018-19-Q1/psg-cases.csv, row 2); fine if it follows up the closed case; otherwise check the date or the case_id",
        ])
    }

    @Test func anUnknownCaseIsStillAnError() {
        var r = Records()
        r.quarter("2021-22-Q2", cases: ["C-1,A case,North,,,,,2021-05-01,,open,"])
        r.quarter("2021-22-Q3", cases: ["C-1,A case,North,,,,,2021-05-01,,open,"],
                  successes: ["2021-10-03,North,C-2,engagement,Event,,"])
        let (input, messages) = r.load()
        #expect(input == nil)
        #expect(messages == [
            "reports/2021-22-Q3/successes.csv:2:18: error: cell C2: case_id \"C-2\" is not in this quarter’s cases (psg-cases), nor in any earlier quarter folder’s; use a case id from those, or leave case_id empty; did you mean \"C-1\"?",
        ])
    }

    @Test func areaAndDatesAreCheckedAgainstTheCase() {
        var r = Records()
        r.quarter("2021-22-Q3", cases: ["C-1,A case,North,,,,,2021-11-01,2021-11-30,closed,resolved"],
                  successes: ["2021-10-03,south,C-1,engagement,Too early,,", "2021-11-10,North,C-1,engagement,In time,,",
                              "2021-12-10,North,C-1,engagement,Too late,,"],
                  blockers: ["B-1,2021-12-05,North,C-1,Housing,After the case,no,open,,",
                             "B-2,2021-11-05,City-wide,C-1,Housing,City-wide is fine,no,open,,"])
        let (_, messages) = r.load()
        #expect(messages == [
            "reports/2021-22-Q3/blockers.csv:2:22: warning: cell D2: this blocker is raised 5 December 2021, after its case \"C-1\" closed (30 November 2021, reports/2021-22-Q3/psg-cases.csv, row 2); check the date or the case_id",
            "reports/2021-22-Q3/successes.csv:2:18: warning: cell C2: this success is filed under South, but its case \"C-1\" is North’s (reports/2021-22-Q3/psg-cases.csv, row 2); check the area or the case_id",
            "reports/2021-22-Q3/successes.csv:2:18: warning: cell C2: this success is dated 3 October 2021, before its case \"C-1\" opened (1 November 2021, reports/2021-22-Q3/psg-cases.csv, row 2); check the date or the case_id",
            "reports/2021-22-Q3/successes.csv:4:18: warning: cell C4: this success is dated 10 December 2021, after its case \"C-1\" closed (30 November 2021, reports/2021-22-Q3/psg-cases.csv, row 2); fine if it follows up the closed case; otherwise check the date or the case_id",
        ])
    }
}

@Suite struct ContinuityTests {
    static let lastQuarter = [
        "C-1,Kept,North,,,,,2021-05-01,,open,",
        "C-2,Forgotten,North,,,,,2021-05-02,,monitoring,",
        "C-3,Moves area,East,,,,,2021-05-03,,open,",
        "C-4,Closure recorded late,South,,,,,2021-05-04,,open,",
        "C-5,Closed last quarter,West,,,,,2021-05-05,2021-08-01,closed,resolved",
    ]

    @Test func forgottenRecordsAreNamedAndTheDifferenceExplained() throws {
        var r = Records()
        r.quarter("2021-22-Q2", cases: ContinuityTests.lastQuarter,
                  blockers: ["B-1,2021-07-01,North,C-1,Housing,Escalated and open,yes,open,,",
                             "B-2,2021-07-02,North,,Housing,Resolved last quarter,no,resolved,2021-09-01,Done"],
                  projects: ["North,Community fridge,active,,,2021-05-01,", "East,Street party,completed,,,2021-04-01,"])
        r.quarter("2021-22-Q3", cases: [
            "C-1,Kept,North,,,,,2021-05-01,,open,",
            "C-3,Moves area,South,,,,,2021-05-03,,open,",
            "C-4,Closure recorded late,South,,,,,2021-05-04,2021-09-15,closed,resolved",
            "C-6,Added late,West,,,,,2021-09-20,,open,",
        ])
        let (input, messages) = r.load()
        #expect(messages == [
            "reports/2021-22-Q3/blockers.csv: warning: a blocker still open at the end of 2021-22-Q2 is missing from this file: \"B-1\" (North, escalated, reports/2021-22-Q2/blockers.csv, row 2); copy each row in with its status now (resolved, with the date, if it was resolved)",
            "reports/2021-22-Q3/psg-cases.csv: warning: a case still open at the end of 2021-22-Q2 is missing from this file: \"C-2\" (North, monitoring, reports/2021-22-Q2/psg-cases.csv, row 3); it has been forgotten, or closed without saying so: copy each row in with its status now (closed, with the date and outcome, if it closed)",
            "reports/2021-22-Q3/psg-cases.csv: warning: North: 1 case is open at the start of this quarter, but 2 were open at the end of 2021-22-Q2 (the missing cases above)",
            "reports/2021-22-Q3/psg-cases.csv: warning: East: 0 cases are open at the start of this quarter, but 1 was open at the end of 2021-22-Q2: \"C-3\" now in South",
            "reports/2021-22-Q3/psg-cases.csv: warning: West: 1 case is open at the start of this quarter, but 0 were open at the end of 2021-22-Q2: \"C-6\" opened before this quarter but not in last quarter’s file",
            "reports/2021-22-Q3/psg-cases.csv:4:48: warning: cell I4: case \"C-4\" was closed on 2021-09-15, before the quarter starts (1 October 2021); it is left out of this quarter",
            "reports/2021-22-Q3/think-communities.csv: warning: a Think Communities project not completed at the end of 2021-22-Q2 is missing from this file: \"Community fridge\" (North, active, reports/2021-22-Q2/think-communities.csv, row 2); copy each row in with its stage now",
        ])
        // South: C-3 came in and C-4 went out, so the counts agree, and the report shows both.
        let i = try #require(input)
        let c = try #require(QuarterAnalysis(partnership: i.partnership, current: i.current, history: i.history).continuity)
        let south = try #require(c.areas.first { $0.area == "South" })
        #expect(south.agrees)
        #expect(south.differences.map { "\($0.psgCase.id) \($0.effect) \($0.reason.explanation)" } == [
            "C-3 1 open in East at the end of last quarter",
            "C-4 -1 closed on 15 September 2021, before this quarter, but open in last quarter’s file",
        ])
        #expect(c.areas.map(\.openAtEndLastQuarter) == [2, 1, 1, 0])
        #expect(c.areas.map(\.openAtStart) == [1, 0, 1, 1])
    }

    @Test func quartersThatCarryOnGiveNoMessage() {
        var r = Records()
        r.quarter("2021-22-Q2", cases: ["C-1,Kept,North,,,,,2021-05-01,,open,"])
        r.quarter("2021-22-Q3", cases: ["C-1,Kept,north,,,,,2021-05-01,2021-10-10,closed,improved"])
        #expect(r.load().1 == [])
    }

    @Test func anEarlierQuartersWarningsStayInItsOwnReport() {
        var r = Records()
        r.quarter("2021-22-Q2", cases: ["C-1,Kept,North,,,,,2021-05-01,,open,resolved"])
        r.quarter("2021-22-Q3", cases: ["C-1,Kept,North,,,,,2021-05-01,,open,"])
        #expect(r.load().1 == [])
        #expect(r.load("2021-22-Q2").1 == [
            "reports/2021-22-Q2/psg-cases.csv:2:37: warning: cell K2: outcome \"resolved\" is ignored because the case is not closed",
        ])
    }
}

@Suite struct ActivityLogTests {
    @Test func rowsOfOneMeasureAreAddedWithoutAWord() throws {
        var r = Records()
        r.quarter("2021-22-Q3", activity: [
            "2021-10,North,engagement,Engagement events,4",
            "2021-10,north,engagement,engagement events,6",
            "2021-10,North ,Engagement,Engagement  Events,1",
            "2021-11,North,engagement,Engagement events,2",
        ])
        let (input, messages) = r.load()
        #expect(messages == [])
        let i = try #require(input)
        let s = Aggregator.summarise(i.current, partnership: i.partnership)
        #expect(s.area("North").activity[.engagement] == ["Engagement events": 13])
    }

    static let measures = Records.config + """
        measures:
          - {name: Engagement events, step: engagement, unit: events}
          - {name: Residents contacted, step: engagement, unit: people, aliases: [Residents engaged]}
          - {name: Cash seized, step: targeted-activity, unit: "£"}
          - {name: Arrests, step: targeted-activity, unit: people}

        """

    @Test func aMeasuresListResolvesAliasesAndNamesTheRest() throws {
        var r = Records(config: ActivityLogTests.measures)
        r.quarter("2021-22-Q3", activity: [
            "2021-10,North,engagement,Residents engaged,40",
            "2021-10,North,engagement,residents contacted,60",
            "2021-10,North,engagement,Engagment events,3",
            "2021-11,North,engagement,Engagment events,2",
            "2021-12,North,engagement,Engagment events,1",
            "2021-11,North,engagement,Arrests,5",
            "2021-12,North,targeted-activity,Cash seized,1200",
        ])
        let (input, messages) = r.load()
        #expect(messages == [
            "reports/2021-22-Q3/carmel-activity.csv:4:26: warning: cell D4: measure \"Engagment events\" is not in the measures list of csp.yaml; did you mean \"Engagement events\"? (a misspelt measure makes a series of its own). It is reported on its own (2 more rows have the same kind of problem: rows 5, 6)",
            "reports/2021-22-Q3/carmel-activity.csv:7:15: warning: cell C7: \"Arrests\" is listed under targeted-activity in csp.yaml, not engagement; it is counted under targeted-activity",
        ])
        let i = try #require(input)
        #expect(i.partnership.measures?.map(\.unit) == ["events", "people", "£", "people"])
        let s = Aggregator.summarise(i.current, partnership: i.partnership)
        #expect(s.area("North").activity[.engagement] == ["Residents contacted": 100, "Engagment events": 6])
        #expect(s.area("North").activity[.targetedActivity] == ["Arrests": 5, "Cash seized": 1200])
    }

    @Test func aBadMeasuresListIsExplained() {
        var r = Records(config: Records.config + """
            measures:
              - {name: Arrests, step: targeted-activity, unit: people}
              - {name: Events, step: engagment, unit: events}
              - {name: Patrols, step: targeted-activity}
              - {name: Stops, step: targeted-activity, unit: people, aliases: [arrests]}
              - Stop and search

            """)
        r.quarter("2021-22-Q3")
        let (input, messages) = r.load()
        #expect(input == nil)
        #expect(messages == [
            "reports/csp.yaml:10:26: error: step \"engagment\" is not one of engagement, targeted-activity, problem-solving, think-communities; did you mean \"engagement\"?",
            "reports/csp.yaml:11:5: error: this measure has no unit; each measure needs a name, a step and a unit, such as {name: Residents contacted, step: engagement, unit: people}",
            "reports/csp.yaml:12:5: error: measure name or alias \"arrests\" is used twice (first by \"Arrests\" at line 9); each spelling must name one measure",
            "reports/csp.yaml:13:5: error: each measure needs a name, a step and a unit, such as {name: Residents contacted, step: engagement, unit: people}",
        ])
    }
}

@Suite struct RepeatedWarningTests {
    @Test func rowsThatRepeatAProblemAreOneMessage() {
        var r = Records()
        let closedEarlier = (1...12).map { "C-\($0),Old,North,,,,,2021-01-01,2021-02-01,closed,resolved" }
        r.quarter("2021-22-Q3", cases: closedEarlier)
        let messages = r.load().1
        #expect(messages == [
            "reports/2021-22-Q3/psg-cases.csv:2:30: warning: cell I2: case \"C-1\" was closed on 2021-02-01, before the quarter starts (1 October 2021); it is left out of this quarter (11 more rows have the same kind of problem: rows 3, 4, 5, 6, 7, 8, 9, 10, …)",
        ])
    }

    /// A workbook is read as its table, so a workbook beside the table's CSV file gives the
    /// table twice: an error naming both (issue 15).
    @Test func aWorkbookBesideItsCSVFileIsNamed() {
        var r = Records()
        r.quarter("2021-22-Q3")
        r.files["reports/2021-22-Q3/think-communities.xlsx"] = "PK"
        #expect(r.load().1 == [
            "reports/2021-22-Q3/think-communities.csv: error: the think-communities table is given twice, in think-communities.csv and think-communities.xlsx; keep one and delete (or move out of this folder) the other, so that there is no doubt which holds the quarter’s records",
        ])
    }
}

@Suite struct OtherProgramsTests {
    /// Tests/Fixtures/libreoffice: CSV files LibreOffice saved from a workbook openpyxl wrote
    /// (see its README): dates and months as Excel shows them, a quoted line break, areas in any
    /// case, an activity log, a blocker on a case closed the quarter before.
    @Test func aQuarterSavedByLibreOfficeValidates() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/libreoffice")
        var files: [String: [UInt8]] = [:]
        let fm = FileManager.default
        for case let relative as String in fm.enumerator(atPath: root.path) ?? FileManager.DirectoryEnumerator() where relative.hasPrefix("reports/") {
            if let data = fm.contents(atPath: root.appendingPathComponent(relative).path) { files[relative] = [UInt8](data) }
        }
        let (input, diagnostics) = QuarterLoader.load(world: MemoryWorld(files: files), directory: "reports/2021-22-Q3")
        #expect(diagnostics.map(\.formatted) == [])
        let i = try #require(input)
        #expect(i.current.cases.first { $0.id == "C-2" }?.title == "Street drinking,\nMill Road")
        #expect(i.current.cases.map(\.area) == ["North", "East", "South"])
        #expect(i.current.successes.first?.detail == "Drugs, cash & a \"knife\" seized")
        #expect(i.current.blockers.first { $0.id == "B-5" }?.caseID == "C-3")
        let s = Aggregator.summarise(i.current, partnership: i.partnership)
        #expect(s.area("North").activity[.engagement] == ["Engagement events": 10])
        #expect(s.area("West").activity[.thinkCommunities] == ["ABCD conversations": 12])
        #expect(s.totals.cases.openAtStart == 1 && s.totals.cases.opened == 2 && s.totals.cases.closed == 1)
        let c = try #require(QuarterAnalysis(partnership: i.partnership, current: i.current, history: i.history).continuity)
        #expect(c.agrees && c.missingCases.isEmpty && c.missingBlockers.isEmpty && c.missingProjects.isEmpty)
    }
}

