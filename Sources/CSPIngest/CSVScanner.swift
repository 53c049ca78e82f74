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
    /// Where the record's last field ends (before the line end), and the line that holds it.
    public internal(set) var endOffset = 0
    public internal(set) var endLine = 1
    public internal(set) var endLineStart = 0
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

    /// Whether the field's value (quotes removed) holds anything but spaces. A quoted value is
    /// blank only when nothing but spaces stands between its opening and closing quote: any
    /// other quote is a doubled one or text after the closing quote.
    @inline(__always)
    static func hasText(_ s: CSVFieldSpan, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.end > s.start else { return false }
        var k = s.quoted ? s.start + 1 : s.start
        var quotes = s.quoted ? 0 : 1
        while k < s.end {
            let b = bytes[k]
            if b == 0x22 && quotes == 0 { quotes = 1 } else if b != 0x20 { return true }
            k += 1
        }
        return false
    }

    /// Appends the field's value as `string(_:)` has it (quotes removed, not trimmed).
    @inline(__always)
    func appendValue(_ s: CSVFieldSpan, to out: inout [UInt8]) {
        if !s.quoted {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[s.start..<s.end]))
            return
        }
        // As `decodeQuoted`, a run at a time: the runs between quotes are copied whole.
        var k = s.start + 1, run = k
        var inQuotes = true
        while k < s.end {
            if inQuotes && bytes[k] == 0x22 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<k]))
                if k + 1 < s.end && bytes[k + 1] == 0x22 {
                    out.append(0x22)
                    k += 2
                } else {
                    inQuotes = false
                    k += 1
                }
                run = k
                continue
            }
            k += 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<s.end]))
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

/// The one reader of the CSV dialect: RFC 4180 plus what Excel writes, the blank-row rule,
/// the per-field and per-row limits and the quoting messages. It hands each record to the
/// caller as byte ranges instead of building a String for every field: the police.uk reader
/// looks at a few columns of 20 MB a year, and `CSVReader` copies the values it keeps.
public enum CSVScanner {
    /// Calls `body` for each record that is not blank. The bytes must be prepared by
    /// `CSVReader.prepare` (UTF-8, no BOM). Returns the parse diagnostics (unclosed quotes,
    /// text after a closing quote, a broken limit).
    public static func forEachRecord(in bytes: [UInt8], file: String,
                                     _ body: (CSVScanRecord) -> Void) -> [Diagnostic] {
        withoutActuallyEscaping(body) { body in
            var sink = CallbackSink(body: body)
            return scan(bytes, file: file, into: &sink).diagnostics
        }
    }

    struct Outcome {
        var diagnostics: [Diagnostic]
        /// The line ending between records: "CRLF", "LF", "mixed" or "none".
        var lineEnding: String
    }

    /// As `forEachRecord`, handing each record to `sink`, which may stop the reading by
    /// returning the message that says why (the reader's limits on rows and values kept); it
    /// is listed after the quoting messages so far, as if the scan had found it. The sink is a
    /// generic value rather than a closure so that the compiler can inline it into the loop and
    /// no captured state is checked for exclusive access once a record.
    static func scan<Sink: CSVRecordSink>(_ bytes: [UInt8], file: String, into sink: inout Sink) -> Outcome {
        bytes.withUnsafeBufferPointer { buf in
            var scan = CSVScan(buf, file: file, sink: sink)
            scan.run()
            sink = scan.sink
            return scan.finish()
        }
    }

    private struct CallbackSink: CSVRecordSink {
        let body: (CSVScanRecord) -> Void
        func take(_ record: CSVScanRecord) -> Diagnostic? {
            body(record)
            return nil
        }
    }
}

/// What receives the records of a scan.
protocol CSVRecordSink {
    /// Takes a record that is not blank; a message stops the reading.
    mutating func take(_ record: CSVScanRecord) -> Diagnostic?
}

/// The state of one scan, as a value with mutating methods rather than local variables shared
/// with nested functions: a captured variable is checked for exclusive access at run time on
/// every use, and the loop below touches its state for every byte of every file.
private struct CSVScan<Sink: CSVRecordSink> {
    let buf: UnsafeBufferPointer<UInt8>
    let file: String
    let n: Int
    var i = 0
    var line = 1
    var lineStart = 0
    var record: CSVScanRecord
    var sink: Sink
    var diagnostics: [Diagnostic] = []
    var omittedErrors = 0, omittedWarnings = 0
    var stopped = false
    var sawCRLF = false, sawLF = false
    // Columns of messages on one line are counted on from the previous one, not from the start
    // of the line each time: a long line with a problem in every field would otherwise take
    // time quadratic in its length.
    var cachedLineStart = -1, cachedOffset = 0, cachedColumn = 1

    static var quote: UInt8 { 0x22 }
    static var comma: UInt8 { 0x2C }
    static var cr: UInt8 { 0x0D }
    static var lf: UInt8 { 0x0A }

    init(_ buf: UnsafeBufferPointer<UInt8>, file: String, sink: Sink) {
        self.buf = buf
        self.file = file
        self.sink = sink
        n = buf.count
        record = CSVScanRecord(bytes: buf, file: file)
    }

    mutating func column(of offset: Int, lineStart: Int) -> Int {
        var k = lineStart, c = 1
        if lineStart == cachedLineStart && offset >= cachedOffset { k = cachedOffset; c = cachedColumn }
        while k < offset {
            if buf[k] & 0xC0 != 0x80 { c += 1 }
            k += 1
        }
        (cachedLineStart, cachedOffset, cachedColumn) = (lineStart, offset, c)
        return c
    }

