import CSPCore

/// Where one field lies in the bytes of a file. Nothing is copied: a value becomes a String
/// only when a caller asks for it.
public struct CSVFieldSpan: Sendable {
    /// First byte of the field as written (its opening quote, if quoted).
    public var start: Int
    /// One past the last byte of the field as written (before the comma or line end).
    public var end: Int
    /// The line where the field starts, and the offset where that line starts (for the column).
    public var line: Int
    public var lineStart: Int
    public var quoted: Bool
}

/// One record of a scanned file: valid only inside the `forEachRecord` body that receives it.
public struct CSVScanRecord {
    /// The line where the record starts (1-based).
    public internal(set) var line: Int = 1
    /// The record's row in Excel, as `CSVRecord.row`: blank records count.
    public internal(set) var row: Int = 1
    public internal(set) var spans: [CSVFieldSpan] = []
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
        spans.reserveCapacity(16)
    }

    public var count: Int { spans.count }

    /// The field's bytes with surrounding ASCII spaces and tabs removed, when it is not quoted;
    /// nil for quoted fields (whose value must be decoded, see `string(_:)`).
    @inline(__always)
    public func rawTrimmed(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        let s = spans[i]
        if s.quoted { return nil }
        var a = s.start, b = s.end
        while a < b && (bytes[a] == 0x20 || bytes[a] == 0x09) { a += 1 }
        while b > a && (bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09) { b -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[a..<b])
    }

    /// The field's bytes with quotes removed and `""` undoubled, trimmed of ASCII spaces.
    /// Unquoted fields (almost all of them) come straight from the file.
    public func value(_ i: Int) -> [UInt8] {
        if let raw = rawTrimmed(i) { return Array(raw) }
        var out = CSVScanRecord.decodeQuoted(UnsafeBufferPointer(rebasing: bytes[spans[i].start..<spans[i].end]))
        while let last = out.last, last == 0x20 || last == 0x09 { out.removeLast() }
        while let first = out.first, first == 0x20 || first == 0x09 { out.removeFirst() }
        return out
    }

    /// Whether the field, trimmed and unquoted, is exactly `expected`.
    @inline(__always)
    public func field(_ i: Int, equals expected: UnsafeBufferPointer<UInt8>) -> Bool {
        if let raw = rawTrimmed(i) {
            return raw.count == expected.count && (raw.count == 0 || memoryEqual(raw, expected))
        }
        return value(i).elementsEqual(expected)
    }

    /// Whether the field, trimmed, is empty.
    @inline(__always)
    public func isEmpty(_ i: Int) -> Bool {
        if let raw = rawTrimmed(i) { return raw.isEmpty }
        return value(i).isEmpty
    }

    /// The field's value as text, exactly (not trimmed), as `CSVReader` would give it.
    public func string(_ i: Int) -> String {
        let s = spans[i]
        if !s.quoted { return String(decoding: UnsafeBufferPointer(rebasing: bytes[s.start..<s.end]), as: UTF8.self) }
        return String(decoding: CSVScanRecord.decodeQuoted(UnsafeBufferPointer(rebasing: bytes[s.start..<s.end])), as: UTF8.self)
    }

    /// 1-based column of the field in characters, counted only when a message needs it.
    public func column(_ i: Int) -> Int {
        CSVScanRecord.column(of: spans[i].start, lineStart: spans[i].lineStart, in: bytes)
    }

    /// Where field `i` starts, with its spreadsheet cell.
    public func location(_ i: Int) -> SourceLocation {
        SourceLocation(file: file, line: spans[i].line, column: column(i), cell: SpreadsheetCell(row: row, column: i + 1))
    }

    static func column(of offset: Int, lineStart: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var column = 1
        var k = lineStart
        while k < offset {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return column
    }

    /// `"a ""b"" c"` → `a "b" c`; text after the closing quote is kept, as CSVReader keeps it.
    static func decodeQuoted(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 1
        var inQuotes = true
        while k < raw.count {
            let b = raw[k]
            if inQuotes && b == 0x22 {
                if k + 1 < raw.count && raw[k + 1] == 0x22 {
                    out.append(0x22)
                    k += 2
                    continue
                }
                inQuotes = false
                k += 1
                continue
            }
            out.append(b)
            k += 1
        }
        return out
    }

    @inline(__always)
    func memoryEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        while k < a.count {
            if a[k] != b[k] { return false }
            k += 1
        }
        return true
    }
}

