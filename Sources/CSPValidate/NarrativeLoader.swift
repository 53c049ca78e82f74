import CSPCore
import CSPIngest
import CSPModel

enum NarrativeLoader {
    static let knownKeys = ["quarter", "prepared_by", "meeting_date", "summary", "highlights", "progress"]

    /// `plan`: the partnership's plan, whose outcomes `progress:` rates.
    static func load(bytes: [UInt8], file: String, quarter: Quarter, plan: Plan? = nil) -> (QuarterNarrative?, [Diagnostic]) {
        var (root, diagnostics) = YAMLReader.read(bytes: bytes, file: file)
        guard let root else { return (nil, diagnostics) }
        guard case .mapping(let entries) = root.kind else {
            diagnostics.append(.error(root.location, "quarter.yaml must be a set of keys (quarter:, prepared_by:, meeting_date:, summary:), not \(root.kindName)"))
            return (nil, diagnostics)
        }
        // The file's lines, to show a line back as it should be written.
        let lines = YAMLAdvice.lines(String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self))
        func line(_ location: SourceLocation) -> Substring? {
            guard let n = location.line, n >= 1, n <= lines.count else { return nil }
            return lines[n - 1]
        }
        for entry in entries where !knownKeys.contains(entry.key.lowercased()) {
            if let s = TextMatch.suggestion(for: entry.key, among: knownKeys) {
                diagnostics.append(.warning(entry.keyLocation, "unknown key \(TextMatch.quoted(entry.key)) is ignored; did you mean \"\(s)\"?"))
            } else if entry.key.contains(" ") {
                // A sentence at the left edge with a colon in it: text of the summary (or a
                // highlight) that YAML read as a key, which would be left out of the report.
                diagnostics.append(.error(entry.keyLocation, "this line starts at the left edge and has a colon followed by a space, so YAML reads \(TextMatch.quoted(entry.key)) as a key and the text would be left out; if it is part of the summary, \(YAMLAdvice.summaryHowTo)"))
            } else {
                diagnostics.append(.warning(entry.keyLocation, "unknown key \(TextMatch.quoted(entry.key)) is ignored"))
            }
        }
        let top = SourceLocation(file: file, line: 1, column: 1)
        /// A value written plainly on its line ends where " #" starts a comment: `- Case #12
        /// closed` is the highlight "Case". Text cut short in a published report is an error.
        func checkComment(after value: String, at location: SourceLocation, what: String, keyed: Bool) {
            guard let text = line(location), let column = location.column, column >= 1, column <= text.count else { return }
            let from = text.dropFirst(column - 1)
            guard from.hasPrefix(value) else { return }   // quoted, or over several lines
            let rest = from.dropFirst(value.count)
            guard rest.first == " " || rest.first == "\t", rest.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") else { return }
            diagnostics.append(.error(location, "\(what) is cut short at \" #\": YAML reads \(TextMatch.quoted(String(rest.drop(while: { $0 == " " || $0 == "\t" })))) as a comment and leaves it out; to keep it, put the text in double quotes: \(YAMLAdvice.code(YAMLAdvice.quotedLine(text, keyed: keyed)))"))
        }
        /// `howTo` replaces the one-line example for a value written over several lines.
        func text(_ key: String, example: String, howTo: String? = nil) -> (String, SourceLocation)? {
            guard let entry = root[key] else {
                diagnostics.append(.error(top, "\(key) is missing; " + (howTo ?? "add a line such as `\(key): \(example)`")))
                return nil
            }
            if case .null = entry.value.kind {
                diagnostics.append(.error(entry.value.location, "\(key) is empty; " + (howTo ?? "fill it in, e.g. `\(key): \(example)`")))
                return nil
            }
            guard let s = entry.value.string else {
                diagnostics.append(.error(entry.value.location, "\(key) must be text, not \(entry.value.kindName)"))
                return nil
            }
            if s.trimmingSpaces.isEmpty {
                // `summary: |` with nothing indented below it (as `init` writes it): the bar is
                // there already, the paragraphs are not.
                let message = key == "summary"
                    ? "summary is empty; write the paragraphs on the lines below \"summary: |\", every line indented by two spaces, with a blank line between paragraphs"
                    : "\(key) is empty; " + (howTo ?? "fill it in, e.g. `\(key): \(example)`")
                diagnostics.append(.error(entry.value.location, message))
                return nil
            }
            checkComment(after: s, at: entry.value.location, what: key, keyed: true)
            return (s, entry.value.location)
        }
        if let (q, at) = text("quarter", example: quarter.description), q.trimmingSpaces != quarter.description {
            diagnostics.append(.error(at, "quarter \(TextMatch.quoted(q.trimmingSpaces)) does not match the folder name \(quarter.description)"))
        }
        let preparedBy = text("prepared_by", example: "Jo Smith, PSG chair")?.0.trimmingSpaces ?? ""
        var meeting: CalendarDate?
        if let (m, at) = text("meeting_date", example: "2022-01-20") {
            switch CalendarDate.parse(m.trimmingSpaces) {
            case .success(let d):
                meeting = d
                if d < quarter.start {
                    diagnostics.append(.warning(at, "meeting_date \(d) is before the quarter starts (\(quarter.start.longDescription))"))
                }
            case .failure(let problem):
                // The same forms and explanations as the CSV files' dates.
                diagnostics.append(.error(at, "meeting_date \(TextMatch.quoted(m.trimmingSpaces)) \(problem.explanation(forms: "write it as 2022-01-20 or 20/01/2022"))"))
            }
        }
        var paragraphs: [String] = []
        if let (s, _) = text("summary", example: "", howTo: YAMLAdvice.summaryHowTo) {
            paragraphs = paragraphsOf(s)
        }
        var highlights: [String] = []
        if let entry = root["highlights"] {
            switch entry.value.kind {
            case .sequence(let items):
                for item in items {
                    if let s = item.string?.trimmingSpaces, !s.isEmpty {
                        highlights.append(s)
                        checkComment(after: s, at: item.location, what: "highlight", keyed: false)
                    } else if case .mapping = item.kind, let text = line(item.location) {
                        // `- Housing: two rough sleepers housed`: YAML reads a key and a value.
                        diagnostics.append(.error(item.location, "this highlight has a colon followed by a space, which YAML reads as a key and a value; put the line's text in double quotes: \(YAMLAdvice.code(YAMLAdvice.quotedLine(text, keyed: false)))"))
                    } else if case .null = item.kind, let text = line(item.location), text.drop(while: { $0 == " " }).dropFirst().drop(while: { $0 == " " }).hasPrefix("#") {
                        // `- #1 priority met`: all of it a comment.
                        diagnostics.append(.error(item.location, "this highlight starts with #, which YAML reads as the start of a comment, so the line is empty; put the line's text in double quotes: \(YAMLAdvice.code(YAMLAdvice.quotedLine(text, keyed: false)))"))
                    } else {
                        diagnostics.append(.error(item.location, "each highlight must be a line of text, not \(item.kindName)"))
                    }
                }
            case .null: break
            default:
                diagnostics.append(.error(entry.value.location, "highlights must be a list, each line starting with \"- \""))
            }
        }
        let (progress, progressDiagnostics) = PlanInput.progress(root["progress"], plan: plan, top: top) {
            checkComment(after: $0, at: $1, what: $2, keyed: true)
        }
        diagnostics += progressDiagnostics
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        return (QuarterNarrative(quarter: quarter, preparedBy: preparedBy, meetingDate: meeting,
                                 summary: paragraphs, highlights: highlights, progress: progress), diagnostics)
    }

    /// Paragraphs are separated by blank lines; lines within one are joined with spaces.
    static func paragraphsOf(_ text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = String(line).trimmingSpaces
            if t.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")); current = [] }
            } else {
                current.append(t)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        return paragraphs
    }
}
