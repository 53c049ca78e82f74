import CSPCore
import CSPIngest
import CSPModel
import CSPAggregate

/// A quarter folder, its partnership configuration and the earlier quarters beside it,
/// read and checked: the input of every later stage.
public struct QuarterInput: Sendable {
    public var partnership: Partnership
    public var current: QuarterRecords
    /// Earlier quarters that exist beside the current one, oldest first (up to seven).
    public var history: [QuarterRecords]
    public var configFile: InputFile?
    public var directory: String
    /// police.uk crime and ASB for the quarter and its comparisons; nil when reports/ has no
    /// police-uk/ folder (the data is optional). See PoliceData.swift.
    public var crime: PoliceData? = nil
    /// psg-cases.csv of quarter folders older than the history, read because a success or
    /// blocker names a case recorded there: inputs of the report like the others.
    public var referencedFiles: [InputFile] = []
}

public enum QuarterLoader {
    /// Loads the quarter folder at `directory` (a path as the user gave it), the csp.yaml in
    /// the folder above it, and the earlier quarter folders beside it. Every problem found is
    /// returned; the input is nil when any is an error.
    public static func load(world: World, directory: String) -> (QuarterInput?, [Diagnostic]) {
        let dir = Path.normalise(directory)
        var diagnostics: [Diagnostic] = []
        let parent = Path.parent(dir)
        let configPath = Path.join(parent, InputContract.configYAML)
        let (partnership, configFile, configDiagnostics) = PartnershipLoader.load(world: world, path: configPath)
        diagnostics += configDiagnostics
        let folderName = Path.lastComponent(world.displayName(of: dir))
        let yearStart = partnership?.yearStartMonth ?? 4
        let quarter: Quarter
        switch Quarter.parse(folderName, yearStartMonth: yearStart) {
        case .success(let q): quarter = q
        case .failure(let why):
            let detail: String
            switch why {
            case .yearsNotConsecutive: detail = "the two years must follow each other, as in 2021-22"
            case .badQuarterNumber: detail = "the quarter is Q1, Q2, Q3 or Q4"
            case .malformed: detail = "a quarter folder is named like 2021-22-Q3 (financial year, then the quarter)"
            }
            diagnostics.append(.error(SourceLocation(file: dir), "folder name \(TextMatch.quoted(folderName)) is not a quarter: \(detail)"))
            return (nil, diagnostics)
        }
        guard let partnership else { return (nil, diagnostics) }

        // This quarter, then the earlier ones oldest first: read in parallel (they are
        // independent), their diagnostics kept in this order.
        var folders = [(directory: dir, quarter: quarter)]
        let siblings = Set(world.contents(of: parent))
        for back in stride(from: InputContract.historyQuarters, through: 1, by: -1) {
            guard let earlier = quarter.adding(quarters: -back) else { continue }
            let name = earlier.description
            guard siblings.contains(name) else { continue }
            let path = Path.join(parent, name)
            guard world.isDirectory(path) else { continue }
            folders.append((path, earlier))
        }
        let loaded = Parallel.map(folders) { folder in
            readQuarter(world: world, directory: folder.directory, quarter: folder.quarter, partnership: partnership)
        }
        // Case references are resolved once every quarter is read: a blocker or success may
        // name a case recorded only in an earlier quarter's file. Quarter folders older than
        // the history are read for their cases only if some reference needs them.
        let loadedQuarters = Set(folders.map(\.quarter))
        let older = OlderQuarters(world: world, parent: parent, names: siblings, partnership: partnership,
                                  skipping: loadedQuarters)
        for (i, part) in loaded.enumerated() {
            var refDiagnostics: [Diagnostic] = []
            if let own = part.register {
                refDiagnostics = CaseReferences.resolve(part.references, own: own, earlier: {
                    loaded.filter { $0.quarter < part.quarter }.sorted { $0.quarter > $1.quarter }.compactMap(\.register)
                        + older.registers(before: part.quarter)
                }, crossCheck: i == 0)
            }
            // An earlier quarter's warnings belong to that quarter's report, not this one's;
            // its errors still stop the report, whose trends it feeds.
            let own = part.diagnostics + refDiagnostics
            diagnostics += i == 0 ? own : own.filter { $0.severity == .error }
        }
        let current = loaded[0].records
        let history = loaded.dropFirst().compactMap(\.records)
        if let current, let previous = history.last(where: { $0.quarter == quarter.previous }) {
            diagnostics += continuityDiagnostics(Continuity(previous: previous, current: current, partnership: partnership), current: current,
                                                 directory: dir)
        }
        if let current, let plan = partnership.plan {
            diagnostics += planDiagnostics(plan, current: current, history: history, partnership: partnership)
        }
        let (crime, crimeDiagnostics) = PoliceDataLoader.load(world: world, reportsDirectory: parent,
                                                              quarter: quarter, partnership: partnership)
        diagnostics += crimeDiagnostics
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        guard let current else { return (nil, diagnostics) }
        return (QuarterInput(partnership: partnership, current: current, history: history,
                             configFile: configFile, directory: dir, crime: crime,
                             referencedFiles: older.scannedFiles), diagnostics)
    }

