import CSPCore
import Foundation
import ZIPFoundation

/// An Excel workbook (.xlsx): a zip of XML parts. ZIPFoundation reads the container, libxml2
/// streams each part (WorkbookXML.swift); a sheet becomes the same rows as a CSV file
/// (WorkbookSheet.swift), so every check on a table applies to it unchanged. The limits
/// (docs/limits.md) keep a hostile file to a message: a zip that inflates to gigabytes, an
/// entity declaration, millions of empty cells.
public final class Workbook {
    /// One sheet, as workbook.xml lists it, in the workbook's order.
    public struct Sheet: Sendable {
        public var name: String
        /// Hidden or "very hidden" (only a macro can show it).
        public var hidden: Bool
        /// The sheet's XML part in the zip; nil when its relationship is missing.
        var part: String?
    }

    // Limits (docs/limits.md). A real quarter's workbook is under 2 MB; each limit is far
    // above that and keeps what one workbook costs bounded.

    /// Workbook files above this size are refused before they are opened (as CSV files are).
    public static let maximumFileSize = CSVReader.maximumFileSize
    /// One part (a sheet's XML, the shared strings) once inflated: a sheet of 300,000 rows of
    /// 11 cells is about 150 MB of XML. Counted as it inflates, whatever the zip declares.
    public static let maximumPartSize = 256 * 1024 * 1024
    /// Everything inflated from one workbook, all parts together.
    public static let maximumInflated = 512 * 1024 * 1024
    /// Files inside the zip (a workbook has a dozen or two, one per sheet more).
    public static let maximumEntries = 10_000
    /// Cells of one sheet, empty ones included: a sheet formatted down to row 1,048,576 holds
    /// millions, each costing reading time though none is kept (300,000 rows of 11 columns,
    /// the most a table may hold, are 3,300,000).
    public static let maximumCells = 10_000_000
    /// Strings in the shared-strings table (each cell's text is one of them).
    public static let maximumSharedStrings = CSVReader.maximumValues
    /// Characters of all shared strings together, as UTF-8.
    public static let maximumSharedStringBytes = 64 * 1024 * 1024

    /// The sheet of instructions `cspreport init` puts first in quarter.xlsx.
    public static let instructionsSheet = "How to fill this in"

    public let file: String
    public let sheets: [Sheet]
    let archive: Archive
    let date1904: Bool
    /// For each cell style (`s="N"`), whether its number format shows a date.
    let dateStyles: [Bool]
    let strings: SharedStrings
    /// Bytes inflated so far (XML read), against `maximumInflated`.
    public internal(set) var inflated = 0

    init(file: String, sheets: [Sheet], archive: Archive, date1904: Bool, dateStyles: [Bool], strings: SharedStrings) {
        self.file = file; self.sheets = sheets; self.archive = archive; self.date1904 = date1904
        self.dateStyles = dateStyles; self.strings = strings
    }

    /// What the first bytes of a file say it is.
    public enum Kind: Equatable, Sendable {
        case zip
        /// An OLE compound file: an old .xls, or a password-protected workbook (Excel encrypts
        /// the whole .xlsx into one).
        case compound(encrypted: Bool)
        case text
        case empty
        case other
    }

