import Foundation
import Testing
import CSPCore
import CSPIngest
import CSPModel
@testable import CSPValidate

typealias F = CrimeFixture

@Suite struct PoliceBaselineTests {
    @Test func fixtureIsValidAndReadsOnlyTheMonthsItNeeds() throws {
        let (input, diagnostics) = F().load()
        // 2024-04 holds garbage but is neither this quarter, last quarter nor a year earlier.
        #expect(diagnostics.map(\.formatted) == [])
        let loaded = try #require(input)
        let crime = try #require(loaded.crime)
        #expect(crime.files.map(\.file.name) == [
            "2024-07-cambridgeshire-street.csv", "2024-08-cambridgeshire-street.csv", "2024-09-cambridgeshire-street.csv",
            "2024-10-cambridgeshire-street.csv", "2024-11-cambridgeshire-street.csv", "2024-12-cambridgeshire-street.csv",
        ])
        #expect(crime.months.map(\.description) == [
            "2023-10", "2023-11", "2023-12", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12",
        ])
        #expect(crime.records.count == 14)
        #expect(crime.records[0].area == "North")
        #expect(crime.records[0].lsoa.description == "E01000001")
        #expect(crime.records[0].source == RowSource(file: "reports/police-uk/2024-07-cambridgeshire-street.csv", line: 2))
        #expect(crime.records.filter { $0.area == "West" }.count == 3)   // West/Central in the lookup
        let october = try #require(crime.files.first { $0.month.description == "2024-10" })
        #expect((october.rows, october.inArea, october.outside, october.locationWithheld) == (6, 4, 1, 1))
        #expect(crime.forces == ["Cambridgeshire Constabulary"])
        #expect(crime.lookup?.rows == 4)
    }

    @Test func noPoliceFolderMeansNoCrimeDataAndNoMessages() throws {
        var f = F()
        f.files = f.files.filter { !$0.key.hasPrefix("reports/police-uk/") && $0.key != "reports/lsoa-areas.csv" }
        let (input, diagnostics) = f.load()
        #expect(diagnostics.isEmpty)
        #expect(try #require(input).crime == nil)
    }

    @Test func monthsAreAlsoFoundInPoliceUKMonthFolders() throws {
        var f = F()
        let name = "reports/police-uk/2024-12-cambridgeshire-street.csv"
        f.files["reports/police-uk/2024-12/2024-12-cambridgeshire-street.csv"] = f.files.removeValue(forKey: name)
        f.files["reports/police-uk/2024-12/2024-12-btp-street.csv"] = F.file([F.row("2024-12", "E01000004", "Theft from the person")])
        let (input, diagnostics) = f.load()
        #expect(diagnostics.isEmpty)
        let loaded = try #require(input)
        let crime = try #require(loaded.crime)
        #expect(crime.files.filter { $0.month.description == "2024-12" }.map(\.force) == ["btp", "cambridgeshire"])
        #expect(crime.records.count == 15)
    }
}

/// Each rule for police.uk files and lsoa-areas.csv, with its exact message.
@Suite struct PoliceRuleTests {
    func messages(_ change: (inout CrimeFixture) -> Void) -> [String] {
        var f = F()
        change(&f)
        return f.messages()
    }

    static let expectedHeader = "the header must be: Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context"