    /// Reads and checks one quarter folder against its quarter's dates, resolving its case
    /// references against every earlier quarter folder beside it.
    public static func loadQuarter(world: World, directory: String, quarter: Quarter,
                                   partnership: Partnership) -> (QuarterRecords?, [Diagnostic]) {
        let dir = Path.normalise(directory)
        let part = readQuarter(world: world, directory: dir, quarter: quarter, partnership: partnership)
        var diagnostics = part.diagnostics
        if let own = part.register {
            let parent = Path.parent(dir)
            let older = OlderQuarters(world: world, parent: parent, names: Set(world.contents(of: parent)),
                                      partnership: partnership, skipping: [quarter])
            diagnostics += CaseReferences.resolve(part.references, own: own, earlier: { older.registers(before: quarter) },
                                                  crossCheck: true)
        }
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        return (part.records, diagnostics)
    }

    /// One quarter folder as read, before its case references are resolved.
    struct QuarterPart {
        var quarter: Quarter
        var records: QuarterRecords?
        var diagnostics: [Diagnostic]
        /// nil when psg-cases.csv could not be read (its problems are reported already).
        var register: CaseRegister?
        var references: [CaseReference]
    }

    /// Every difference between last quarter's end and this quarter's start, named for the
    /// chair: forgotten cases, blockers and projects, and each area whose cases open at the
    /// start differ from those open at the end of last quarter.
    static func continuityDiagnostics(_ c: Continuity, current: QuarterRecords, directory: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let last = c.previousQuarter.description
        func place(_ s: RowSource) -> String { s.spreadsheetPlace }
        // Where each table is: its CSV file, or the workbook sheet its rows came from.
        func table(_ spec: InputFileSpec, _ rows: [RowSource]) -> SourceLocation {
            rows.first.map { SourceLocation(file: $0.file, sheet: $0.sheet) } ?? SourceLocation(file: Path.join(directory, spec.name))
        }
        let casesFile = table(InputContract.cases, current.cases.map(\.source) + current.closedEarlier.map(\.source))
        func listed<T>(_ items: [T], _ describe: (T) -> String) -> String {
            let shown = items.prefix(10).map(describe)
            return TextMatch.list(shown) + (items.count > shown.count ? " and \(items.count - shown.count) more" : "")
        }
        if !c.missingCases.isEmpty {
            let n = c.missingCases.count
            out.append(.warning(casesFile, "\(n == 1 ? "a case" : "\(n) cases") still open at the end of \(last) \(n == 1 ? "is" : "are") missing from this file: "
                + listed(c.missingCases) { "\(TextMatch.quoted($0.id)) (\($0.area), \($0.status.rawValue), \(place($0.source)))" }
                + "; \(n == 1 ? "it has" : "they have") been forgotten, or closed without saying so: copy each row in with its status now (closed, with the date and outcome, if it closed)"))
        }
        if !c.missingBlockers.isEmpty {
            let n = c.missingBlockers.count
            out.append(.warning(table(InputContract.blockers, current.blockers.map(\.source) + current.resolvedEarlier.map(\.source)),
                                "\(n == 1 ? "a blocker" : "\(n) blockers") still open at the end of \(last) \(n == 1 ? "is" : "are") missing from this file: "
                + listed(c.missingBlockers) { "\(TextMatch.quoted($0.id)) (\($0.area)\($0.escalate ? ", escalated" : ""), \(place($0.source)))" }
                + "; copy each row in with its status now (resolved, with the date, if it was resolved)"))
        }
        if !c.missingProjects.isEmpty {
            let n = c.missingProjects.count
            out.append(.warning(table(InputContract.projects, current.projects.map(\.source)),
                                "\(n == 1 ? "a Think Communities project" : "\(n) Think Communities projects") not completed at the end of \(last) \(n == 1 ? "is" : "are") missing from this file: "
                + listed(c.missingProjects) { "\(TextMatch.quoted($0.name)) (\($0.area), \($0.stage.rawValue), \(place($0.source)))" }
                + "; copy each row in with its stage now"))
        }
        // Each area whose figures differ, with the cases that make the difference other than
        // the missing ones, which are named above.
        for a in c.areas where !a.agrees {
            let others = a.differences.filter { $0.reason != .missing }
            var message = "\(a.area): \(a.openAtStart) \(a.openAtStart == 1 ? "case is" : "cases are") open at the start of this quarter, but \(a.openAtEndLastQuarter) \(a.openAtEndLastQuarter == 1 ? "was" : "were") open at the end of \(last)"
            if others.isEmpty {
                message += " (the missing cases above)"
            } else {
                message += ": " + listed(others) { "\(TextMatch.quoted($0.psgCase.id)) \($0.reason.explanation)" }
                if others.count < a.differences.count { message += ", and the missing cases above" }
            }
            out.append(.warning(casesFile, message))
        }
        return out
    }

