import CSPCore

/// Warnings that many rows of one file repeat, kept as one message per kind: the first row's
/// message, how many more rows have it, and their spreadsheet rows (PRODUCT.md, "Warnings are for people":
/// one message per kind of problem per file, never hundreds of lines).
struct RepeatedWarnings {
    private var groups: [String: (first: Diagnostic, lines: [Int], count: Int)] = [:]
    private var order: [String] = []

    /// The rows listed after the first.
    static let linesShown = 8

    /// Adds one row's warning; the message is only made for the first of its kind.
    mutating func add(kind: String, row line: Int, _ location: @autoclosure () -> SourceLocation,
                      _ message: @autoclosure () -> String) {
        if !repeated(kind: kind, line: line) { first(kind: kind, line: line, .warning(location(), message())) }
    }

    /// Counts one more row of a kind already seen; false for a new kind.
    mutating func repeated(kind: String, line: Int) -> Bool {
        guard var g = groups[kind] else { return false }
        g.count += 1
        if g.lines.count <= RepeatedWarnings.linesShown { g.lines.append(line) }
        groups[kind] = g
        return true
    }

    /// The first row of a kind.
    mutating func first(kind: String, line: Int, _ diagnostic: Diagnostic) {
        groups[kind] = (diagnostic, [line], 1)
        order.append(kind)
    }

    var all: [Diagnostic] {
        order.compactMap { kind in
            guard let g = groups[kind] else { return nil }
            return RepeatedWarnings.summarised(g.first, lines: g.lines, count: g.count)
        }
    }

    /// The first message of a kind, followed by how many more rows have it and where.
    static func summarised(_ first: Diagnostic, lines: [Int], count: Int) -> Diagnostic {
        guard count > 1 else { return first }
        let more = count - 1
        let shown = lines.dropFirst().prefix(linesShown).map(String.init)
        var text = first.message + " (\(more) more \(more == 1 ? "row has" : "rows have") the same kind of problem: row\(more == 1 ? "" : "s") \(shown.joined(separator: ", "))"
        if more > shown.count { text += ", …" }
        return Diagnostic(first.severity, first.location, text + ")", count: count)
    }
}
