import ArgumentParser
import CMemory
import CSPCore
import CSPValidate
import Foundation

/// Arguments shared by the commands that read a quarter folder.
struct QuarterOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The quarter folder, e.g. reports/2021-22-Q3.", valueName: "quarter-dir"))
    var quarterDirectory: String

    func validate() throws { try QuarterOptions.check(quarterDirectory) }

    static func check(_ quarterDirectory: String) throws {
        if !DiskWorld().isDirectory(quarterDirectory) {
            throw ValidationError("no such folder: \(quarterDirectory) (give a quarter folder such as reports/2021-22-Q3)")
        }
    }

    /// A command that reads one quarter, given the reports folder: says so, and what to give.
    /// `year`: the command also takes `--year` with the reports folder.
    static func refuseReportsFolder(_ directory: String, year: Bool = false) throws {
        guard let newest = newestQuarter(inReportsFolder: directory) else { return }
        var message = "\(directory) is a reports folder (it holds csp.yaml and the quarter folders), not a quarter: give one of its quarter folders, such as \(Path.join(directory, newest))"
        if year, let q = (try? Quarter.parse(newest).get()) {
            message += ", or --year \(String(q.description.dropLast(3))) for the year's figures"
        }
        throw ValidationError(message)
    }

    /// When `folder` is not itself named as a quarter but holds quarter folders (or csp.yaml),
    /// the newest quarter folder in it (or a made-up example when it has none yet).
    static func newestQuarter(inReportsFolder folder: String) -> String? {
        let world = DiskWorld()
        let name = Path.lastComponent(DiskWorld.display(folder) == "." ? FileManager.default.currentDirectoryPath : folder)
        if case .success = Quarter.parse(name) { return nil }
        let quarters = world.contents(of: folder).filter {
            if case .success = Quarter.parse($0) { return world.isDirectory(Path.join(folder, $0)) }
            return false
        }.sorted()
        if let newest = quarters.last { return newest }
        return world.contents(of: folder).contains("csp.yaml") ? "2021-22-Q3" : nil
    }

    /// Loads and checks the quarter, printing every diagnostic; throws exit 1 on any error.
    func load(consequence: String = "") throws -> (QuarterInput, [Diagnostic]) {
        try QuarterOptions.load(quarterDirectory, consequence: consequence)
    }

    static func load(_ quarterDirectory: String, consequence: String = "") throws -> (QuarterInput, [Diagnostic]) {
        let dir = DiskWorld.display(quarterDirectory)
        let (input, diagnostics) = QuarterLoader.load(world: DiskWorld(), directory: dir)
        // The quarters were read on worker threads, whose malloc arenas keep what reading
        // freed; the report is built on this thread and could not reuse it. Give it back.
        cmemory_release_free()
        Console.report(diagnostics, subject: dir, consequence: consequence)
        guard let input, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw ExitStatus.invalidInput
        }
        return (input, diagnostics)
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a quarter folder, csp.yaml and the earlier quarters beside it.",
        discussion: """
        Every problem is printed as FILE:LINE:COLUMN: error: message (or warning:). \
        Exit status: 0 valid (warnings allowed), 1 invalid input, 2 usage error.
        """
    )

    @OptionGroup var quarter: QuarterOptions

    func validate() throws { try QuarterOptions.refuseReportsFolder(quarter.quarterDirectory) }

    func run() throws {
        let (input, diagnostics) = try quarter.load()
        let rows = ([input.current] + input.history).flatMap(\.files).map(\.rows).reduce(0, +)
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let history = input.history.isEmpty ? "no earlier quarters"
            : English.count(input.history.count, "earlier quarter") + " (from \(input.history[0].quarter))"
        Console.err("\(input.directory): valid\(warnings > 0 ? ", with " + English.count(warnings, "warning") : "") — \(input.current.quarter) and \(history); \(English.count(rows, "row")) checked\(CrimeSummaryLine.validated(input.crime))\n")
    }
}

/// `--year`: a financial year's quarter folders in a reports folder.
enum YearOptions {
    /// Loads and checks the year, printing every diagnostic; throws exit 1 on any error, the
    /// closing line naming the quarters whose folders hold them.
    static func load(_ reportsDirectory: String, year: String, consequence: String = "") throws -> (YearInput, [Diagnostic]) {
        let dir = DiskWorld.display(reportsDirectory)
        let (input, diagnostics) = YearLoader.load(world: DiskWorld(), directory: dir, year: year)
        cmemory_release_free()
        let failing = Set(diagnostics.filter { $0.severity == .error }.compactMap { d in
            // A quarter folder that holds the file (not the file or folder the message is about).
            d.location.file.split(separator: "/").dropLast().map(String.init).first { name in
                if case .success(let q) = Quarter.parse(name), q.description == name { return true }
                return false
            }
        }).sorted()
        let subject = failing.isEmpty ? "\(dir) \(year)" : "\(year) (in \(TextMatch.list(failing)))"
        Console.report(diagnostics, subject: subject, consequence: consequence)
        guard let input, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw ExitStatus.invalidInput
        }
        return (input, diagnostics)
    }
}
