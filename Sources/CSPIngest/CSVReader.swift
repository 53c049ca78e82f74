import CSPCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One field as it stood in the file: its text (quotes removed, `""` undoubled) and where it
/// starts, so every message can point at the cell.
public struct CSVField: Hashable, Sendable {
    public var value: String
    /// Physical line where the field starts (1-based; the header is line 1 of most files).
    public var line: Int
    /// 1-based character column where the field starts (its opening quote, if quoted).
    public var column: Int

    public init(value: String, line: Int, column: Int) {
        self.value = value
        self.line = line
        self.column = column
    }
}

/// One record of a file, a view of its document's storage.
public struct CSVRecord: Sendable {
    let storage: CSVStorage
    let index: Int

    /// The record's fields, each one made into a `CSVField` only when it is read.
    public var fields: CSVFields { CSVFields(storage: storage, range: storage.fieldRange(ofRecord: index)) }
    /// The line where the record starts.
    public var line: Int { Int(storage.records[index].line) }
    /// The record's row in Excel (blank rows count; the header is row 1 of most files).
    public var row: Int { Int(storage.records[index].row) }
    /// The spreadsheet cell of the record's field `i` (0-based).
    public func cell(_ i: Int) -> SpreadsheetCell { SpreadsheetCell(row: row, column: i + 1) }
    /// Where the record's last field ends, for pointing at fields a short row leaves out.
    public var endLine: Int { Int(storage.records[index].endLine) }
    public var endColumn: Int { Int(storage.records[index].endColumn) }
}

/// A record's fields, in the order of the file.
public struct CSVFields: RandomAccessCollection, Sendable {
    let storage: CSVStorage
    let range: Range<Int>

    public var startIndex: Int { 0 }
    public var endIndex: Int { range.count }
    public subscript(position: Int) -> CSVField {
        precondition(position >= 0 && position < range.count, "CSVFields index out of range")
        return storage.field(range.lowerBound + position)
    }
}

/// The records of a document.
public struct CSVRecords: RandomAccessCollection, Sendable {
    let storage: CSVStorage

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.records.count }
    public subscript(position: Int) -> CSVRecord {
        precondition(position >= 0 && position < storage.records.count, "CSVRecords index out of range")
        return CSVRecord(storage: storage, index: position)
    }
}

/// A parsed file in a few flat arrays, instead of an array per row and a String per value:
/// the values' bytes one after another (quotes removed, `""` undoubled), and for each field
/// where its value ends and where it starts in the file. Two quarters are read at once, and
/// their largest file has 600,000 values.
@usableFromInline
final class CSVStorage: Sendable {
    @usableFromInline
    struct Field: Sendable {
        /// One past the value's last byte in `text`; the value starts where the previous one ends.
        @usableFromInline var end: UInt32
        @usableFromInline var line: UInt32
        @usableFromInline var column: UInt32
    }
    @usableFromInline
    struct Record: Sendable {
        /// One past the record's last field in `fields`; its first is the previous record's end.
        @usableFromInline var fieldEnd: UInt32
        @usableFromInline var line: UInt32
        /// The record's row in Excel: every record counts, blank ones too (they are not kept),
        /// however many lines its quoted values span.
        @usableFromInline var row: UInt32
        @usableFromInline var endLine: UInt32
        @usableFromInline var endColumn: UInt32
    }
    @usableFromInline let text: [UInt8]
    @usableFromInline let fields: [Field]
    @usableFromInline let records: [Record]

    init(text: [UInt8], fields: [Field], records: [Record]) {
        self.text = text
        self.fields = fields
        self.records = records
    }

    @inlinable
    func fieldRange(ofRecord r: Int) -> Range<Int> {
        (r == 0 ? 0 : Int(records[r - 1].fieldEnd)) ..< Int(records[r].fieldEnd)
    }

    @inlinable
    func valueRange(ofField f: Int) -> Range<Int> {
        (f == 0 ? 0 : Int(fields[f - 1].end)) ..< Int(fields[f].end)
    }

    func value(_ f: Int) -> String {
        let r = valueRange(ofField: f)
        return text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
    }

    func field(_ f: Int) -> CSVField {
        CSVField(value: value(f), line: Int(fields[f].line), column: Int(fields[f].column))
    }
}

public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    case windows1252 = "Windows-1252"
}

public struct CSVDocument: Sendable {
    public var records: CSVRecords
    public var encoding: TextEncoding
    public var lineEnding: String
}

