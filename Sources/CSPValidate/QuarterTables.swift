import CSPCore
import CSPIngest
import CSPModel

/// Where a quarter folder keeps each table: its CSV file (`psg-cases.csv`), a workbook of its
/// own (`psg-cases.xlsx`, first sheet), or a sheet of the quarter's workbook (`quarter.xlsx`,
/// sheet `psg-cases`). A table kept in two places is an error naming both: which one holds
/// the quarter's records would be a guess. The quarter's workbook is opened once, when the
/// first table needs it.
final class QuarterTables {
    let world: World
    let directory: String
    let names: Set<String>
    private var quarterBook: (workbook: Workbook?, file: InputFile?, diagnostics: [Diagnostic])?
    /// Old-format workbooks a message about a missing table has named already.
    private(set) var explainedOldWorkbooks = Set<String>()
    /// Per workbook and sheet, the cells whose value could not be read (already reported).
    private var unreadable: [SourceLocation: Set<SpreadsheetCell>] = [:]

    static let quarterWorkbook = "quarter.xlsx"

    init(world: World, directory: String, names: Set<String>) {
        self.world = world; self.directory = directory; self.names = names
    }

    /// The name in the folder that matches `wanted` whatever its case.
    func present(_ wanted: String) -> String? {
        if names.contains(wanted) { return wanted }
        return names.sorted().first { $0.lowercased() == wanted.lowercased() }
    }

    static func stem(_ spec: InputFileSpec) -> String { String(spec.name.dropLast(4)) }

    func bytes(_ path: String, into diagnostics: inout [Diagnostic]) -> [UInt8]? {
        do {
            return try world.read(path)
        } catch {
            diagnostics.append(.error(SourceLocation(file: path), "\(error)"))
            return nil
        }
    }

    /// quarter.xlsx opened, or nil when the folder has none.
    private func openQuarterBook() -> (workbook: Workbook?, file: InputFile?, diagnostics: [Diagnostic])? {
        if let quarterBook { return quarterBook }
        guard let name = present(QuarterTables.quarterWorkbook) else { return nil }
        let path = Path.join(directory, name)
        var diagnostics: [Diagnostic] = []
        var opened: (Workbook?, InputFile?, [Diagnostic]) = (nil, nil, [])
        if let b = bytes(path, into: &diagnostics) {
            let (book, d) = Workbook.open(bytes: b, file: path)
            opened = (book, InputFile(path: path, name: name, rows: 0, bytes: b.count, sha256: SHA256.hex(b)), diagnostics + d)
        } else {
            opened.2 = diagnostics
        }
        quarterBook = opened
        return opened
    }

    /// The problems of quarter.xlsx as a whole (it cannot be opened; a sheet names no table),
    /// reported once per quarter folder.
    func quarterWorkbookDiagnostics() -> [Diagnostic] {
        guard let opened = openQuarterBook() else { return [] }
        var out = opened.diagnostics
        guard let book = opened.workbook else { return out }
        let tables = Set(InputContract.csvFiles.map(QuarterTables.stem))
        for sheet in book.sheets where !sheet.hidden && !tables.contains(Workbook.tableName(of: sheet.name))
            && Workbook.tableName(of: sheet.name) != Workbook.tableName(of: Workbook.instructionsSheet) {
            var message = "sheet \(TextMatch.quoted(sheet.name)) is not read: it names no table (the sheets are named \(InputContract.csvFiles.map(QuarterTables.stem).joined(separator: ", ")))"
            if let s = TextMatch.suggestion(for: Workbook.tableName(of: sheet.name), among: Array(tables)) {
                message += "; did you mean \"\(s)\"?"
            }
            out.append(.warning(SourceLocation(file: book.file, sheet: sheet.name), message))
        }
        return out
    }

