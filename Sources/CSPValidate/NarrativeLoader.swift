import CSPCore
import CSPIngest
import CSPModel

enum NarrativeLoader {
    static let knownKeys = ["quarter", "prepared_by", "meeting_date", "summary", "highlights"]

    static func load(bytes: [UInt8], file: String, quarter: Quarter) -> (QuarterNarrative?, [Diagnostic]) {
        var (root, diagnostics) = YAMLReader.read(bytes: bytes, file: file)
        guard let root else { return (nil, diagnostics) }
        guard case .mapping(let entries) = root.kind else {
            diagnostics.append(.error(root.location, "quarter.yaml must be a set of keys (quarter:, prepared_by:, meeting_date:, summary:), not \(root.kindName)"))
            return (nil, diagnostics)
        }
        for entry in entries where !knownKeys.contains(entry.key.lowercased()) {
            var message = "unknown key \(TextMatch.quoted(entry.key)) is ignored"
            if let s = TextMatch.suggestion(for: entry.key, among: knownKeys) { message += "; did you mean \"\(s)\"?" }
            diagnostics.append(.warning(entry.keyLocation, message))
        }
        let top = SourceLocation(file: file, line: 1, column: 1)
        func text(_ key: String, example: String) -> (String, SourceLocation)? {
            guard let entry = root[key] else {
                diagnostics.append(.error(top, "\(key) is missing; add a line such as `\(key): \(example)`"))
                return nil
            }
            if case .null = entry.value.kind {
                diagnostics.append(.error(entry.value.location, "\(key) is empty; fill it in, e.g. `\(key): \(example)`"))
                return nil
            }
            guard let s = entry.value.string, !s.trimmingSpaces.isEmpty else {
                diagnostics.append(.error(entry.value.location, "\(key) must be text, not \(entry.value.kindName)"))
                return nil
            }
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
        if let (s, _) = text("summary", example: "The chair's narrative… (or | and the paragraphs indented below)") {
            paragraphs = paragraphsOf(s)
        }
        var highlights: [String] = []
        if let entry = root["highlights"] {
            switch entry.value.kind {
            case .sequence(let items):
                for item in items {
                    if let s = item.string?.trimmingSpaces, !s.isEmpty {
                        highlights.append(s)
                    } else {
                        diagnostics.append(.error(item.location, "each highlight must be a line of text, not \(item.kindName)"))
                    }
                }
            case .null: break
            default:
                diagnostics.append(.error(entry.value.location, "highlights must be a list, each line starting with \"- \""))
            }
        }
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        return (QuarterNarrative(quarter: quarter, preparedBy: preparedBy, meetingDate: meeting,
                                 summary: paragraphs, highlights: highlights), diagnostics)
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
