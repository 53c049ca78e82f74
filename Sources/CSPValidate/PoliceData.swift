import CSPCore
import CSPIngest
import CSPModel

/// Reads police.uk's monthly street-level files (`reports/police-uk/2024-10-<force>-street.csv`)
/// and places each row in one of the partnership's areas through `reports/lsoa-areas.csv`.
///
/// The files are large (a county's year is 20 MB), so rows go through `CSVScanner`, which
/// makes Strings only for the crime types of the rows that are kept; and a quarter reads only
/// the months its section needs.
public enum PoliceDataLoader {
    public static let folderName = "police-uk"
    public static let lookupName = "lsoa-areas.csv"

    /// police.uk's street-level header, exactly.
    public static let header = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
                                "Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"]
    static let monthColumn = 1, reportedByColumn = 2, lsoaColumn = 7, crimeTypeColumn = 9

    /// After this many messages of one kind in one file, the rest are counted in one message:
    /// a renamed file would otherwise give one error per row, thousands of them.
    public static let messagesPerProblem = 10

    /// The months a quarter's section needs: the same quarter a year earlier, last quarter
    /// and the quarter itself, in order.
    public static func months(for quarter: Quarter) -> [YearMonth] {
        [quarter.yearEarlier, quarter.previous, quarter].compactMap { $0 }.flatMap(\.months)
    }

    /// For a quarter folder: nil (and nothing said) when `reports/police-uk/` does not exist,
    /// since police data is optional. A warning when the quarter's own months have no file.
    public static func load(world: World, reportsDirectory: String, quarter: Quarter,
                            partnership: Partnership) -> (PoliceData?, [Diagnostic]) {
        let folder = Path.join(reportsDirectory, folderName)
        guard world.isDirectory(folder) else { return (nil, []) }
        let (data, readDiagnostics) = read(world: world, folder: folder,
                                           lookupPath: Path.join(reportsDirectory, lookupName),
                                           months: months(for: quarter), partnership: partnership)
        var diagnostics = readDiagnostics
        let missing = quarter.months.filter { !data.hasData(for: $0) }
        let list = TextMatch.list(missing.map(\.description))
        if missing.count == quarter.months.count {
            diagnostics.append(.warning(SourceLocation(file: folder),
                "no police.uk file for \(quarter.monthRange) (\(list)), so the report says crime and anti-social behaviour data is not available for \(quarter.description); download the street-level files from data.police.uk into this folder"))
        } else if !missing.isEmpty {
            let have = quarter.months.filter { data.hasData(for: $0) }.map(\.description)
            diagnostics.append(.warning(SourceLocation(file: folder),
                "no police.uk file for \(list), so \(quarter.description)'s crime and anti-social behaviour figures cover \(TextMatch.list(have)) only and are not compared with other quarters"))
        }
        return (data, diagnostics)
    }

    /// Reads the street-level files for `months` (every month in the folder when nil) from
    /// `folder`, directly or in `YYYY-MM/` subfolders as police.uk's download unpacks, and the
    /// lookup at `lookupPath`. The data holds whatever could be read; the diagnostics say what
    /// could not.
    public static func read(world: World, folder: String, lookupPath: String, months: [YearMonth]?,
                            partnership: Partnership) -> (PoliceData, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let (lookup, lookupFile, lookupDiagnostics) = LSOALookup.read(world: world, path: lookupPath,
                                                                      partnership: partnership, folder: folder)
        diagnostics += lookupDiagnostics

        let (found, listingDiagnostics) = files(world: world, folder: folder, months: months.map(Set.init))
        diagnostics += listingDiagnostics

        // Files are read, hashed and scanned in parallel (hashing costs as much as scanning),
        // then merged in file order, so the result does not depend on the schedule.
        let table = lookup ?? LSOALookup()
        let results = Parallel.map(found) { readFile(world: world, $0, lookup: table) }
        var files: [PoliceFile] = []
        var records: [CrimeRecord] = []
        records.reserveCapacity(results.reduce(0) { $0 + $1.records.count })
        var forces: [String] = []
        for result in results {
            diagnostics += result.diagnostics
            guard let file = result.file else { continue }
            files.append(file)
            records += result.records
            for f in result.forces where !forces.contains(f) { forces.append(f) }
        }
        let wanted = months ?? Array(Set(files.map(\.month))).sorted()
        return (PoliceData(months: wanted, files: files, records: records, forces: forces,
                           lookup: lookupFile), diagnostics)
    }

    struct FileResult: Sendable {
        var file: PoliceFile?
        var records: [CrimeRecord] = []
        var forces: [String] = []
        var diagnostics: [Diagnostic]
    }

    static func readFile(world: World, _ f: FoundFile, lookup: LSOALookup) -> FileResult {
        let bytes: [UInt8]
        do {
            guard let b = try world.read(f.path) else { return FileResult(file: nil, diagnostics: []) }
            bytes = b
        } catch {
            return FileResult(file: nil, diagnostics: [.error(SourceLocation(file: f.path), "\(error)")])
        }
        var reader = PoliceFileReader(lookup: lookup)
        let (file, d) = reader.read(bytes: bytes, path: f.path, name: f.name, month: f.month, force: f.force)
        return FileResult(file: file, records: reader.records, forces: reader.forces, diagnostics: d)
    }

    struct FoundFile {
        var path: String
        var name: String
        var month: YearMonth
        var force: String
    }

    /// The street-level files in the folder (and its month subfolders) for the given months,
    /// by month and force. Other police.uk downloads (outcomes, stop and search) are passed
    /// over in silence; other CSV files with a warning.
    static func files(world: World, folder: String, months: Set<YearMonth>?) -> ([FoundFile], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var found: [FoundFile] = []
        var seen: [String: String] = [:]

        func consider(_ name: String, in directory: String) {
            let path = Path.join(directory, name)
            let lower = name.lowercased()
            guard lower.hasSuffix(".csv") else { return }
            if lower.hasSuffix("-outcomes.csv") || lower.hasSuffix("-stop-and-search.csv") { return }
            guard let (month, force) = parseName(name) else {
                diagnostics.append(.warning(SourceLocation(file: path),
                    "file is not named like a police.uk street-level file (YYYY-MM-<force>-street.csv, as in 2024-10-cambridgeshire-street.csv), so it is not read"))
                return
            }
            guard let month else {
                diagnostics.append(.warning(SourceLocation(file: path),
                    "the month in the file name is not a month (police.uk names files like 2024-10-cambridgeshire-street.csv), so it is not read"))
                return
            }
            if let months, !months.contains(month) { return }
            let key = "\(month) \(force.lowercased())"
            if let first = seen[key] {
                diagnostics.append(.error(SourceLocation(file: path),
                    "holds \(force) for \(month), as \(first) does; the rows would be counted twice, so keep one of the two files"))
                return
            }
            seen[key] = path
            found.append(FoundFile(path: path, name: name, month: month, force: force))
        }

        for name in world.contents(of: folder) {
            let path = Path.join(folder, name)
            if world.isDirectory(path) {
                // police.uk's zip unpacks into one folder per month.
                guard name.utf8.count == 7, name.utf8.dropFirst(4).first == UInt8(ascii: "-"), let month = YearMonth.parse(name) else { continue }
                if let months, !months.contains(month) { continue }
                for inner in world.contents(of: path) where !world.isDirectory(Path.join(path, inner)) {
                    consider(inner, in: path)
                }
            } else {
                consider(name, in: folder)
            }
        }
        found.sort { ($0.month, $0.force, $0.path) < ($1.month, $1.force, $1.path) }
        return (found, diagnostics)
    }

    /// `2024-10-cambridgeshire-street.csv` → (2024-10, "cambridgeshire"); the month is nil when
    /// the name has the shape but no real month. Nil when the name is not of that shape.
    static func parseName(_ name: String) -> (YearMonth?, String)? {
        let s = Array(name.utf8)
        let suffix = Array("-street.csv".utf8)
        guard s.count > 8 + suffix.count, s.suffix(suffix.count).elementsEqual(suffix, by: { a, b in a | 0x20 == b | 0x20 }),
              s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
              s[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }), s[5..<7].allSatisfy({ $0 >= 48 && $0 <= 57 })
        else { return nil }
        let force = String(decoding: s[8..<(s.count - suffix.count)], as: UTF8.self)
        let year = s[0..<4].reduce(0) { $0 * 10 + Int($1 - 48) }
        let month = s[5..<7].reduce(0) { $0 * 10 + Int($1 - 48) }
        return (YearMonth(year: year, month: month), force)
    }
}

