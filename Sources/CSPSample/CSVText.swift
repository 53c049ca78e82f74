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
        // Scanned as UTF-8 bytes: the characters that matter are ASCII, and a byte scan avoids
        // grapheme breaking on 100,000s of fields at large scales.
        let bytes = field.utf8
        let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            || bytes.first == UInt8(ascii: " ") || bytes.last == UInt8(ascii: " ")
        guard needsQuotes else { return field }
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(bytes.count + 8)
        for b in bytes {
            out.append(b)
            if b == UInt8(ascii: "\"") { out.append(b) }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
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
