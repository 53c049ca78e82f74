import CSPCore
import CSPIngest
import CSPModel

/// Reads typed values out of one table's rows, adding a diagnostic for every bad cell.
/// Each message names the column and the value, and suggests a fix where it can.
struct FieldReader {
    let table: CSVTable
    let partnership: Partnership
    /// A file of many broken rows keeps only the first messages (and counts the rest).
    var limiter = DiagnosticLimiter()
    /// Warnings that many rows repeat: one message per kind.
    var repeated = RepeatedWarnings()
    var diagnostics: [Diagnostic] { limiter.all + repeated.all }
    /// Areas as written (exact bytes) → the number of their canonical area in `areaNames`: a
    /// column holds a handful of spellings over thousands of rows, and resolving one normalises
    /// every name and alias.
    let resolvedAreas = SpellingMap<Int>()
    /// The canonical areas resolved so far, each one String shared by every row that names it.
    var areaNames: [String] = []
    init(table: CSVTable, partnership: Partnership) {
        self.table = table
        self.partnership = partnership
    }

    var file: String { table.file }

    /// One cell of a row: read from the table's storage only as far as a check needs.
    struct Cell {
        let row: CSVRow
        /// nil for a column the contract does not have (it reads as empty, at the row's start).
        let index: Int?
    }

    /// Where the cell's field starts in the text, and its cell in Excel: every message about
    /// a field gets both here.
    func location(_ cell: Cell) -> SourceLocation {
        guard let i = cell.index else {
            return SourceLocation(file: file, line: cell.row.line, column: 1, cell: SpreadsheetCell(row: cell.row.row), sheet: table.sheet)
        }
        let (line, column) = cell.row.position(i)
        return SourceLocation(file: file, line: line, column: column, cell: cell.row.cell(i), sheet: table.sheet)
    }

    mutating func error(_ cell: Cell, _ message: String) {
        limiter.add(.error(location(cell), message))
    }

    mutating func warning(_ cell: Cell, _ message: String) {
        limiter.add(.warning(location(cell), message))
    }

    /// A warning that rows may repeat: those of one `kind` in this file become one message.
    mutating func warning(_ cell: Cell, kind: String, _ message: @autoclosure () -> String) {
        if !repeated.repeated(kind: kind, line: cell.row.row) {
            let first = Diagnostic.warning(location(cell), message())
            repeated.first(kind: kind, line: cell.row.row, first)
        }
    }

    func field(_ row: CSVRow, _ column: String) -> Cell {
        Cell(row: row, index: table.index(of: column))
    }

    /// Calls `body` with the cell's bytes trimmed as `String.trimmingSpaces` trims (spaces,
    /// tabs, line breaks, no-break spaces and BOMs at either end). The values are UTF-8.
    @inline(__always)
    func withTrimmed<R>(_ cell: Cell, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let i = cell.index else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return cell.row.withValueBytes(i) { b in
            var a = 0, z = b.count
            while a < z {
                let c = b[a]
                if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { a += 1 }
                else if c == 0xC2 && a + 1 < z && b[a + 1] == 0xA0 { a += 2 }
                else if c == 0xEF && a + 2 < z && b[a + 1] == 0xBB && b[a + 2] == 0xBF { a += 3 }
                else { break }
            }
            while z > a {
                let c = b[z - 1]
                if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { z -= 1 }
                else if c == 0xA0 && z - 2 >= a && b[z - 2] == 0xC2 { z -= 2 }
                else if c == 0xBF && z - 3 >= a && b[z - 3] == 0xEF && b[z - 2] == 0xBB { z -= 3 }
                else { break }
            }
            return body(UnsafeBufferPointer(rebasing: b[a..<z]))
        }
    }

    func isEmpty(_ cell: Cell) -> Bool { withTrimmed(cell) { $0.isEmpty } }

    /// The cell's value, trimmed.
    func string(_ cell: Cell) -> String { withTrimmed(cell) { String(decoding: $0, as: UTF8.self) } }

    func text(_ row: CSVRow, _ column: String) -> String {
        string(field(row, column))
    }

