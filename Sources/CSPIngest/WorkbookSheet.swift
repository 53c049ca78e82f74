import CSPCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Workbook {
    /// The sheet's cells as the rows of a CSV document: each value as its text (a date cell as
    /// `2024-10-04`, a number as Excel shows it in General format, a boolean as TRUE or FALSE),
    /// each field's line and column being its cell's row and column number. Blank rows are left
    /// out, as the CSV reader leaves them. Nil (with the reason) when the sheet cannot be read.
    ///
    /// `unreadable` are the cells whose value could not be read (an error such as #N/A, a
    /// formula never worked out): their messages are given here, so a check of the table need
    /// not add that the value is missing.
    public func document(of sheet: Sheet) -> (document: CSVDocument?, diagnostics: [Diagnostic], unreadable: Set<SpreadsheetCell>) {
        guard let part = sheet.part else {
            return (nil, [.error(SourceLocation(file: file, sheet: sheet.name),
                                 "\(Workbook.damaged) (the sheet's part is missing); \(Workbook.resave)")], [])
        }
        let cells = SheetPart(workbook: self, sheet: sheet.name)
        var reader = PartReader(archive: archive, file: file, archiveSize: Workbook.maximumFileSize)
        reader.entries = archive[part].map { [part: $0] } ?? [:]
        reader.inflated = inflated
        let ok = reader.parse(part, cells, sheet: sheet.name)
        inflated = reader.inflated
        var diagnostics = reader.diagnostics.map { d -> Diagnostic in
            var d = d
            d.location.sheet = sheet.name
            return d
        }
        diagnostics += cells.problems.all
        if let first = cells.firstUncomputed {
            let n = cells.uncomputed
            diagnostics.append(.error(first, (n == 1 ? "the cell holds a formula whose result was never saved"
                                                     : "\(n) cells, from this one on, hold formulas whose results were never saved")
                + " (the program that wrote the workbook did not work \(n == 1 ? "it" : "them") out); open the workbook in Excel or LibreOffice and save it again"))
        }
        if let stop = cells.stop { diagnostics.append(stop) }
        guard ok, cells.stop == nil else { return (nil, diagnostics, []) }
        let storage = CSVStorage(text: cells.text, fields: cells.fields, records: cells.records)
        return (CSVDocument(records: CSVRecords(storage: storage), encoding: .utf8, lineEnding: "\n"), diagnostics, cells.unreadable)
    }
}

/// A sheet's XML (`<sheetData><row r="2"><c r="B2" t="s" s="3"><v>5</v></c>…`) streamed into
/// CSV storage, a row at a time.
final class SheetPart: XMLEventHandler {
    let file: String
    let sheet: String
    let strings: SharedStrings
    let dateStyles: [Bool]
    let date1904: Bool

    var text: [UInt8] = []
    var fields: [CSVStorage.Field] = []
    var records: [CSVStorage.Record] = []
    var values = 0
    var problems = DiagnosticLimiter(limit: 100)
    /// Formulas without a saved result (openpyxl writes them so): one message for them all.
    var uncomputed = 0
    var unreadable = Set<SpreadsheetCell>()
    var firstUncomputed: SourceLocation?
    /// The limit that stopped the reading (`stopped` is what each event checks: testing an
    /// optional Diagnostic copies it).
    var stopped = false
    /// Cells read, empty ones too, against `Workbook.maximumCells`.
    var cellsSeen = 0
    /// The limit that stopped the reading.
    var stop: Diagnostic?

    // The row being read: its cells' values in `rowText`, (column, end) each.
    var row = 0
    var rowText: [UInt8] = []
    var rowCells: [(column: Int, end: Int)] = []
    var rowSorted = true

    // The cell being read.
    enum CellType { case number, shared, inline, formulaText, boolean, error, isoDate }
    var column = 0
    var type = CellType.number
    var style = 0
    var inCell = false, inValue = false, inInlineText = false, inPhonetic = false, hasFormula = false, hasValue = false
    var value: [UInt8] = []

    convenience init(workbook: Workbook, sheet: String) {
        self.init(file: workbook.file, sheet: sheet, strings: workbook.strings, dateStyles: workbook.dateStyles,
                  date1904: workbook.date1904)
    }

