import ArgumentParser
import CSPAggregate
import CSPCore
import CSPModel
import CSPValidate

/// `cspreport explain`: the input rows behind one figure of `summary --json`.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "List the input rows behind one figure of the summary (a board tool).",
        discussion: """
            POINTER is a JSON Pointer into `cspreport summary QUARTER_DIR --json`, such as \
            /areas/North/cases/opened or "/totals/activity/engagement/Engagement events" (a / inside \
            a name is written ~1: /areas/West~1Central/successes). Each row is printed as \
            FILE:LINE: and what the row is; for a sum, with the value it adds. A pointer to a group \
            (/areas/North/cases) lists the figures in it.
            With --year 2024-25, give the reports folder: POINTER is then a figure of \
            `cspreport summary REPORTS_DIR --year 2024-25 --json`, and its rows are those of the \
            year's quarters that make it (every quarter's for a flow, the first quarter's start or \
            the last quarter's end for a stock).
            This is for the board and the PSG: it shows the records themselves (case titles, \
            blockers), which the public edition never lists.
            Exit status: 0 explained, 1 invalid input, 2 usage error (a pointer that names no figure).
            """
    )

    @OptionGroup var quarter: QuarterOptions

    @Argument(help: ArgumentHelp("A figure of the summary, e.g. /areas/North/cases/opened.", valueName: "pointer"))
    var pointer: String

    @Flag(help: "Print JSON: {\"figure\", \"value\", \"rows\": [{\"file\", \"line\", \"value\", …}]}.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("A figure of this financial year's summary, such as 2024-25: the first argument is then the reports folder.", valueName: "year"))
    var year: String?

    func validate() throws {
        if let year {
            if FinancialYear.parse(year) == nil {
                throw ValidationError("--year \(year) is not a financial year: write it as the quarter folders do, such as 2024-25")
            }
        } else {
            try QuarterOptions.refuseReportsFolder(quarter.quarterDirectory, year: true)
        }
    }

    func run() throws {
        if let year {
            let (input, _) = try YearOptions.load(quarter.quarterDirectory, year: year)
            guard let trace = YearTrace(records: input.quarters, year: input.year, partnership: input.partnership, police: input.crime) else {
                throw ExitStatus.invalidInput
            }
            try explain(YearSummaryJSON.render(trace.summary), rows: trace.rows(at:)) { ExplainText.yearTitle($0, year: trace.summary) }
            return
        }
        let (input, _) = try quarter.load()
        let trace = SummaryTrace(records: input.current, partnership: input.partnership, police: input.crime)
        try explain(SummaryJSON.render(trace.summary), rows: trace.rows(at:)) { ExplainText.quarterTitle($0, quarter: trace.summary.quarter) }
    }

    /// Explains `pointer` in `summaryJSON`, whose figures' rows `rows` gives; `title` says what
    /// a figure is.
    func explain(_ summaryJSON: String, rows traced: (SummaryPointer) -> [TracedRow]?,
                 title: (SummaryPointer) -> (text: String, isSum: Bool)) throws {
        guard let pointers = SummaryPointers(json: summaryJSON) else {
            Console.err("internal error: the summary's JSON could not be read back\n")
            throw ExitStatus.invalidInput
        }
        guard let target = SummaryPointer(pointer), let value = pointers.value(at: target) else {
            throw usage(ExplainText.unknown(pointer, pointers: pointers, directory: quarter.quarterDirectory))
        }
        switch value {
        case .other(let what):
            let why = what == "null" ? " (police.uk data is not available for this quarter)" : ""
            throw usage("\(target) is \(what), not a figure\(why).\n")
        case .object(let figures):
            Console.out(json ? ExplainText.listJSON(target, figures, pointers) : ExplainText.list(target, figures, pointers))
        case .number(let n):
            guard let rows = traced(target) else {
                Console.err("internal error: \(target) has no trace\n")
                throw ExitStatus.invalidInput
            }
            let sum = rows.map(\.value).reduce(0, +)
            if sum != n {
                Console.err("internal error: the rows behind \(target) add up to \(sum), not \(n)\n")
            }
            Console.out(json ? ExplainText.json(target, value: n, rows: rows)
                        : ExplainText.plain(title(target), value: n, rows: rows))
            if sum != n { throw ExitStatus.invalidInput }
        }
    }

    private func usage(_ message: String) -> ExitCode {
        Console.err(message)
        return ExitStatus.usage
    }
}

