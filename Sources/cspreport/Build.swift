import ArgumentParser
import CSPAggregate
import CSPCharts
import CSPCore
import CSPDisplay
import CSPHTML
import CSPLayout
import CSPModel
import CSPRender
import CSPTextShaping
import CSPReport
import CSPValidate
import Foundation

/// `--edition Public` as well as `public`: the chair types what the report's cover says.
extension Edition: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// `build --edition`: one edition, or both from one command.
enum EditionChoice: String, ExpressibleByArgument, CaseIterable {
    case board, `public`, both

    init?(argument: String) { self.init(rawValue: argument.lowercased()) }

    var editions: [Edition] {
        switch self {
        case .board: return [.board]
        case .public: return [.public]
        case .both: return [.board, .public]
        }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Validate a quarter and write its report as an A4 PDF or as one web page.",
        discussion: """
        The board edition (the default) holds everything and is marked with the board \
        classification. The public edition holds no case-level rows or free text from cases \
        and blockers, and shows small counts as "<5". The format follows --out: a name ending \
        .html gives the same report as one self-contained, accessible web page. On any error \
        nothing is written and a file already at --out is left as it was.
        """
    )

    @Argument(help: ArgumentHelp("The quarter folder, e.g. reports/2021-22-Q3.", valueName: "quarter-dir"))
    var quarterDirectory: String?