/// A CSV reader for large files that only a few columns of matter (police.uk exports are
/// 20 MB a year): it reads the same dialect as `CSVReader` — RFC 4180 plus what Excel writes,
/// the same blank-row rule and the same messages — but hands each record to the caller as
/// byte ranges instead of building a String for every field.
public enum CSVScanner {
    /// Calls `body` for each record that is not blank. The bytes must be prepared by
    /// `CSVReader.prepare` (UTF-8, no BOM). Returns the parse diagnostics (unclosed quotes,
    /// text after a closing quote).
    public static func forEachRecord(in bytes: [UInt8], file: String,
                                     _ body: (CSVScanRecord) -> Void) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var omittedErrors = 0, omittedWarnings = 0
        var stopped = false
        bytes.withUnsafeBufferPointer { buf in
            let n = buf.count
            var record = CSVScanRecord(bytes: buf, file: file)
            var i = 0
            var line = 1
            var lineStart = 0

            // Columns of messages on one line are counted on from the previous one, not from the
            // start of the line each time: a long line with a problem in every field would
            // otherwise take time quadratic in its length.
            var cachedLineStart = -1, cachedOffset = 0, cachedColumn = 1
            func column(of offset: Int, lineStart: Int) -> Int {
                var k = lineStart, c = 1
                if lineStart == cachedLineStart && offset >= cachedOffset { k = cachedOffset; c = cachedColumn }
                while k < offset {
                    if buf[k] & 0xC0 != 0x80 { c += 1 }
                    k += 1
                }
                (cachedLineStart, cachedOffset, cachedColumn) = (lineStart, offset, c)
                return c
            }
            /// Quoting problems past CSVReader.maximumParseDiagnostics are only counted (and
            /// their columns never computed).
            /// The cell of the field being read, as CSVReader names it.
            func cell() -> SpreadsheetCell { SpreadsheetCell(row: record.row, column: min(record.spans.count, CSVReader.maximumColumns) + 1) }
            func note(_ severity: Severity, line: Int, offset: Int, lineStart: Int, _ message: String) {
                guard diagnostics.count < CSVReader.maximumParseDiagnostics else {
                    if severity == .error { omittedErrors += 1 } else { omittedWarnings += 1 }
                    return
                }
                diagnostics.append(Diagnostic(severity, SourceLocation(file: file, line: line, column: column(of: offset, lineStart: lineStart),
                                                                       cell: cell()), message))
            }
            /// As CSVReader: empty cells past CSVReader.maximumColumns are dropped, a value there
            /// stops the reading of the file.
            func keep(_ span: CSVFieldSpan) {
                if record.spans.count < CSVReader.maximumColumns {
                    record.spans.append(span)
                    return
                }
                let text = span.quoted
                    ? CSVScanRecord.decodeQuoted(UnsafeBufferPointer(rebasing: buf[span.start..<span.end])).contains { $0 != 0x20 }
                    : buf[span.start..<span.end].contains { $0 != 0x20 }
                if text {
                    diagnostics.append(.error(SourceLocation(file: file, line: span.line, column: column(of: span.start, lineStart: span.lineStart),
                                                              cell: cell()),
                        CSVReader.limitPrefix + "this row has a value in column \(record.spans.count + 1), but cspreport reads at most \(CSVReader.maximumColumns) columns (the widest file has 11)"))
                    stopped = true
                }
            }

            func finish() {
                var blank = true
                // Blank as CSVReader has it: every value (quotes removed) empty or spaces.
                for s in record.spans where s.end > s.start {
                    let hasText = s.quoted
                        ? CSVScanRecord.decodeQuoted(UnsafeBufferPointer(rebasing: buf[s.start..<s.end])).contains { $0 != 0x20 }
                        : buf[s.start..<s.end].contains { $0 != 0x20 }
                    if hasText { blank = false; break }
                }
                if !blank { body(record) }
                record.spans.removeAll(keepingCapacity: true)
                record.row += 1
            }

            while i < n && !stopped {
                record.line = line
                while !stopped {
                    let start = i, fieldLine = line, fieldLineStart = lineStart
                    var quoted = false
                    if i < n && buf[i] == quote {
                        quoted = true
                        i += 1
                        var closed = false
                        while i < n {
                            let b = buf[i]
                            if b == quote {
                                if i + 1 < n && buf[i + 1] == quote { i += 2; continue }
                                i += 1
                                closed = true
                                break
                            } else if b == lf {
                                i += 1; line += 1; lineStart = i
                            } else if b == cr {
                                i += (i + 1 < n && buf[i + 1] == lf) ? 2 : 1
                                line += 1; lineStart = i
                            } else {
                                i += 1
                            }
                        }
                        if !closed {
                            note(.error, line: fieldLine, offset: start, lineStart: fieldLineStart,
                                 "the quoted value that starts here is never closed: a \" is missing (or a stray \" opens it)")
                            // As CSVReader does: a stray quote is text up to the next comma or
                            // line end, so it cannot swallow the rest of the file.
                            i = start + 1; line = fieldLine; lineStart = fieldLineStart
                            while i < n && buf[i] != comma && buf[i] != lf && buf[i] != cr { i += 1 }
                            quoted = false
                        }
                        if closed && i < n && buf[i] != comma && buf[i] != lf && buf[i] != cr {
                            note(.warning, line: line, offset: i, lineStart: lineStart,
                                 "text after the closing quote of a quoted value was kept as part of it")
                            while i < n && buf[i] != comma && buf[i] != lf && buf[i] != cr { i += 1 }
                        }
                    } else {
                        while i < n {
                            let b = buf[i]
                            if b == comma || b == lf || b == cr { break }
                            i += 1
                        }
                    }
                    keep(CSVFieldSpan(start: start, end: i, line: fieldLine, lineStart: fieldLineStart, quoted: quoted))
                    if stopped { break }
                    if i >= n { finish(); break }
                    let b = buf[i]
                    if b == comma {
                        i += 1
                        if i >= n {
                            keep(CSVFieldSpan(start: n, end: n, line: line, lineStart: lineStart, quoted: false))
                            finish()
                            break
                        }
                        continue
                    }
                    i += (b == cr && i + 1 < n && buf[i + 1] == lf) ? 2 : 1
                    line += 1
                    lineStart = i
                    finish()
                    break
                }
            }
        }
        if let d = CSVReader.omittedParseDiagnostics(file: file, errors: omittedErrors, warnings: omittedWarnings) {
            diagnostics.append(d)
        }
        return diagnostics
    }
}

