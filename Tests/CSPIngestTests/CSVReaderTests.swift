import Testing
import CSPCore
@testable import CSPIngest

private func read(_ text: String, file: String = "t.csv") -> (CSVDocument?, [Diagnostic]) {
    CSVReader.read(bytes: Array(text.utf8), file: file)
}

private func values(_ doc: CSVDocument?) -> [[String]] {
    doc?.records.map { $0.fields.map(\.value) } ?? []
}

private func positions(_ doc: CSVDocument?) -> [[String]] {
    doc?.records.map { $0.fields.map { "\($0.line):\($0.column)" } } ?? []
}

@Suite struct CSVReaderTests {
    @Test func plainRowsWithPositions() {
        let (doc, diags) = read("a,b,c\n1,22,333\n")
        #expect(diags.isEmpty)
        #expect(values(doc) == [["a", "b", "c"], ["1", "22", "333"]])
        #expect(positions(doc) == [["1:1", "1:3", "1:5"], ["2:1", "2:3", "2:6"]])
        #expect(doc?.lineEnding == "LF")
    }

    @Test func crlfAndBOM() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name\r\n1,Arbury\r\n".utf8)
        let (doc, diags) = CSVReader.read(bytes: bytes, file: "t.csv")
        #expect(diags.isEmpty)
        #expect(doc?.encoding == .utf8WithBOM)
        #expect(doc?.lineEnding == "CRLF")
        #expect(values(doc) == [["id", "name"], ["1", "Arbury"]])
        // The BOM is not a character of the first column.
        #expect(positions(doc) == [["1:1", "1:4"], ["2:1", "2:3"]])
    }

    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() {
        let text = "id,detail,x\r\n1,\"Mill Road, near \"\"the bridge\"\"\r\nsecond line\",end\r\n2,ok,\"\"\r\n"
        let (doc, diags) = read(text)
        #expect(diags.isEmpty)
        #expect(values(doc) == [["id", "detail", "x"],
                                ["1", "Mill Road, near \"the bridge\"\r\nsecond line", "end"],
                                ["2", "ok", ""]])
        // The field after a multi-line value is on the physical line where it starts.
        #expect(positions(doc) == [["1:1", "1:4", "1:11"], ["2:1", "2:3", "3:14"], ["4:1", "4:3", "4:6"]])
    }

    @Test func emptyQuotedFieldAtEndOfInput() {
        // A fuzzer found this in a trial: "" at the very end was dropped.
        let (doc, _) = read("a,b\n1,\"\"")
        #expect(values(doc) == [["a", "b"], ["1", ""]])
    }

    @Test func quoteFollowedByCombiningMark() {
        // One Swift Character, but still a quote to Excel.
        let (doc, diags) = read("a,b\n\"x\"\u{301},y\n")
        #expect(values(doc) == [["a", "b"], ["x\u{301}", "y"]])
        #expect(diags.count == 1)
        #expect(diags.first?.severity == .warning)
    }

    @Test func trailingRowsOfCommasAndBlankLinesAreSkipped() {
        let (doc, diags) = read("a,b,c\n1,2,3\n\n,,\n, ,\n,,\r\n")
        #expect(diags.isEmpty)
        #expect(values(doc) == [["a", "b", "c"], ["1", "2", "3"]])
    }

    @Test func columnsCountCharactersNotBytes() {
        let (doc, _) = read("a,b,c\n£5,–,é\n")
        #expect(positions(doc)[1] == ["2:1", "2:4", "2:6"])
    }

    @Test func loneCRIsALineEnd() {
        let (doc, _) = read("a,b\r1,2\r")
        #expect(values(doc) == [["a", "b"], ["1", "2"]])
        #expect(positions(doc)[1] == ["2:1", "2:3"])
    }

    @Test func unterminatedQuoteIsAnError() {
        let (doc, diags) = read("a,b\n1,\"never closed\n2,3\n")
        #expect(diags.map(\.formatted) == ["t.csv:2:3: error: cell B2: the quoted value that starts here is never closed: a \" is missing (or a stray \" opens it)"])
        // The stray quote is read as text, so the rows after it keep their places.
        #expect(values(doc) == [["a", "b"], ["1", "\"never closed"], ["2", "3"]])
    }

    @Test func windows1252IsDecodedWithAWarning() {
        // "£5 – café" in Windows-1252.
        let bytes: [UInt8] = Array("a,b\n".utf8) + [0xA3, 0x35, 0x20, 0x96, 0x20, 0x63, 0x61, 0x66, 0xE9] + Array(",x\n".utf8)
        let (doc, diags) = CSVReader.read(bytes: bytes, file: "t.csv")
        #expect(doc?.encoding == .windows1252)
        #expect(values(doc)[1] == ["£5 – café", "x"])
        #expect(diags.count == 1)
        #expect(diags[0].severity == .warning)
        #expect(diags[0].location == SourceLocation(file: "t.csv", line: 2, column: 1))
    }

    @Test func binaryAndUTF16AreRefused() {
        let (d1, e1) = CSVReader.read(bytes: [0xFF, 0xFE, 0x61, 0x00], file: "t.csv")
        #expect(d1 == nil)
        #expect(e1.first?.message.contains("UTF-16") == true)
        let (d2, e2) = CSVReader.read(bytes: [0x50, 0x4B, 0x03, 0x04, 0x00], file: "t.csv")
        #expect(d2 == nil)
        #expect(e2.first?.message.contains("Excel workbook") == true)
        let (d3, e3) = CSVReader.read(bytes: Array("a,b\n1,".utf8) + [0, 0x32], file: "t.csv")
        #expect(d3 == nil)
        #expect(e3.first?.location == SourceLocation(file: "t.csv", line: 2, column: 3))
    }

    @Test func invalidUTF8Detection() {
        #expect(CSVReader.firstInvalidUTF8(Array("ok £ – 😀".utf8)) == Array("ok £ – 😀".utf8).count)
        #expect(CSVReader.firstInvalidUTF8([0x61, 0xC0, 0x80]) == 1)        // overlong
        #expect(CSVReader.firstInvalidUTF8([0xED, 0xA0, 0x80]) == 0)        // surrogate
        #expect(CSVReader.firstInvalidUTF8([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
        #expect(CSVReader.firstInvalidUTF8([0x61, 0xE2, 0x82]) == 1)        // truncated
    }

    @Test func trailingCommaAtEndOfInputAddsAnEmptyField() {
        let (doc, _) = read("a,b\n1,")
        #expect(values(doc) == [["a", "b"], ["1", ""]])
    }

    @Test func textAfterClosingQuoteIsKeptWithWarning() {
        let (doc, diags) = read("a,b\n\"x\"y,z\n")
        #expect(values(doc)[1] == ["xy", "z"])
        #expect(diags.map(\.formatted) == ["t.csv:2:4: warning: cell A2: text after the closing quote of a quoted value was kept as part of it"])
    }

    @Test func manyColumnsAreLinear() {
        // A value beyond CSVReader.maximumColumns stops the reading (CSPRobustnessTests); empty
        // cells beyond it, as Excel writes for a formatted row, are read in linear time and dropped.
        let line = "x" + String(repeating: ",", count: 99_999)
        let (doc, _) = read(line + "\n" + line + "\n")
        #expect(doc?.records.count == 2)
        #expect(doc?.records[1].fields.count == CSVReader.maximumColumns)
        #expect(doc?.records[1].fields.last?.column == CSVReader.maximumColumns + 1)
    }
}

