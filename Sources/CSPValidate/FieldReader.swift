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
    var diagnostics: [Diagnostic] { limiter.all }
    /// Areas as written → the number of their canonical area in `areaNames`: a column holds
    /// a handful of spellings over thousands of rows, and resolving one normalises every name
    /// and alias.
    var resolvedAreas: [String: Int] = [:]
    /// The canonical areas resolved so far, each one String shared by every row that names it.
    var areaNames: [String] = []

    init(table: CSVTable, partnership: Partnership) {
        self.table = table
        self.partnership = partnership
    }

    var file: String { table.file }

    func location(_ field: CSVField) -> SourceLocation {
        SourceLocation(file: file, line: field.line, column: field.column)
    }

    mutating func error(_ field: CSVField, _ message: String) {
        limiter.add(.error(location(field), message))
    }

    mutating func warning(_ field: CSVField, _ message: String) {
        limiter.add(.warning(location(field), message))
    }

    func field(_ row: CSVRow, _ column: String) -> CSVField {
        guard let i = table.index(of: column) else { return CSVField(value: "", line: row.line, column: 1) }
        return row[i]
    }

    func text(_ row: CSVRow, _ column: String) -> String {
        field(row, column).value.trimmingSpaces
    }

    /// A value that must not be empty.
    mutating func required(_ row: CSVRow, _ column: String, what: String) -> String? {
        let f = field(row, column)
        let v = f.value.trimmingSpaces
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
        let v = f.value.trimmingSpaces
        if v.isEmpty {
            if isRequired {
                error(f, "\(column) is empty; every \(what) needs a date (\(FieldReader.dateForms))")
                return .none
            }
            return .some(nil)
        }
        switch CalendarDate.parse(v) {
        case .success(let d): return .some(d)
        case .failure(.impossible):
            error(f, "\(column) \(TextMatch.quoted(v)) is not a real date (no such day); \(FieldReader.dateForms)")
        case .failure(.unrecognised):
            var message = "\(column) \(TextMatch.quoted(v)) is not a date; \(FieldReader.dateForms)"
            if v.allSatisfy({ $0.isNumber }), let serial = Int(v), serial > 20000, serial < 80000 {
                message += " (Excel wrote the date as a number: format the column as a date before saving)"
            }
            error(f, message)
        }
        return .none
    }

    mutating func month(_ row: CSVRow, _ column: String) -> YearMonth? {
        let f = field(row, column)
        let v = f.value.trimmingSpaces
        if v.isEmpty {
            error(f, "\(column) is empty; write the month as 2021-10")
            return nil
        }
        guard let m = YearMonth.parse(v) else {
            error(f, "\(column) \(TextMatch.quoted(v)) is not a month; write it as 2021-10")
            return nil
        }
        return m
    }

    mutating func vocabulary<T: Vocabulary>(_ row: CSVRow, _ column: String, _ type: T.Type) -> T? {
        let f = field(row, column)
        let v = f.value.trimmingSpaces
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
        let v = f.value.trimmingSpaces
        if v.isEmpty {
            error(f, "\(column) is empty; use one of \(partnership.areas.map(\.name).joined(separator: ", ")) or \(Partnership.cityWide)")
            return nil
        }
        if let n = resolvedAreas[v] { return n }
        if let a = partnership.resolveArea(v) {
            let n = areaNames.firstIndex(of: a) ?? areaNames.count
            if n == areaNames.count { areaNames.append(a) }
            if resolvedAreas.count < 1024 { resolvedAreas[v] = n }
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
        var v = f.value.trimmingSpaces
        if v.isEmpty {
            error(f, "\(column) is empty; write a whole number (0 or more)")
            return nil
        }
        // Nearly every cell is a plain number: up to nine digits is always within the limit.
        if v.utf8.count <= 9, v.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(v) { return n }
        // Excel writes thousands with separators when the cell is formatted that way.
        let groups: [Substring] = v.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1, groups.dropFirst().allSatisfy({ $0.count == 3 }) {
            v = String(v.unicodeScalars.filter { $0 != "," })
        }
        let digits = v.hasPrefix("+") ? String(v.dropFirst()) : v
        if !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            if digits.utf8.count > 10 || (Int(digits) ?? Int.max) > FieldReader.maximumCount {
                error(f, "\(column) \(TextMatch.quoted(f.value.trimmingSpaces)) is too large; counts here are at most \(FieldReader.maximumCount)")
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
        let v = f.value.trimmingSpaces.lowercased()
        switch v {
        case "yes", "y": return true
        case "no", "n": return false
        case "":
            error(f, "\(column) is empty; write yes or no")
        default:
            error(f, "\(column) \(TextMatch.quoted(f.value.trimmingSpaces)) is not yes or no")
        }
        return nil
    }

    func partners(_ row: CSVRow, _ column: String = "partners") -> [String] {
        let list = text(row, column)
        if list.isEmpty { return [] }
        // In ASCII text every byte is a Character, so the bytes split as the Characters do,
        // without finding grapheme boundaries (";" and a combining mark would be one).
        if list.utf8.allSatisfy({ $0 < 0x80 }) {
            return list.utf8.split(separator: UInt8(ascii: ";")).compactMap { part in
                let name = String(Substring(part)).trimmingSpaces
                return name.isEmpty ? nil : name
            }
        }
        return list.split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    func source(_ row: CSVRow) -> RowSource { RowSource(file: file, line: row.line) }
}

