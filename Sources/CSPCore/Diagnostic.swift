/// A cell of a spreadsheet as Excel shows it: the row counting the header as row 1 (every
/// record of a CSV file, blank ones too, is one row, however many text lines its quoted
/// values span) and the column as letters (A, B, …, Z, AA, …). A CSV file's line and
/// character column are for editors; the chair finds the cell in Excel.
public struct SpreadsheetCell: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var row: Int
    /// 1 for column A; nil when the problem is the whole row (a column the header lacks).
    public var column: Int?

    public init(row: Int, column: Int? = nil) {
        self.row = row
        self.column = column
    }

    /// `C7`, or `row 7` for a whole row.
    public var description: String {
        guard let column else { return "row \(row)" }
        return "\(SpreadsheetCell.letters(column))\(row)"
    }

    /// 1 → A, 26 → Z, 27 → AA, 703 → AAA (bijective base 26, as Excel names columns).
    public static func letters(_ column: Int) -> String {
        guard column >= 1 else { return "?" }
        var n = column
        var out: [UInt8] = []
        while n > 0 {
            n -= 1
            out.append(UInt8(ascii: "A") + UInt8(n % 26))
            n /= 26
        }
        return String(decoding: out.reversed(), as: UTF8.self)
    }

    public static func < (a: SpreadsheetCell, b: SpreadsheetCell) -> Bool {
        (a.row, a.column ?? 0) < (b.row, b.column ?? 0)
    }
}

/// Where a problem is: a file and, when it belongs to one field, the line and column where that
/// field starts (1-based; the header is line 1). Whole-file problems have no line. A problem in
/// a CSV file's field also names its spreadsheet cell.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The cell in Excel, for CSV files; it follows from the line and column, so it only
    /// breaks ties in the order (and two locations differ by it only when they are made
    /// differently for the same place).
    public var cell: SpreadsheetCell?
    /// The workbook sheet, when `file` is an Excel workbook: the place is then
    /// `FILE:SHEET!CELL`, and `line` and `column` are the cell's row and column number.
    public var sheet: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, cell: SpreadsheetCell? = nil, sheet: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.cell = cell
        self.sheet = sheet
    }

    /// A sheet name as Excel writes it in a reference: in single quotes (a quote doubled) when
    /// it holds anything but letters, digits, `_`, `-` and `.`.
    public static func sheetReference(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)
        }
        return plain ? name : "'" + name.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }

    /// `FILE:LINE:COLUMN`, what editors parse; the cell is written after the severity. In a
    /// workbook, `FILE:SHEET!C14` (`SHEET!14:14` for a whole row, as Excel's Name Box takes it).
    public var description: String {
        if let sheet {
            let ref = SourceLocation.sheetReference(sheet)
            guard let cell else { return "\(file):\(ref)" }
            return "\(file):\(ref)!" + (cell.column == nil ? "\(cell.row):\(cell.row)" : "\(cell)")
        }
        switch (line, column) {
        case let (l?, c?): return "\(file):\(l):\(c)"
        case let (l?, nil): return "\(file):\(l)"
        default: return file
        }
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.sheet != b.sheet { return (a.sheet ?? "") < (b.sheet ?? "") }
        if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
        if (a.column ?? 0) != (b.column ?? 0) { return (a.column ?? 0) < (b.column ?? 0) }
        switch (a.cell, b.cell) {
        case let (x?, y?): return x < y
        case (nil, _?): return true
        default: return false
        }
    }
}

public enum Severity: String, Sendable, Hashable {
    case error
    case warning
}

/// One problem found in the inputs. Diagnostics are collected, never thrown one at a time,
/// so the chair sees every problem in one run.
public struct Diagnostic: Hashable, Sendable {
    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// How many problems this diagnostic stands for: 1, or for a summary of problems that were
    /// counted but not listed (see `DiagnosticLimiter`), their number.
    public var count: Int

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, count: Int = 1) {
        self.severity = severity
        self.location = location
        self.message = message
        self.count = count
    }

    public static func error(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, location, message)
    }

    public static func warning(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, location, message)
    }

    /// `FILE:LINE:COLUMN: error: message`, the form compilers and editors understand, with
    /// the spreadsheet cell first in the message for CSV files (`…: error: cell C7: area …`).
    /// Always one line: a line break or other control character that reached a message from
    /// the input (a YAML key, a file name) is shown escaped, as `TextMatch.quoted` shows values.
    public var formatted: String {
        let cell = location.sheet != nil ? "" : location.cell.map { $0.column == nil ? "\($0): " : "cell \($0): " } ?? ""
        return Diagnostic.oneLine("\(location.description): \(severity.rawValue): \(cell)\(message)")
    }

    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isControl(scalar) { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }
}