    init(file: String, sheet: String, strings: SharedStrings, dateStyles: [Bool], date1904: Bool) {
        self.file = file
        self.sheet = sheet
        self.strings = strings
        self.dateStyles = dateStyles
        self.date1904 = date1904
        text.reserveCapacity(1 << 16)
    }

    func at(_ row: Int, _ column: Int? = nil) -> SourceLocation {
        SourceLocation(file: file, line: row, column: column, cell: SpreadsheetCell(row: row, column: column), sheet: sheet)
    }

    func start(_ name: XMLName, _ a: XMLAttributes) {
        guard !stopped else { return }
        if name.is("c") {
            cellsSeen += 1
            if cellsSeen > Workbook.maximumCells {
                stopped = true
                stop = .error(at(max(row, 1)), CSVReader.limitPrefix + "the sheet has more than \(Workbook.maximumCells / 1_000_000) million cells, most of them empty (Excel keeps cells that were only formatted); delete the rows and columns after the table (select them, right-click, Delete) and save again")
                return
            }
            inCell = true
            // A cell outside any row (a damaged file) is placed in row 1 rather than row 0.
            if row == 0 { row = 1 }
            hasFormula = false; hasValue = false
            value.removeAll(keepingCapacity: true)
            // One pass over the attributes, compared as bytes: this runs for every cell.
            var reference: UnsafeBufferPointer<UInt8>?, styleIndex: UnsafeBufferPointer<UInt8>?, cellType: UnsafeBufferPointer<UInt8>?
            a.forEachOneLetter { letter, value in
                switch letter {
                case UInt8(ascii: "r"): reference = value
                case UInt8(ascii: "s"): styleIndex = value
                case UInt8(ascii: "t"): cellType = value
                default: break
                }
            }
            column = (reference.flatMap { SheetPart.cellReference($0)?.column }) ?? column + 1
            style = styleIndex.flatMap(SheetPart.integer) ?? 0
            type = .number
            if let t = cellType, let first = t.first {
                switch (first, t.count) {
                case (UInt8(ascii: "s"), 1): type = .shared
                case (UInt8(ascii: "i"), 9) where t.elementsEqual("inlineStr".utf8): type = .inline
                case (UInt8(ascii: "s"), 3) where t.elementsEqual("str".utf8): type = .formulaText
                case (UInt8(ascii: "b"), 1): type = .boolean
                case (UInt8(ascii: "e"), 1): type = .error
                case (UInt8(ascii: "d"), 1): type = .isoDate
                default: break
                }
            }
        } else if name.is("row") {
            // Rows are numbered 1 to 1,048,576; a number outside (a damaged file) is taken as
            // the next row, so that every place a message names exists.
            if let r = a.bytes("r").flatMap(SheetPart.integer), !(1...1_048_576).contains(r) {
                problems.add(.error(at(max(row, 1)), "\(Workbook.damaged) (a row numbered \(r), outside Excel's 1 to 1,048,576); \(Workbook.resave)"))
                row += 1
            } else {
                row = (a.bytes("r").flatMap(SheetPart.integer)) ?? row + 1
            }
            column = 0
            rowText.removeAll(keepingCapacity: true)
            rowCells.removeAll(keepingCapacity: true)
            rowSorted = true
        } else if inCell {
            if name.is("v") { inValue = true; hasValue = true }
            else if name.is("f") { hasFormula = true }
            else if name.is("t") { inInlineText = !inPhonetic; hasValue = true }
            else if name.is("rPh") { inPhonetic = true }
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !stopped, inValue || inInlineText else { return }
        if value.count + bytes.count > CSVReader.maximumFieldBytes {
            stopped = true
            stop = .error(at(row, column), CSVReader.limitPrefix + "the cell holds more than \(CSVReader.maximumFieldBytes / 1024) KB of text, more than an Excel cell holds (32,767 characters)")
            return
        }
        value.append(contentsOf: bytes)
    }

    func end(_ name: XMLName) {
        guard !stopped else { return }
        if name.is("v") { inValue = false }
        else if name.is("t") { inInlineText = false }
        else if name.is("rPh") { inPhonetic = false }
        else if name.is("c") { inCell = false; endCell() }
        else if name.is("row") { endRow() }
    }

    /// Appends the cell's value as text to the row.
    func endCell() {
        guard column >= 1, column <= 16_384 else {
            problems.add(.error(at(row), "\(Workbook.damaged) (a cell beyond column XFD, Excel's last); \(Workbook.resave)"))
            return
        }
        let start = rowText.count
        switch type {
        case .shared:
            guard let i = SheetPart.integer(value[...]), i < strings.count else {
                problems.add(.error(at(row, column), "\(Workbook.damaged) (the cell names a text the workbook does not hold); \(Workbook.resave)"))
                return
            }
            strings.withString(i) { rowText.append(contentsOf: $0) }
        case .inline, .formulaText:
            rowText.append(contentsOf: value)
        case .boolean:
            if !value.isEmpty { rowText.append(contentsOf: value.first == UInt8(ascii: "1") ? Array("TRUE".utf8) : Array("FALSE".utf8)) }
        case .error:
            let shown = String(decoding: value, as: UTF8.self)
            unreadable.insert(SpreadsheetCell(row: row, column: column))
            problems.add(.error(at(row, column), "the cell shows Excel's error \(shown): its formula cannot be worked out (\(SheetPart.errorAdvice(shown))); correct the formula, or type the value in"))
            rowText.append(contentsOf: value)
        case .isoDate:
            // ISO 8601 (`2024-10-04T00:00:00`): the date part.
            rowText.append(contentsOf: value.prefix(10))
        case .number:
            if value.isEmpty {
                if hasFormula {
                    uncomputed += 1
                    unreadable.insert(SpreadsheetCell(row: row, column: column))
                    if firstUncomputed == nil { firstUncomputed = at(row, column) }
                }
                break
            }
            if style < dateStyles.count && dateStyles[style] {
                appendDate()
            } else {
                appendNumber()
            }
        }
        guard rowText.count > start else { return }
        if column > CSVReader.maximumColumns {
            problems.add(.error(at(row, column), "a value in column \(SpreadsheetCell.letters(column)), beyond the \(CSVReader.maximumColumns) columns cspreport reads (\(TextMatch.quoted(String(decoding: rowText[start...].prefix(40), as: UTF8.self)))); the tables have at most a dozen columns: move it into its column or delete it"))
            rowText.removeSubrange(start...)
            return
        }
        if let last = rowCells.last, last.column >= column { rowSorted = false }
        rowCells.append((column, rowText.count))
    }

    /// A date cell: days since 31 December 1899 (Excel counts 1900 as a leap year, so from
    /// 1 March 1900 on the days count from 30 December), or since 1 January 1904 in the 1904
    /// system. A time of day in the fraction is dropped.
    func appendDate() {
        let days: Int
        if let whole = SheetPart.integer(value[...]) { days = whole }
        else if let x = SheetPart.double(value), x.isFinite, abs(x) < 1e7 { days = Int(x.rounded(.down)) }
        else { appendNumber(); return }
        let first: Int
        if date1904 {
            first = CalendarDate(year: 1904, month: 1, day: 1)!.dayNumber
        } else if days == 60 {
            problems.add(.error(at(row, column), "the cell holds 29 February 1900, a day that never was (Excel counts 1900 as a leap year); type the date that was meant"))
            rowText.append(contentsOf: Array("1900-02-29".utf8))
            return
        } else {
            first = CalendarDate(year: 1899, month: 12, day: days < 60 ? 31 : 30)!.dayNumber
        }
        guard days >= (date1904 ? 0 : 1), let date = CalendarDate(dayNumber: first + days), date.year <= 9999 else {
            problems.add(.error(at(row, column), "the cell is formatted as a date but holds \(String(decoding: value, as: UTF8.self)), which is no date Excel can show (it shows ####); type the date"))
            rowText.append(contentsOf: value)
            return
        }
        rowText.append(contentsOf: Array(date.description.utf8))
    }

    /// A number as Excel's General format shows it: whole numbers in full, others to 15
    /// significant digits (the binary value 4.4000000000000004 shows as 4.4).
    func appendNumber() {
        if value.allSatisfy({ $0 >= 48 && $0 <= 57 || $0 == UInt8(ascii: "-") }) {
            rowText.append(contentsOf: value)
            return
        }
        guard let x = SheetPart.double(value), x.isFinite else { rowText.append(contentsOf: value); return }
        if x == x.rounded(), abs(x) < 1e15 {
            rowText.append(contentsOf: Array(String(Int(x)).utf8))
            return
        }
        var buffer = [CChar](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBufferPointer { b in
            withVaList([x]) { vsnprintf(b.baseAddress, 32, "%.15g", $0) }
        }
        rowText.append(contentsOf: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) })
    }

