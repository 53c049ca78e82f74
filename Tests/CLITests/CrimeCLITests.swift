import Foundation
import Testing

/// police.uk data through the command line: the summary's crime object and text line, and a
/// bad cell reported as FILE:LINE:COLUMN with exit status 1.
@Suite struct CrimeCLITests {
    static let header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context"

    static func row(_ month: String, _ lsoa: String, _ type: String) -> String {
        "id,\(month),Cambridgeshire Constabulary,Cambridgeshire Constabulary,0.1,52.2,On or near Mill Road,\(lsoa),Cambridge 001A,\(type),,"
    }

    /// The basic fixture (2021-22-Q3) with police.uk files for October–December 2021.
    static func scratch() throws -> URL {
        let dir = try CLI.scratch()
        let reports = dir.appendingPathComponent("reports")
        try "lsoa_code,ward_name,area\nE01000001,Arbury,North\nE01000002,Market,West/Central\n"
            .write(to: reports.appendingPathComponent("lsoa-areas.csv"), atomically: true, encoding: .utf8)
        let police = reports.appendingPathComponent("police-uk")
        try FileManager.default.createDirectory(at: police, withIntermediateDirectories: true)
        let months: [String: [String]] = [
            "2021-10": [row("2021-10", "E01000001", "Burglary"), row("2021-10", "E01000002", "Anti-social behaviour")],
            "2021-11": [row("2021-11", "E01000001", "Burglary"), row("2021-11", "", "Other crime")],
            "2021-12": [row("2021-12", "E01000002", "Drugs"), row("2021-12", "E01999999", "Drugs")],
        ]
        for (month, rows) in months {
            try ([header] + rows).map { $0 + "\r\n" }.joined()
                .write(to: police.appendingPathComponent("\(month)-cambridgeshire-street.csv"), atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test func summaryGainsCrime() throws {
        let dir = try Self.scratch()
        let r = try CLI.run(["summary", "reports/2021-22-Q3", "--json"], in: dir)
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let areas = try #require(json["areas"] as? [String: [String: Any]])
        let north = try #require(areas["North"]?["crime"] as? [String: Any])
        #expect(north["total"] as? Int == 2)
        #expect(north["asb"] as? Int == 0)
        #expect(north["by_type"] as? [String: Int] == ["Burglary": 2])
        let west = try #require(areas["West"]?["crime"] as? [String: Any])
        #expect(west["by_type"] as? [String: Int] == ["Anti-social behaviour": 1, "Drugs": 1])
        let totals = try #require((json["totals"] as? [String: Any])?["crime"] as? [String: Any])
        #expect(totals["total"] as? Int == 4)
        #expect(totals["asb"] as? Int == 1)

        let table = try CLI.run(["summary", "reports/2021-22-Q3"], in: dir)
        #expect(table.stdout.contains("Crime and ASB (police.uk, October–December 2021): North 2 (ASB 0), East 0 (ASB 0), South 0 (ASB 0), West 2 (ASB 1); total 4 (ASB 1)\n"))
    }

    @Test func withoutPoliceDataTheSummaryHasNoCrime() throws {
        let r = try CLI.run(["summary", "reports/2021-22-Q3", "--json"], in: try CLI.scratch())
        #expect(r.status == 0)
        #expect(!r.stdout.contains("\"crime\""))
    }

    @Test func aBadMonthIsAnErrorOnItsCell() throws {
        let dir = try Self.scratch()
        let file = dir.appendingPathComponent("reports/police-uk/2021-11-cambridgeshire-street.csv")
        try ([Self.header, Self.row("2021-12", "E01000001", "Burglary")]).map { $0 + "\r\n" }.joined()
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", "reports/2021-22-Q3"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("reports/police-uk/2021-11-cambridgeshire-street.csv:2:4: error: cell B2: Month \"2021-12\" does not match the file name, which is for 2021-11"))
    }

    @Test func crimeBenchIsHiddenAndReportsItsFigures() throws {
        let dir = try Self.scratch()
        let help = try CLI.run(["--help"], in: dir)
        #expect(!help.stdout.contains("crime-bench"))
        let r = try CLI.run(["crime-bench", "reports/police-uk", "--lookup", "reports/lsoa-areas.csv", "--repeats", "1"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("crime-bench: 3 files, 0.0 MB, 6 rows: 4 in the partnership's areas, 1 location withheld, 1 outside; 1 quarter sections\nbest "))
    }
}