/// A reader written for this tool: RFC 4180 plus what Excel writes. It works on UTF-8 bytes,
/// not Swift `Character`s, because a quote followed by a combining mark is one `Character`
/// but still a quote to Excel.
public enum CSVReader {
    // Limits (docs/limits.md). Each is far above what a quarter's spreadsheet holds and keeps
    // the memory for one file bounded: at most maximumRows × maximumColumns fields are kept.

    /// Files above this size are refused with a message rather than read into memory.
    public static let maximumFileSize = 32 * 1024 * 1024
    /// One cell: Excel holds at most 32,767 characters in a cell, up to 4 bytes each in UTF-8.
    public static let maximumFieldBytes = 128 * 1024
    /// Values in one row. The widest file has 11 columns; empty cells beyond this (Excel
    /// exports them when a whole row was formatted) are dropped, a value there is refused.
    public static let maximumColumns = 100
    /// Rows in one file, the header included. Blank rows do not count.
    public static let maximumRows = 300_000
    /// Values kept for one file (rows × columns): rows of 100 one-letter values would
    /// otherwise reach 16 million in 32 MB, about 800 MB in memory.
    public static let maximumValues = 2_000_000
    /// Quoting problems listed for one file; the rest are counted in one more message. A file
    /// of `"a"b,` repeated would otherwise make millions of warnings.
    public static let maximumParseDiagnostics = 100

    /// The message that stands for the quoting problems past `maximumParseDiagnostics`.
    static func omittedParseDiagnostics(file: String, errors: Int, warnings: Int) -> Diagnostic? {
        guard errors + warnings > 0 else { return nil }
        return Diagnostic(errors > 0 ? .error : .warning, SourceLocation(file: file),
                          "\(errors + warnings) more quoting problems in this file are not listed; fix the first \(maximumParseDiagnostics) and run again")
    }

    /// Parses a whole file. Whole-file problems (binary content, UTF-16) come back as errors
    /// with no records; a Windows-1252 file is decoded with a warning.
    public static func read(bytes input: [UInt8], file: String) -> (CSVDocument?, [Diagnostic]) {
        // The whole-file checks live in `prepare`, which the police.uk scanner shares.
        let (prepared, encoding, prepareDiagnostics) = prepare(bytes: input, file: file)
        var diagnostics = prepareDiagnostics
        guard let bytes = prepared else { return (nil, diagnostics) }
        let (records, lineEnding, parseDiagnostics) = parse(bytes, file: file)
        diagnostics.append(contentsOf: parseDiagnostics)
        if parseDiagnostics.contains(where: { $0.message.hasPrefix(limitPrefix) }) { return (nil, diagnostics) }
        return (CSVDocument(records: records, encoding: encoding, lineEnding: lineEnding), diagnostics)
    }

    /// Messages for a broken limit start with this; the file is then not read any further.
    static let limitPrefix = "cspreport stops reading this file here: "

    static let tooLong = "the value that starts here is longer than \(maximumFieldBytes / 1024) KB, more than an Excel cell holds (32,767 characters); is a closing quote missing?"

    /// Parses UTF-8 bytes (no BOM) into records, skipping blank rows and rows of only commas.
    /// Stops at the first broken limit (see `maximumFieldBytes`, `maximumColumns`,
    /// `maximumRows`) with a diagnostic whose message starts with `limitPrefix`. The dialect is
    /// read by `CSVScanner`; this keeps what it finds.
    static func parse(_ bytes: [UInt8], file: String) -> (CSVRecords, String, [Diagnostic]) {
        var keeper = CSVKeeper(ascii: firstNonASCIIOrNUL(bytes) == bytes.count, capacity: bytes.count)
        let outcome = CSVScanner.scan(bytes, file: file, into: &keeper)
        return (CSVRecords(storage: CSVStorage(text: keeper.text, fields: keeper.fields, records: keeper.records)),
                outcome.lineEnding, outcome.diagnostics)
    }