    /// Keeps the row as a record when it holds a value; a blank or only-formatted row is
    /// left out, as a blank line of a CSV file is.
    func endRow() {
        guard !rowCells.isEmpty else { return }
        if !rowSorted {
            // Cells out of order (Excel never writes them so): put them in column order,
            // keeping the first of a column written twice.
            var starts: [(column: Int, start: Int, end: Int)] = []
            var s = 0
            for c in rowCells { starts.append((c.column, s, c.end)); s = c.end }
            var seen = Set<Int>()
            let sorted = starts.sorted { $0.column < $1.column }.filter { seen.insert($0.column).inserted }
            var reordered: [UInt8] = []
            rowCells = []
            for c in sorted {
                reordered.append(contentsOf: rowText[c.start ..< c.end])
                rowCells.append((c.column, reordered.count))
            }
            rowText = reordered
        }
        if records.count >= CSVReader.maximumRows {
            stopped = true
            stop = .error(at(row), CSVReader.limitPrefix + "the sheet has more than \(CSVReader.maximumRows) rows; a quarter's table holds far fewer (is this the right sheet?)")
            return
        }
        guard let width = rowCells.last?.column else { return }
        if values + width > CSVReader.maximumValues {
            stopped = true
            stop = .error(at(row), CSVReader.limitPrefix + "the sheet has more than \(CSVReader.maximumValues) values (rows × columns); a quarter's table holds far fewer (is this the right sheet?)")
            return
        }
        values += width
        // Every column up to the last value, empty ones too: a field's place is its column.
        var next = 1
        var from = 0
        for c in rowCells {
            while next < c.column {
                fields.append(CSVStorage.Field(end: UInt32(text.count), line: UInt32(row), column: UInt32(next)))
                next += 1
            }
            text.append(contentsOf: rowText[from ..< c.end])
            from = c.end
            fields.append(CSVStorage.Field(end: UInt32(text.count), line: UInt32(row), column: UInt32(c.column)))
            next = c.column + 1
        }
        records.append(CSVStorage.Record(fieldEnd: UInt32(fields.count), line: UInt32(row), row: UInt32(row),
                                         endLine: UInt32(row), endColumn: UInt32(width + 1)))
    }