@Suite struct CSVTableTests {
    let required = ["case_id", "title", "area"]

    @Test func headersMatchCaseInsensitivelyInAnyOrder() throws {
        let text = " Area ,CASE ID,title\nNorth,C1,Drugs\n"
        let (table, diags) = CSVTable.read(bytes: Array(text.utf8), file: "c.csv", required: required)
        #expect(diags.isEmpty)
        let t = try #require(table)
        #expect(t.rows.count == 1)
        #expect(t.rows[0][0].value == "C1")
        #expect(t.rows[0][0].column == 7)
        #expect(t.rows[0][2].value == "North")
    }

    @Test func missingColumnIsAnErrorAndExtraColumnAWarning() {
        let text = "case_id,title,areas\n"
        let (table, diags) = CSVTable.read(bytes: Array(text.utf8), file: "c.csv", required: required)
        #expect(table == nil)
        #expect(diags.map(\.formatted) == [
            "c.csv:1:15: warning: cell C1: unknown column \"areas\" is ignored; did you mean \"area\"?",
            "c.csv:1:1: error: row 1: the header has no \"area\" column; the columns are: case_id,title,area",
        ])
    }

    /// The row a record has in Excel: a quoted cell over several lines is one row, a blank row
    /// (or a row of only commas) is a row, though it is not kept.
    @Test func rowsCountAsExcelShowsThem() throws {
        let text = "a,b\r\n\"one\r\ntwo\r\n\r\nthree\",x\r\n\r\n,,\r\n4,\"five\nsix\"\r\n7,8"
        let (doc, _) = CSVReader.read(bytes: Array(text.utf8), file: "r.csv")
        let records = try #require(doc).records
        #expect(records.map(\.line) == [1, 2, 8, 10])
        #expect(records.map(\.row) == [1, 2, 5, 6])
        #expect(records[2].cell(1) == SpreadsheetCell(row: 5, column: 2))
        // Through a table, as every message about a field is made.
        let (table, _) = CSVTable.read(bytes: Array(text.utf8), file: "r.csv", required: ["a", "b"])
        let rows = try #require(table).rows
        #expect(rows.map(\.row) == [2, 5, 6])
        #expect(rows[1].cell(1).description == "B5")
    }

    @Test func duplicateColumn() {
        let (table, diags) = CSVTable.read(bytes: Array("case_id,title,area,Title\n".utf8), file: "c.csv", required: required)
        #expect(table == nil)
        #expect(diags.map(\.formatted) == ["c.csv:1:20: error: cell D1: column \"title\" appears twice in the header (columns B and D); keep one"])
    }

    @Test func emptyFile() {
        let (table, diags) = CSVTable.read(bytes: [], file: "c.csv", required: required)
        #expect(table == nil)
        #expect(diags.map(\.formatted) == ["c.csv: error: file is empty; it needs at least the header row: case_id,title,area"])
    }

    @Test func rowWithTooManyValues() {
        let text = "case_id,title,area\nC1,Drugs, Mill Road,North\nC2,x,South,,\n"
        let (table, diags) = CSVTable.read(bytes: Array(text.utf8), file: "c.csv", required: required)
        #expect(diags.map(\.formatted) == ["c.csv:2:21: error: cell D2: this row has 4 values but the header has 3 columns (extra value \"North\"); is there a comma in a value that is not in quotes?"])
        #expect(table?.rows.count == 1)
    }

    @Test func shortRowGivesEmptyFieldsAtTheRowEnd() {
        let (table, _) = CSVTable.read(bytes: Array("case_id,title,area\nC1,Drugs\n".utf8), file: "c.csv", required: required)
        #expect(table?.rows[0][2].value == "")
        #expect(table?.rows[0][2].line == 2)
        #expect(table?.rows[0][2].column == 9)
    }
}
