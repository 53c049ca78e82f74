import CSPCore

/// A CSV file read against the columns it must have: headers matched case-insensitively,
/// ignoring surrounding spaces, in any order.
public struct CSVTable: Sendable {
    public let file: String
    /// The expected columns, in the contract's order.
    public let columns: [String]
    public let rows: [CSVRow]
    public let encoding: TextEncoding
    /// Which expected columns the header had (optional ones may be absent).
    public let present: Set<String>

    /// Reads `bytes` as a table with the given columns. Returns nil when the file cannot be
    /// used at all (no header, a required column missing); the diagnostics say why.
    public static func read(bytes: [UInt8], file: String, required: [String], optional: [String] = [])
        -> (CSVTable?, [Diagnostic])
    {
        let (document, readDiagnostics) = CSVReader.read(bytes: bytes, file: file)
        var diagnostics = readDiagnostics
        guard let document else { return (nil, diagnostics) }
        let expected = required + optional
        guard let header = document.records.first else {
            diagnostics.append(.error(SourceLocation(file: file),
                                      "file is empty; it needs at least the header row: \(required.joined(separator: ","))"))
            return (nil, diagnostics)
        }
        // Excel in many European locales saves "CSV" with semicolons; a tab-separated export
        // is the other common one. Say so once instead of listing every column as missing.
        if header.fields.count == 1, let only = header.fields.first {
            for (separator, name) in [(";", "semicolons"), ("\t", "tabs")] {
                let names = only.value.split(separator: Character(separator)).map { normaliseHeader(String($0)) }
                if names.count > 1, names.contains(where: { expected.contains($0) }) {
                    diagnostics.append(.error(SourceLocation(file: file, line: only.line, column: only.column),
                                              "the columns are separated by \(name), not commas; save the file from Excel as \"CSV UTF-8 (Comma delimited) (*.csv)\""))
                    return (nil, diagnostics)
                }
            }
        }
        var indexOf: [String: Int] = [:]
        var ok = true
        for (i, field) in header.fields.enumerated() {
            let name = normaliseHeader(field.value)
            let at = SourceLocation(file: file, line: field.line, column: field.column)
            if name.isEmpty {
                // Excel leaves empty header cells after the last column; say nothing unless the
                // column holds data (checked per row below).
                continue
            }
            if let first = indexOf[name] {
                diagnostics.append(.error(at, "column \(TextMatch.quoted(name)) appears twice in the header (columns \(first + 1) and \(i + 1)); keep one"))
                ok = false
                continue
            }
            if expected.contains(name) {
                indexOf[name] = i
            } else {
                var message = "unknown column \(TextMatch.quoted(field.value.trimmingSpaces)) is ignored"
                if let s = TextMatch.suggestion(for: name, among: expected), indexOf[s] == nil,
                   !header.fields.contains(where: { normaliseHeader($0.value) == s }) {
                    message += "; did you mean \"\(s)\"?"
                }
                diagnostics.append(.warning(at, message))
            }
        }
        for name in required where indexOf[name] == nil {
            let first = header.fields.first
            diagnostics.append(.error(SourceLocation(file: file, line: first?.line ?? 1, column: 1),
                                      "the header has no \"\(name)\" column; the columns are: \(required.joined(separator: ","))"
                                        + (optional.isEmpty ? "" : " (optional: \(optional.joined(separator: ",")))")))
            ok = false
        }
        guard ok else { return (nil, diagnostics) }

        let slots = expected.map { indexOf[$0] }
        let headerWidth = header.fields.count
        // Columns in the contract's order (as Excel exports and `init` write them): a row of
        // the header's width is used as it is, sharing the reader's storage instead of a copy.
        let inOrder = headerWidth == slots.count && slots.enumerated().allSatisfy { $0.element == $0.offset }
        var rows: [CSVRow] = []
        rows.reserveCapacity(document.records.count - 1)
        var rowProblems = DiagnosticLimiter()
        for record in document.records.dropFirst() {
            if record.fields.count > headerWidth {
                let extra = record.fields[headerWidth...].filter { !$0.value.trimmingSpaces.isEmpty }
                if let first = extra.first {
                    rowProblems.add(.error(SourceLocation(file: file, line: first.line, column: first.column),
                                              "this row has \(record.fields.count) values but the header has \(headerWidth) columns (extra value \(TextMatch.quoted(first.value))); is there a comma in a value that is not in quotes?"))
                    continue
                }
            }
            if inOrder && record.fields.count == headerWidth {
                rows.append(CSVRow(line: record.line, fields: record.fields))
                continue
            }
            var fields: [CSVField] = []
            fields.reserveCapacity(slots.count)
            for slot in slots {
                if let slot, slot < record.fields.count {
                    fields.append(record.fields[slot])
                } else {
                    fields.append(CSVField(value: "", line: record.endLine, column: record.endColumn))
                }
            }
            rows.append(CSVRow(line: record.line, fields: fields))
        }
        diagnostics += rowProblems.all
        return (CSVTable(file: file, columns: expected, rows: rows, encoding: document.encoding,
                         present: Set(indexOf.keys)), diagnostics)
    }

    /// `Case ID`, ` case_id `, `CASE-ID` all name the column `case_id`.
    static func normaliseHeader(_ raw: String) -> String {
        var s = raw.trimmingSpaces.lowercased()
        s = String(s.unicodeScalars.map { $0 == " " || $0 == "-" ? "_" : Character($0) })
        return s
    }

    public func index(of column: String) -> Int? { columns.firstIndex(of: column) }
}

/// One data row: its fields in the table's column order.
public struct CSVRow: Sendable {
    public let line: Int
    public let fields: [CSVField]

    public subscript(_ index: Int) -> CSVField { fields[index] }
}