/// Collects diagnostics from every stage.
public struct Diagnostics: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init() {}

    public mutating func error(_ location: SourceLocation, _ message: String) {
        items.append(.error(location, message))
    }

    public mutating func warning(_ location: SourceLocation, _ message: String) {
        items.append(.warning(location, message))
    }

    public mutating func append(_ d: Diagnostic) { items.append(d) }
    public mutating func append(contentsOf ds: [Diagnostic]) { items.append(contentsOf: ds) }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    /// Problems, counting those a summary diagnostic stands for.
    public var errorCount: Int { items.reduce(0) { $0 + ($1.severity == .error ? $1.count : 0) } }
    public var warningCount: Int { items.reduce(0) { $0 + ($1.severity == .warning ? $1.count : 0) } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }

    /// `sorted`, with at most `limit` diagnostics for any one file: a file of 20,000 broken
    /// rows would otherwise bury the first, most useful messages under 100,000 more. In place
    /// of the rest, one diagnostic at the file says how many were left out (an error when any
    /// of them is).
    public func sorted(limitPerFile limit: Int) -> [Diagnostic] {
        // A workbook's sheets count as files of their own.
        struct Place: Hashable { var file: String; var sheet: String? }
        var out: [Diagnostic] = []
        var shown: [Place: Int] = [:]
        var omitted: [Place: (errors: Int, warnings: Int)] = [:]
        var order: [Place] = []
        for d in sorted {
            let file = Place(file: d.location.file, sheet: d.location.sheet)
            if shown[file, default: 0] < limit {
                shown[file, default: 0] += 1
                out.append(d)
                continue
            }
            if omitted[file] == nil { order.append(file) }
            var count = omitted[file] ?? (0, 0)
            if d.severity == .error { count.errors += d.count } else { count.warnings += d.count }
            omitted[file] = count
        }
        for file in order {
            guard let (errors, warnings) = omitted[file] else { continue }
            let parts = [errors > 0 ? English.count(errors, "error") : nil,
                         warnings > 0 ? English.count(warnings, "warning") : nil].compactMap { $0 }
            out.append(Diagnostic(errors > 0 ? .error : .warning, SourceLocation(file: file.file, sheet: file.sheet),
                                  "\(parts.joined(separator: " and ")) more in this \(file.sheet == nil ? "file" : "sheet") not shown; fix the first \(limit) and run again"))
        }
        return out
    }

    /// In file order, then line and column; stable for equal positions so the order of checks
    /// on one field is kept.
    public var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            if a.element.location != b.element.location { return a.element.location < b.element.location }
            return a.offset < b.offset
        }.map(\.element)
    }
}

/// Keeps the first `limit` diagnostics of one file and counts the rest, so that a file of
/// 300,000 broken rows costs a few hundred messages of memory, not a million. The rest become
/// one summary per severity, placed at the first problem left out, whose `count` keeps the
/// totals right.
public struct DiagnosticLimiter: Sendable {
    public let limit: Int
    public private(set) var listed: [Diagnostic] = []
    var omitted: [Severity: (count: Int, first: SourceLocation)] = [:]

    public init(limit: Int = 1_000) { self.limit = limit }

    public mutating func add(_ d: Diagnostic) {
        if listed.count < limit {
            listed.append(d)
        } else if let o = omitted[d.severity] {
            omitted[d.severity] = (o.count + d.count, min(o.first, d.location))
        } else {
            omitted[d.severity] = (d.count, d.location)
        }
    }

    /// The listed diagnostics and the summaries.
    public var all: [Diagnostic] {
        var out = listed
        for severity in [Severity.error, .warning] {
            guard let (n, first) = omitted[severity] else { continue }
            let noun = severity == .error ? (n == 1 ? "error" : "errors") : (n == 1 ? "warning" : "warnings")
            out.append(Diagnostic(severity, first, "\(n) more \(noun) in this file from here on \(n == 1 ? "is" : "are") not listed; fix the ones above and run again", count: n))
        }
        return out
    }
}