    public static func kind(of bytes: [UInt8]) -> Kind {
        if bytes.isEmpty { return .empty }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An encrypted workbook holds a stream named "EncryptedPackage" (its directory
            // entry names are UTF-16LE).
            let name = Array("EncryptedPackage".utf8).flatMap { [$0, UInt8(0)] }
            return .compound(encrypted: contains(bytes, name))
        }
        let head = bytes.prefix(4096)
        let printable = head.filter { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.count
        return printable >= head.count * 95 / 100 ? .text : .other
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= bytes.count else { return false }
        var i = 0
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == first && bytes[i ..< i + needle.count].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    /// The message for a file named `.xlsx` whose bytes are not a workbook; nil when they are.
    public static func notAWorkbook(_ kind: Kind) -> String? {
        switch kind {
        case .zip: return nil
        case .compound(encrypted: true):
            return "the workbook is protected by a password, so it cannot be read; in Excel, File > Info > Protect Workbook > Encrypt with Password, clear the password and save"
        case .compound(encrypted: false):
            return "this is an old Excel 97-2003 workbook (.xls) under an .xlsx name; open it in Excel and save it as \"Excel Workbook (*.xlsx)\""
        case .text:
            return "this file holds text, not an Excel workbook (is it a CSV file renamed .xlsx?); save it from Excel as \"Excel Workbook (*.xlsx)\", or give it its table's name ending .csv"
        case .empty: return "the file is empty; save the workbook again from Excel"
        case .other: return "this is not an Excel workbook (.xlsx); open it in Excel and save it as \"Excel Workbook (*.xlsx)\""
        }
    }

    static let damaged = "the workbook is damaged and cannot be read"
    static let resave = "open it in Excel (which can often repair it) and save it again"

    /// Opens a workbook: its list of sheets, the date system, the styles and the shared
    /// strings. Sheets are read later, one at a time (`document(of:)`).
    public static func open(bytes: [UInt8], file: String) -> (Workbook?, [Diagnostic]) {
        let at = SourceLocation(file: file)
        if bytes.count > maximumFileSize {
            return (nil, [.error(at, "the workbook is \(bytes.count / (1024 * 1024)) MB; cspreport reads workbooks up to \(maximumFileSize / (1024 * 1024)) MB (is this the right file?)")])
        }
        if let why = notAWorkbook(kind(of: bytes)) { return (nil, [.error(at, why)]) }
        let archive: Archive
        do {
            archive = try openArchive(bytes)
        } catch {
            return (nil, [.error(at, "\(damaged) (its zip container is broken); \(resave)")])
        }
        var reader = PartReader(archive: archive, file: file, archiveSize: bytes.count)
        guard let entries = reader.listEntries() else { return (nil, reader.diagnostics) }
        reader.entries = entries

        // _rels/.rels names the main part (xl/workbook.xml in every workbook seen).
        var main = "xl/workbook.xml"
        if entries["_rels/.rels"] != nil {
            let rels = Relationships()
            guard reader.parse("_rels/.rels", rels) else { return (nil, reader.diagnostics) }
            if let target = rels.byType.first(where: { $0.type.hasSuffix("/officeDocument") })?.target {
                main = resolve(target, from: "")
            }
        }
        guard entries[main] != nil else {
            let opendocument = entries["content.xml"] != nil
            return (nil, [.error(at, opendocument
                ? "this is an OpenDocument spreadsheet (.ods) under an .xlsx name; save it as \"Excel 2007-365 (.xlsx)\""
                : "\(damaged) (it has no \(main)); \(resave)")])
        }
        let book = WorkbookPart()
        guard reader.parse(main, book) else { return (nil, reader.diagnostics) }
        let directory = main.split(separator: "/").dropLast().joined(separator: "/")
        let relsPath = (directory.isEmpty ? "" : directory + "/") + "_rels/" + (main.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        let rels = Relationships()
        if entries[relsPath] != nil {
            guard reader.parse(relsPath, rels) else { return (nil, reader.diagnostics) }
        }
        var sheets: [Sheet] = []
        for s in book.sheets {
            let part = s.id.flatMap { rels.byID[$0] }.map { resolve($0, from: directory) }
            sheets.append(Sheet(name: s.name, hidden: s.hidden, part: part.flatMap { entries[$0] != nil ? $0 : nil }))
        }
        func partOf(_ type: String, fallback: String) -> String? {
            let path = rels.byType.first(where: { $0.type.hasSuffix(type) }).map { resolve($0.target, from: directory) } ?? fallback
            return entries[path] != nil ? path : nil
        }
        var dateStyles: [Bool] = []
        if let stylesPart = partOf("/styles", fallback: directory + "/styles.xml") {
            let styles = StylesPart()
            guard reader.parse(stylesPart, styles) else { return (nil, reader.diagnostics) }
            dateStyles = styles.dateStyles
        }
        let strings = SharedStrings()
        if let sst = partOf("/sharedStrings", fallback: directory + "/sharedStrings.xml") {
            let reading = SharedStringsPart(into: strings)
            let read = reader.parse(sst, reading)
            if let why = reading.overLimit {
                return (nil, [.error(at, "cspreport stops reading this workbook here: \(why); a quarter's workbook holds far fewer (is this the right file?)")])
            }
            guard read else { return (nil, reader.diagnostics) }
        }
        let workbook = Workbook(file: file, sheets: sheets, archive: archive, date1904: book.date1904,
                                dateStyles: dateStyles, strings: strings)
        workbook.inflated = reader.inflated
        return (workbook, reader.diagnostics)
    }

    /// The zip opened by ZIPFoundation through a file. Its in-memory archive (`Archive(data:)`)
    /// traps when a damaged or hostile zip points past the end of its data (the fuzzer found
    /// it; see Tests/FuzzRegressions/workbook); through a file, such a read just comes up
    /// short. The bytes go to a private temporary file (mode 0600), removed as soon as
    /// ZIPFoundation has it open.
    static func openArchive(_ bytes: [UInt8]) throws -> Archive {
        var template = Array((NSTemporaryDirectory() + "/cspreport-workbook-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Archive.ArchiveError.unreadableArchive }
        let path = String(cString: template)
        defer { close(fd); unlink(path) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            guard n > 0 else { throw Archive.ArchiveError.unreadableArchive }
            written += n
        }
        return try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    }

    /// A relationship's target as a path in the zip: relative to the part's folder, or from the
    /// root when it starts with "/".
    static func resolve(_ target: String, from directory: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : directory.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    /// The sheet whose name is `name` as a table's stem: case, spaces, underscores and a
    /// ".csv" ending aside (`PSG cases` and `psg_cases.csv` name psg-cases).
    public func sheet(named name: String) -> Sheet? {
        sheets.first { Workbook.tableName(of: $0.name) == name }
    }

    /// A sheet's name as a table stem: `PSG cases` → `psg-cases`.
    public static func tableName(of sheet: String) -> String {
        var s = sheet.trimmingSpaces.lowercased()
        if s.hasSuffix(".csv") { s.removeLast(4) }
        return String(s.unicodeScalars.map { $0 == " " || $0 == "_" ? "-" : Character($0) })
    }
}

/// Reads parts out of the zip within the limits, turning every failure into a message.
struct PartReader {
    let archive: Archive
    let file: String
    let archiveSize: Int
    var entries: [String: Entry] = [:]
    var inflated = 0
    var diagnostics: [Diagnostic] = []

    init(archive: Archive, file: String, archiveSize: Int) {
        self.archive = archive; self.file = file; self.archiveSize = archiveSize
    }

    mutating func fail(_ message: String) {
        diagnostics.append(.error(SourceLocation(file: file), message))
    }

    mutating func listEntries() -> [String: Entry]? {
        var out: [String: Entry] = [:]
        for entry in archive {
            if out.count >= Workbook.maximumEntries {
                fail("cspreport stops reading this workbook here: it holds more than \(Workbook.maximumEntries) files inside; a workbook holds a few dozen (is this the right file?)")
                return nil
            }
            if out[entry.path] == nil { out[entry.path] = entry }
        }
        if out.isEmpty { fail("\(Workbook.damaged) (its zip container holds nothing); \(Workbook.resave)"); return nil }
        return out
    }

    private struct Stop: Error {}

    /// Streams the part through `handler`. False (with a message) when it could not be read
    /// to its end.
    @discardableResult
    mutating func parse(_ path: String, _ handler: XMLEventHandler, sheet: String? = nil,
                        location: (() -> SourceLocation)? = nil) -> Bool {
        guard let entry = entries[path] else {
            fail("\(Workbook.damaged) (\(path) is missing); \(Workbook.resave)"); return false
        }
        let what = sheet.map { "sheet \(TextMatch.quoted($0))" } ?? path
        // A declared size over the limit is refused before inflating anything; a size that
        // lies is caught as the bytes come out.
        if entry.type != .file || entry.compressedSize > UInt64(archiveSize) {
            fail("\(Workbook.damaged) (\(path) is not a stored file); \(Workbook.resave)"); return false
        }
        let bomb = "cspreport stops reading this workbook here: \(what) inflates to more than \(Workbook.maximumPartSize / (1024 * 1024)) MB (or the workbook to more than \(Workbook.maximumInflated / (1024 * 1024)) MB), far more than a quarter's records; is this the right file?"
        if entry.uncompressedSize > UInt64(Workbook.maximumPartSize) { fail(bomb); return false }
        let stream = XMLStream(handler: handler)
        var partBytes = 0
        var overLimit = false
        var total = inflated
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { data in
                partBytes += data.count
                total += data.count
                if partBytes > Workbook.maximumPartSize || total > Workbook.maximumInflated {
                    overLimit = true
                    throw Stop()
                }
                let fed = data.withUnsafeBytes { stream.feed($0) }
                if !fed || handler.stopped { throw Stop() }
            }
            if stream.failure == nil { stream.feed(UnsafeRawBufferPointer(start: nil, count: 0), last: true) }
        } catch is Stop {
            // Reported below.
        } catch {
            inflated = total
            fail("\(Workbook.damaged) (\(what) cannot be unpacked: \(error)); \(Workbook.resave)")
            return false
        }
        inflated = total
        if overLimit { fail(bomb); return false }
        // The handler stopped at a limit of its own and says why.
        if handler.stopped { return false }
        switch stream.failure {
        case nil: return true
        case .doctype?:
            fail("\(what) declares a document type (<!DOCTYPE …>), which Excel never writes and which can hide entities that expand without end; cspreport does not read it: save the workbook again from Excel")
        case .malformed(let reason, let line)?:
            fail("\(Workbook.damaged) (\(what), line \(line) of its XML: \(reason)); \(Workbook.resave)")
        case .stopped?:
            break
        }
        return false
    }
}

/// `_rels/*.rels`: relationship ids and types to targets.
final class Relationships: XMLEventHandler {
    var byID: [String: String] = [:]
    var byType: [(type: String, target: String)] = []
    func start(_ name: XMLName, _ a: XMLAttributes) {
        guard name.is("Relationship"), let target = a.string("Target") else { return }
        if a.string("TargetMode") == "External" { return }
        if let id = a.string("Id") { byID[id] = target }
        if let type = a.string("Type") { byType.append((type, target)) }
    }
    func end(_ name: XMLName) {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// workbook.xml: the sheets in order, and the date system.
final class WorkbookPart: XMLEventHandler {
    struct Entry { var name: String; var hidden: Bool; var id: String? }
    var sheets: [Entry] = []
    var date1904 = false
    func start(_ name: XMLName, _ a: XMLAttributes) {
        if name.is("sheet"), let sheetName = a.string("name"), sheets.count < Workbook.maximumEntries {
            let state = a.string("state") ?? "visible"
            sheets.append(Entry(name: sheetName, hidden: state != "visible", id: a.string("id")))
        } else if name.is("workbookPr") {
            let v = a.string("date1904")
            date1904 = v == "1" || v == "true"
        }
    }
    func end(_ name: XMLName) {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// styles.xml: which cell styles show a date. Excel stores a date as a number of days and
/// only the style's number format says it is one: the built-in formats 14–22 and 45–47
/// (dates and times), or a custom format with a day, month or year in it.
final class StylesPart: XMLEventHandler {
    var custom: [Int: Bool] = [:]
    var dateStyles: [Bool] = []
    var inCellXfs = false
    var depth = 0

    static func builtInIsDate(_ id: Int) -> Bool { (14...22).contains(id) || (45...47).contains(id) }

    /// `dd/mm/yyyy`, `mmm-yy`, `[$-809]d mmmm yyyy;@` are dates; `0.00`, `#,##0`, `"Day"0`,
    /// `[Red]0` are not. Text in quotes, escaped characters and [sections] are skipped.
    static func formatIsDate(_ code: String) -> Bool {
        var quoted = false, bracket = false, escaped = false
        var letters = Set<Character>()
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            default: if !quoted && !bracket { letters.insert(ch) }
            }
        }
        if letters.contains("y") || letters.contains("d") { return true }
        // "m" alone is a month unless hours or seconds make it minutes.
        return letters.contains("m") && !letters.contains("h") && !letters.contains("s")
    }

    func start(_ name: XMLName, _ a: XMLAttributes) {
        if name.is("numFmt"), let id = a.string("numFmtId").flatMap({ Int($0) }), let code = a.string("formatCode") {
            custom[id] = StylesPart.formatIsDate(code)
        } else if name.is("cellXfs") {
            inCellXfs = true
        } else if inCellXfs && name.is("xf") && dateStyles.count < 1_000_000 {
            let id = a.string("numFmtId").flatMap { Int($0) } ?? 0
            dateStyles.append(custom[id] ?? StylesPart.builtInIsDate(id))
        }
    }
    func end(_ name: XMLName) { if name.is("cellXfs") { inCellXfs = false } }
    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// The shared strings, one after another in one buffer.
final class SharedStrings {
    var text: [UInt8] = []
    /// One past each string's last byte in `text`.
    var ends: [Int] = []
    var count: Int { ends.count }

    func withString<R>(_ i: Int, _ body: (ArraySlice<UInt8>) -> R) -> R {
        let start = i == 0 ? 0 : ends[i - 1]
        return body(text[start ..< ends[i]])
    }
}

/// sharedStrings.xml: each `<si>`'s text is its `<t>` elements' text, rich-text runs (`<r>`)
/// joined, phonetic guides (`<rPh>`) left out.
final class SharedStringsPart: XMLEventHandler {
    let strings: SharedStrings
    var inText = false, inPhonetic = false
    var overLimit: String?
    var stopped: Bool { overLimit != nil }
    init(into strings: SharedStrings) { self.strings = strings }

    func start(_ name: XMLName, _ a: XMLAttributes) {
        if name.is("t") { inText = !inPhonetic } else if name.is("rPh") { inPhonetic = true }
    }
    func end(_ name: XMLName) {
        if name.is("t") { inText = false }
        else if name.is("rPh") { inPhonetic = false }
        else if name.is("si") {
            if strings.count >= Workbook.maximumSharedStrings {
                overLimit = "it has more than \(Workbook.maximumSharedStrings / 1_000_000) million different texts"
                return
            }
            strings.ends.append(strings.text.count)
        }
    }
    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        guard inText, overLimit == nil else { return }
        if strings.text.count + text.count > Workbook.maximumSharedStringBytes {
            overLimit = "its texts come to more than \(Workbook.maximumSharedStringBytes / (1024 * 1024)) MB"
            return
        }
        strings.text.append(contentsOf: text)
    }
}
