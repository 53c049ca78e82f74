import ArgumentParser
import CSPAggregate
import CSPCore
import CSPIngest
import CSPModel
import CSPValidate
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the next quarter's folder, carrying over open cases, blockers and projects.",
        discussion: """
        Writes every table of the input contract with its header: by default as quarter.xlsx, a \
        sheet per table with drop-down lists for the fixed vocabularies (--format csv writes a CSV \
        file per table). From the previous quarter's folder (if there is one) it copies the cases \
        not closed, the blockers still open and the Think Communities projects not completed, and \
        prefills quarter.yaml. It never overwrites.
        """
    )

    @Argument(help: ArgumentHelp("The quarter to create, e.g. 2022-23-Q1.", valueName: "quarter"))
    var quarterName: String

    @Option(name: .customLong("reports"), help: ArgumentHelp("The folder that holds csp.yaml and the quarter folders; the new quarter's folder is made in it. Without --reports, the folder named reports in the folder you run cspreport from.", valueName: "dir"))
    var reportsDirectory = "reports"

    @Flag(help: "Start with empty tables although earlier quarter folders exist but not the one just before (nothing is carried over).")
    var empty = false

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case xlsx, csv
    }

    @Option(help: "xlsx: the tables in one workbook, quarter.xlsx, with drop-down lists; csv: a CSV file per table.")
    var format: Format = .xlsx

    func run() throws {
        let world = DiskWorld()
        let reports = DiskWorld.display(reportsDirectory)
        guard world.isDirectory(reports) else {
            throw ValidationError("no such folder: \(reports) (give the folder that holds csp.yaml with --reports)")
        }
        let (partnership, _, configDiagnostics) = PartnershipLoader.load(world: world, path: Path.join(reports, InputContract.configYAML))
        guard let partnership, !configDiagnostics.contains(where: { $0.severity == .error }) else {
            Console.report(configDiagnostics, subject: reports)
            throw ExitStatus.invalidInput
        }
        let quarter: Quarter
        switch Quarter.parse(quarterName, yearStartMonth: partnership.yearStartMonth) {
        case .success(let q): quarter = q
        case .failure:
            throw ValidationError("\(TextMatch.quoted(quarterName)) is not a quarter; name it like 2022-23-Q1 (financial year, then the quarter)")
        }
        let target = Path.join(reports, quarter.description)
        if FileManager.default.fileExists(atPath: target) {
            throw ValidationError("\(target) already exists; init never overwrites a quarter folder")
        }

        var carry: CarryOver?
        var preparedBy = ""
        if let previous = quarter.previous {
            let previousPath = Path.join(reports, previous.description)
            // Earlier quarters without the one just before: a quarter was skipped or its name
            // mistyped, and the cases it would carry over would be lost without a word.
            let earlier = BuildAll.quarterFolders(in: reports).filter { $0 < quarter.description }
            if !world.isDirectory(previousPath), let newest = earlier.last, !empty {
                Console.err("init: \(quarter) follows \(previous), which has no folder in \(Shell.quoted(reports)) (the newest there is \(newest)), so its open cases, blockers and projects cannot be carried over. Create \(previous) first (cspreport init \(previous)\(reportsDirectory == "reports" ? "" : " --reports \(Shell.quoted(reports))")), check the quarter's name, or add --empty to start \(quarter) with empty tables; nothing was written\n")
                throw ExitStatus.invalidInput
            }
            if world.isDirectory(previousPath) {
                let (records, diagnostics) = QuarterLoader.loadQuarter(world: world, directory: previousPath,
                                                                       quarter: previous, partnership: partnership)
                if let records, !diagnostics.contains(where: { $0.severity == .error }) {
                    carry = CarryOver(from: records)
                    preparedBy = records.narrative?.preparedBy ?? ""
                } else {
                    Console.report(diagnostics, subject: previousPath)
                    Console.err("init: fix \(previousPath) first: its open cases, blockers and projects are carried into \(quarter)\n")
                    throw ExitStatus.invalidInput
                }
            }
        }

        // The narrative stays in YAML whichever format the tables take.
        let narrative = QuarterTemplate.quarterYAML(quarter, preparedBy: preparedBy) + QuarterTemplate.progressYAML(partnership.plan)
        var files = [(InputContract.quarterYAML, Array(narrative.utf8))]
        switch format {
        case .csv:
            files += QuarterTemplate.files(for: quarter, carry: carry, preparedBy: preparedBy).filter { $0.0 != InputContract.quarterYAML }
        case .xlsx:
            let tables = QuarterTemplate.tables(carry: carry).map {
                QuarterWorkbook.Table(name: String($0.spec.name.dropLast(4)), columns: $0.spec.columns, rows: $0.rows)
            }
            do {
                files.append(("quarter.xlsx", try QuarterWorkbook.bytes(tables: tables, partnership: partnership)))
            } catch {
                Console.err("init: cannot write the workbook: \(error)\n")
                throw ExitStatus.invalidInput
            }
        }
        try writeFolder(target, files: files)
        let shown = Shell.quoted(target)
        if let carry {
            Console.err("Created \(shown) with \(carry.cases.count) open cases, \(carry.blockers.count) open blockers and \(carry.projects.count) projects carried over from \(quarter.previous?.description ?? "").\n")
        } else {
            Console.err("Created \(shown) with empty tables: there is no folder for \(quarter.previous?.description ?? "the quarter before") to carry cases over from.\n")
        }
        let fill = format == .xlsx
            ? "\(Shell.quoted(Path.join(target, "quarter.xlsx"))) and \(Shell.quoted(Path.join(target, InputContract.quarterYAML)))"
            : "the CSV files and quarter.yaml in \(shown)"
        Console.err("Next: fill in \(fill), then run:\n  cspreport validate \(shown)\n")
    }

    /// Writes into a hidden folder beside the target and renames it into place, so a failure
    /// never leaves a half-made quarter folder.
    func writeFolder(_ target: String, files: [(String, [UInt8])]) throws {
        let fm = FileManager.default
        let staging = Path.join(Path.parent(target), ".\(Path.lastComponent(target)).tmp-\(getpid())")
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
            for (name, bytes) in files {
                guard fm.createFile(atPath: Path.join(staging, name), contents: Data(bytes)) else {
                    throw WorldError.unreadable(Path.join(staging, name), "cannot be written")
                }
            }
            try fm.moveItem(atPath: staging, toPath: target)
        } catch {
            try? fm.removeItem(atPath: staging)
            Console.err("init: cannot create \(target): \(error.localizedDescription)\n")
            throw ExitStatus.invalidInput
        }
    }
}

