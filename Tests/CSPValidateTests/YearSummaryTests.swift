import CSPAggregate
import CSPCore
import CSPModel
import Foundation
import Testing
@testable import CSPValidate

/// The year's figures (`summary --year`): flows added over the quarters, stocks at the year's
/// start and end, checked against each quarter's own summary combined here by hand.
@Suite struct YearSummaryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The package's reports/ folder, read into memory.
    static func reportsWorld() -> MemoryWorld {
        let fm = FileManager.default
        let reports = root.appendingPathComponent("reports")
        var files: [String: [UInt8]] = [:]
        if let walker = fm.enumerator(atPath: reports.path) {
            for case let relative as String in walker {
                if let data = fm.contents(atPath: reports.appendingPathComponent(relative).path) {
                    files["reports/\(relative)"] = [UInt8](data)
                }
            }
        }
        return MemoryWorld(files: files)
    }

    /// What each quarter's own `summary` gives: loaded as its own report loads it.
    static func quarterSummary(_ world: World, _ dir: String) throws -> QuarterSummary {
        let (input, diagnostics) = QuarterLoader.load(world: world, directory: dir)
        let loaded = try #require(input, "\(diagnostics.map(\.formatted))")
        return Aggregator.summarise(loaded.current, partnership: loaded.partnership)
    }

    /// The year's figures as a reader of the quarterly reports would work them out.
    static func byHand(_ quarters: [QuarterSummary], area: String?) -> AreaSummary {
        func pick(_ q: QuarterSummary) -> AreaSummary { area.map { q.area($0) } ?? q.totals }
        var a = AreaSummary()
        a.cases.openAtStart = pick(quarters[0]).cases.openAtStart
        a.cases.openAtEnd = pick(quarters[quarters.count - 1]).cases.openAtEnd
        a.blockers.open = pick(quarters[quarters.count - 1]).blockers.open
        a.blockers.escalatedOpen = pick(quarters[quarters.count - 1]).blockers.escalatedOpen
        a.projectsByStage = pick(quarters[quarters.count - 1]).projectsByStage
        for q in quarters.map(pick) {
            a.cases.opened += q.cases.opened
            a.cases.closed += q.cases.closed
            a.successes += q.successes
            a.blockers.raised += q.blockers.raised
            a.blockers.resolved += q.blockers.resolved
            a.ocgReferrals += q.ocgReferrals
            for (step, measures) in q.activity {
                for (m, v) in measures { a.activity[step, default: [:]][m, default: 0] += v }
            }
        }
        return a
    }

    @Test func sampleYearEqualsItsQuartersCombinedByHand() throws {
        let world = Self.reportsWorld()
        let (input, diagnostics) = YearLoader.load(world: world, directory: "reports", year: "2024-25")
        let year = try #require(input?.summary(), "\(diagnostics.map(\.formatted))")
        let found = ["2024-25-Q1", "2024-25-Q2", "2024-25-Q3", "2024-25-Q4"].filter { world.isDirectory("reports/\($0)") }
        #expect(found.count == 4, "reports/ holds the whole sample year")
        #expect(year.quarters.map(\.quarter.description) == found)
        let quarters = try found.map { try Self.quarterSummary(world, "reports/\($0)") }
        for area in year.areaOrder.map(Optional.some) + [nil] {
            let expected = Self.byHand(quarters, area: area)
            let got = area.map { year.area($0) } ?? year.totals
            #expect(got == expected, "\(area ?? "totals")")
            // The identity, with the cases that changed between quarters (none in the sample).
            #expect(got.cases.openAtStart + got.cases.opened - got.cases.closed + year.changedBetweenQuarters(area) == got.cases.openAtEnd)
            #expect(year.changedBetweenQuarters(area) == 0, "\(area ?? "totals")")
        }
        #expect(year.totals.successes > 100 && year.totals.cases.opened > 40, "the sample year has figures to add")
        // A missing quarter is named, and the JSON says which quarters the figures cover.
        let missing = ["2024-25-Q1", "2024-25-Q2", "2024-25-Q3", "2024-25-Q4"].filter { !found.contains($0) }
        let json = YearSummaryJSON.render(year)
        for q in missing {
            #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains(q) }, "\(diagnostics.map(\.formatted))")
            #expect(json.contains("\"missing_quarters\": [\n    \"\(q)\""))
        }
        #expect(json.hasPrefix("{\n  \"year\": \"2024-25\",\n  \"start\": \"2024-04-01\",\n  \"end\": \"2025-03-31\",\n  \"quarters\": [\n    \"2024-25-Q1\""))
    }

    // MARK: Hand-made quarters, shaped as real records run across quarters

    static let config = """
        name: Test Partnership
        short_name: Test CSP
        areas: [North, South]
        """

    static let headers = [
        "successes.csv": "date,area,case_id,step,title,detail,partners\n",
        "blockers.csv": "blocker_id,raised,area,case_id,owner,description,escalate,status,resolved,resolution\n",
        "think-communities.csv": "area,project,stage,lead,partners,started,update\n",
    ]

    /// A quarter folder with the given case rows and one activity row.
    static func quarter(_ name: String, cases: [String], activity: [String] = [], successes: [String] = []) -> [String: String] {
        let dir = "reports/\(name)"
        var files: [String: String] = [:]
        files["\(dir)/quarter.yaml"] = "quarter: \(name)\nprepared_by: Test\nmeeting_date: 2025-01-20\nsummary: |\n  A quarter.\n"
        files["\(dir)/psg-cases.csv"] = "case_id,title,area,location,issue,lead_agency,partners,opened,closed,status,outcome\n"
            + cases.map { $0 + "\n" }.joined()
        files["\(dir)/carmel-activity.csv"] = "month,area,step,measure,value\n" + activity.map { $0 + "\n" }.joined()
        for (file, header) in headers { files["\(dir)/\(file)"] = header }
        files["\(dir)/successes.csv"] = headers["successes.csv", default: ""] + successes.map { $0 + "\n" }.joined()
        return files
    }

    /// Q1–Q3 of 2024-25: C-1 moves from North to South in Q2; C-2 closes in Q2 and is open
    /// again in Q3; C-3 is opened and closed in Q1; "Arrests" is written "arrests " in Q3.
    static func movingYear() -> [String: String] {
        var files = ["reports/csp.yaml": config]
        files.merge(quarter("2024-25-Q1", cases: [
            "C-1,Dealing,North,,drugs,Police,,2024-01-10,,open,",
            "C-2,Noise,South,,noise,Council,,2024-05-01,,open,",
            "C-3,Litter,North,,litter,Council,,2024-04-02,2024-06-01,closed,resolved",
        ], activity: ["2024-04,North,targeted-activity,Arrests,3"],
           successes: ["2024-05-03,North,C-1,targeted-activity,Warrant,,Police"])) { $1 }
        files.merge(quarter("2024-25-Q2", cases: [
            "C-1,Dealing,South,,drugs,Police,,2024-01-10,,open,",
            "C-2,Noise,South,,noise,Council,,2024-05-01,2024-08-15,closed,improved",
        ], activity: ["2024-07,North,targeted-activity,Arrests,4"])) { $1 }
        files.merge(quarter("2024-25-Q3", cases: [
            "C-1,Dealing,South,,drugs,Police,,2024-01-10,,open,",
            "C-2,Noise,South,,noise,Council,,2024-05-01,,open,",
            "C-4,Graffiti,North,,graffiti,Council,,2024-11-01,,open,",
        ], activity: ["2024-10,North,targeted-activity,arrests ,5"])) { $1 }
        return files
    }

    @Test func casesThatMoveOrReopenKeepTheIdentityAndAreNamed() throws {
        let world = MemoryWorld(text: Self.movingYear())
        let (input, diagnostics) = YearLoader.load(world: world, directory: "reports", year: "2024-25")
        let year = try #require(input?.summary(), "\(diagnostics.map(\.formatted))")
        let north = year.area("North"), south = year.area("South")
        // North: C-1 open at the start; C-3 opened and closed; C-4 opened. C-1 moved out.
        let n: [Int] = [north.cases.openAtStart, north.cases.opened, north.cases.closed, north.cases.openAtEnd]
        #expect(n == [1, 2, 1, 1])
        #expect(year.changedBetweenQuarters("North") == -1)
        // South: nothing open at the start; C-2 opened and closed; C-1 moved in, C-2 reopened.
        let s: [Int] = [south.cases.openAtStart, south.cases.opened, south.cases.closed, south.cases.openAtEnd]
        #expect(s == [0, 1, 1, 2])
        #expect(year.changedBetweenQuarters("South") == 2)
        for area in ["North", "South", nil] as [String?] {
            let c = (area.map { year.area($0) } ?? year.totals).cases
            #expect(c.openAtStart + c.opened - c.closed + year.changedBetweenQuarters(area) == c.openAtEnd, "\(area ?? "totals")")
        }
        // Over all areas the move cancels out; the reopening does not.
        #expect(year.changedBetweenQuarters(nil) == 1)
        // The differences are named: the move between Q1 and Q2 by the year (the last pair by
        // Q3's own load), the reopening by Q3's.
        let text = diagnostics.map(\.formatted).joined(separator: "\n")
        #expect(text.contains("reports/2024-25-Q2/psg-cases.csv") && text.contains("\"C-1\" now in South"), "\(text)")
        #expect(text.contains("\"C-2\" closed in last quarter’s file, open again now"), "\(text)")
        // One measure however it is written: added over the quarters under its first spelling.
        #expect(north.activity[.targetedActivity] == ["Arrests": 12])
        #expect(year.missing.map(\.description) == ["2024-25-Q4"])
        #expect(diagnostics.contains { $0.severity == .warning && $0.message.hasPrefix("2024-25-Q4 has no folder here") })
    }

    @Test func aQuarterWithErrorsRefusesTheYearAndIsNamed() {
        var files = Self.movingYear()
        files["reports/2024-25-Q2/psg-cases.csv"] = (files["reports/2024-25-Q2/psg-cases.csv"] ?? "")
            + "C-9,Bad,Nroth,,noise,Council,,2024-07-01,,open,\n"
        let (input, diagnostics) = YearLoader.load(world: MemoryWorld(text: files), directory: "reports", year: "2024-25")
        #expect(input == nil)
        let errors = diagnostics.filter { $0.severity == .error }.map(\.formatted)
        #expect(errors.contains { $0.hasPrefix("reports/2024-25-Q2/psg-cases.csv:4:") && $0.contains("Nroth") }, "\(errors)")
    }

    @Test func aYearWithNoFoldersOrBadlyWrittenIsAnError() {
        let world = MemoryWorld(text: Self.movingYear())
        for (text, words) in [("2023-24", "no quarter folder of 2023-24"), ("2024-26", "is not a financial year"), ("2024", "is not a financial year")] {
            let (input, diagnostics) = YearLoader.load(world: world, directory: "reports", year: text)
            #expect(input == nil)
            #expect(diagnostics.contains { $0.severity == .error && $0.message.contains(words) }, "\(text): \(diagnostics.map(\.formatted))")
        }
        // A quarter folder given for the reports folder: the message names the one to give.
        let (input, diagnostics) = YearLoader.load(world: world, directory: "reports/2024-25-Q1", year: "2024-25")
        #expect(input == nil)
        #expect(diagnostics.map(\.formatted) == ["reports/2024-25-Q1: error: this is a quarter folder; --year takes the reports folder that holds the year's quarter folders: reports"])
    }

    @Test func financialYears() {
        let y = FinancialYear.parse("2024-25")
        #expect(y?.quarters.map(\.description) == ["2024-25-Q1", "2024-25-Q2", "2024-25-Q3", "2024-25-Q4"])
        #expect(y?.start.description == "2024-04-01" && y?.end.description == "2025-03-31")
        #expect(y?.monthRange == "April 2024–March 2025")
        #expect(y?.previous?.description == "2023-24")
        #expect(FinancialYear.parse("1999-00")?.end.description == "2000-03-31")
        let january = FinancialYear.parse("2024-25", yearStartMonth: 1)
        #expect(january?.start.description == "2024-01-01" && january?.end.description == "2024-12-31")
        for bad in ["2024", "2024-26", "2024/25", "2024-25-Q1", "", "24-25"] { #expect(FinancialYear.parse(bad) == nil, "\(bad)") }
    }
}
