import Testing
import CSPCore
@testable import CSPIngest

/// The scanner reads the same dialect as CSVReader: the same records, values, lines, columns
/// and messages, on the awkward inputs CSVReader's own tests use.
@Suite struct CSVScannerTests {
    static let samples: [String] = [
        "a,b,c\r\n1,2,3\r\n",
        "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n",
        "a,b\n\"line one\nline two\",z\nnext,row",
        "a,b\r\n\r\n,\r\n  ,  \r\nx,\n",
        "a,b,\n1,2,",
        "café,naïve\n\"é\",ü,\"x\"\n",
        "a,b\n\"open,never closed\n",
        "a,b\n\"quoted\"tail,z\n",
        "a\rb\rc",
        "",
        ",,,\n",
        "a,b\n\"one\ntwo\",x\n\n,\n\"three\r\nfour\",\"open\n",
    ]

    @Test(arguments: samples) func sameAsCSVReader(_ text: String) {
        let bytes = Array(text.utf8)
        let (records, _, readerDiagnostics) = CSVReader.parse(bytes, file: "f.csv")
        var scanned: [[CSVField]] = []
        var lines: [Int] = [], rows: [Int] = []
        let scanDiagnostics = CSVScanner.forEachRecord(in: bytes, file: "f.csv") { r in
            lines.append(r.line)
            rows.append(r.row)
            scanned.append((0..<r.count).map { CSVField(value: r.string($0), line: r.spans[$0].line, column: r.column($0)) })
        }
        #expect(scanned == records.map { Array($0.fields) })
        #expect(lines == records.map(\.line))
        #expect(rows == records.map(\.row))
        #expect(scanDiagnostics == readerDiagnostics)
    }

    @Test func fieldHelpers() {
        let bytes = Array("x, 2024-10 ,\"E01\"\"1\",\"  \"\n".utf8)
        var seen = 0
        _ = CSVScanner.forEachRecord(in: bytes, file: "f.csv") { r in
            seen += 1
            #expect(r.count == 4)
            #expect(Array("2024-10".utf8).withUnsafeBufferPointer { r.field(1, equals: $0) })
            #expect(r.rawTrimmed(2) == nil)
            #expect(r.value(2) == Array("E01\"1".utf8))
            #expect(r.isEmpty(3))
            #expect(r.location(2) == SourceLocation(file: "f.csv", line: 1, column: 13, cell: SpreadsheetCell(row: 1, column: 3)))
        }
        #expect(seen == 1)
    }

    @Test func prepareMatchesRead() {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8)
        let (b, encoding, d) = CSVReader.prepare(bytes: bom, file: "f.csv")
        #expect(b == Array("a,b\n".utf8))
        #expect(encoding == .utf8WithBOM)
        #expect(d.isEmpty)
        let (none, _, xlsx) = CSVReader.prepare(bytes: [0x50, 0x4B, 0x03, 0x04, 0], file: "f.csv")
        #expect(none == nil)
        #expect(xlsx.first?.message.hasPrefix("this is an Excel workbook") == true)
        let (latin, enc, warn) = CSVReader.prepare(bytes: [0x61, 0xA3, 0x0A], file: "f.csv")
        #expect(latin == Array("a£\n".utf8))
        #expect(enc == .windows1252)
        #expect(warn.map(\.formatted) == ["f.csv:1:2: warning: file is not UTF-8 (first non-UTF-8 byte here); read it as Windows-1252 — check that characters such as £ and – look right, and save as \"CSV UTF-8\" next time"])
    }
}

/// Random text from the characters that matter to CSV: the scanner and CSVReader agree on all of it.
@Suite struct CSVScannerFuzzTests {
    @Test func randomInputsAgreeWithCSVReader() {
        let alphabet: [String] = ["a", "b", ",", ",", "\"", "\"", "\n", "\r", "\r\n", " ", "é", "x,y"]
        var x: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Int {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            return Int(x % UInt64(alphabet.count))
        }
        for _ in 0..<2000 {
            let text = (0..<(next() * 3)).map { _ in alphabet[next()] }.joined()
            let bytes = Array(text.utf8)
            let (records, _, readerDiagnostics) = CSVReader.parse(bytes, file: "f.csv")
            var scanned: [[CSVField]] = []
            let scanDiagnostics = CSVScanner.forEachRecord(in: bytes, file: "f.csv") { r in
                scanned.append((0..<r.count).map { CSVField(value: r.string($0), line: r.spans[$0].line, column: r.column($0)) })
            }
            #expect(scanned == records.map { Array($0.fields) }, "\(text.debugDescription)")
            #expect(scanDiagnostics == readerDiagnostics, "\(text.debugDescription)")
        }
    }
}