extension CSVReader {
    /// The whole-file checks `read` makes before parsing: size, workbook, UTF-16, NUL bytes;
    /// the BOM removed; Windows-1252 decoded with a warning. Nil bytes when the file cannot
    /// be read as text at all.
    public static func prepare(bytes input: [UInt8], file: String) -> ([UInt8]?, TextEncoding, [Diagnostic]) {
        let whole = SourceLocation(file: file)
        if input.count > maximumFileSize {
            return (nil, .utf8, [.error(whole, "file is \(input.count / (1024 * 1024)) MB; the largest CSV file cspreport reads is \(maximumFileSize / (1024 * 1024)) MB")])
        }
        if input.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return (nil, .utf8, [.error(whole, "this is an Excel workbook (.xlsx), not a CSV file; in Excel choose File › Save As › \"CSV UTF-8 (Comma delimited) (*.csv)\"")])
        }
        if input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
            return (nil, .utf8, [.error(whole, "file is saved as UTF-16 (\"Unicode Text\"); save it from Excel as \"CSV UTF-8 (Comma delimited) (*.csv)\"")])
        }
        var encoding = TextEncoding.utf8
        var bytes = input
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
            encoding = .utf8WithBOM
        }
        // Police.uk files are plain ASCII: one pass, eight bytes at a time, settles both the
        // NUL and the UTF-8 checks; only files with other bytes take the byte-by-byte checks.
        if firstNonASCIIOrNUL(bytes) == bytes.count { return (bytes, encoding, []) }
        if let nul = firstNUL(bytes) {
            let (line, column) = position(of: nul, in: bytes)
            return (nil, encoding, [.error(SourceLocation(file: file, line: line, column: column),
                                           "file contains NUL bytes, so it is not a text CSV file (is it a spreadsheet or UTF-16 text?); save it from Excel as \"CSV UTF-8 (Comma delimited) (*.csv)\"")])
        }
        let bad = firstInvalidUTF8(bytes)
        if bad != bytes.count {
            let (line, column) = position(of: bad, in: bytes)
            bytes = windows1252ToUTF8(bytes)
            encoding = .windows1252
            return (bytes, encoding, [.warning(SourceLocation(file: file, line: line, column: column),
                                               "file is not UTF-8 (first non-UTF-8 byte here); read it as Windows-1252 — check that characters such as £ and – look right, and save as \"CSV UTF-8\" next time")])
        }
        return (bytes, encoding, [])
    }

    /// Offset of the first byte that is NUL or above 0x7F (the count when there is none).
    static func firstNonASCIIOrNUL(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { raw -> Int in
            let n = raw.count
            var i = 0
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= n {
                let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // A zero byte or a byte with its high bit set makes this non-zero.
                if ((v &- ones) & ~v & highs) | (v & highs) != 0 { break }
                i += 8
            }
            while i < n {
                let b = raw[i]
                if b == 0 || b >= 0x80 { return i }
                i += 1
            }
            return n
        }
    }
}