    /// A value that must not be empty.
    mutating func required(_ row: CSVRow, _ column: String, what: String) -> String? {
        let f = field(row, column)
        let v = string(f)
        if v.isEmpty {
            error(f, "\(column) is empty; every \(what) needs one")
            return nil
        }
        return v
    }

    mutating func optionalText(_ row: CSVRow, _ column: String) -> String? {
        let v = text(row, column)
        return v.isEmpty ? nil : v
    }

    static let dateForms = "write it as 2021-10-04 or 04/10/2021"

    mutating func date(_ row: CSVRow, _ column: String, required isRequired: Bool, what: String) -> CalendarDate?? {
        let f = field(row, column)
        let parsed: Result<CalendarDate, CalendarDate.ParseError>? = withTrimmed(f) { $0.isEmpty ? nil : CalendarDate.parse(utf8: $0) }
        guard let parsed else {
            if isRequired {
                error(f, "\(column) is empty; every \(what) needs a date (\(FieldReader.dateForms))")
                return .none
            }
            return .some(nil)
        }
        switch parsed {
        case .success(let d): return .some(d)
        case .failure(let problem):
            let v = string(f)
            var message = "\(column) \(TextMatch.quoted(v)) \(problem.explanation(forms: FieldReader.dateForms))"
            if problem == .unrecognised, v.allSatisfy({ $0.isNumber }), let serial = Int(v), serial > 20000, serial < 80000 {
                message += " (Excel wrote the date as a number: format the column as a date before saving)"
            }
            error(f, message)
            return .none
        }
    }

    mutating func month(_ row: CSVRow, _ column: String) -> YearMonth? {
        let f = field(row, column)
        let parsed: Result<YearMonth, YearMonth.ParseError>? = withTrimmed(f) { $0.isEmpty ? nil : YearMonth.read(utf8: $0) }
        switch parsed {
        case nil:
            error(f, "\(column) is empty; write the month as 2021-10")
            return nil
        case .success(let m)?:
            return m
        case .failure(let problem)?:
            error(f, "\(column) \(TextMatch.quoted(string(f))) \(problem.explanation)")
            return nil
        }
    }

    mutating func vocabulary<T: Vocabulary>(_ row: CSVRow, _ column: String, _ type: T.Type) -> T? {
        let f = field(row, column)
        // Almost every cell is written exactly as the contract spells it.
        let exact: T? = withTrimmed(f) { b in
            T.allCases.first { value in
                var raw = value.rawValue
                return raw.withUTF8 { sameBytes($0, b) }
            }
        }
        if let exact { return exact }
        let v = string(f)
        if v.isEmpty {
            error(f, "\(column) is empty; use one of \(T.spellings.joined(separator: ", "))")
            return nil
        }
        if let value = T.parse(v) { return value }
        var message = "\(column) \(TextMatch.quoted(v)) is not one of \(T.spellings.joined(separator: ", "))"
        if let s = TextMatch.suggestion(for: v, among: T.spellings) { message += "; did you mean \"\(s)\"?" }
        error(f, message)
        return nil
    }

    mutating func area(_ row: CSVRow, _ column: String = "area") -> String? {
        areaNumber(row, column).map { areaNames[$0] }
    }

    /// The area's number in `areaNames`, for rows counted by area.
    mutating func areaNumber(_ row: CSVRow, _ column: String = "area") -> Int? {
        let f = field(row, column)
        let known: Int?? = withTrimmed(f) { $0.isEmpty ? nil : .some(resolvedAreas.value(for: $0)) }
        guard let known else {
            error(f, "\(column) is empty; use one of \(partnership.areas.map(\.name).joined(separator: ", ")) or \(Partnership.cityWide)")
            return nil
        }
        if let n = known { return n }
        let v = string(f)
        if let a = partnership.resolveArea(v) {
            let n = areaNames.firstIndex(of: a) ?? areaNames.count
            if n == areaNames.count { areaNames.append(a) }
            if resolvedAreas.count < 1024 { resolvedAreas.set(n, for: v) }
            return n
        }
        var message = "\(column) \(TextMatch.quoted(v)) is not a known area (\(partnership.areas.map(\.name).joined(separator: ", ")))"
        if let s = TextMatch.suggestion(for: v, among: partnership.areaSpellings) {
            message += "; did you mean \"\(s)\"?"
        } else {
            message += "; use \(Partnership.cityWide) for items that span areas"
        }
        error(f, message)
        return nil
    }

