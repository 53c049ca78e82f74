import CSPCore

/// A CSV file read against the columns it must have: headers matched case-insensitively,
/// ignoring surrounding spaces, in any order.
public struct CSVTable: Sendable {
    public let file: String
    /// The workbook sheet the rows come from, when `file` is a workbook.
    public let sheet: String?
    /// The expected columns, in the contract's order.
    public let columns: [String]
    public let rows: CSVRows
    public let encoding: TextEncoding
    /// Which expected columns the header had (optional ones may be absent).
    public let present: Set<String>

    /// Reads `bytes` as a table with the given columns. Returns nil when the file cannot be
    /// used at all (no header, a required column missing); the diagnostics say why.
    public static func read(bytes: [UInt8], file: String, required: [String], optional: [String] = [])
        -> (CSVTable?, [Diagnostic])
    {
        let (document, readDiagnostics) = CSVReader.read(bytes: bytes, file: file)
        guard let document else { return (nil, readDiagnostics) }
        let (table, diagnostics) = make(document: document, file: file, sheet: nil, required: required, optional: optional)
        return (table, readDiagnostics + diagnostics)
    }

    /// A read document (a CSV file's, or a workbook sheet's) as a table with these columns.
    public static func make(document: CSVDocument, file: String, sheet: String?, required: [String], optional: [String] = [])
        -> (CSVTable?, [Diagnostic])
    {
        var diagnostics: [Diagnostic] = []
        let expected = required + optional
        guard let header = document.records.first else {
            diagnostics.append(.error(SourceLocation(file: file, sheet: sheet),
                                      "\(sheet == nil ? "file" : "sheet") is empty; it needs at least the header row: \(required.joined(separator: ","))"))
            return (nil, diagnostics)
        }
        // Excel in many European locales saves "CSV" with semicolons; a tab-separated export
        // is the other common one. Say so once instead of listing every column as missing.
        if sheet == nil, header.fields.count == 1, let only = header.fields.first {
            for (separator, name) in [(";", "semicolons"), ("\t", "tabs")] {
                let names = only.value.split(separator: Character(separator)).map { normaliseHeader(String($0)) }
                if names.count > 1, names.contains(where: { expected.contains($0) }) {
                    diagnostics.append(.error(SourceLocation(file: file, line: only.line, column: only.column, cell: header.cell(0)),
                                              "the columns are separated by \(name), not commas; save the file from Excel as \"CSV UTF-8 (Comma delimited) (*.csv)\""))
                    return (nil, diagnostics)
                }
            }
        }
        var indexOf: [String: Int] = [:]
        var ok = true
        for (i, field) in header.fields.enumerated() {
            let name = normaliseHeader(field.value)
            let at = SourceLocation(file: file, line: field.line, column: field.column, cell: header.cell(i), sheet: sheet)
            if name.isEmpty {
                // Excel leaves empty header cells after the last column; say nothing unless the
                // column holds data (checked per row below).
                continue
            }
            if let first = indexOf[name] {
                diagnostics.append(.error(at, "column \(TextMatch.quoted(name)) appears twice in the header (columns \(SpreadsheetCell.letters(first + 1)) and \(SpreadsheetCell.letters(i + 1))); keep one"))
                ok = false
                continue
            }
            if expected.contains(name) {
                indexOf[name] = i
            } else {
                var message = "unknown column \(TextMatch.quoted(field.value.trimmingSpaces)) is ignored"
                if let s = TextMatch.suggestion(for: name, among: expected), indexOf[s] == nil,
                   !header.fields.contains(where: { normaliseHeader($0.value) == s }) {
                    message += "; did you mean \"\(s)\"?"
                }
                diagnostics.append(.warning(at, message))
            }
        }
        for name in required where indexOf[name] == nil {
            let first = header.fields.first
            diagnostics.append(.error(SourceLocation(file: file, line: first?.line ?? 1, column: 1, cell: SpreadsheetCell(row: header.row), sheet: sheet),
                                      "the header has no \"\(name)\" column; the columns are: \(required.joined(separator: ","))"
                                        + (optional.isEmpty ? "" : " (optional: \(optional.joined(separator: ",")))")))
            ok = false
        }
        guard ok else { return (nil, diagnostics) }

        let headerWidth = header.fields.count
        // Rows are record numbers in the document; a field is found through the header's
        // position of its column.
        var kept: [UInt32] = []
        kept.reserveCapacity(document.records.count - 1)
        var rowProblems = DiagnosticLimiter()
        let storage = document.records.storage
        for r in 1..<storage.records.count {
            let range = storage.fieldRange(ofRecord: r)
            if range.count > headerWidth {
                if let extra = range.dropFirst(headerWidth).first(where: { !storage.value($0).trimmingSpaces.isEmpty }) {
                    let first = storage.field(extra)
                    rowProblems.add(.error(SourceLocation(file: file, line: first.line, column: first.column,
                                                          cell: SpreadsheetCell(row: Int(storage.records[r].row), column: extra - range.lowerBound + 1),
                                                          sheet: sheet),
                                              "this row has \(range.count) values but the header has \(headerWidth) columns (extra value \(TextMatch.quoted(first.value))); is there a comma in a value that is not in quotes?"))
                    continue
                }
            }
            kept.append(UInt32(r))
        }
        diagnostics += rowProblems.all
        let rows = CSVRows(table: CSVTableRows(storage: storage, slots: expected.map { indexOf[$0] ?? -1 }, records: kept))
        return (CSVTable(file: file, sheet: sheet, columns: expected, rows: rows, encoding: document.encoding,
                         present: Set(indexOf.keys)), diagnostics)
    }