    /// The cell of the field being read: empty cells past `CSVReader.maximumColumns` are not
    /// kept, so they do not move it.
    var cell: SpreadsheetCell { SpreadsheetCell(row: record.row, column: min(record.spans.count, CSVReader.maximumColumns) + 1) }

    /// A quoting problem. Those past `CSVReader.maximumParseDiagnostics` are only counted (and
    /// their columns never computed): a file of `"a"b,` repeated would make millions.
    mutating func note(_ severity: Severity, line: Int, offset: Int, lineStart: Int, _ message: String) {
        guard diagnostics.count < CSVReader.maximumParseDiagnostics else {
            if severity == .error { omittedErrors += 1 } else { omittedWarnings += 1 }
            return
        }
        diagnostics.append(Diagnostic(severity, SourceLocation(file: file, line: line, column: column(of: offset, lineStart: lineStart),
                                                               cell: cell), message))
    }

    /// A broken limit: the file is read no further, and the record being read is not kept.
    mutating func stop(line: Int, offset: Int, lineStart: Int, _ why: String) {
        diagnostics.append(.error(SourceLocation(file: file, line: line, column: column(of: offset, lineStart: lineStart), cell: cell),
                                  CSVReader.limitPrefix + why))
        stopped = true
    }

    /// Empty cells past `CSVReader.maximumColumns` are dropped (Excel exports them when a whole
    /// row was formatted); a value there stops the reading.
    mutating func keep(_ span: CSVFieldSpan) {
        if record.spans.count < CSVReader.maximumColumns {
            record.spans.append(span)
        } else if CSVScanRecord.hasText(span, in: buf) {
            stop(line: span.line, offset: span.start, lineStart: span.lineStart,
                 "this row has a value in column \(record.spans.count + 1), but cspreport reads at most \(CSVReader.maximumColumns) columns (the widest file has 11)")
        }
    }

    /// Hands the record to the sink unless it is blank (every value empty or spaces).
    mutating func finishRecord(end: Int) {
        record.endOffset = end
        record.endLine = line
        record.endLineStart = lineStart
        if record.spans.contains(where: { CSVScanRecord.hasText($0, in: buf) }), let why = sink.take(record) {
            diagnostics.append(why)
            stopped = true
        }
        record.spans.removeAll(keepingCapacity: true)
        record.row += 1
    }

    mutating func run() {
        let quote = Self.quote, comma = Self.comma, cr = Self.cr, lf = Self.lf
        let limit = CSVReader.maximumFieldBytes
        while i < n && !stopped {
            record.line = line
            while !stopped {
                let start = i, fieldLine = line, fieldLineStart = lineStart
                var quoted = false
                if i < n && buf[i] == quote {
                    quoted = true
                    i += 1
                    let first = i
                    var closed = false
                    while i < n {
                        if i - first > limit { break }
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
                    if i < n && !closed {
                        stop(line: fieldLine, offset: start, lineStart: fieldLineStart, CSVReader.tooLong)
                        return
                    }
                    if !closed {
                        note(.error, line: fieldLine, offset: start, lineStart: fieldLineStart,
                             "the quoted value that starts here is never closed: a \" is missing (or a stray \" opens it)")
                        // Excel never leaves a quote open, so the quote is a stray one typed at
                        // the start of a cell: it is text up to the next comma or line end, so
                        // that it does not swallow the rest of the file (and every row after it
                        // does not get an error of its own).
                        i = start + 1; line = fieldLine; lineStart = fieldLineStart
                        while i < n && buf[i] != comma && buf[i] != lf && buf[i] != cr { i += 1 }
                        quoted = false
                    } else if i < n && buf[i] != comma && buf[i] != lf && buf[i] != cr {
                        // Text after the closing quote and before the comma: Excel never writes
                        // it, so say so, but keep the text rather than lose it.
                        let extra = i
                        while i < n && buf[i] != comma && buf[i] != lf && buf[i] != cr { i += 1 }
                        if i - first > limit {
                            stop(line: fieldLine, offset: start, lineStart: fieldLineStart, CSVReader.tooLong)
                            return
                        }
                        note(.warning, line: line, offset: extra, lineStart: lineStart,
                             "text after the closing quote of a quoted value was kept as part of it")
                    }
                } else {
                    while i < n {
                        let b = buf[i]
                        if b == comma || b == lf || b == cr { break }
                        i += 1
                    }
                    if i - start > limit {
                        stop(line: fieldLine, offset: start, lineStart: fieldLineStart, CSVReader.tooLong)
                        return
                    }
                }
                keep(CSVFieldSpan(start: start, end: i, line: fieldLine, lineStart: fieldLineStart, quoted: quoted))
                if stopped { return }
                if i >= n { finishRecord(end: i); return }
                let b = buf[i]
                if b == comma {
                    i += 1
                    if i >= n {
                        // A trailing comma at the very end: one more, empty field.
                        keep(CSVFieldSpan(start: n, end: n, line: line, lineStart: lineStart, quoted: false))
                        if stopped { return }
                        finishRecord(end: n)
                        return
                    }
                    continue
                }
                let end = i
                if b == cr && i + 1 < n && buf[i + 1] == lf {
                    i += 2; sawCRLF = true
                } else {
                    i += 1
                    if b == lf { sawLF = true }
                }
                finishRecord(end: end)
                line += 1
                lineStart = i
                break
            }
        }
    }

    mutating func finish() -> CSVScanner.Outcome {
        if let d = CSVReader.omittedParseDiagnostics(file: file, errors: omittedErrors, warnings: omittedWarnings) {
            diagnostics.append(d)
        }
        let ending = sawCRLF && !sawLF ? "CRLF" : (sawLF && !sawCRLF ? "LF" : (sawCRLF ? "mixed" : "none"))
        return CSVScanner.Outcome(diagnostics: diagnostics, lineEnding: ending)
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
