import CSPCore

/// Writes rows the way Excel's "Save as CSV" does: fields quoted only when they must be
/// (a comma, a double quote, a line break, or leading/trailing space), quotes doubled, records
/// ended with CRLF, and, for "CSV UTF-8", a byte-order mark. Line breaks inside a cell stay LF,
/// as Excel writes a cell's Alt+Enter.
struct CSVText {
    private(set) var text: String = ""
    let withBOM: Bool

    init(header: [String], withBOM: Bool) {
        self.withBOM = withBOM
        append(header)
    }

    mutating func append(_ fields: [String]) {
        var first = true
        for field in fields {
            if !first { text.append(",") }
            first = false
            text.append(CSVText.escape(field))
        }
        text.append("\r\n")
    }

    static func escape(_ field: String) -> String {
        let needsQuotes = field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        var out = "\""
        for ch in field {
            if ch == "\"" { out.append("\"\"") } else { out.append(ch) }
        }
        out.append("\"")
        return out
    }

    var bytes: [UInt8] {
        (withBOM ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }
}

/// Dates as the chair's spreadsheet holds them: mostly ISO, some typed the UK way.
enum DateStyle: Sendable {
    case iso
    case uk

    func format(_ date: CalendarDate) -> String {
        switch self {
        case .iso: return date.description
        case .uk: return date.ukDescription
        }
    }
}

extension CalendarDate {
    func formatted(_ style: DateStyle) -> String { style.format(self) }
}