    /// `Case ID`, ` case_id `, `CASE-ID` all name the column `case_id`.
    static func normaliseHeader(_ raw: String) -> String {
        var s = raw.trimmingSpaces.lowercased()
        s = String(s.unicodeScalars.map { $0 == " " || $0 == "-" ? "_" : Character($0) })
        return s
    }

    /// Lengths are compared first: a String's length is stored, and `==` between two different
    /// strings goes out of line (this runs for every field of every row checked).
    public func index(of column: String) -> Int? {
        let n = column.utf8.count
        return columns.firstIndex { $0.utf8.count == n && $0 == column }
    }
}

/// A table's rows: which records of the document they are, and where each expected column
/// stands in the header.
@usableFromInline
final class CSVTableRows: Sendable {
    @usableFromInline let storage: CSVStorage
    /// For each expected column, its position in the header (-1 when the header lacks it).
    @usableFromInline let slots: [Int]
    @usableFromInline let records: [UInt32]

    init(storage: CSVStorage, slots: [Int], records: [UInt32]) {
        self.storage = storage
        self.slots = slots
        self.records = records
    }
}

/// The data rows of a table, in file order.
public struct CSVRows: RandomAccessCollection, Sendable {
    let table: CSVTableRows

    public var startIndex: Int { 0 }
    public var endIndex: Int { table.records.count }
    public subscript(position: Int) -> CSVRow {
        CSVRow(table: table, record: Int(table.records[position]))
    }
}

/// One data row: its fields in the table's column order. A column the row is too short for
/// (or the header lacks) reads as an empty value where the row ends.
public struct CSVRow: Sendable {
    @usableFromInline let table: CSVTableRows
    @usableFromInline let record: Int

    @inlinable
    public var line: Int { Int(table.storage.records[record].line) }

    /// The field's number in the document's storage; nil when the row has no value there.
    @inlinable
    func fieldIndex(_ column: Int) -> Int? {
        let slot = table.slots[column]
        let range = table.storage.fieldRange(ofRecord: record)
        return slot >= 0 && slot < range.count ? range.lowerBound + slot : nil
    }

    public subscript(_ index: Int) -> CSVField {
        if let f = fieldIndex(index) { return table.storage.field(f) }
        let r = table.storage.records[record]
        return CSVField(value: "", line: Int(r.endLine), column: Int(r.endColumn))
    }

    /// Every field, in the table's column order.
    public var fields: [CSVField] { table.slots.indices.map { self[$0] } }

    /// The line and column where the field starts (where the row ends, for a missing one).
    @inlinable
    public func position(_ index: Int) -> (line: Int, column: Int) {
        if let f = fieldIndex(index) {
            let field = table.storage.fields[f]
            return (Int(field.line), Int(field.column))
        }
        let r = table.storage.records[record]
        return (Int(r.endLine), Int(r.endColumn))
    }

    /// The row in Excel (blank rows count; the header is row 1 of most files).
    @inlinable
    public var row: Int { Int(table.storage.records[record].row) }

    /// The spreadsheet cell of the field in the table's column `index`: its position in the
    /// header gives the letter, also for a row too short to hold it; a column the header
    /// lacks gives the row alone.
    @inlinable
    public func cell(_ index: Int) -> SpreadsheetCell {
        let slot = table.slots[index]
        return SpreadsheetCell(row: row, column: slot >= 0 ? slot + 1 : nil)
    }

    /// Calls `body` with the field's value as UTF-8 bytes (quotes removed, not trimmed),
    /// without making a String.
    @inlinable
    public func withValueBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let storage = table.storage
        guard let f = fieldIndex(index) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let range = storage.valueRange(ofField: f)
        return try storage.text.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
}
