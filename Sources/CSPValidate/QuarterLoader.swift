import CSPCore
import CSPIngest
import CSPModel

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
            loadQuarter(world: world, directory: folder.directory, quarter: folder.quarter, partnership: partnership)
        }
        for (_, d) in loaded { diagnostics += d }
        let current = loaded[0].0
        let history = loaded.dropFirst().compactMap(\.0)
        let (crime, crimeDiagnostics) = PoliceDataLoader.load(world: world, reportsDirectory: parent,
                                                              quarter: quarter, partnership: partnership)
        diagnostics += crimeDiagnostics
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        guard let current else { return (nil, diagnostics) }
        return (QuarterInput(partnership: partnership, current: current, history: history,
                             configFile: configFile, directory: dir, crime: crime), diagnostics)
    }

    /// Reads and checks one quarter folder against its quarter's dates.
    public static func loadQuarter(world: World, directory: String, quarter: Quarter,
                                   partnership: Partnership) -> (QuarterRecords?, [Diagnostic]) {
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
            if !columns.isEmpty { message += " (columns: \(columns.joined(separator: ",")))" }
            let stem = name.split(separator: ".").first.map(String.init) ?? name
            if let workbook = names.first(where: { $0.lowercased().hasPrefix(stem.lowercased() + ".xls") }) {
                message += "; \(workbook) is a workbook: save it from Excel as \"CSV UTF-8 (Comma delimited)\" named \(name)"
            } else if let near = names.first(where: { $0.lowercased() == name.lowercased() && $0 != name }) {
                message += "; rename \(near) to \(name)"
            } else {
                message += "; \"cspreport init\" creates a quarter folder with every file"
            }
            diagnostics.append(.error(SourceLocation(file: path), message))
            return nil
        }

        func table(_ spec: InputFileSpec) -> CSVTable? {
            let path = Path.join(directory, spec.name)
            guard let b = bytes(of: spec.name, required: spec.required, columns: spec.columns) else { return nil }
            let (t, d) = CSVTable.read(bytes: b, file: path, required: spec.columns)
            diagnostics += d
            files.append(InputFile(path: path, name: spec.name, rows: t?.rows.count ?? 0, bytes: b.count, sha256: SHA256.hex(b)))
            return t
        }

        // quarter.yaml
        var narrative: QuarterNarrative?
        let yamlPath = Path.join(directory, InputContract.quarterYAML)
        if let b = bytes(of: InputContract.quarterYAML, required: true, columns: []) {
            files.append(InputFile(path: yamlPath, name: InputContract.quarterYAML, rows: 0, bytes: b.count, sha256: SHA256.hex(b)))
            let (n, d) = NarrativeLoader.load(bytes: b, file: yamlPath, quarter: quarter)
            narrative = n
            diagnostics += d
        }

        let context = RowContext(quarter: quarter, partnership: partnership)
        var cases: [PSGCase] = []
        var allCaseIDs: Set<String>?
        if let t = table(InputContract.cases) {
            let (c, ids, d) = context.cases(t)
            cases = c; allCaseIDs = ids; diagnostics += d
        }
        var successes: [Success] = []
        if let t = table(InputContract.successes) {
            let (s, d) = context.successes(t, caseIDs: allCaseIDs)
            successes = s; diagnostics += d
        }
        var blockers: [Blocker] = []
        if let t = table(InputContract.blockers) {
            let (b, d) = context.blockers(t, caseIDs: allCaseIDs)
            blockers = b; diagnostics += d
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
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        return (QuarterRecords(quarter: quarter, narrative: narrative, cases: cases, successes: successes,
                               blockers: blockers, activity: activity, projects: projects,
                               referrals: referrals, youSaidWeDid: ysw, files: files), diagnostics)
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