    /// The plan's checks that need the quarter's figures (PlanInput.quarterDiagnostics): the
    /// summaries are made only when some outcome names evidence.
    static func planDiagnostics(_ plan: Plan, current: QuarterRecords, history: [QuarterRecords],
                                partnership: Partnership) -> [Diagnostic] {
        guard plan.outcomes.contains(where: { !$0.evidence.isEmpty }) else { return [] }
        let summary = Aggregator.summarise(current, partnership: partnership)
        let previous = history.last { $0.quarter == current.quarter.previous }.map { Aggregator.summarise($0, partnership: partnership) }
        let now = SummaryPointers(summary)
        let progress = PlanProgress.evaluate(plan, ratings: current.narrative?.progress, now: now, before: previous.map(SummaryPointers.init))
        return PlanInput.quarterDiagnostics(progress, summary: summary, pointers: now, previousQuarter: current.quarter.previous)
    }

    /// Old-format workbooks (.xls) named as the quarter's or a table's are never read: say so,
    /// rather than ignore them.
    static func oldWorkbookDiagnostics(names: Set<String>, directory: String, explained: Set<String>) -> [Diagnostic] {
        let stems = Set(InputContract.csvFiles.map(QuarterTables.stem) + ["quarter"])
        return names.sorted().filter {
            $0.lowercased().hasSuffix(".xls") && stems.contains(String($0.lowercased().dropLast(4))) && !explained.contains($0)
        }.map {
            .warning(SourceLocation(file: Path.join(directory, $0)),
                     "\($0) is not read: it is an old Excel 97-2003 workbook; save it from Excel as \"Excel Workbook (*.xlsx)\" (and remove the .xls) if it holds the quarter’s records")
        }
    }