    static func errorAdvice(_ shown: String) -> String {
        switch shown {
        case "#N/A": return "a lookup found nothing"
        case "#REF!": return "it refers to cells that were deleted"
        case "#VALUE!": return "it works on a value of the wrong kind"
        case "#DIV/0!": return "it divides by zero"
        case "#NAME?": return "it uses a name Excel does not know"
        default: return "Excel could not work it out"
        }
    }

    /// `B14` → (row 14, column 2); `B` alone (LibreOffice never, some writers do) gives no row.
    static func cellReference(_ r: UnsafeBufferPointer<UInt8>) -> (row: Int?, column: Int)? {
        var column = 0, i = 0
        while i < r.count, i < 4 {
            var c = r[i]
            if c >= 97 && c <= 122 { c -= 32 }
            guard c >= 65 && c <= 90 else { break }
            column = column * 26 + Int(c - 64)
            i += 1
        }
        guard column > 0 else { return nil }
        return (integer(UnsafeBufferPointer(rebasing: r[i...])), column)
    }

    static func integer<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var n = 0
        for b in bytes {
            guard b >= 48 && b <= 57 else { return nil }
            n = n * 10 + Int(b - 48)
        }
        return n
    }

    static func double(_ bytes: [UInt8]) -> Double? {
        guard !bytes.isEmpty, bytes.count < 64 else { return nil }
        var s = bytes.map { CChar(bitPattern: $0) }
        s.append(0)
        return s.withUnsafeBufferPointer { b -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            let x = strtod(b.baseAddress!, &end)
            guard let end, end - UnsafeMutablePointer(mutating: b.baseAddress!) == bytes.count else { return nil }
            return x
        }
    }
}