    /// Line and column (1-based, in characters) of a byte offset, for whole-file messages.
    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1
        var i = 0
        while i < offset && i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") { line += 1; column = 1 }
            else if b == UInt8(ascii: "\r") {
                if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                line += 1; column = 1
            } else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (line, column)
    }

    /// memchr: this scan runs over every byte of every file.
    static func firstNUL(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            guard let base = b.baseAddress, let hit = memchr(base, 0, b.count) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool { firstInvalidUTF8(bytes) == bytes.count }

    /// Offset of the first byte that breaks UTF-8 (bytes.count when all valid). Rejects
    /// overlongs, surrogates and code points above U+10FFFF, as String validation does.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        let n = bytes.count
        return bytes.withUnsafeBufferPointer { b -> Int in
            var i = 0
            while i < n {
                // ASCII runs, eight bytes at a time.
                while i + 8 <= n,
                      UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                if i >= n { break }
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                func cont(_ k: Int) -> Bool { i + k < n && b[i + k] & 0xC0 == 0x80 }
                if c >= 0xC2 && c <= 0xDF {
                    guard cont(1) else { return i }
                    i += 2
                } else if c >= 0xE0 && c <= 0xEF {
                    guard cont(1), cont(2) else { return i }
                    let c1 = b[i + 1]
                    if c == 0xE0 && c1 < 0xA0 { return i }
                    if c == 0xED && c1 > 0x9F { return i }
                    i += 3
                } else if c >= 0xF0 && c <= 0xF4 {
                    guard cont(1), cont(2), cont(3) else { return i }
                    let c1 = b[i + 1]
                    if c == 0xF0 && c1 < 0x90 { return i }
                    if c == 0xF4 && c1 > 0x8F { return i }
                    i += 4
                } else {
                    return i
                }
            }
            return n
        }
    }

    /// Windows-1252's 0x80–0x9F block; the rest maps to the same code point (Latin-1).
    static let cp1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 { out.append(b); continue }
            let scalar = b >= 0xA0 ? UInt32(b) : cp1252High[Int(b - 0x80)]
            if let s = Unicode.Scalar(scalar) {
                out.append(contentsOf: Array(String(Character(s)).utf8))
            }
        }
        return out
    }
}

/// Copies the scanned records into `CSVStorage`, with the positions messages point at, until a
/// limit on what one file may keep is reached.
struct CSVKeeper: CSVRecordSink {
    /// Columns are then byte offsets within the line; otherwise UTF-8 continuation bytes are
    /// skipped when counting.
    let ascii: Bool
    var text: [UInt8] = []
    var fields: [CSVStorage.Field] = []
    var records: [CSVStorage.Record] = []
    var values = 0
    // The column of the previous field, to count on from within a line.
    var lastLineStart = -1, lastOffset = 0, lastColumn = 1

    init(ascii: Bool, capacity: Int) {
        self.ascii = ascii
        text.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func column(of offset: Int, lineStart: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if ascii { return offset - lineStart + 1 }
        var k = lineStart, c = 1
        if lineStart == lastLineStart && offset >= lastOffset { k = lastOffset; c = lastColumn }
        // Eight bytes at a time: a UTF-8 continuation byte (10xxxxxx) starts no character.
        while k + 8 <= offset {
            let v = UnsafeRawPointer(bytes.baseAddress! + k).loadUnaligned(as: UInt64.self)
            c += 8 - (v & ~(v << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            k += 8
        }
        while k < offset {
            if bytes[k] & 0xC0 != 0x80 { c += 1 }
            k += 1
        }
        (lastLineStart, lastOffset, lastColumn) = (lineStart, offset, c)
        return c
    }

    /// Keeps the record, or returns the message that stops the reading.
    mutating func take(_ record: CSVScanRecord) -> Diagnostic? {
        let count = record.count
        func whole() -> SourceLocation {
            SourceLocation(file: record.file, line: record.line, column: 1, cell: SpreadsheetCell(row: record.row))
        }
        if records.count >= CSVReader.maximumRows {
            return .error(whole(), CSVReader.limitPrefix + "the file has more than \(CSVReader.maximumRows) rows; a quarter's file holds far fewer (is this the right file?)")
        }
        if values + count > CSVReader.maximumValues {
            return .error(whole(), CSVReader.limitPrefix + "the file has more than \(CSVReader.maximumValues) values (rows × columns); a quarter's file holds far fewer (is this the right file?)")
        }
        values += count
        for span in record.spans {
            record.appendValue(span, to: &text)
            fields.append(CSVStorage.Field(end: UInt32(text.count), line: UInt32(span.line),
                                           column: UInt32(column(of: span.start, lineStart: span.lineStart, in: record.bytes))))
        }
        records.append(CSVStorage.Record(fieldEnd: UInt32(fields.count), line: UInt32(record.line), row: UInt32(record.row),
                                         endLine: UInt32(record.endLine),
                                         endColumn: UInt32(column(of: record.endOffset, lineStart: record.endLineStart, in: record.bytes))))
        return nil
    }
}