/// `reports/lsoa-areas.csv`: which area each LSOA lies in. Columns `lsoa_code` and `area`;
/// others (ward names, census vintages) are allowed and ignored.
struct LSOALookup {
    var areas: [Int: String] = [:]

    static let columns = ["lsoa_code", "area"]

    static func read(world: World, path: String, partnership: Partnership,
                     folder: String) -> (LSOALookup?, InputFile?, [Diagnostic]) {
        let whole = SourceLocation(file: path)
        let bytes: [UInt8]
        do {
            guard let b = try world.read(path) else {
                return (nil, nil, [.error(whole, "file is missing; \(folder)/ holds police.uk data, which needs it to place each LSOA in an area (columns: lsoa_code,area)")])
            }
            bytes = b
        } catch {
            return (nil, nil, [.error(whole, "\(error)")])
        }
        let (document, readDiagnostics) = CSVReader.read(bytes: bytes, file: path)
        var diagnostics = readDiagnostics
        guard let document else { return (nil, nil, diagnostics) }
        guard let header = document.records.first else {
            diagnostics.append(.error(whole, "file is empty; it needs a header row with lsoa_code and area, then one row per LSOA"))
            return (nil, nil, diagnostics)
        }
        func normalise(_ s: String) -> String {
            String(s.trimmingSpaces.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
        }
        var index: [String: Int] = [:]
        for (i, f) in header.fields.enumerated() {
            let name = normalise(f.value)
            if columns.contains(name), index[name] == nil { index[name] = i }
        }
        let missing = columns.filter { index[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map { "\"\($0)\"" }
            diagnostics.append(.error(SourceLocation(file: path, line: header.line, column: 1, cell: SpreadsheetCell(row: header.row)),
                "the header has no \(TextMatch.list(names)) column\(missing.count == 1 ? "" : "s"); lsoa-areas.csv needs lsoa_code and area (other columns are allowed)"))
            return (nil, nil, diagnostics)
        }
        let codeIndex = index["lsoa_code"] ?? 0, areaIndex = index["area"] ?? 1
        var lookup = LSOALookup()
        var firstLine: [Int: (row: Int, area: String)] = [:]
        let areaNames = partnership.areas.map(\.name).joined(separator: ", ")
        var rows = 0
        for record in document.records.dropFirst() {
            rows += 1
            func cell(_ i: Int) -> CSVField {
                i < record.fields.count ? record.fields[i]
                    : CSVField(value: "", line: record.endLine, column: record.endColumn)
            }
            let codeField = cell(codeIndex), areaField = cell(areaIndex)
            func at(_ i: Int) -> SourceLocation {
                let f = cell(i)
                return SourceLocation(file: path, line: f.line, column: f.column, cell: record.cell(i))
            }
            let codeText = codeField.value.trimmingSpaces
            var code: LSOACode?
            if codeText.isEmpty {
                diagnostics.append(.error(at(codeIndex), "lsoa_code is empty; every row needs an LSOA code such as E01017943"))
            } else if let c = LSOACode(codeText) {
                code = c
            } else {
                diagnostics.append(.error(at(codeIndex), "lsoa_code \(TextMatch.quoted(codeText)) is not an LSOA code: write E01 or W01 and six digits, as in E01017943"))
            }
            let areaText = areaField.value.trimmingSpaces
            var area: String?
            if areaText.isEmpty {
                diagnostics.append(.error(at(areaIndex), "area is empty; use one of \(areaNames)"))
            } else if let a = partnership.resolveArea(areaText), a != Partnership.cityWide {
                area = a
            } else if partnership.resolveArea(areaText) == Partnership.cityWide {
                diagnostics.append(.error(at(areaIndex), "area \(TextMatch.quoted(areaText)) cannot hold an LSOA; give the area the LSOA lies in (\(areaNames))"))
            } else {
                var message = "area \(TextMatch.quoted(areaText)) is not a known area (\(areaNames))"
                let spellings = partnership.areaSpellings.filter { $0 != Partnership.cityWide }
                if let s = TextMatch.suggestion(for: areaText, among: spellings) { message += "; did you mean \"\(s)\"?" }
                else { message += "; areas and their other spellings are set in csp.yaml" }
                diagnostics.append(.error(at(areaIndex), message))
            }
            guard let code, let area else { continue }
            if let first = firstLine[code.key] {
                if first.area != area {
                    diagnostics.append(.error(at(codeIndex), "lsoa_code \(code) is listed twice with different areas (\(first.area) in row \(first.row), \(area) here); an LSOA lies in one area"))
                } else {
                    diagnostics.append(.warning(at(codeIndex), "lsoa_code \(code) is listed twice (also in row \(first.row)); one row is enough"))
                }
                continue
            }
            firstLine[code.key] = (record.row, area)
            lookup.areas[code.key] = area
        }
        if rows == 0 {
            diagnostics.append(.error(whole, "file lists no LSOAs; add one row per LSOA with its area"))
        }
        let file = InputFile(path: path, name: Path.lastComponent(path), rows: rows, bytes: bytes.count,
                             sha256: SHA256.hex(bytes))
        return (lookup, file, diagnostics)
    }
}

/// Reads one monthly file after another, keeping the records, the crime types (one String per
/// type, shared by every row of it) and the forces.
struct PoliceFileReader {
    let lookup: LSOALookup
    var records: [CrimeRecord] = []
    var forces: [String] = []
    var forceBytes: [[UInt8]] = []
    var types: [(bytes: [UInt8], name: String)] = []

    init(lookup: LSOALookup) { self.lookup = lookup }

    mutating func read(bytes input: [UInt8], path: String, name: String, month: YearMonth,
                       force: String) -> (PoliceFile, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var rows = 0, inArea = 0, withheld = 0, outside = 0
        let inputFile = InputFile(path: path, name: name, rows: 0, bytes: input.count, sha256: SHA256.hex(input))
        func result() -> (PoliceFile, [Diagnostic]) {
            var f = inputFile
            f.rows = rows
            return (PoliceFile(month: month, force: force, file: f, rows: rows, inArea: inArea,
                               locationWithheld: withheld, outside: outside), diagnostics)
        }
        let (prepared, _, prepareDiagnostics) = CSVReader.prepare(bytes: input, file: path)
        diagnostics += prepareDiagnostics
        guard let bytes = prepared else { return result() }

        let header = PoliceDataLoader.header
        let headerBytes = header.map { Array($0.utf8) }
        let monthBytes = Array(month.description.utf8)
        let source = path
        var sawHeader = false
        var headerOK = false

        // Messages of one kind beyond the first few are counted, not listed.
        var counts: [String: (count: Int, location: SourceLocation)] = [:]
        var severities: [String: Severity] = [:]
        func report(_ kind: String, _ location: SourceLocation, _ message: String, _ severity: Severity = .error) {
            let n = (counts[kind]?.count ?? 0) + 1
            if n == PoliceDataLoader.messagesPerProblem + 1 { counts[kind] = (n, location) }
            else { counts[kind] = (n, counts[kind]?.location ?? location) }
            severities[kind] = severity
            if n <= PoliceDataLoader.messagesPerProblem { diagnostics.append(Diagnostic(severity, location, message)) }
        }

        let parseDiagnostics = CSVScanner.forEachRecord(in: bytes, file: path) { record in
            if !sawHeader {
                sawHeader = true
                headerOK = checkHeader(record, expected: headerBytes, path: path, diagnostics: &diagnostics)
                return
            }
            guard headerOK else { return }
            rows += 1
            if record.count != header.count {
                let extra = record.count > header.count
                    ? (header.count..<record.count).first { !record.isEmpty($0) } : nil
                if record.count > header.count && extra == nil {
                    // Empty cells after the last column: Excel adds them; harmless.
                } else if let extra {
                    report("width", record.location(extra),
                           "this row has \(record.count) values but police.uk's header has \(header.count) columns (extra value \(TextMatch.quoted(record.string(extra)))); is there a comma in a value that is not in quotes?")
                    return
                } else {
                    report("width", record.location(record.count - 1),
                           "this row has \(record.count) values but police.uk's header has \(header.count) columns; the row is left out")
                    return
                }
            }
            let monthColumn = PoliceDataLoader.monthColumn
            let monthOK = monthBytes.withUnsafeBufferPointer { record.field(monthColumn, equals: $0) }
            // A file saved again from Excel may hold the month as a date (01/11/2024): the
            // same month, so not a problem.
            let text = monthOK ? "" : String(decoding: record.value(monthColumn), as: UTF8.self)
            if !monthOK && YearMonth.parse(text) != month {
                if text.isEmpty {
                    report("month", record.location(monthColumn), "Month is empty; police.uk writes the month as \(month)")
                } else if let other = YearMonth.parse(text) {
                    report("month", record.location(monthColumn),
                           "Month \(TextMatch.quoted(text)) does not match the file name, which is for \(month); a police.uk file holds one month (was the file renamed? \(other) rows belong in \(other)-\(force)-street.csv)")
                } else {
                    report("month", record.location(monthColumn),
                           "Month \(TextMatch.quoted(text)) is not a month; police.uk writes it as \(month)")
                }
                return
            }
            let typeColumn = PoliceDataLoader.crimeTypeColumn
            if record.isEmpty(typeColumn) {
                report("type", record.location(typeColumn),
                       "Crime type is empty; every police.uk row has one (such as \"\(CrimeRecord.antiSocialBehaviour)\")")
                return
            }
            let lsoaColumn = PoliceDataLoader.lsoaColumn
            let parsed: LSOACode?
            if let raw = record.rawTrimmed(lsoaColumn) {
                if raw.isEmpty { withheld += 1; return }
                parsed = LSOACode(utf8: raw)
            } else {
                let value = record.value(lsoaColumn)
                if value.isEmpty { withheld += 1; return }
                parsed = LSOACode(utf8: value)
            }
            guard let code = parsed else {
                report("lsoa", record.location(lsoaColumn),
                       "LSOA code \(TextMatch.quoted(String(decoding: record.value(lsoaColumn), as: UTF8.self))) is not an LSOA code: police.uk writes E01 or W01 and six digits, as in E01017943 (leave it empty when the location is withheld)")
                return
            }
            guard let area = lookup.areas[code.key] else { outside += 1; return }
            inArea += 1
            noteForce(record)
            records.append(CrimeRecord(month: month, area: area, lsoa: code, crimeType: crimeType(record),
                                       source: RowSource(file: source, line: record.line)))
        }
        // A stray quote can give every later row the same parse message: the first few are
        // listed, the rest counted, as for the row rules.
        for d in parseDiagnostics { report(d.message, d.location, d.message, d.severity) }
        if !sawHeader {
            diagnostics.append(.error(SourceLocation(file: path),
                "file is empty; a police.uk street-level file starts with the header \(header.joined(separator: ","))"))
        }
        for (kind, c) in counts.sorted(by: { $0.key < $1.key }) where c.count > PoliceDataLoader.messagesPerProblem {
            let what = ["width": "the wrong number of values", "month": "a Month that does not match the file",
                        "type": "no Crime type", "lsoa": "an LSOA code that is not one"][kind] ?? "the same problem as above"
            diagnostics.append(Diagnostic(severities[kind] ?? .error, c.location,
                "\(c.count - PoliceDataLoader.messagesPerProblem) more rows from here on have \(what) (\(c.count) in all in this file)"))
        }
        return result()
    }

    /// The crime type's one shared String (police.uk uses about fifteen).
    mutating func crimeType(_ record: CSVScanRecord) -> String {
        let column = PoliceDataLoader.crimeTypeColumn
        if let raw = record.rawTrimmed(column) {
            for t in types where t.bytes.count == raw.count && t.bytes.elementsEqual(raw) { return t.name }
            let name = String(decoding: raw, as: UTF8.self)
            types.append((Array(raw), name))
            return name
        }
        let value = record.value(column)
        if let t = types.first(where: { $0.bytes == value }) { return t.name }
        let name = String(decoding: value, as: UTF8.self)
        types.append((value, name))
        return name
    }

    mutating func noteForce(_ record: CSVScanRecord) {
        let column = PoliceDataLoader.reportedByColumn
        if let last = forceBytes.last, last.withUnsafeBufferPointer({ record.field(column, equals: $0) }) { return }
        let value = record.value(column)
        if value.isEmpty || forceBytes.contains(value) { return }
        forceBytes.append(value)
        forces.append(String(decoding: value, as: UTF8.self))
    }

    /// The header must be police.uk's, column for column: the rows are read by position.
    func checkHeader(_ record: CSVScanRecord, expected: [[UInt8]], path: String,
                     diagnostics: inout [Diagnostic]) -> Bool {
        let header = PoliceDataLoader.header
        let expectedText = header.joined(separator: ",")
        for (i, name) in expected.enumerated() {
            guard i < record.count else {
                diagnostics.append(.error(record.location(record.count - 1),
                    "the header has \(record.count) columns where police.uk's street-level header has \(header.count) (no \"\(header[i])\"); the header must be: \(expectedText)"))
                return false
            }
            if !name.withUnsafeBufferPointer({ record.field(i, equals: $0) }) {
                let found = String(decoding: record.value(i), as: UTF8.self)
                var message = "column \(i + 1) of the header is \(TextMatch.quoted(found)) where police.uk's street-level header has \"\(header[i])\""
                if header.contains(where: { $0.lowercased() == found.lowercased() }) || found.lowercased() == header[i].lowercased() {
                    message += " (the columns are read by position, so their order and spelling must be police.uk's)"
                }
                diagnostics.append(.error(record.location(i), message + "; the header must be: \(expectedText)"))
                return false
            }
        }
        if let extra = (header.count..<max(header.count, record.count)).first(where: { !record.isEmpty($0) }) {
            diagnostics.append(.error(record.location(extra),
                "the header has an extra column \(TextMatch.quoted(record.string(extra))); the header must be: \(expectedText)"))
            return false
        }
        return true
    }
}
