import ArgumentParser
import CSPAggregate
import CSPCharts
import CSPCore
import CSPDisplay
import CSPLayout
import CSPModel
import CSPRender
import CSPReport
import CSPValidate
import Foundation

extension Edition: ExpressibleByArgument {}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a quarter and write its report as an A4 PDF.",
        discussion: """
        The board edition (the default) holds everything and is marked with the board \
        classification. The public edition holds no case-level rows or free text from cases \
        and blockers, and shows small counts as "<5". On any error nothing is written and a \
        file already at --out is left as it was.
        """
    )

    @Argument(help: ArgumentHelp("The quarter folder, e.g. reports/2021-22-Q3.", valueName: "quarter-dir"))
    var quarterDirectory: String?

    @Option(name: .long, help: ArgumentHelp("The PDF to write.", valueName: "file.pdf"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Build every quarter folder in this reports folder, in parallel across the cores (with --out-dir).", valueName: "reports-dir"))
    var all: String?

    @Option(name: .long, help: ArgumentHelp("With --all: the folder for the PDFs, named <quarter>-<edition>.pdf (created if missing).", valueName: "dir"))
    var outDir: String?

    @Option(name: .long, help: "board or public.")
    var edition: Edition = .board

    @Option(name: .long, help: ArgumentHelp("Also write every chart as SVG and PNG into this folder, for slides.", valueName: "dir"))
    var charts: String?

    func validate() throws {
        if let all {
            if quarterDirectory != nil { throw ValidationError("give either a quarter folder or --all, not both") }
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
        guard let quarterDirectory else {
            throw ValidationError("give a quarter folder such as reports/2021-22-Q3 (or --all REPORTS_DIR --out-dir DIR)")
        }
        try QuarterOptions.check(quarterDirectory)
        guard let out else { throw ValidationError("missing --out, the PDF to write (e.g. --out out/report.pdf)") }
        try OutputPath.check(out)
        if let charts, FileManager.default.fileExists(atPath: charts), !DiskWorld().isDirectory(charts) {
            throw ValidationError("--charts \(charts) is a file, not a folder")
        }
    }

    func run() throws {
        if let all, let outDir {
            try BuildAll(reports: all, outDir: outDir, edition: edition).run()
            return
        }
        guard let quarterDirectory, let out else { throw ExitStatus.usage }
        var clock = PhaseClock()
        let (input, diagnostics) = try QuarterOptions.load(quarterDirectory, consequence: "; no report was written")
        clock.lap("validate")
        let report = ReportBuild(input: input, diagnostics: diagnostics, edition: edition)
        let fonts: FontLibrary
        do { fonts = try FontLibrary.bundled() } catch {
            Console.err("cspreport: cannot load the report fonts: \(error)\n")
            throw ExitCode.failure
        }
        clock.lap("fonts")
        let renderer = Renderer(fonts: fonts)
        let document = report.document(branding: try report.branding())
        clock.lap("analysis and document")
        let laid = LayoutEngine(shaper: renderer.shaper).layout(document)
        clock.lap("layout")
        for w in laid.warnings { Console.err("warning: \(w)\n") }
        let bytes: [UInt8]
        if clock.enabled {
            // The two halves of Renderer.pdf, timed apart.
            let raw = try renderer.cairoPDF(laid)
            clock.lap("cairo")
            bytes = try AccessibilityPass(metadata: laid.metadata, figureAlts: raw.figureAlts,
                                          linkDescriptions: raw.linkDescriptions).run(raw.bytes)
            clock.lap("post-pass")
        } else {
            bytes = try renderer.pdf(laid)
        }
        try OutputPath.writeAtomically(bytes, to: out)
        clock.lap("write")
        clock.report()
        if let charts {
            try ChartExport.write(document: document, renderer: renderer, to: charts)
        }
        Console.err("wrote \(DiskWorld.display(out)): \(report.quarterName) \(edition.rawValue) edition, \(laid.pages.count) pages\n")
    }
}

/// Everything `build` needs from the validated input, apart from disk and fonts.
struct ReportBuild {
    var input: QuarterInput
    var diagnostics: [Diagnostic]
    var edition: Edition

    var quarterName: String { input.current.quarter.description }

    var analysis: QuarterAnalysis {
        QuarterAnalysis(partnership: input.partnership, current: input.current, history: input.history)
    }

    var crime: CrimeSection? {
        input.crime.map { CrimeAggregator.section($0, quarter: input.current.quarter, partnership: input.partnership) }
    }

    /// Every input file: the configuration, the quarter, the history that feeds its trends
    /// and the police.uk files the crime section uses.
    var inputs: [InputFile] {
        (input.configFile.map { [$0] } ?? []) + input.current.files + input.history.flatMap(\.files) + (crime?.files ?? [])
    }

    /// The document date comes from the inputs, never the clock: SOURCE_DATE_EPOCH when set
    /// (reproducible-builds convention), else the meeting date, else the quarter's last day.
    var date: DateTime {
        if let e = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let v = Int64(e) {
            return DateTime(unixSeconds: v)
        }
        let d = input.current.narrative?.meetingDate ?? input.current.quarter.end
        return DateTime(year: d.year, month: d.month, day: d.day)
    }

    func branding() throws -> Branding {
        let p = input.partnership
        var b = Branding(name: p.name, shortName: p.shortName)
        if let logo = p.logo {
            let path = Path.join(Path.parent(input.directory), logo)
            guard let size = Renderer.pngSize(path) else {
                Console.err("\(Path.join(Path.parent(input.directory), "csp.yaml")): error: logo \(TextMatch.quoted(logo)) is not a readable PNG image\n")
                throw ExitStatus.invalidInput
            }
            b.logoPath = path
            b.logoSize = size
        }
        return b
    }

    func document(branding: Branding) -> Document {
        let warnings = diagnostics.filter { $0.severity == .warning }.map(\.formatted)
        // The crime section is aggregated once: both the section and the list of inputs need it.
        let crime = self.crime
        let inputs = (input.configFile.map { [$0] } ?? []) + input.current.files + input.history.flatMap(\.files)
            + (crime?.files ?? [])
        return QuarterlyReport(analysis: analysis, edition: edition, branding: branding, date: date,
                               warnings: warnings, inputs: inputs, crime: crime).document()
    }
}

/// `--charts DIR`: each chart of the document as SVG and PNG, named by section.
enum ChartExport {
    static func write(document: Document, renderer: Renderer, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let builder = ChartBuilder(shaper: renderer.shaper)
        var section = "report"
        var sectionNumber = 0
        var index = 0
        for block in document.blocks {
            switch block {
            case .heading(let h) where h.level == 1:
                sectionNumber += 1
                section = h.id ?? slug(h.text)
                index = 0
            case .figure(let fig):
                index += 1
                let width = 480.0
                let built = builder.build(fig.chart, width: width, height: builder.naturalHeight(fig.chart, width: width))
                let name = String(format: "%02d-%@-%d", sectionNumber, section, index)
                try OutputPath.writeAtomically(try renderer.svg(built.frame()), to: Path.join(directory, name + ".svg"))
                try OutputPath.writeAtomically(try renderer.png(built.frame(), scale: 2), to: Path.join(directory, name + ".png"))
            default:
                continue
            }
        }
    }

    static func slug(_ s: String) -> String {
        String(s.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}

/// Checks and writes the output file so that a failure never damages an earlier report.
enum OutputPath {
    static func check(_ path: String) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw ValidationError("--out \(path) is a folder; give a file name such as \(Path.join(path, "report.pdf"))")
        }
        let folder = Path.parent(path)
        if !fm.fileExists(atPath: folder, isDirectory: &isDir) || !isDir.boolValue {
            throw ValidationError("--out \(path): the folder \(folder) does not exist")
        }
        if !fm.isWritableFile(atPath: folder) {
            throw ValidationError("--out \(path): the folder \(folder) cannot be written to")
        }
    }

    /// Writes beside the target and renames into place, so readers see the old file or the
    /// whole new one, never a part.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let folder = Path.parent(path)
        let temp = Path.join(folder, ".\(Path.lastComponent(path)).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temp, contents: Data(bytes)) else {
            Console.err("cspreport: cannot write \(path)\n")
            throw ExitCode.failure
        }
        if rename(temp, path) != 0 {
            unlink(temp)
            Console.err("cspreport: cannot write \(path): \(String(cString: strerror(errno)))\n")
            throw ExitCode.failure
        }
    }
}
