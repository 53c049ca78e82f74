import CSPDisplay
import CSPLayout
import Foundation

/// A table in a box of its own that scrolls sideways when the table is wider than the screen
/// (the page itself never does): the box is a named region that takes keyboard focus, so it
/// can be scrolled without a mouse (WCAG 2.1.1).
struct HTMLTable {
    var table: Table
    /// Unique in the page.
    var id: String
    /// Names the scrolling box when the table has no caption: the heading above it.
    var fallbackName: String
    /// An earlier table in the page has the same caption: the box is then named by the caption
    /// and the heading above, as region landmarks need names of their own.
    var captionRepeated = false

    func markup() -> String {
        var m = Markup()
        let t = table
        let label: String
        if let caption = t.caption {
            label = captionRepeated ? Markup.attribute("aria-label", "\(caption) (\(fallbackName))") : " aria-labelledby=\"\(id)-caption\""
        } else {
            label = Markup.attribute("aria-label", "Table: \(fallbackName)")
        }
        // A short table stays whole on a printed page rather than leave its header at a page foot.
        let keep = t.rows.count <= Self.keptWholeInPrint ? " keep" : ""
        m.line("<div class=\"table-wrap\(keep)\" role=\"region\"\(label) tabindex=\"0\">")
        let short = shortColumns
        m.line(short.allSatisfy { $0 } ? "<table id=\"\(id)\" class=\"compact\">" : "<table id=\"\(id)\">")
        if let caption = t.caption { m.line("<caption id=\"\(id)-caption\">\(Markup.escape(caption))</caption>") }
        if !t.headerRows.isEmpty {
            m.line("<thead>")
            for row in t.headerRows {
                m.raw("<tr>")
                for (col, cell) in row.enumerated() {
                    let cls = Self.alignment(t, col).map { " class=\"\($0)\"" } ?? ""
                    // An empty corner cell heads nothing: a data cell, so no header is empty.
                    if cell.text.trimmingCharacters(in: .whitespaces).isEmpty {
                        m.raw("<td\(cls)></td>")
                    } else {
                        m.raw("<th scope=\"col\"\(cls)>\(Markup.runs(cell.runs))</th>")
                    }
                }
                m.line("</tr>")
            }
            m.line("</thead>")
        }
        m.line("<tbody>")
        for (r, row) in t.rows.enumerated() {
            var rowClasses: [String] = []
            if t.groupRows.contains(r) { rowClasses.append("group") }
            if t.totalRow && r == t.rows.count - 1 { rowClasses.append("total") }
            m.raw(rowClasses.isEmpty ? "<tr>" : "<tr class=\"\(rowClasses.joined(separator: " "))\">")
            for (col, cell) in row.enumerated() {
                m.raw(Self.cell(cell, table: t, column: col, short: col < short.count && short[col]))
            }
            m.line("</tr>")
        }
        m.line("</tbody>")
        m.line("</table>")
        m.line("</div>")
        if let note = t.note { m.line("<p class=\"note table-note\">\(Markup.escape(note))</p>") }
        return m.text
    }

    /// Columns whose every body line is short (dates, areas, codes, numbers, statuses): they
    /// never wrap, as in the PDF, where such columns keep their natural width.
    var shortColumns: [Bool] {
        let n = max(table.columns.count, table.rows.map(\.count).max() ?? 0)
        return (0..<n).map { col in
            table.rows.allSatisfy { row in
                col >= row.count || row[col].text.split(separator: "\n").allSatisfy { $0.count <= Self.shortLine }
            }
        }
    }
    static let shortLine = 16
    static let keptWholeInPrint = 20

    /// The column's alignment as a class name, when it is not the default (left).
    static func alignment(_ t: Table, _ col: Int) -> String? {
        guard col < t.columns.count else { return nil }
        switch t.columns[col].alignment {
        case .right: return "num"
        case .center: return "center"
        default: return nil
        }
    }

    static func cell(_ cell: TableCell, table t: Table, column col: Int, short: Bool) -> String {
        var classes: [String] = []
        // A column of running text keeps a readable measure on a phone (the box scrolls instead).
        classes.append(short ? "short" : "text")
        if let align = alignment(t, col) { classes.append(align) }
        var inner = Markup.runs(cell.runs)
        if let status = cell.status {
            // The word carries the status; the colour only repeats it.
            inner = "<span class=\"status status-\(status.name)\">\(inner)</span>"
        }
        var style = ""
        if cell.indent > 0 { style = " style=\"padding-left:calc(0.5rem + \(svgNumber(cell.indent * 1.33))px)\"" }
        let isRowHeader = t.rowHeaders && col == 0 && !cell.text.trimmingCharacters(in: .whitespaces).isEmpty
        if isRowHeader, let spoken = cell.spokenText, spoken != cell.text {
            // What the PDF's row header reads aloud (the group and the measure), said here too:
            // the words the visible text leaves out, for screen readers only.
            if spoken.hasSuffix(cell.text) {
                inner = "<span class=\"visually-hidden\">\(Markup.escape(String(spoken.dropLast(cell.text.count))))</span>" + inner
            } else {
                inner = "<span class=\"visually-hidden\">\(Markup.escape(spoken))</span><span aria-hidden=\"true\">\(inner)</span>"
            }
        }
        let cls = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        return isRowHeader ? "<th scope=\"row\"\(cls)\(style)>\(inner)</th>" : "<td\(cls)\(style)>\(inner)</td>"
    }
}

extension CellStatus {
    var name: String {
        switch self {
        case .good: return "good"
        case .warning: return "warning"
        case .bad: return "bad"
        case .neutral: return "neutral"
        }
    }
}
