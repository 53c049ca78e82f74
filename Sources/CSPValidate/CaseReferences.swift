import CSPCore
import CSPIngest
import CSPModel

/// The cases one quarter's psg-cases.csv records, by id: what a reference to a case needs.
public struct CaseRegister: Sendable {
    public struct Entry: Sendable {
        public var id: String
        public var area: String?
        public var opened: CalendarDate?
        public var closed: CalendarDate?
        public var source: RowSource
    }

    public var quarter: Quarter
    /// The file as read, when it was read only for its cases (an older quarter's): it is then
    /// an input of the report too, for its provenance.
    public var file: InputFile?
    private var entries: [String: Entry] = [:]

    init(quarter: Quarter) { self.quarter = quarter }

    mutating func add(_ entry: Entry) {
        let key = entry.id.lowercased()
        if entries[key] == nil { entries[key] = entry }
    }

    public func entry(_ id: String) -> Entry? { entries[id.lowercased()] }
    public var count: Int { entries.count }
    var ids: [String] { entries.values.map(\.id) }

    /// An earlier quarter's cases, read only to resolve references: that quarter's problems
    /// belong to its own report, so none are returned. Nil without a readable psg-cases.csv.
    static func scan(world: World, directory: String, quarter: Quarter, partnership: Partnership) -> CaseRegister? {
        let tables = QuarterTables(world: world, directory: directory, names: Set(world.contents(of: directory)))
        let (table, file, _) = tables.read(InputContract.cases)
        guard let table else { return nil }
        var register = RowContext(quarter: quarter, partnership: partnership).cases(table).register
        register.file = file
        return register
    }
}

/// A success's or blocker's case_id, as written.
public struct CaseReference: Sendable {
    public enum Referrer: String, Sendable { case success, blocker }
    public var id: String
    public var location: SourceLocation
    /// The spreadsheet row (the header is row 1).
    public var row: Int
    public var referrer: Referrer
    public var area: String?
    /// The success's date or the blocker's raised date.
    public var date: CalendarDate?
}

enum CaseReferences {
    /// Resolves each reference against its own quarter's cases, then the earlier quarters'
    /// (newest first; `earlier` is asked for them only when some reference is not found in
    /// its own quarter). Unknown ids are errors. With `crossCheck`, a reference whose area
    /// differs from its case's, or dated outside the case's life, is a warning.
    static func resolve(_ references: [CaseReference], own: CaseRegister, earlier: () -> [CaseRegister],
                        crossCheck: Bool) -> [Diagnostic] {
        // Unknown ids are kept per file as FieldReader keeps a file's errors: a file of 20,000
        // bad references costs a summary, not 20,000 messages.
        var unknown: [String: DiagnosticLimiter] = [:]
        var fileOrder: [String] = []
        var repeated = RepeatedWarnings()
        var older: [CaseRegister]?
        // "Did you mean" compares an id with every case's: for the first few unknown ids only.
        var suggestionsLeft = 20
        lazy var ownIDs = own.count <= 5_000 ? own.ids : []
        for ref in references {
            var found = own.entry(ref.id)
            if found == nil {
                if older == nil { older = earlier() }
                for register in older ?? [] {
                    if let e = register.entry(ref.id) { found = e; break }
                }
            }
            guard let found else {
                var message = "case_id \(TextMatch.quoted(ref.id)) is not in this quarter’s cases (psg-cases), nor in any earlier quarter folder’s; use a case id from those, or leave case_id empty"
                if suggestionsLeft > 0 {
                    suggestionsLeft -= 1
                    if let s = TextMatch.suggestion(for: ref.id, among: ownIDs) { message += "; did you mean \"\(s)\"?" }
                }
                let file = ref.location.file
                if unknown[file] == nil { fileOrder.append(file) }
                unknown[file, default: DiagnosticLimiter()].add(.error(ref.location, message))
                continue
            }
            guard crossCheck else { continue }
            let what = ref.referrer == .success ? "success" : "blocker"
            let place = found.source.spreadsheetPlace
            if let area = ref.area, let caseArea = found.area, area != caseArea,
               area != Partnership.cityWide, caseArea != Partnership.cityWide {
                repeated.add(kind: "\(what)-area", row: ref.row, ref.location,
                             "this \(what) is filed under \(area), but its case \(TextMatch.quoted(found.id)) is \(caseArea)’s (\(place)); check the area or the case_id")
            }
            if let date = ref.date {
                let dated = ref.referrer == .success ? "dated" : "raised"
                if let opened = found.opened, date < opened {
                    repeated.add(kind: "\(what)-before-case", row: ref.row, ref.location,
                                 "this \(what) is \(dated) \(date.longDescription), before its case \(TextMatch.quoted(found.id)) opened (\(opened.longDescription), \(place)); check the date or the case_id")
                } else if let closed = found.closed, date > closed {
                    // A success may follow up a case closed earlier (PRODUCT.md); the warning
                    // says so, and points at the date and id in case it is a slip.
                    let fine = ref.referrer == .success ? "fine if it follows up the closed case; otherwise check" : "check"
                    repeated.add(kind: "\(what)-after-case", row: ref.row, ref.location,
                                 "this \(what) is \(dated) \(date.longDescription), after its case \(TextMatch.quoted(found.id)) closed (\(closed.longDescription), \(place)); \(fine) the date or the case_id")
                }
            }
        }
        return fileOrder.flatMap { unknown[$0]?.all ?? [] } + repeated.all
    }
}
