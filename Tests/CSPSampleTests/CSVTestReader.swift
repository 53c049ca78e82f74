import CSPCore
import CSPSample

/// A small, strict RFC 4180 reader for the tests, independent of the product's reader, so the
/// generator is checked against the standard rather than against itself.
struct ParsedCSV {
    var hasBOM = false
    var header: [String] = []
    var rows: [[String]] = []
    /// Records that did not end with CRLF.
    var bareLineEnds = 0
    var problems: [String] = []

    init(_ bytes: [UInt8]) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            hasBOM = true
            body = body.dropFirst(3)
        }
        let text = String(decoding: body, as: UTF8.self)
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var afterQuote = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if scalars.first == "\"" {
                        field.unicodeScalars.append("\"")
                        scalars.removeFirst()
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                if field.isEmpty && !afterQuote { inQuotes = true } else { problems.append("stray quote") }
            case ",":
                record.append(field)
                field = ""
                afterQuote = false
            case "\r":
                guard scalars.first == "\n" else { problems.append("bare CR"); continue }
                scalars.removeFirst()
                record.append(field)
                records.append(record)
                (record, field, afterQuote) = ([], "", false)
            case "\n":
                bareLineEnds += 1
                record.append(field)
                records.append(record)
                (record, field, afterQuote) = ([], "", false)
            default:
                if afterQuote { problems.append("text after closing quote") }
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { problems.append("unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty {
            problems.append("last record has no line end")
            record.append(field)
            records.append(record)
        }
        header = records.first ?? []
        rows = Array(records.dropFirst())
    }

    /// Rows as dictionaries keyed by header name.
    var records: [[String: String]] {
        rows.map { Dictionary(zip(header, $0).map { ($0, $1) }, uniquingKeysWith: { a, _ in a }) }
    }
}

extension SampleQuarter {
    func file(_ name: String) -> SampleFile? { files.first { $0.name == name } }

    func csv(_ name: String) -> ParsedCSV {
        ParsedCSV(file(name)?.bytes ?? [])
    }
}

func parseDate(_ text: String) -> CalendarDate? {
    try? CalendarDate.parse(text).get()
}