/// The files of a new quarter folder.
enum QuarterTemplate {
    static func files(for quarter: Quarter, carry: CarryOver?, preparedBy: String, plan: Plan? = nil) -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        out.append((InputContract.quarterYAML, Array((quarterYAML(quarter, preparedBy: preparedBy) + progressYAML(plan)).utf8)))
        for (spec, rows) in tables(carry: carry) {
            var csv = CSVWriter(header: spec.columns)
            for row in rows { csv.append(row) }
            out.append((spec.name, csv.bytes))
        }
        return out
    }

    /// Every table of the new quarter with the rows carried over (dates in ISO form), in the
    /// contract's order: what both formats write.
    static func tables(carry: CarryOver?) -> [(spec: InputFileSpec, rows: [[String]])] {
        let cases = (carry?.cases ?? []).map { c in
            [c.id, c.title, c.area, c.location, c.issue, c.leadAgency, c.partners.joined(separator: "; "),
             c.opened.description, "", c.status.rawValue, ""]
        }
        let blockers = (carry?.blockers ?? []).map { b in
            [b.id, b.raised.description, b.area, b.caseID ?? "", b.owner, b.description,
             b.escalate ? "yes" : "no", b.status.rawValue, "", b.resolution]
        }
        let projects = (carry?.projects ?? []).map { p in
            [p.area, p.name, p.stage.rawValue, p.lead, p.partners.joined(separator: "; "), p.started?.description ?? "", p.update]
        }
        return [(InputContract.cases, cases), (InputContract.successes, []), (InputContract.blockers, blockers),
                (InputContract.activity, []), (InputContract.projects, projects), (InputContract.referrals, []),
                (InputContract.youSaidWeDid, [])]
    }

    /// The narrative file, prefilled; the blanks are left for validate to point at. It parses
    /// as it stands, and its comments say how to write what chairs get wrong by hand: the
    /// summary after `summary: |`, indented (a colon or # in a paragraph is then plain text;
    /// `summary:` with text on the same line ends at the first ": "), and a highlight with a
    /// colon in double quotes. A comment at the left edge ends the empty block below
    /// `summary: |`, so the template's summary is empty, not the comment.
    static func quarterYAML(_ quarter: Quarter, preparedBy: String) -> String {
        let prepared = preparedBy.isEmpty ? "" : " " + yamlQuoted(preparedBy)
        let meeting = quarter.end.adding(days: 21)?.description ?? "2022-01-20"
        return """
        # \(quarter.title) (\(quarter.monthRange)): the chair's narrative for the PSG quarterly report.
        # Fill in every value; `cspreport validate` points at any left empty. Indent with
        # spaces, never tabs.
        quarter: \(quarter)
        prepared_by:\(prepared)
        # The date of the CSP board meeting that receives the report, e.g. \(meeting) or \(quarter.end.adding(days: 21)?.ukDescription ?? "20/01/2022")
        meeting_date:
        # The chair's summary: write the paragraphs on the lines below "summary: |", every
        # line indented by two spaces, with a blank line between paragraphs. Colons, # and
        # quotes are plain text there. For example:
        #   summary: |
        #     A busy quarter in the North: two closure orders at Arbury Court.
        #
        #     Blockers remain in the East.
        summary: |

        # Optional highlights: one line each, starting with two spaces and "- ". Put a line
        # in double quotes when it has a colon followed by a space, or a #. For example:
        #   highlights:
        #     - Closure order at Arbury Court
        #     - "Housing: two rough sleepers housed"
        highlights:

        """
    }

    /// `progress:` with each outcome of the plan and a blank status and note, for the chair to
    /// rate; the outcome's text beside its id as a comment. Empty without a plan.
    static func progressYAML(_ plan: Plan?) -> String {
        guard let plan, !plan.outcomes.isEmpty else { return "" }
        var out = """

        # Progress against the plan in csp.yaml: rate each outcome after status: with on-track,
        # at-risk, off-track, complete or not-started, and say why after note:.
        progress:

        """
        for o in plan.outcomes {
            let text = o.text.split(whereSeparator: \.isNewline).joined(separator: " ")
            out += "  \(o.id):  # \(text)\n    status:\n    note:\n"
        }
        return out
    }

    static func yamlQuoted(_ s: String) -> String {
        "\"" + s.unicodeScalars.map { $0 == "\"" ? "\\\"" : ($0 == "\\" ? "\\\\" : String($0)) }.joined() + "\""
    }
}

/// Paths as a shell takes them, to paste: in single quotes when they hold anything but
/// letters, digits and `/._-+~` (a space, a quote, `&`).
enum Shell {
    static func quoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { s in
            (s.properties.isAlphabetic && s.isASCII) || ("0"..."9").contains(s) || "/._-+~".unicodeScalars.contains(s)
        }
        if plain && !path.isEmpty { return path }
        return "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
