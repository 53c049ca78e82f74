import CSPAggregate
import CSPCore
@testable import CSPIngest
import CSPModel
import Foundation
import Testing
@testable import CSPValidate

/// Quarters kept in Excel workbooks written by other programs (Tests/Fixtures/workbooks, made
/// by its make_workbooks.py with openpyxl and LibreOffice) read as their CSV files do.
@Suite struct WorkbookTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/Fixtures/workbooks")

    /// Every file under `folder`, keyed by `prefix` + its path inside it.
    static func files(under folder: URL, prefix: String) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let fm = FileManager.default
        for case let relative as String in fm.enumerator(atPath: folder.path) ?? FileManager.DirectoryEnumerator() {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(relative)
            if fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               let data = fm.contents(atPath: url.path) {
                out[prefix + relative] = [UInt8](data)
            }
        }
        return out
    }

    /// reports/ as shipped.
    static func sampleReports() -> [String: [UInt8]] {
        files(under: repository.appendingPathComponent("reports"), prefix: "reports/")
    }

    /// reports/ with `quarter`'s CSV files taken out and the fixture folder's files put in.
    static func replacing(_ quarter: String, with fixture: String, in files: [String: [UInt8]]) -> [String: [UInt8]] {
        var out = files.filter { !($0.key.hasPrefix("reports/\(quarter)/") && $0.key.hasSuffix(".csv")) }
        for (path, bytes) in Self.files(under: fixtures.appendingPathComponent(fixture), prefix: "reports/\(quarter)/") {
            out[path] = bytes
        }
        return out
    }

    static func summaries(_ input: QuarterInput) -> [String] {
        ([input.current] + input.history).map {
            SummaryJSON.render(Aggregator.summarise($0, partnership: input.partnership))
        }
    }

    /// The rows as read, without where they were read from.
    static func rows(_ r: QuarterRecords) -> [String] {
        let here = RowSource(file: "", line: 0)
        return r.cases.map { var c = $0; c.source = here; return "\(c)" }
            + r.successes.map { var s = $0; s.source = here; return "\(s)" }
            + r.blockers.map { var b = $0; b.source = here; return "\(b)" }
    }

    /// The 2024-25-Q3 sample kept in one workbook (LibreOffice: shared strings, date cells,
    /// mmm-yy months, formulas with their results, rich text, a hidden sheet), and 2024-25-Q2
    /// as a workbook per table (openpyxl: the cases in the 1904 date system, a sheet not named
    /// as its table) give the same summary, for the quarter and its history, as the CSV files.
    @Test func sampleQuarterAsWorkbooksGivesTheSameSummary() throws {
        let csv = Self.sampleReports()
        var workbooks = Self.replacing("2024-25-Q3", with: "2024-25-Q3", in: csv)
        workbooks = Self.replacing("2024-25-Q2", with: "2024-25-Q2", in: workbooks)
        #expect(!workbooks.keys.contains("reports/2024-25-Q3/psg-cases.csv"))
        #expect(workbooks.keys.contains("reports/2024-25-Q3/quarter.xlsx"))
        #expect(workbooks.keys.contains("reports/2024-25-Q2/psg-cases.xlsx"))

        let (fromCSV, csvDiagnostics) = QuarterLoader.load(world: MemoryWorld(files: csv), directory: "reports/2024-25-Q3")
        let (fromWorkbooks, workbookDiagnostics) = QuarterLoader.load(world: MemoryWorld(files: workbooks), directory: "reports/2024-25-Q3")
        #expect(workbookDiagnostics.map(\.message) == csvDiagnostics.map(\.message))
        let a = try #require(fromCSV), b = try #require(fromWorkbooks)
        #expect(b.history.map(\.quarter) == a.history.map(\.quarter))
        #expect(Self.summaries(b) == Self.summaries(a))
        #expect(Self.rows(b.current) == Self.rows(a.current))
        #expect(Self.rows(b.history.last!) == Self.rows(a.history.last!))
        // Where a row came from: the sheet of quarter.xlsx.
        let first = try #require(b.current.cases.first)
        #expect(first.source.file == "reports/2024-25-Q3/quarter.xlsx" && first.source.sheet == "psg-cases")
        #expect(b.current.files.contains { $0.path == "reports/2024-25-Q3/quarter.xlsx, sheet psg-cases" && $0.rows == a.current.cases.count + a.current.closedEarlier.count })
    }

    /// The same mistakes in CSV files and in a workbook (openpyxl, dates as date cells) get the
    /// same messages at the same cells: `FILE:SHEET!CELL` for the sheet.
    @Test func sameMistakesGetTheSameMessagesAtTheSameCells() throws {
        let reports = Self.sampleReports()
        var csv = reports
        for (path, bytes) in Self.files(under: Self.fixtures.appendingPathComponent("mistakes"), prefix: "reports/2024-25-Q3/")
            where path.hasSuffix(".csv") {
            csv[path] = bytes
        }
        var workbook = reports.filter { !($0.key.hasPrefix("reports/2024-25-Q3/") && $0.key.hasSuffix(".csv")) }
        workbook["reports/2024-25-Q3/quarter.xlsx"] = Self.files(under: Self.fixtures.appendingPathComponent("mistakes"), prefix: "")["quarter.xlsx"]

        func keyed(_ ds: [Diagnostic]) -> [String] {
            var bag = Diagnostics()
            bag.append(contentsOf: ds)
            return bag.sorted.map { d in
                let table = d.location.sheet ?? String(Path.lastComponent(d.location.file).dropLast(4))
                return "\(table) \(d.location.cell.map(\.description) ?? "-") \(d.severity): \(d.message)"
            }.sorted()
        }
        let (_, fromCSV) = QuarterLoader.load(world: MemoryWorld(files: csv), directory: "reports/2024-25-Q3")
        let (_, fromWorkbook) = QuarterLoader.load(world: MemoryWorld(files: workbook), directory: "reports/2024-25-Q3")
        #expect(fromCSV.count >= 9)
        #expect(keyed(fromWorkbook) == keyed(fromCSV))
        let formatted = fromWorkbook.map(\.formatted)
        #expect(formatted.contains { $0.hasPrefix("reports/2024-25-Q3/quarter.xlsx:psg-cases!C5: error: area \"Nroth\"") })
        #expect(formatted.contains { $0.hasPrefix("reports/2024-25-Q3/quarter.xlsx:carmel-activity!E10: error: ") })
    }

    /// Tests/BadInputs/90: a sheet written part by part as Excel and LibreOffice write cells.
    @Test func oddButLegalCellsReadAsTheirValues() throws {
        let folder = Self.repository.appendingPathComponent("Tests/BadInputs/90-workbook-odd-but-legal-cells/2021-22-Q3")
        let bytes = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent("quarter.xlsx").path))
        let (book, d) = Workbook.open(bytes: [UInt8](bytes), file: "quarter.xlsx")
        #expect(d.isEmpty)
        let workbook = try #require(book)
        #expect(workbook.sheets.map(\.name) == ["psg-cases", "lookups"])
        #expect(workbook.sheets.map(\.hidden) == [false, true])
        let (document, sheetDiagnostics, unreadable) = workbook.document(of: try #require(workbook.sheet(named: "psg-cases")))
        #expect(sheetDiagnostics.map(\.formatted) == ["quarter.xlsx:psg-cases!D4: error: the cell shows Excel's error #N/A: its formula cannot be worked out (a lookup found nothing); correct the formula, or type the value in"])
        #expect(unreadable == [SpreadsheetCell(row: 4, column: 4)])
        let records = try #require(document).records
        // The header and four cases; the formatted empty rows to 1000 are no rows.
        #expect(records.count == 5)
        func values(_ i: Int) -> [String] { records[i].fields.map(\.value) }
        #expect(values(1) == ["C-1", "Drug dealing at Arbury Court", "North", "Arbury Court", "drug dealing",
                              "Cambridgeshire Constabulary", "City Council; Sanctuary Housing", "2021-06-01", "", "open"])
        #expect(values(2)[3] == "Mill Road" && values(2)[7] == "2021-10-04" && values(2)[8] == "2021-12-10")
        #expect(values(3)[3] == "#N/A" && values(3)[6] == "" && values(3)[7] == "01/09/2021")
        #expect(values(4)[7] == "2021-11-20" && records[4].row == 5 && records[4].fields[7].column == 8)
    }

    /// Excel's day numbers: the phantom 29 February 1900, the 1904 system, custom formats.
    @Test func dateCellsInBothSystems() {
        #expect(StylesPart.formatIsDate("dd/mm/yyyy"))
        #expect(StylesPart.formatIsDate("mmm\\-yy"))
        #expect(StylesPart.formatIsDate("[$-809]d mmmm yyyy;@"))
        #expect(!StylesPart.formatIsDate("0\" days\""))
        #expect(!StylesPart.formatIsDate("[Red]#,##0"))
        #expect(!StylesPart.formatIsDate("h:mm:ss"))
        #expect(StylesPart.builtInIsDate(14) && StylesPart.builtInIsDate(47) && !StylesPart.builtInIsDate(2))
        func date(_ serial: String, _ date1904: Bool) -> (String, [String]) {
            let sheet = SheetPart(file: "q.xlsx", sheet: "s", strings: SharedStrings(), dateStyles: [true], date1904: date1904)
            sheet.value = Array(serial.utf8)
            sheet.row = 2; sheet.column = 1
            sheet.appendDate()
            return (String(decoding: sheet.rowText, as: UTF8.self), sheet.problems.all.map(\.message))
        }
        #expect(date("1", false).0 == "1900-01-01")
        #expect(date("59", false).0 == "1900-02-28")
        #expect(date("60", false).1.first?.contains("29 February 1900") == true)
        #expect(date("61", false).0 == "1900-03-01")
        #expect(date("45580", false).0 == "2024-10-15")
        #expect(date("45580.99", false).0 == "2024-10-15")
        #expect(date("0", true).0 == "1904-01-01")
        #expect(date("44118", true).0 == "2024-10-15")
        #expect(date("-5", false).1.first?.contains("no date Excel can show") == true)
    }

    /// Numbers as Excel's General format shows them.
    @Test func numbersAsExcelShowsThem() {
        func shown(_ v: String) -> String {
            let sheet = SheetPart(file: "q.xlsx", sheet: "s", strings: SharedStrings(), dateStyles: [], date1904: false)
            sheet.value = Array(v.utf8)
            sheet.appendNumber()
            return String(decoding: sheet.rowText, as: UTF8.self)
        }
        #expect(shown("12") == "12")
        #expect(shown("12.0") == "12")
        #expect(shown("1E3") == "1000")
        #expect(shown("4.4000000000000004") == "4.4")
        #expect(shown("0.30000000000000004") == "0.3")
        #expect(shown("-2") == "-2")
    }

    @Test func whatTheFirstBytesSay() {
        #expect(Workbook.kind(of: []) == .empty)
        #expect(Workbook.kind(of: Array("case_id,title\nC-1,x\n".utf8)) == .text)
        #expect(Workbook.kind(of: [0x50, 0x4B, 0x03, 0x04, 0]) == .zip)
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        #expect(Workbook.kind(of: ole + [UInt8](repeating: 0, count: 100)) == .compound(encrypted: false))
        #expect(Workbook.kind(of: ole + Array("EncryptedPackage".utf8).flatMap { [$0, UInt8(0)] }) == .compound(encrypted: true))
        #expect(Workbook.tableName(of: " PSG Cases ") == "psg-cases")
        #expect(Workbook.tableName(of: "carmel_activity.csv") == "carmel-activity")
        #expect(SourceLocation(file: "q.xlsx", line: 3, column: 2, cell: SpreadsheetCell(row: 3, column: 2), sheet: "PSG cases").description == "q.xlsx:'PSG cases'!B3")
        #expect(SourceLocation(file: "q.xlsx", cell: SpreadsheetCell(row: 7), sheet: "psg-cases").description == "q.xlsx:psg-cases!7:7")
    }
}