    /// Reads and checks one quarter folder against its quarter's dates.
    static func readQuarter(world: World, directory: String, quarter: Quarter,
                            partnership: Partnership) -> QuarterPart {
        var diagnostics: [Diagnostic] = []
        var files: [InputFile] = []
        let names = Set(world.contents(of: directory))

        func bytes(of name: String, required: Bool, columns: [String]) -> [UInt8]? {
            let path = Path.join(directory, name)
            do {
                if let b = try world.read(path) { return b }
            } catch {
                diagnostics.append(.error(SourceLocation(file: path), "\(error)"))
                return nil
            }
            guard required else { return nil }
            var message = "file is missing; every quarter folder needs it"
            if let near = names.first(where: { $0.lowercased() == name.lowercased() && $0 != name }) {
                message += "; rename \(near) to \(name)"
            } else {
                message += "; \"cspreport init\" creates a quarter folder with every file"
            }
            diagnostics.append(.error(SourceLocation(file: path), message))
            return nil
        }

        // Each table from its CSV file or a workbook (QuarterTables).
        let tables = QuarterTables(world: world, directory: directory, names: names)
        var readerDiagnostics: [Diagnostic] = []
        func table(_ spec: InputFileSpec) -> CSVTable? {
            let (t, file, d) = tables.read(spec)
            readerDiagnostics += d
            if let file { files.append(file) }
            return t
        }

        // quarter.yaml
        var narrative: QuarterNarrative?
        let yamlPath = Path.join(directory, InputContract.quarterYAML)
        if let b = bytes(of: InputContract.quarterYAML, required: true, columns: []) {
            files.append(InputFile(path: yamlPath, name: InputContract.quarterYAML, rows: 0, bytes: b.count, sha256: SHA256.hex(b)))
            let (n, d) = NarrativeLoader.load(bytes: b, file: yamlPath, quarter: quarter, plan: partnership.plan)
            narrative = n
            diagnostics += d
        }

        let context = RowContext(quarter: quarter, partnership: partnership)
        var cases: [PSGCase] = [], closedEarlier: [PSGCase] = []
        var register: CaseRegister?
        var references: [CaseReference] = []
        if let t = table(InputContract.cases) {
            let c = context.cases(t)
            cases = c.cases; closedEarlier = c.closedEarlier; register = c.register; diagnostics += c.diagnostics
        }
        var successes: [Success] = []
        if let t = table(InputContract.successes) {
            let (s, refs, d) = context.successes(t)
            successes = s; references += refs; diagnostics += d
        }
        var blockers: [Blocker] = [], resolvedEarlier: [Blocker] = []
        if let t = table(InputContract.blockers) {
            let b = context.blockers(t)
            blockers = b.blockers; resolvedEarlier = b.resolvedEarlier; references += b.references; diagnostics += b.diagnostics
        }
        var activity: [CarmelActivity] = []
        if let t = table(InputContract.activity) {
            let (a, d) = context.activity(t)
            activity = a; diagnostics += d
        }
        var projects: [CommunityProject] = []
        if let t = table(InputContract.projects) {
            let (p, d) = context.projects(t)
            projects = p; diagnostics += d
        }
        var referrals: [OCGReferral]?
        if let t = table(InputContract.referrals) {
            let (r, d) = context.referrals(t)
            referrals = r; diagnostics += d
        }
        var ysw: [YouSaidWeDid]?
        if let t = table(InputContract.youSaidWeDid) {
            let (y, d) = context.youSaidWeDid(t)
            ysw = y; diagnostics += d
        }
        diagnostics = readerDiagnostics + tables.screen(diagnostics) + tables.quarterWorkbookDiagnostics()
        diagnostics += oldWorkbookDiagnostics(names: names, directory: directory, explained: tables.explainedOldWorkbooks)
        var records: QuarterRecords?
        if !diagnostics.contains(where: { $0.severity == .error }) {
            records = QuarterRecords(quarter: quarter, narrative: narrative, cases: cases, successes: successes,
                                     blockers: blockers, activity: activity, projects: projects,
                                     referrals: referrals, youSaidWeDid: ysw, files: files,
                                     closedEarlier: closedEarlier, resolvedEarlier: resolvedEarlier)
        }
        return QuarterPart(quarter: quarter, records: records, diagnostics: diagnostics, register: register,
                           references: references)
    }
}

/// The quarter folders beside the current one that are older than its history: read for their
/// cases only when a reference needs them, once each.
final class OlderQuarters {
    let world: World
    let parent: String
    let partnership: Partnership
    /// Quarter folders not otherwise read, newest first.
    let folders: [Quarter]
    private var scanned: [Quarter: CaseRegister?] = [:]

    init(world: World, parent: String, names: Set<String>, partnership: Partnership, skipping: Set<Quarter>) {
        self.world = world
        self.parent = parent
        self.partnership = partnership
        folders = names.compactMap { name -> Quarter? in
            guard case .success(let q) = Quarter.parse(name, yearStartMonth: partnership.yearStartMonth),
                  q.description == name, !skipping.contains(q) else { return nil }
            return q
        }.sorted(by: >)
    }

    /// The files read so far, oldest quarter first.
    var scannedFiles: [InputFile] {
        scanned.keys.sorted().compactMap { scanned[$0]??.file }
    }

    /// The registers of the folders older than `quarter`, newest first.
    func registers(before quarter: Quarter) -> [CaseRegister] {
        folders.filter { $0 < quarter }.compactMap { q in
            if let known = scanned[q] { return known }
            let path = Path.join(parent, q.description)
            let register = world.isDirectory(path)
                ? CaseRegister.scan(world: world, directory: path, quarter: q, partnership: partnership) : nil
            scanned[q] = register
            return register
        }
    }
}

extension World {
    /// The folder's own name even when the user typed "." or "..".
    func displayName(of path: String) -> String {
        let p = Path.normalise(path)
        if p == "." || p == ".." || p.hasSuffix("/..") {
            return currentDirectoryName(of: p) ?? p
        }
        return p
    }

    func currentDirectoryName(of path: String) -> String? {
        (self as? NamedDirectories)?.realName(of: path)
    }
}

/// A World that can tell the real name of "." (the disk can; memory has no current folder).
public protocol NamedDirectories {
    func realName(of path: String) -> String?
}