    @Test func wrongHeaderNamesTheExpectedHeader() {
        #expect(messages {
            $0.files["reports/police-uk/2024-10-cambridgeshire-street.csv"] =
                F.file([]).replacingOccurrences(of: "LSOA code,", with: "LSOA,")
        } == [
            "reports/police-uk/2024-10-cambridgeshire-street.csv:1:69: error: cell H1: column 8 of the header is \"LSOA\" where police.uk's street-level header has \"LSOA code\"; \(Self.expectedHeader)",
        ])
        #expect(messages {
            $0.files["reports/police-uk/2024-10-cambridgeshire-street.csv"] = "Crime ID,Month,Reported by\r\n"
        } == [
            "reports/police-uk/2024-10-cambridgeshire-street.csv:1:16: error: cell C1: the header has 3 columns where police.uk's street-level header has 12 (no \"Falls within\"); \(Self.expectedHeader)",
        ])
        #expect(messages {
            $0.files["reports/police-uk/2024-10-cambridgeshire-street.csv"] =
                F.file([]).replacingOccurrences(of: "Month,Reported by", with: "Reported by,Month")
        } == [
            "reports/police-uk/2024-10-cambridgeshire-street.csv:1:10: error: cell B1: column 2 of the header is \"Reported by\" where police.uk's street-level header has \"Month\" (the columns are read by position, so their order and spelling must be police.uk's); \(Self.expectedHeader)",
        ])
        #expect(messages { $0.files["reports/police-uk/2024-10-cambridgeshire-street.csv"] = "" } == [
            "reports/police-uk/2024-10-cambridgeshire-street.csv: error: file is empty; a police.uk street-level file starts with the header Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context",
        ])
    }

    @Test func monthMustMatchTheFileName() {
        #expect(messages {
            $0.set("2024-11-cambridgeshire-street.csv", rows: [
                F.row("2024-11", "E01000004", "Bicycle theft"),
                F.row("2024-12", "E01000004", "Bicycle theft"),
                F.row("Novmber 2024", "E01000004", "Anti-social behaviour"),
                F.row("", "E01000004", "Drugs"),
                F.row("01/11/2024", "E01000004", "Drugs"),   // saved again from Excel: the same month
                F.row("2024-11-01", "E01000004", "Drugs"),
                F.row("Nov-24", "E01000004", "Drugs"),       // Excel's display of the month
                F.row("Nov 2024", "E01000004", "Drugs"),
            ])
        } == [
            "reports/police-uk/2024-11-cambridgeshire-street.csv:3:8: error: cell B3: Month \"2024-12\" does not match the file name, which is for 2024-11; a police.uk file holds one month (was the file renamed? 2024-12 rows belong in 2024-12-cambridgeshire-street.csv)",
            "reports/police-uk/2024-11-cambridgeshire-street.csv:4:2: error: cell B4: Month \"Novmber 2024\" is not a month; police.uk writes it as 2024-11",
            "reports/police-uk/2024-11-cambridgeshire-street.csv:5:8: error: cell B5: Month is empty; police.uk writes the month as 2024-11",
        ])
    }

    @Test func malformedLSOACodes() {
        #expect(messages {
            $0.set("2024-12-cambridgeshire-street.csv", rows: [
                F.row("2024-12", "E0100001", "Drugs"),
                F.row("2024-12", "S01000001", "Drugs"),
                F.row("2024-12", "e01000001", "Drugs"),
                F.row("2024-12", " E01000001 ", "Drugs"),   // spaces around are forgiven
                F.row("2024-12", "W01000001", "Drugs"),     // Welsh, outside: not an error
            ])
        } == [
            "reports/police-uk/2024-12-cambridgeshire-street.csv:2:105: error: cell H2: LSOA code \"E0100001\" is not an LSOA code: police.uk writes E01 or W01 and six digits, as in E01017943 (leave it empty when the location is withheld)",
            "reports/police-uk/2024-12-cambridgeshire-street.csv:3:105: error: cell H3: LSOA code \"S01000001\" is not an LSOA code: police.uk writes E01 or W01 and six digits, as in E01017943 (leave it empty when the location is withheld)",
            "reports/police-uk/2024-12-cambridgeshire-street.csv:4:105: error: cell H4: LSOA code \"e01000001\" is not an LSOA code: police.uk writes E01 or W01 and six digits, as in E01017943 (leave it empty when the location is withheld)",
        ])
    }

    @Test func rowShapeAndCrimeType() {
        #expect(messages {
            $0.set("2024-12-cambridgeshire-street.csv", rows: [
                F.row("2024-12", "E01000001", ""),
                F.row("2024-12", "E01000001", "Drugs") + ",extra",
                "x,2024-12,Cambridgeshire Constabulary",
                F.row("2024-12", "E01000001", "Drugs") + ",,",   // empty cells after the last column are harmless
                F.row("2024-12", "E01000001", "Drugs", location: "\"On or near Mill Road, Romsey\""),
            ])
        } == [
            "reports/police-uk/2024-12-cambridgeshire-street.csv:2:130: error: cell J2: Crime type is empty; every police.uk row has one (such as \"Anti-social behaviour\")",
            "reports/police-uk/2024-12-cambridgeshire-street.csv:3:157: error: cell M3: this row has 13 values but police.uk's header has 12 columns (extra value \"extra\"); is there a comma in a value that is not in quotes?",
            "reports/police-uk/2024-12-cambridgeshire-street.csv:4:11: error: cell C4: this row has 3 values but police.uk's header has 12 columns; the row is left out",
        ])
    }

    @Test func manyRowsWithOneProblemAreCountedNotListed() {
        let rows = (0..<25).map { _ in F.row("2024-11", "E01000004", "Bicycle theft") }
        let out = messages { $0.set("2024-12-cambridgeshire-street.csv", rows: rows) }
        #expect(out.count == PoliceDataLoader.messagesPerProblem + 1)
        #expect(out.last == "reports/police-uk/2024-12-cambridgeshire-street.csv:12:8: error: cell B12: 15 more rows from here on have a Month that does not match the file (25 in all in this file)")
    }

    @Test func manyParseMessagesAreCountedToo() {
        let rows = (0..<15).map { _ in F.row("2024-12", "E01000001", "Drugs", location: "\"a\"b") }
        let out = messages { $0.set("2024-12-cambridgeshire-street.csv", rows: rows) }
        #expect(out.count == PoliceDataLoader.messagesPerProblem + 1)
        #expect(out.first == "reports/police-uk/2024-12-cambridgeshire-street.csv:2:85: warning: cell G2: text after the closing quote of a quoted value was kept as part of it")
        #expect(out.last == "reports/police-uk/2024-12-cambridgeshire-street.csv:12:85: warning: cell G12: 5 more rows from here on have the same problem as above (15 in all in this file)")
    }

    @Test func quarterWithoutPoliceFilesIsAWarning() throws {
        var f = F()
        for m in ["10", "11", "12"] { f.files["reports/police-uk/2024-\(m)-cambridgeshire-street.csv"] = nil }
        let (input, diagnostics) = f.load()
        #expect(diagnostics.map(\.formatted) == [
            "reports/police-uk: warning: no police.uk file for October–December 2024 (2024-10, 2024-11 and 2024-12), so the report says crime and anti-social behaviour data is not available for 2024-25-Q3; download the street-level files from data.police.uk into this folder",
        ])
        #expect(try #require(input).crime != nil)
        f.files["reports/police-uk/2024-10-cambridgeshire-street.csv"] = F.file([])
        #expect(f.messages() == [
            "reports/police-uk: warning: no police.uk file for 2024-11 and 2024-12, so 2024-25-Q3's crime and anti-social behaviour figures cover 2024-10 only and are not compared with other quarters",
        ])
    }

    @Test func fileNames() {
        #expect(messages {
            $0.files["reports/police-uk/2024-10-cambridgeshire-outcomes.csv"] = "whatever"
            $0.files["reports/police-uk/2024-10-cambridgeshire-stop-and-search.csv"] = "whatever"
            $0.files["reports/police-uk/README.txt"] = "notes"
            $0.files["reports/police-uk/cambs-october.csv"] = "x"
            $0.files["reports/police-uk/2024-13-cambridgeshire-street.csv"] = "x"
            $0.files["reports/police-uk/2024-10/2024-10-cambridgeshire-street.csv"] =
                $0.files["reports/police-uk/2024-10-cambridgeshire-street.csv"]
        } == [
            // The month folder sorts before the files beside it, so it is the one read.
            "reports/police-uk/2024-10-cambridgeshire-street.csv: error: holds cambridgeshire for 2024-10, as reports/police-uk/2024-10/2024-10-cambridgeshire-street.csv does; the rows would be counted twice, so keep one of the two files",
            "reports/police-uk/2024-13-cambridgeshire-street.csv: warning: the month in the file name is not a month (police.uk names files like 2024-10-cambridgeshire-street.csv), so it is not read",
            "reports/police-uk/cambs-october.csv: warning: file is not named like a police.uk street-level file (YYYY-MM-<force>-street.csv, as in 2024-10-cambridgeshire-street.csv), so it is not read",
        ])
    }

    @Test func lookupIsRequiredWithPoliceData() {
        #expect(messages { $0.files["reports/lsoa-areas.csv"] = nil } == [
            "reports/lsoa-areas.csv: error: file is missing; reports/police-uk/ holds police.uk data, which needs it to place each LSOA in an area (columns: lsoa_code,area)",
        ])
    }

    @Test func lookupRules() {
        #expect(messages {
            $0.files["reports/lsoa-areas.csv"] = """
            lsoa_code,ward_name,area
            E01000001,Arbury,Nroth
            E0100002,Romsey,East
            E01000003,Trumpington,
            E01000004,Market,City-wide
            E01000005,Castle,central
            E01000005,Castle,West
            E01000006,Newnham,West
            E01000006,Newnham,North
            E01000007,Abbey,Wales

            """
        } == [
            "reports/lsoa-areas.csv:2:18: error: cell C2: area \"Nroth\" is not a known area (North, East, South, West); did you mean \"North\"?",
            "reports/lsoa-areas.csv:3:1: error: cell A3: lsoa_code \"E0100002\" is not an LSOA code: write E01 or W01 and six digits, as in E01017943",
            "reports/lsoa-areas.csv:4:23: error: cell C4: area is empty; use one of North, East, South, West",
            "reports/lsoa-areas.csv:5:18: error: cell C5: area \"City-wide\" cannot hold an LSOA; give the area the LSOA lies in (North, East, South, West)",
            "reports/lsoa-areas.csv:7:1: warning: cell A7: lsoa_code E01000005 is listed twice (also in row 6); one row is enough",
            "reports/lsoa-areas.csv:9:1: error: cell A9: lsoa_code E01000006 is listed twice with different areas (West in row 8, North here); an LSOA lies in one area",
            "reports/lsoa-areas.csv:10:17: error: cell C10: area \"Wales\" is not a known area (North, East, South, West); areas and their other spellings are set in csp.yaml",
        ])
        #expect(messages { $0.files["reports/lsoa-areas.csv"] = "code,area_name\nE01000001,North\n" } == [
            "reports/lsoa-areas.csv:1:1: error: row 1: the header has no \"lsoa_code\" and \"area\" columns; lsoa-areas.csv needs lsoa_code and area (other columns are allowed)",
        ])
        #expect(messages { $0.files["reports/lsoa-areas.csv"] = "lsoa_code,area\n" } == [
            "reports/lsoa-areas.csv: error: file lists no LSOAs; add one row per LSOA with its area",
        ])
    }
}

@Suite struct LSOACodeTests {
    @Test func format() {
        #expect(LSOACode("E01017943")?.description == "E01017943")
        #expect(LSOACode("W01000001")?.description == "W01000001")
        #expect(LSOACode("E01000001") != LSOACode("W01000001"))
        for bad in ["", "E0101794", "E010179430", "E02017943", "e01017943", "S01017943", "E01O17943", "E01-17943"] {
            #expect(LSOACode(bad) == nil, "\(bad)")
        }
    }

    @Test func fileNames() {
        let parsed = PoliceDataLoader.parseName("2024-10-british-transport-police-street.csv")
        #expect(parsed?.0?.description == "2024-10")
        #expect(parsed?.1 == "british-transport-police")
        #expect(PoliceDataLoader.parseName("2024-10-cambridgeshire-outcomes.csv") == nil)
        #expect(PoliceDataLoader.parseName("2024-10--street.csv") == nil)
        #expect(PoliceDataLoader.parseName("2024-00-x-street.csv")?.0 == nil)
    }
}
