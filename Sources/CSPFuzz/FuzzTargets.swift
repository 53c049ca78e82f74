import CSPAggregate
import CSPCore
import CSPDisplay
import CSPLayout
import CSPReport
import Foundation
import CSPIngest
import CSPValidate

/// What each fuzz target does with one input. The fuzz executables call these from
/// `LLVMFuzzerTestOneInput`, and the test suite replays the seed corpus and every input that
/// once crashed through the same functions. Each returns nil when the input was handled as
/// it should be, or a description of the broken promise (the executables then trap, so
/// libFuzzer keeps the input).
public enum FuzzTargets {
    /// Every message is one line (`FILE:LINE:COLUMN: message`), with 1-based positions.
    static func checkDiagnostics(_ diagnostics: [Diagnostic]) -> String? {
        for d in diagnostics {
            if let line = d.location.line, line < 1 { return "diagnostic line \(line) < 1: \(d.formatted)" }
            if let column = d.location.column, column < 1 { return "diagnostic column \(column) < 1: \(d.formatted)" }
            if d.location.column != nil && d.location.line == nil { return "a column without a line: \(d.formatted)" }
            if d.formatted.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                return "a message on more than one line: \(d.formatted)"
            }
        }
        return nil
    }

    /// The CSV reader and header mapping. Beyond not crashing: positions are 1-based and
    /// within the input, and a document read without any diagnostic reads back the same
    /// after being written out again with every field quoted.
    public static func csv(_ bytes: [UInt8]) -> String? {
        let (document, diagnostics) = CSVReader.read(bytes: bytes, file: "fuzz.csv")
        if let failure = checkDiagnostics(diagnostics) { return failure }
        guard let document else {
            if !diagnostics.contains(where: { $0.severity == .error }) { return "no document and no error" }
            return nil
        }
        var previousLine = 0
        for record in document.records {
            if record.fields.isEmpty { return "record with no fields at line \(record.line)" }
            if record.line < previousLine { return "records out of order at line \(record.line)" }
            previousLine = record.line
            for f in record.fields where f.line < 1 || f.column < 1 || f.line < record.line {
                return "field position \(f.line):\(f.column) in record at line \(record.line)"
            }
        }
        if diagnostics.isEmpty {
            let written = document.records.map { record in
                record.fields.map { "\"" + $0.value.replacingQuotes() + "\"" }.joined(separator: ",")
            }.joined(separator: "\n")
            let (again, againDiagnostics) = CSVReader.read(bytes: Array(written.utf8), file: "fuzz.csv")
            let before = document.records.map { $0.fields.map(\.value) }
            let after = again?.records.map { $0.fields.map(\.value) } ?? []
            if before != after {
                return "round trip changed the values: \(before.prefix(3)) → \(after.prefix(3)) (\(againDiagnostics.map(\.formatted)))"
            }
        }
        if let failure = sameAsScanner(bytes, document: document, diagnostics: diagnostics) { return failure }
        if let failure = checkDiagnostics(CSVTable.read(bytes: bytes, file: "fuzz.csv", required: InputContract.cases.columns).1) {
            return failure
        }
        return nil
    }

    /// CSVScanner (police.uk files) promises CSVReader's dialect, blank-row rule and messages:
    /// the same records, values (the scanner trims spaces and tabs) and diagnostics.
    static func sameAsScanner(_ bytes: [UInt8], document: CSVDocument, diagnostics: [Diagnostic]) -> String? {
        let (prepared, _, prepareDiagnostics) = CSVReader.prepare(bytes: bytes, file: "fuzz.csv")
        guard let prepared else { return "CSVReader read a file that prepare refuses" }
        var scanned: [[[UInt8]]] = []
        let scanDiagnostics = CSVScanner.forEachRecord(in: prepared, file: "fuzz.csv") { record in
            scanned.append((0..<record.count).map { record.value($0) })
        }
        func trimmed(_ v: [UInt8]) -> [UInt8] {
            var a = v[...]
            while let f = a.first, f == 0x20 || f == 0x09 { a = a.dropFirst() }
            while let l = a.last, l == 0x20 || l == 0x09 { a = a.dropLast() }
            return Array(a)
        }
        let read = document.records.map { $0.fields.map { trimmed(Array($0.value.utf8)) } }
        if read != scanned {
            return "CSVScanner and CSVReader read different records: \(read.count) vs \(scanned.count) records; first difference at record \((0..<min(read.count, scanned.count)).first { read[$0] != scanned[$0] } ?? min(read.count, scanned.count))"
        }
        let a = diagnostics.map(\.formatted), b = (prepareDiagnostics + scanDiagnostics).map(\.formatted)
        if a != b { return "CSVScanner and CSVReader report differently: \(a.prefix(3)) vs \(b.prefix(3))" }
        return nil
    }

    /// YAML as both YAML inputs read it: the reader, then csp.yaml's and quarter.yaml's rules.
    public static func yaml(_ bytes: [UInt8]) -> String? {
        let (node, diagnostics) = YAMLReader.read(bytes: bytes, file: "fuzz.yaml")
        if node == nil, !diagnostics.contains(where: { $0.severity == .error }) { return "no YAML and no error" }
        if let failure = checkDiagnostics(diagnostics) { return failure }
        let world = MemoryWorld(files: ["reports/csp.yaml": bytes, "reports/2021-22-Q3/quarter.yaml": bytes])
        let (partnership, _, partnershipDiagnostics) = PartnershipLoader.load(world: world, path: "reports/csp.yaml")
        if partnership == nil, !partnershipDiagnostics.contains(where: { $0.severity == .error }) {
            return "csp.yaml refused without an error"
        }
        if let failure = checkDiagnostics(partnershipDiagnostics) { return failure }
        if let failure = checkDiagnostics(QuarterLoader.load(world: world, directory: "reports/2021-22-Q3").1) { return failure }
        return nil
    }

    /// The whole validate-and-summarise path over a reports/ tree packed into one input
    /// (see `QuarterArchive`). A tree that validates must summarise to consistent numbers.
    public static func quarter(_ bytes: [UInt8]) -> String? {
        let world = QuarterArchive.world(from: bytes)
        let (input, diagnostics) = QuarterLoader.load(world: world, directory: QuarterArchive.quarterDirectory(of: world))
        if let failure = checkDiagnostics(diagnostics) { return failure }
        let hasErrors = diagnostics.contains { $0.severity == .error }
        if input == nil, !hasErrors { return "no input and no error" }
        if input != nil, hasErrors { return "input returned despite errors" }
        guard let input else { return nil }
        let summary = Aggregator.summarise(input.current, partnership: input.partnership)
        for name in summary.areaOrder + ["totals"] {
            let a = name == "totals" ? summary.totals : summary.area(name)
            let c = a.cases
            if c.openAtStart + c.opened - c.closed != c.openAtEnd {
                return "\(name): open_at_start + opened - closed != open_at_end (\(c))"
            }
            if [c.openAtStart, c.opened, c.closed, c.openAtEnd, a.successes, a.ocgReferrals].contains(where: { $0 < 0 }) {
                return "\(name): a negative count"
            }
        }
        var sum = AreaSummary()
        for name in summary.areaOrder {
            let a = summary.area(name)
            sum.successes += a.successes
            sum.ocgReferrals += a.ocgReferrals
            sum.cases.opened += a.cases.opened
            sum.blockers.raised += a.blockers.raised
        }
        let t = summary.totals
        if (sum.successes, sum.ocgReferrals, sum.cases.opened, sum.blockers.raised)
            != (t.successes, t.ocgReferrals, t.cases.opened, t.blockers.raised) {
            return "totals are not the sum of the areas"
        }
        let json = SummaryJSON.render(summary)
        if (try? JSONSerialization.jsonObject(with: Data(json.utf8))) == nil {
            return "summary JSON does not parse: \(json.prefix(300))"
        }
        return nil
    }

    /// Beyond `quarter`: a tree that validates is made into the report's document, in both
    /// editions, and laid out into pages (with fixed text metrics: no fonts, no Cairo). The
    /// layout must end (libFuzzer's -timeout catches a hang) with at least one page.
    public static func report(_ bytes: [UInt8]) -> String? {
        if let failure = quarter(bytes) { return failure }
        let world = QuarterArchive.world(from: bytes)
        let (loaded, diagnostics) = QuarterLoader.load(world: world, directory: QuarterArchive.quarterDirectory(of: world))
        guard let input = loaded else { return nil }
        for edition in Edition.allCases {
            let document = ReportCompiler.compile(input: input, diagnostics: diagnostics, edition: edition,
                                                  date: DateTime(year: 2022, month: 1, day: 20)).document
            let laid = LayoutEngine(shaper: FixedMetricsShaper()).layout(document)
            if laid.pages.isEmpty { return "\(edition) edition laid out to no pages" }
        }
        return nil
    }
}

extension String {
    func replacingQuotes() -> String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