    /// The table `spec` from wherever the folder keeps it, checked against its columns, and the
    /// file it came from; nil (with messages) when it is missing, given twice, or unreadable.
    func read(_ spec: InputFileSpec) -> (table: CSVTable?, file: InputFile?, diagnostics: [Diagnostic]) {
        let stem = QuarterTables.stem(spec)
        let csv = names.contains(spec.name) ? spec.name : nil
        let ownBook = present(stem + ".xlsx")
        let opened = openQuarterBook()
        let sheet = opened?.workbook?.sheet(named: stem)
        var places: [String] = []
        if let csv { places.append(csv) }
        if let ownBook { places.append(ownBook) }
        if let sheet, let book = opened?.workbook { places.append("sheet \(TextMatch.quoted(sheet.name)) of \(Path.lastComponent(book.file))") }
        if places.count > 1 {
            return (nil, nil, [.error(SourceLocation(file: Path.join(directory, csv ?? ownBook ?? QuarterTables.quarterWorkbook)),
                                      "the \(stem) table is given twice, in \(TextMatch.list(places)); keep one and delete (or move out of this folder) the other, so that there is no doubt which holds the quarter’s records")])
        }
        var diagnostics: [Diagnostic] = []
        if let csv {
            let path = Path.join(directory, csv)
            guard let b = bytes(path, into: &diagnostics) else { return (nil, nil, diagnostics) }
            if let why = QuarterTables.workbookNamedCSV(b) {
                return (nil, nil, [.error(SourceLocation(file: path), why + ": rename it \(stem).xlsx, or save it from Excel as \"CSV UTF-8 (Comma delimited)\"")])
            }
            let (t, d) = CSVTable.read(bytes: b, file: path, required: spec.columns)
            return (t, InputFile(path: path, name: spec.name, rows: t?.rows.count ?? 0, bytes: b.count, sha256: SHA256.hex(b)), d)
        }
        if let ownBook {
            let path = Path.join(directory, ownBook)
            guard let b = bytes(path, into: &diagnostics) else { return (nil, nil, diagnostics) }
            let (book, d) = Workbook.open(bytes: b, file: path)
            guard let book else { return (nil, nil, d) }
            // The sheet named as the table, else the first one shown.
            guard let first = book.sheet(named: stem) ?? book.sheets.first(where: { !$0.hidden }) ?? book.sheets.first else {
                return (nil, nil, d + [.error(SourceLocation(file: path), "the workbook has no sheets; put the \(stem) table in its first sheet")])
            }
            let (t, sd) = table(book, first, spec)
            return (t, InputFile(path: "\(path), sheet \(first.name)", name: spec.name, rows: t?.rows.count ?? 0,
                                 bytes: b.count, sha256: SHA256.hex(b)), d + sd)
        }
        if let book = opened?.workbook, let sheet, let file = opened?.file {
            let (t, d) = table(book, sheet, spec)
            var hidden: [Diagnostic] = []
            if sheet.hidden {
                hidden.append(.warning(SourceLocation(file: book.file, sheet: sheet.name),
                                       "sheet \(TextMatch.quoted(sheet.name)) is hidden, but its rows are read all the same; unhide it (right-click a sheet tab > Unhide) so that what the report counts can be seen"))
            }
            return (t, InputFile(path: "\(file.path), sheet \(sheet.name)", name: spec.name, rows: t?.rows.count ?? 0,
                                 bytes: file.bytes, sha256: file.sha256), d + hidden)
        }
        guard spec.required else { return (nil, nil, []) }
        // Missing: say where it could be, and what is there instead.
        let path = Path.join(directory, spec.name)
        var message = "file is missing; every quarter folder needs it (columns: \(spec.columns.joined(separator: ",")))"
        if let old = names.sorted().first(where: { $0.lowercased() == stem + ".xls" || $0.lowercased() == "quarter.xls" }) {
            explainedOldWorkbooks.insert(old)
            message += "; \(old) is an old Excel 97-2003 workbook, which cspreport does not read: save it from Excel as \"Excel Workbook (*.xlsx)\""
        } else if let book = opened?.workbook {
            message += "; \(Path.lastComponent(book.file)) has no sheet named \(stem) (its sheets: \(book.sheets.map { TextMatch.quoted($0.name) }.joined(separator: ", "))): name the sheet that holds the table \(stem)"
        } else if opened != nil {
            message += "; it may be a sheet of \(QuarterTables.quarterWorkbook), which cannot be read (see the message about it)"
        } else if let near = names.first(where: { $0.lowercased() == spec.name.lowercased() && $0 != spec.name }) {
            message += "; rename \(near) to \(spec.name)"
        } else {
            message += ", or a sheet named \(stem) in \(QuarterTables.quarterWorkbook); \"cspreport init\" creates a quarter folder with every table"
        }
        return (nil, nil, [.error(SourceLocation(file: path), message)])
    }

    func table(_ book: Workbook, _ sheet: Workbook.Sheet, _ spec: InputFileSpec) -> (CSVTable?, [Diagnostic]) {
        let (document, d, cells) = book.document(of: sheet)
        if !cells.isEmpty { unreadable[SourceLocation(file: book.file, sheet: sheet.name)] = cells }
        guard let document else { return (nil, d) }
        let (t, td) = CSVTable.make(document: document, file: book.file, sheet: sheet.name, required: spec.columns)
        return (t, d + td)
    }

    /// The checks' diagnostics less those at a cell whose value could not be read: the reader
    /// said why (#N/A, a formula never worked out), and "the value is empty" would add nothing.
    func screen(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !unreadable.isEmpty else { return diagnostics }
        return diagnostics.filter { d in
            guard d.location.sheet != nil, let cell = d.location.cell,
                  let cells = unreadable[SourceLocation(file: d.location.file, sheet: d.location.sheet)] else { return true }
            return !cells.contains(cell)
        }
    }

    /// A file named .csv whose bytes are a workbook: Excel's "Save As" keeps the format when
    /// only the name is changed.
    static func workbookNamedCSV(_ bytes: [UInt8]) -> String? {
        switch Workbook.kind(of: bytes) {
        case .zip: return "this file is an Excel workbook (.xlsx) under a .csv name"
        case .compound(encrypted: true): return "this file is a password-protected Excel workbook under a .csv name (clear the password in Excel first)"
        case .compound(encrypted: false): return "this file is an old Excel 97-2003 workbook (.xls) under a .csv name"
        default: return nil
        }
    }
}