/// What explain prints.
enum ExplainText {
    /// "North, 2024-25-Q3 — PSG cases opened in the quarter (…)", and whether each row adds a
    /// number of its own.
    static func quarterTitle(_ pointer: SummaryPointer, quarter: Quarter) -> (text: String, isSum: Bool) {
        guard let (area, figure) = SummaryTrace.figure(at: pointer) else { return ("\(pointer)", false) }
        return ("\(area ?? "All areas"), \(quarter) — \(figure.label(quarter))", figure.isSum)
    }

    /// The same for a figure of the year's summary.
    static func yearTitle(_ pointer: SummaryPointer, year y: YearSummary) -> (text: String, isSum: Bool) {
        let t = pointer.tokens
        let covered = y.quarters.map { "Q\($0.quarter.number)" }
        let quarters = TextMatch.list(covered)
        if t.first == "cases_changed_between_quarters", t.count == 2 {
            return ("\(t[1] == "total" ? "All areas" : t[1]), \(y.year) — PSG cases open at a quarter's start less those open at the end of the quarter before (reopened, moved area, added late or left out; +1 for a case open at a start and not at the end before it, −1 for the reverse)", true)
        }
        if t.first == "crime" {
            let scope = t.count == 4 ? t[2] : "All areas"
            let months = t.count > 1 && t[1] == "previous_year" ? "the months of \(y.year.previous?.description ?? "the year before")" : "the year's months with a police.uk file"
            return ("\(scope), \(y.year) — police.uk \(t.last == "asb" ? "anti-social behaviour" : "crime and anti-social behaviour, every row") over \(months)", false)
        }
        guard let (area, figure) = SummaryTrace.figure(at: pointer), let first = y.quarters.first, let last = y.quarters.last else {
            return ("\(pointer)", false)
        }
        let what: String
        switch figure {
        case .casesOpenAtStart: what = "PSG cases open at the start of the year (\(first.quarter.title)'s open at start)"
        case .casesOpenAtEnd: what = "PSG cases open at the end of the year (\(last.quarter.title)'s open at end)"
        case .blockersOpen, .blockersEscalatedOpen, .projects: what = figure.label(last.quarter) + " at the end of \(last.quarter.title)"
        default: what = figure.label(first.quarter).replacingOccurrences(of: " in the quarter (\(first.quarter.start) to \(first.quarter.end))", with: "")
            .replacingOccurrences(of: " in the quarter", with: "") + ", added up over \(quarters)"
        }
        return ("\(area ?? "All areas"), \(y.year) — \(what)", figure.isSum)
    }

    static func plain(_ title: (text: String, isSum: Bool), value: Int, rows: [TracedRow]) -> String {
        var out = "\(title.text): \(value)\n"
        let files = Set(rows.map { lastComponent($0.source.file) }).sorted()
        let these = rows.count == 1 ? "this row" : "these \(rows.count) rows"
        let signed = rows.contains { $0.value < 0 }
        if rows.isEmpty {
            out += title.isSum ? "No row adds to it.\n" : "No row is counted.\n"
        } else if title.isSum {
            out += "The sum of \(these) of \(TextMatch.list(files)):\n"
        } else {
            out += "Counted from \(these) of \(TextMatch.list(files))\(rows.count == 1 ? "" : ", one each"):\n"
        }
        for r in rows {
            // A row that takes away is marked, as is one that adds beside it.
            let sign = signed ? (r.value < 0 ? "−\(-r.value) " : "+\(r.value) ") : ""
            out += "\(place(r.source)): \(sign)\(r.description)\n"
        }
        return out
    }

