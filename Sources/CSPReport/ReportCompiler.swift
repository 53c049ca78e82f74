import CSPAggregate
import CSPCharts
import CSPCore
import CSPDisplay
import CSPLayout
import CSPModel
import CSPValidate

/// The one way a quarter's report is made: the CLI (`build`, and each child of `build --all`),
/// the fuzz target and the tests all call `compile`, so none of them can leave out a part of
/// the report (the crime section, the appendix's list of inputs, the date rule) that the
/// others include. Pure: what comes from disk or the clock (the logo's size, the
/// SOURCE_DATE_EPOCH date) is read by the caller and passed in.
public enum ReportCompiler {
    /// The partnership's logo as the caller found it on disk: the path the renderer draws from
    /// and its size in pixels.
    public struct Logo: Sendable {
        public var path: String
        public var size: Size
        public init(path: String, size: Size) {
            self.path = path
            self.size = size
        }
    }

    public struct Report: Sendable {
        public var document: Document
        /// Warnings for the public edition that the chair should read before publishing (see
        /// `publicNarrativeWarnings`); empty for the board edition.
        public var warnings: [Diagnostic]
    }

    /// The report of `input`, validated with `diagnostics` (whose warnings the appendix lists).
    /// `date` is the document's date when the caller has one (SOURCE_DATE_EPOCH, by the
    /// reproducible-builds convention); without it the date comes from the inputs, never the
    /// clock: the meeting date, else the quarter's last day.
    public static func compile(input: QuarterInput, diagnostics: [Diagnostic], edition: Edition,
                               date: DateTime? = nil, logo: Logo? = nil) -> Report {
        let input = input.namingFilesFromReportsFolder()
        let analysis = QuarterAnalysis(partnership: input.partnership, current: input.current, history: input.history)
        // The crime section is aggregated once: both the section and the list of inputs need it.
        let crime = input.crime.map { CrimeAggregator.section($0, quarter: input.current.quarter, partnership: input.partnership) }
        let document = QuarterlyReport(analysis: analysis, edition: edition, branding: branding(input.partnership, logo: logo),
                                       date: date ?? documentDate(input),
                                       warnings: diagnostics.filter { $0.severity == .warning },
                                       inputs: inputs(input, crime: crime), crime: crime).document()
        return Report(document: document, warnings: edition == .public ? publicNarrativeWarnings(input) : [])
    }

    /// The annual report of `input`'s year, in the same way: the last quarter's analysis (its
    /// summary and its history's, computed once) gives every quarter's summary, which the
    /// year's figures are composed from. `diagnostics` are the year's load's.
    public static func compileYear(input: YearInput, diagnostics: [Diagnostic], edition: Edition,
                                   date: DateTime? = nil, logo: Logo? = nil) -> Report {
        let input = input.namingFilesFromReportsFolder()
        let last = input.last
        let analysis = QuarterAnalysis(partnership: input.partnership, current: last.current, history: last.history)
        let summaries = analysis.history + [analysis.summary]
        let year = input.year
        let files = input.files
        let base = QuarterlyReport(analysis: analysis, edition: edition, branding: branding(input.partnership, logo: logo),
                                   date: date ?? DateTime(year: year.end.year, month: year.end.month, day: year.end.day),
                                   warnings: diagnostics.filter { $0.severity == .warning }, inputs: files)
        guard let summary = YearAggregator.combine(summaries, year: year, partnership: input.partnership) else {
            preconditionFailure("YearLoader returns a year with at least one quarter")
        }
        let previous = year.previous.flatMap { YearAggregator.combine(summaries, year: $0, partnership: input.partnership) }
        let before = year.quarters[0].previous
        // A year's listings are a summary of four quarters': shorter than a quarter's.
        var writer = base
        writer.listingLimit = 40
        let report = AnnualReport(year: summary, previousYear: previous, records: input.quarters,
                                  projectsAtStart: input.previousYear.last { $0.quarter == before }?.projects,
                                  crime: input.crime.map { YearCrime($0, year: year, partnership: input.partnership) }, r: writer)
        return Report(document: report.document(), warnings: [])
    }

