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

    func run() throws {
        let (input, _) = try quarter.load()
        let trace = SummaryTrace(records: input.current, partnership: input.partnership, police: input.crime)
        let summaryJSON = SummaryJSON.render(trace.summary)
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
            guard let rows = trace.rows(at: target) else {
                Console.err("internal error: \(target) has no trace\n")
                throw ExitStatus.invalidInput
            }
            let sum = rows.map(\.value).reduce(0, +)
            if sum != n {
                Console.err("internal error: the rows behind \(target) add up to \(sum), not \(n)\n")
            }
            Console.out(json ? ExplainText.json(target, value: n, rows: rows)
                        : ExplainText.plain(target, value: n, rows: rows, quarter: trace.summary.quarter))
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
    static func plain(_ pointer: SummaryPointer, value: Int, rows: [TracedRow], quarter: Quarter) -> String {
        guard let (area, figure) = SummaryTrace.figure(at: pointer) else { return "" }
        var out = "\(area ?? "All areas"), \(quarter) — \(figure.label(quarter)): \(value)\n"
        let files = Set(rows.map { lastComponent($0.source.file) }).sorted()
        let these = rows.count == 1 ? "this row" : "these \(rows.count) rows"
        if rows.isEmpty {
            out += figure.isSum ? "No row adds to it.\n" : "No row is counted.\n"
        } else if figure.isSum {
            out += "The sum of \(these) of \(TextMatch.list(files)):\n"
        } else {
            out += "Counted from \(these) of \(TextMatch.list(files))\(rows.count == 1 ? "" : ", one each"):\n"
        }
        for r in rows { out += "\(place(r.source)): \(r.description)\n" }
        return out
    }

    /// `FILE:LINE`, and the spreadsheet's row number when it is not the line.
    static func place(_ s: RowSource) -> String {
        "\(s.file):\(s.line)" + (s.row.map { ": row \($0)" } ?? "")
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