    /// `FILE:LINE`, and the spreadsheet's row number when it is not the line; in a workbook
    /// `FILE:SHEET!A15`, the row's first cell.
    static func place(_ s: RowSource) -> String {
        if let cell = cell(s) { return "\(s.file):\(cell)" }
        return "\(s.file):\(s.line)" + (s.row.map { ": row \($0)" } ?? "")
    }

    /// The row's first cell, `psg-cases!A15`, when the row is in a workbook's sheet.
    static func cell(_ s: RowSource) -> String? {
        s.sheet.map { "\($0)!A\(s.row ?? s.line)" }
    }

    static func json(_ pointer: SummaryPointer, value: Int, rows: [TracedRow]) -> String {
        var w = JSONWriter()
        w.beginObject()
            w.key("figure"); w.string(pointer.description)
            w.key("value"); w.number(value)
            w.key("rows")
            w.beginArray()
                for r in rows {
                    w.beginObject()
                        w.key("file"); w.string(r.source.file)
                        w.key("line"); w.number(r.source.line)
                        if let row = r.source.row { w.key("row"); w.number(row) }
                        if let cell = cell(r.source) { w.key("cell"); w.string(cell) }
                        w.key("value"); w.number(r.value)
                        if let id = r.id { w.key("id"); w.string(id) }
                        w.key("description"); w.string(r.description)
                    w.endObject()
                }
            w.endArray()
        w.endObject()
        return w.output + "\n"
    }

    static func list(_ pointer: SummaryPointer, _ figures: [SummaryPointer], _ pointers: SummaryPointers) -> String {
        let at = pointer.tokens.isEmpty ? "The summary" : "\(pointer)"
        var out = "\(at) is a group of \(English.count(figures.count, "figure")); explain one of them:\n"
        for f in figures {
            if case .number(let n)? = pointers.value(at: f) { out += "  \(f)  (\(n))\n" }
        }
        return out
    }

    static func listJSON(_ pointer: SummaryPointer, _ figures: [SummaryPointer], _ pointers: SummaryPointers) -> String {
        var w = JSONWriter()
        w.beginObject()
            w.key("group"); w.string(pointer.description)
            w.key("figures")
            w.beginObject()
                for f in figures {
                    if case .number(let n)? = pointers.value(at: f) { w.key(f.description); w.number(n) }
                }
            w.endObject()
        w.endObject()
        return w.output + "\n"
    }

    /// The message for a pointer that names nothing: the valid pointers near it, or the keys
    /// where it goes wrong.
    static func unknown(_ text: String, pointers: SummaryPointers, directory: String) -> String {
        let shown = TextMatch.quoted(text, max: 120)
        var out = "\(shown) is not a figure of the summary"
        let near = pointers.suggestions(for: text)
        if !near.isEmpty {
            out += "; did you mean " + TextMatch.list(near.map { "\($0)" }, conjunction: "or") + "?"
            if text.contains("/"), near.contains(where: { $0.description.contains("~1") }) {
                out += " (a / inside a name is written ~1)"
            }
            return out + "\n"
        }
        if !text.hasPrefix("/") {
            return out + "; a pointer starts with /, such as /areas/North/cases/opened or /totals/successes.\n"
        }
        let tokens = SummaryPointer(text)?.tokens
            ?? text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let valid = pointers.longestValidPrefix(of: SummaryPointer(tokens: tokens))
        let keys = pointers.keys(at: valid)
        let at = valid.tokens.isEmpty ? "the summary" : "\(valid)"
        if keys.isEmpty { return out + ".\n" }
        return out + "; under \(at) there are: " + keys.map { TextMatch.quoted($0) }.joined(separator: ", ")
            + ". `cspreport explain \(directory) \(valid.tokens.isEmpty ? "''" : valid.description)` lists its figures.\n"
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