    /// Counts are whole numbers from 0 up to a billion: anything larger is a typo, and the
    /// limit keeps every sum far from overflow.
    static let maximumCount = 1_000_000_000

    mutating func count(_ row: CSVRow, _ column: String) -> Int? {
        let f = field(row, column)
        // Nearly every cell is a plain number: up to nine digits is always within the limit.
        let plain: Int? = withTrimmed(f) { b in
            guard !b.isEmpty, b.count <= 9 else { return nil }
            var n = 0
            for c in b {
                guard c >= 48 && c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        if let plain { return plain }
        var v = string(f)
        if v.isEmpty {
            error(f, "\(column) is empty; write a whole number (0 or more)")
            return nil
        }
        let trimmed = v
        // Excel writes thousands with separators when the cell is formatted that way.
        let groups: [Substring] = v.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1, groups.dropFirst().allSatisfy({ $0.count == 3 }) {
            v = String(v.unicodeScalars.filter { $0 != "," })
        }
        let digits = v.hasPrefix("+") ? String(v.dropFirst()) : v
        if !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            if digits.utf8.count > 10 || (Int(digits) ?? Int.max) > FieldReader.maximumCount {
                error(f, "\(column) \(TextMatch.quoted(trimmed)) is too large; counts here are at most \(FieldReader.maximumCount)")
                return nil
            }
            return Int(digits)
        }
        if digits.hasPrefix("-"), digits.dropFirst().utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), digits.count > 1 {
            error(f, "\(column) \(TextMatch.quoted(v)) is negative; counts are whole numbers 0 or more")
            return nil
        }
        // Only decimal notation ("4.0", "1e3"): Double also reads "0x1p3" and "nan".
        let decimal = digits.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-")].contains($0) }
        if decimal, let d = Double(digits), d.isFinite, d >= 0 {
            if d == d.rounded(), d <= Double(FieldReader.maximumCount) {
                return Int(d)
            }
            error(f, "\(column) \(TextMatch.quoted(v)) is not a whole number")
            return nil
        }
        error(f, "\(column) \(TextMatch.quoted(v)) is not a number; write a whole number (0 or more)")
        return nil
    }

    mutating func yesNo(_ row: CSVRow, _ column: String) -> Bool? {
        let f = field(row, column)
        let v = string(f).lowercased()
        switch v {
        case "yes", "y": return true
        case "no", "n": return false
        case "":
            error(f, "\(column) is empty; write yes or no")
        default:
            error(f, "\(column) \(TextMatch.quoted(string(f))) is not yes or no")
        }
        return nil
    }

    func partners(_ row: CSVRow, _ column: String = "partners") -> [String] {
        Self.partnerList(text(row, column))
    }

    /// The names in a ";"-separated list, each trimmed, empty ones left out. ASCII text is split
    /// on its bytes, where every byte is a Character, so it splits as the Characters do without
    /// finding grapheme boundaries (";" and a combining mark would be one) and is trimmed of the
    /// ASCII characters `trimmingSpaces` trims; other text takes `partnerListByCharacters`.
    static func partnerList(_ list: String) -> [String] {
        if list.isEmpty { return [] }
        var text = list
        let ascii: [String]? = text.withUTF8 { bytes in
            for b in bytes where b >= 0x80 { return nil }
            var out: [String] = []
            var start = 0
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: ";") {
                var a = start, z = end
                while a < z && isSpace(bytes[a]) { a += 1 }
                while z > a && isSpace(bytes[z - 1]) { z -= 1 }
                if a < z { out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<z]), as: UTF8.self)) }
                start = end + 1
            }
            return out
        }
        return ascii ?? partnerListByCharacters(list)
    }

    static func partnerListByCharacters(_ list: String) -> [String] {
        list.split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    func source(_ row: CSVRow) -> RowSource { RowSource(file: file, line: row.line, row: row.row, sheet: table.sheet) }
}