    /// The partnership's look, from csp.yaml: the report and the specimen both take it here.
    public static func branding(_ p: Partnership, logo: Logo?) -> Branding {
        var b = Branding(name: p.name, shortName: p.shortName)
        b.logoPath = logo?.path
        b.logoSize = logo?.size
        guard let palette = p.palette else { return b }
        b.primary = palette.primary.map(color)
        // The accent leads the charts' colours; the Analysis Function's follow, less any that
        // would be mistaken for it.
        if let accent = palette.accent {
            b.palette = [color(accent)] + Palette.analysisFunction.filter {
                rgb($0).difference(from: accent) >= 20 && rgb($0) != accent
            }
        }
        b.areaColors = palette.areas.mapValues(color)
        return b
    }

    static func color(_ c: RGB) -> Color {
        Color(red: Double(c.red) / 255, green: Double(c.green) / 255, blue: Double(c.blue) / 255)
    }

    static func rgb(_ c: Color) -> RGB {
        func byte(_ v: Double) -> UInt8 { UInt8(max(0, min(255, (v * 255).rounded()))) }
        return RGB(red: byte(c.red), green: byte(c.green), blue: byte(c.blue))
    }

    /// The meeting date, else the quarter's last day.
    static func documentDate(_ input: QuarterInput) -> DateTime {
        let d = input.current.narrative?.meetingDate ?? input.current.quarter.end
        return DateTime(year: d.year, month: d.month, day: d.day)
    }

    /// Every input file, for the appendix: the configuration, the quarter, the history that
    /// feeds its trends, older psg-cases.csv files that case references needed, and the
    /// police.uk files the crime section uses.
    static func inputs(_ input: QuarterInput, crime: CrimeSection?) -> [InputFile] {
        (input.configFile.map { [$0] } ?? []) + input.current.files + input.history.flatMap(\.files) + input.referencedFiles
            + (crime?.files ?? [])
    }

    /// The chair's summary, highlights and notes on the plan's outcomes stay in the public
    /// edition as written: warn when they quote a case or blocker (its id, title or
    /// description), which the public edition otherwise withholds, so the chair can check the
    /// words are fit to publish.
    static func publicNarrativeWarnings(_ input: QuarterInput) -> [Diagnostic] {
        guard let n = input.current.narrative else { return [] }
        let notes = input.partnership.plan?.outcomeIDs.compactMap { n.progress?[$0]?.note } ?? []
        return [("the chair's summary or highlights quote", n.summary + n.highlights),
                ("the notes on the plan's outcomes in progress: quote", notes)].compactMap { what, text in
            let quoted = quotedRecords(in: text, input.current)
            guard !quoted.isEmpty else { return nil }
            let file = Path.join(input.directory, "quarter.yaml")
            return .warning(SourceLocation(file: file), "\(what) \(TextMatch.list(Array(quoted.prefix(6))))\(quoted.count > 6 ? " and \(quoted.count - 6) more" : ""); the public edition prints them as written, so check they are fit to publish")
        }
    }

    /// The cases and blockers that `texts` quote.
    static func quotedRecords(in texts: [String], _ records: QuarterRecords) -> [String] {
        // Searched as UTF-8 bytes: a county quarter has thousands of cases and blockers, and
        // String.contains compares characters one by one.
        let text = Array(texts.joined(separator: "\n").lowercased().utf8)
        guard !text.isEmpty else { return [] }
        func quotes(_ s: String) -> Bool {
            let needle = Array(s.lowercased().utf8)
            guard let first = needle.first else { return true }
            guard needle.count <= text.count else { return false }
            for i in 0...(text.count - needle.count) where text[i] == first {
                if text[i..<(i + needle.count)].elementsEqual(needle) { return true }
            }
            return false
        }
        var quoted: [String] = []
        for c in records.cases where quotes(c.id) || (c.title.count >= 12 && quotes(c.title)) {
            quoted.append("case \(c.id)")
        }
        for b in records.blockers where quotes(b.id) || (b.description.count >= 12 && quotes(b.description)) {
            quoted.append("blocker \(b.id)")
        }
        return quoted
    }
}
