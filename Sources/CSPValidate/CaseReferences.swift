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
        let path = Path.join(directory, InputContract.cases.name)
        guard let bytes = try? world.read(path) else { return nil }
        let (table, _) = CSVTable.read(bytes: bytes, file: path, required: InputContract.cases.columns)
        guard let table else { return nil }
        return RowContext(quarter: quarter, partnership: partnership).cases(table).register
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
        var diagnostics: [Diagnostic] = []
        var repeated = RepeatedWarnings()
        var older: [CaseRegister]?
        for ref in references {
            var found = own.entry(ref.id)
            if found == nil {
                if older == nil { older = earlier() }
                for register in older ?? [] {
                    if let e = register.entry(ref.id) { found = e; break }
                }
            }
            guard let found else {
                var message = "case_id \(TextMatch.quoted(ref.id)) is not in psg-cases.csv, nor in any earlier quarter folder’s; use a case id from those files, or leave case_id empty"
                if own.count <= 5_000, let s = TextMatch.suggestion(for: ref.id, among: own.ids) {
                    message += "; did you mean \"\(s)\"?"
                }
                diagnostics.append(.error(ref.location, message))
                continue
            }
            guard crossCheck else { continue }
            let what = ref.referrer == .success ? "success" : "blocker"
            let place = "\(found.source.file):\(found.source.line)"
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
                    repeated.add(kind: "\(what)-after-case", row: ref.row, ref.location,
                                 "this \(what) is \(dated) \(date.longDescription), after its case \(TextMatch.quoted(found.id)) closed (\(closed.longDescription), \(place)); check the date or the case_id")
                }
            }
        }
        return diagnostics + repeated.all
    }
}