    @Option(name: .long, help: ArgumentHelp("The report to write: a .pdf, or a .html for the web page; its folder is made if missing.", valueName: "file.pdf"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Build every quarter folder in this reports folder, in parallel across the cores (with --out-dir).", valueName: "reports-dir"))
    var all: String?

    @Option(name: .long, help: ArgumentHelp("With --all: the folder for the PDFs, named <quarter>-<edition>.pdf (created if missing).", valueName: "dir"))
    var outDir: String?

    @Option(name: .customLong("edition"), help: ArgumentHelp("board, public, or both: both writes two files beside each other, FILE-board.pdf and FILE-public.pdf from --out FILE.pdf (with --all, both editions of every quarter).", valueName: "edition"))
    var editions: EditionChoice = .board

    /// The one edition this command writes (`both` runs a child build for each).
    var edition: Edition { editions.editions[0] }

    @Option(name: .long, help: ArgumentHelp("Write the annual report of this financial year, such as 2024-25: give the reports folder instead of a quarter folder.", valueName: "year"))
    var year: String?

    @Option(name: .long, help: ArgumentHelp("Also write every chart as SVG and PNG into this folder, for slides.", valueName: "dir"))
    var charts: String?

    /// Set by `build --all` for its children, which already keep every core busy: layout then
    /// stays on one thread (same PDF; less work in all).
    @Flag(name: .long, help: ArgumentHelp("Lay out on one thread.", visibility: .hidden))
    var oneLayoutThread = false

    func validate() throws {
        if let all {
            if quarterDirectory != nil { throw ValidationError("give either a quarter folder or --all, not both") }
            if year != nil { throw ValidationError("--year writes one annual report: give the reports folder and --out instead of --all") }
            if out != nil { throw ValidationError("--all writes one PDF per quarter: give --out-dir instead of --out") }
            if charts != nil { throw ValidationError("--charts works with one quarter, not with --all") }
            guard let outDir else { throw ValidationError("--all needs --out-dir, the folder for the PDFs") }
            if !DiskWorld().isDirectory(all) {
                throw ValidationError("no such folder: \(all) (give the reports folder, such as reports)")
            }
            if FileManager.default.fileExists(atPath: outDir), !DiskWorld().isDirectory(outDir) {
                throw ValidationError("--out-dir \(outDir) is a file, not a folder")
            }
            return
        }
        if outDir != nil { throw ValidationError("--out-dir goes with --all; for one quarter give --out") }
        if editions == .both, charts != nil { throw ValidationError("--charts draws one edition's charts: give --edition board or public with it") }
        if let year {
            guard let reports = quarterDirectory else { throw ValidationError("--year needs the reports folder, such as: build reports --year \(year) --out out/\(year).pdf") }
            guard FinancialYear.parse(year) != nil else { throw ValidationError("--year \(year) is not a financial year: write it as the quarter folders do, such as 2024-25") }
            if !DiskWorld().isDirectory(reports) { throw ValidationError("no such folder: \(reports) (give the reports folder, such as reports)") }
            guard let out else { throw ValidationError("missing --out, the PDF to write (e.g. --out out/\(year).pdf)") }
            try OutputPath.check(out)
            // Any quarter folder's path will do: the check looks in the folder above it.
            try OutputPath.checkNotAnInput(out, quarterDirectory: Path.join(reports, "\(year)-Q1"))
            return
        }
        guard let quarterDirectory else {
            throw ValidationError("give a quarter folder such as reports/2021-22-Q3 (or --all REPORTS_DIR --out-dir DIR)")
        }
        try QuarterOptions.check(quarterDirectory)
        try QuarterOptions.refuseReportsFolder(quarterDirectory, year: true)
        guard let out else { throw ValidationError("missing --out, the PDF to write (e.g. --out out/report.pdf)") }
        try OutputPath.check(out)
        try OutputPath.checkNotAnInput(out, quarterDirectory: quarterDirectory)
        if let charts, FileManager.default.fileExists(atPath: charts), !DiskWorld().isDirectory(charts) {
            throw ValidationError("--charts \(charts) is a file, not a folder")
        }
    }

    func run() throws {
        if let all, let outDir {
            try BuildAll(reports: all, outDir: outDir, editions: editions.editions).run()
            return
        }
        guard let quarterDirectory, let out else { throw ExitStatus.usage }
        if editions == .both {
            try BothEditions(arguments: [quarterDirectory] + (year.map { ["--year", $0] } ?? []), out: out).run()
            return
        }
        var clock = PhaseClock()
        let html = HTMLOutput.isHTML(out)
        // The fonts load on another thread while the input is read and checked: nothing else
        // touches Pango or fontconfig until they are needed. Two libraries, for layout's two
        // threads (`LayoutEngine.helper`). That thread then loads the fonts the report will
        // use into each, until layout is ready to start (see `FontLibrary.warmUp`).
        let layoutReady = StopFlag()
        let oneThread = oneLayoutThread
        // The web page needs no fonts (only --charts draws with them).
        let loadingFonts = html && charts == nil ? nil : Background {
            Result {
                let fonts = try FontLibrary.bundled()
                // Only a help: without it, layout runs on one thread.
                let helper = oneThread ? nil : try? FontLibrary.bundled(current: false)
                fonts.warmUp(Theme.commonFonts, stop: layoutReady.isRaised)
                helper?.warmUp(Theme.commonFonts, stop: layoutReady.isRaised)
                return (fonts, helper)
            }
        }
        // The rows are needed only to make the document: they go out of scope before layout.
        // Freeing a big quarter's rows takes a while: another thread does it, during layout.
        var (document, quarterName, rows, fontsFolder) = try { () throws -> (Document, String, Discard<QuarterInput>, String?) in
            if let year {
                let (input, diagnostics) = try YearOptions.load(quarterDirectory, year: year, consequence: "; no report was written")
                clock.lap("validate")
                let configPath = Path.join(input.directory, "csp.yaml")
                let logo = try ReportLogo.find(input.partnership, configPath: configPath)
                let report = ReportCompiler.compileYear(input: input, diagnostics: diagnostics, edition: edition,
                                                        date: ReportDate.fromEnvironment(), logo: logo)
                clock.lap("document")
                return (report.document, "\(input.year) annual report", Discard(input.last),
                        ReportFonts.folder(input.partnership, configPath: configPath))
            }
            let (input, diagnostics) = try QuarterOptions.load(quarterDirectory, consequence: "; no report was written")
            clock.lap("validate")
            let configPath = Path.join(Path.parent(input.directory), "csp.yaml")
            let logo = try ReportLogo.find(input.partnership, configPath: configPath)
            let report = ReportCompiler.compile(input: input, diagnostics: diagnostics, edition: edition,
                                                date: ReportDate.fromEnvironment(), logo: logo)
            for w in report.warnings { Console.err(w.formatted + "\n") }
            clock.lap("document")
            return (report.document, input.current.quarter.description, Discard(input),
                    ReportFonts.folder(input.partnership, configPath: configPath))
        }()
        rows.inBackground()
        layoutReady.raise()
        if html {
            try HTMLOutput.write(document, to: out)
            clock.lap("html")
            clock.report()
            if let charts, let loadingFonts {
                try ChartExport.write(document: document, renderer: Renderer(fonts: try fontsLoaded(loadingFonts).0), to: charts)
            }
            Console.err("wrote \(DiskWorld.display(out)): \(quarterName) \(edition.rawValue) edition, web page\n")
            ProcessLifetime.keep(document)
            return
        }
        guard let loadingFonts else { throw ExitCode.failure }
        let fonts = try fontsLoaded(loadingFonts)
        if let fontsFolder {
            document.branding.fontFamily = try ReportFonts.add(fontsFolder, to: [fonts.0] + (fonts.1.map { [$0] } ?? []),
                                                               configPath: Path.join(Path.parent(quarterDirectory), "csp.yaml"))
        }
        clock.lap("fonts")
        let renderer = Renderer(fonts: fonts.0, helperFonts: fonts.1)
        // A skipped heading level is this tool's mistake: refused, as Typst does, not written.
        let laid: LaidOutDocument
        do { laid = try LayoutEngine(shaper: renderer.shaper, helper: renderer.helperShaper).strictLayout(document) } catch {
            Console.err("cspreport: internal error: \(error); no report was written\n")
            throw ExitCode.failure
        }
        clock.lap("layout")
        for w in laid.warnings { Console.err("warning: \(w)\n") }
        let drawn = try renderer.cairoPDF(laid)
        clock.lap("cairo")
        let bytes = try renderer.postPass(drawn, metadata: laid.metadata)
        clock.lap("post-pass")
        try OutputPath.writeAtomically(bytes, to: out)
        clock.lap("write")
        clock.report()
        if let charts {
            try ChartExport.write(document: document, renderer: renderer, to: charts)
        }
        Console.err("wrote \(DiskWorld.display(out)): \(quarterName) \(edition.rawValue) edition, \(laid.pages.count) pages\n")
        // The process ends here: the pages, the kept layouts and the PDF are left for the exit
        // to reclaim rather than freed one by one. (Freed on another thread, they could still be
        // in use while the libraries shut down.)
        ProcessLifetime.keep((document, laid, drawn, bytes, renderer))
    }
}

/// The fonts the background thread loaded, or a clear message.
private func fontsLoaded(_ loading: Background<Result<(FontLibrary, FontLibrary?), any Error>>) throws -> (FontLibrary, FontLibrary?) {
    do { return try loading.wait().get() } catch {
        Console.err("cspreport: cannot load the report fonts: \(error)\n")
        throw ExitCode.failure
    }
}

/// What the report compiler is given from outside: the clock's stand-in and the logo file.
enum ReportDate {
    /// SOURCE_DATE_EPOCH, the reproducible-builds convention, when set; otherwise the report
    /// takes its date from the inputs (see `ReportCompiler.compile`).
    static func fromEnvironment() -> DateTime? {
        guard let e = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let v = Int64(e) else { return nil }
        return DateTime(unixSeconds: v)
    }
}

enum ReportLogo {
    /// The partnership's logo, decoded once here: `PartnershipLoader` checks its place, its
    /// header and its size, but only decoding finds a PNG damaged past its header, and Cairo
    /// would then fail halfway through drawing the cover.
    static func find(_ p: Partnership, configPath: String) throws -> ReportCompiler.Logo? {
        guard let logo = p.logo else { return nil }
        let path = Path.join(Path.parent(configPath), logo)
        guard let size = Renderer.pngSize(path) else {
            Console.err("\(configPath): error: logo \(TextMatch.quoted(logo)) is not a readable PNG image\n")
            throw ExitStatus.invalidInput
        }
        return ReportCompiler.Logo(path: path, size: size)
    }
}

/// `--charts DIR`: each chart of the document as SVG and PNG, numbered in the report's order
/// and named by what it shows (`07-north-activity-by-month.svg`, from `Figure.name`), or by
/// its section when it has no name.
enum ChartExport {
    static func write(document: Document, renderer: Renderer, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let builder = ChartBuilder(shaper: renderer.shaper)
        var section = "report"
        var number = 0
        for block in document.blocks {
            switch block {
            case .heading(let h) where h.level == 1:
                section = h.id ?? slug(h.text)
            case .figure(let fig):
                number += 1
                let width = 480.0
                let built = builder.build(fig.chart, width: width, height: builder.naturalHeight(fig.chart, width: width))
                let name = (number < 10 ? "0" : "") + "\(number)-" + slug(fig.name ?? section)
                try OutputPath.writeAtomically(try renderer.svg(built.frame()), to: Path.join(directory, name + ".svg"))
                try OutputPath.writeAtomically(try renderer.png(built.frame(), scale: 2), to: Path.join(directory, name + ".png"))
            default:
                continue
            }
        }
    }

    /// "North activity by month" → "north-activity-by-month".
    static func slug(_ s: String) -> String {
        let words = s.lowercased().split { !($0.isLetter || $0.isNumber) }
        return words.isEmpty ? "chart" : words.joined(separator: "-")
    }
}

/// Checks and writes the output file so that a failure never damages an earlier report.
enum OutputPath {
    /// A wrong --out is a usage error (exit 2), found before any work is done.
    static func check(_ path: String) throws {
        do {
            try AtomicFile.checkDestination(path)
        } catch {
            throw ValidationError("--out \(error.description)")
        }
    }

    /// `--out reports/2021-22-Q3/psg-cases.csv` would replace an input with a PDF: refused when
    /// the output is the same file as anything in the reports folder (csp.yaml) or in a
    /// quarter folder beside the one being built, however the path is spelt.
    static func checkNotAnInput(_ path: String, quarterDirectory: String) throws {
        var target = stat()
        guard stat(path, &target) == 0 else { return }
        let reports = Path.parent(quarterDirectory)
        var candidates = DiskWorld().contents(of: reports).map { Path.join(reports, $0) }
        for folder in candidates where DiskWorld().isDirectory(folder) {
            candidates += DiskWorld().contents(of: folder).map { Path.join(folder, $0) }
        }
        for candidate in candidates {
            var st = stat()
            if stat(candidate, &st) == 0, st.st_mode & S_IFMT == S_IFREG,
               st.st_dev == target.st_dev, st.st_ino == target.st_ino {
                throw ValidationError("--out \(path) is one of the inputs (\(DiskWorld.display(candidate))); write the report elsewhere, such as out/report.pdf")
            }
        }
    }

    /// Through AtomicFile: readers see the old file or the whole new one, never a part, and
    /// no temporary file is left behind by a failure or by Ctrl-C.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            Console.err("cspreport: \(error.description)\n")
            throw error.exitCode
        }
    }
}

/// Work started on a thread of its own now, its result waited for later.
final class Background<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private let finished = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> T) {
        Thread.detachNewThread { [self] in
            result = work()
            finished.signal()
        }
    }

    /// The result, once the work is done. Call it once.
    func wait() -> T {
        finished.wait()
        guard let result else { preconditionFailure("background work finished without a result") }
        return result
    }
}

/// A flag that one thread raises and another polls, to end optional work early.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    func raise() { lock.withLock { raised = true } }
    func isRaised() -> Bool { lock.withLock { raised } }
}

/// Values kept until the process exits, never freed: for what a command no longer needs just
/// before it ends, where freeing would only delay the exit.
enum ProcessLifetime {
    private final class Box<T> { let value: T; init(_ value: T) { self.value = value } }
    static func keep<T>(_ value: T) { _ = Unmanaged.passRetained(Box(value)) }
}

/// Holds a value until `inBackground()`, which lets a thread of its own drop it: when this holds
/// the last reference, the freeing happens there rather than on the caller's thread.
final class Discard<T>: @unchecked Sendable {
    private var value: T?
    init(_ value: T) { self.value = value }

    func inBackground() {
        Thread.detachNewThread { [self] in value = nil }
    }
}
