import CSPCore
@testable import CSPIngest
@testable import CSPValidate
@testable import cspreport
import Foundation
import Testing

private let header = "case_id,title,area,location,issue,lead_agency,partners,opened,closed,status,outcome\n"

private func csv(_ text: String) -> (CSVDocument?, [String]) {
    let (doc, d) = CSVReader.read(bytes: Array(text.utf8), file: "t.csv")
    return (doc, d.map(\.formatted))
}

/// Inputs built to hurt, made at run time (nothing large is committed). Each must get a clear
/// message, quickly, with bounded memory, and no crash.
@Suite struct HostileCSVTests {
    @Test func twentyMegabyteFieldIsRefusedAtTheLimit() {
        var bytes = Array((header + "C-1,").utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 20 * 1024 * 1024)
        bytes += Array(",North,,,,,2021-06-01,,open,\n".utf8)
        let (doc, d) = CSVReader.read(bytes: bytes, file: "t.csv")
        #expect(doc == nil)
        #expect(d.map(\.formatted) == [
            "t.csv:2:5: error: cell B2: cspreport stops reading this file here: the value that starts here is longer than 128 KB, more than an Excel cell holds (32,767 characters); is a closing quote missing?",
        ])
    }

    @Test func unclosedQuoteRunningToTheEndIsRefusedAtTheLimit() {
        let text = header + "C-1,\"Drugs" + String(repeating: "a long line of text,\n", count: 10_000)
        #expect(csv(text).1 == [
            "t.csv:2:5: error: cell B2: cspreport stops reading this file here: the value that starts here is longer than 128 KB, more than an Excel cell holds (32,767 characters); is a closing quote missing?",
        ])
    }

    @Test func aCellUpToTheLimitIsRead() throws {
        let long = String(repeating: "é", count: 32_767)  // Excel's largest cell, 2 bytes a character
        let (doc, d) = csv("a,b\n\"\(long)\",\(long)\n")
        #expect(d.isEmpty)
        #expect(try #require(doc).records[1].fields.map(\.value.count) == [32_767, 32_767])
    }

    @Test func hundredThousandColumns() {
        let (doc, d) = csv(header + Array(repeating: "a", count: 100_000).joined(separator: ",") + "\n")
        #expect(doc == nil)
        #expect(d == ["t.csv:2:201: error: cell CW2: cspreport stops reading this file here: this row has a value in column 101, but cspreport reads at most 100 columns (the widest file has 11)"])
        let wideHeader = (0..<100_000).map { "c\($0)" }.joined(separator: ",")
        #expect(csv(wideHeader).1.count == 1)
    }

    @Test func trailingEmptyColumnsAsExcelWritesThemAreDropped() throws {
        let commas = String(repeating: ",", count: 16_383)  // a formatted row to column XFD
        let (doc, d) = csv("a,b" + commas + "\n1,2" + commas + "\n")
        #expect(d.isEmpty)
        #expect(try #require(doc).records.map(\.fields.count) == [100, 100])
        let (table, td) = CSVTable.read(bytes: Array(("a,b" + commas + "\n1,2" + commas + "\n").utf8), file: "t.csv", required: ["a", "b"])
        #expect(td.isEmpty)
        #expect(table?.rows.first?.fields.map(\.value) == ["1", "2"])
    }

    @Test func tooManyRows() {
        let text = "a\n" + String(repeating: "1\n", count: CSVReader.maximumRows)
        let limit = CSVReader.maximumRows
        #expect(csv(text).1 == ["t.csv:\(limit + 1):1: error: row \(limit + 1): cspreport stops reading this file here: the file has more than \(limit) rows; a quarter's file holds far fewer (is this the right file?)"])
        // Blank rows do not count.
        #expect(csv("a\n" + String(repeating: ",,\n", count: 50_000) + "1\n").1 == [])
    }

    @Test func nulBytesAndInvalidUTF8() {
        #expect(CSVReader.read(bytes: Array("a,b\n1,".utf8) + [0, 0x41] + [0x0A], file: "t.csv").1.map(\.formatted) == [
            "t.csv:2:3: error: file contains NUL bytes, so it is not a text CSV file (is it a spreadsheet or UTF-16 text?); save it from Excel as \"CSV UTF-8 (Comma delimited) (*.csv)\"",
        ])
        let (doc, d) = CSVReader.read(bytes: Array("a,b\n".utf8) + [0xC3, 0x28, 0x2C, 0xFF, 0xFE, 0x0A], file: "t.csv")
        #expect(d.map(\.formatted) == [
            "t.csv:2:1: warning: file is not UTF-8 (first non-UTF-8 byte here); read it as Windows-1252 — check that characters such as £ and – look right, and save as \"CSV UTF-8\" next time",
        ])
        #expect(doc?.records.last?.fields.map(\.value) == ["Ã(", "ÿþ"])
        // Overlong encodings and surrogates are not UTF-8 either.
        #expect(CSVReader.firstInvalidUTF8([0x41, 0xC0, 0x80]) == 1)
        #expect(CSVReader.firstInvalidUTF8([0xED, 0xA0, 0x80]) == 0)
        #expect(CSVReader.firstInvalidUTF8([0xF4, 0x90, 0x80, 0x80]) == 0)
        #expect(CSVReader.firstInvalidUTF8([0xE2, 0x82]) == 0)
    }
}

@Suite struct HostileYAMLTests {
    func read(_ text: String) -> [String] {
        YAMLReader.read(bytes: Array(text.utf8), file: "q.yaml").1.map(\.formatted)
    }

    @Test func billionLaughs() {
        var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        let names = Array("abcdefghij").map(String.init)
        for i in 1..<names.count {
            lines.append("\(names[i]): &\(names[i]) [" + Array(repeating: "*\(names[i - 1])", count: 9).joined(separator: ", ") + "]")
        }
        let start = Date()
        #expect(read(lines.joined(separator: "\n")) == [
            "q.yaml:1:13: error: the YAML expands to more than 100000 values (through anchors and aliases?); write the values out plainly",
        ])
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func deepFlowAndBlockNesting() {
        let message = "error: the YAML is nested more than 64 levels deep here; the file only needs a few levels"
        #expect(read("summary: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)) == ["q.yaml:1:74: " + message])
        #expect(read("summary: " + String(repeating: "{a: ", count: 10_000)) == ["q.yaml:1:266: " + message])
        #expect(read("summary:\n" + String(repeating: "- ", count: 100_000) + "x\n") == ["q.yaml:2:129: " + message])
        // Nesting by indentation, which only the parser sees.
        var keys = "summary:\n"
        for i in 1..<200 { keys += String(repeating: " ", count: i) + "k\(i):\n" }
        #expect(read(keys) == ["q.yaml:66:66: " + message])
        var items = "summary:\n"
        for i in 0..<1_200 { items += String(repeating: " ", count: i) + "-\n" }
        #expect(read(items).count == 1)
        #expect(read(items).first?.hasSuffix(message) == true)
    }

    @Test func largeFileIsRefused() {
        #expect(read("summary: " + String(repeating: "x", count: 2 * 1024 * 1024)) == [
            "q.yaml: error: file is 2048 KB; a YAML file here may be at most 1024 KB",
        ])
    }

    @Test func numbersThatOverflow() {
        var f = Corpus.badInputBase()
        f["reports/csp.yaml"] = Array("name: X\nareas: [North]\nfinancial_year_start_month: 99999999999999999999999\nsuppression_threshold: 1e999\n".utf8)
        let d = QuarterLoader.load(world: MemoryWorld(files: f), directory: "reports/2021-22-Q3").1.map(\.formatted)
        #expect(d.contains("reports/csp.yaml:3:29: error: financial_year_start_month \"99999999999999999999999\" must be a whole number from 1 to 12 (the month the financial year starts: 4 for April)"))
        #expect(d.contains("reports/csp.yaml:4:24: error: suppression_threshold \"1e999\" must be a whole number from 1 to 1000 (the public edition shows counts below it as \"<N\")"))
    }
}

/// A valid 1 × 1 PNG.
let tinyPNG: [UInt8] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01,
    0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0B, 0x49, 0x44, 0x41,
    0x54, 0x78, 0x9C, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00, 0x05, 0x00, 0x01, 0x7A, 0x5E, 0xAB, 0x3F, 0x00, 0x00, 0x00, 0x00,
    0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
]

/// The disk, through DiskWorld, with real files in a temporary folder.
@Suite struct HostileDiskTests {
    func validate(_ folder: TempFolder) -> [String] {
        QuarterLoader.load(world: DiskWorld(), directory: folder.path + "/reports/2021-22-Q3").1
            .map { $0.formatted.replacingOccurrences(of: folder.path + "/", with: "") }
    }

    @Test func threeHundredMegabyteFileIsRefusedBeforeReading() throws {
        let t = try TempFolder()
        try t.copyBase()
        // A sparse file: 300 MB long, nothing on disk, so the test is quick.
        let path = t.url("reports/2021-22-Q3/psg-cases.csv").path
        #expect(truncate(path, 300 * 1024 * 1024) == 0)
        let start = Date()
        #expect(validate(t).first == "reports/2021-22-Q3/psg-cases.csv: error: file is 300 MB; the largest input file cspreport reads is 32 MB (a quarter's files are usually well under 1 MB)")
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func devicesAndPipesAreNotRead() throws {
        let t = try TempFolder()
        try t.copyBase()
        let cases = t.url("reports/2021-22-Q3/psg-cases.csv").path
        try FileManager.default.removeItem(atPath: cases)
        try FileManager.default.createSymbolicLink(atPath: cases, withDestinationPath: "/dev/zero")
        let blockers = t.url("reports/2021-22-Q3/blockers.csv").path
        try FileManager.default.removeItem(atPath: blockers)
        #expect(mkfifo(blockers, 0o600) == 0)
        let d = validate(t)
        #expect(d.contains("reports/2021-22-Q3/psg-cases.csv: error: cannot be read: it is not a regular file (a device, pipe or socket)"))
        #expect(d.contains("reports/2021-22-Q3/blockers.csv: error: cannot be read: it is not a regular file (a device, pipe or socket)"))
    }

    @Test func aFolderWhereAFileShouldBe() throws {
        let t = try TempFolder()
        try t.copyBase()
        let path = t.url("reports/2021-22-Q3/successes.csv").path
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(validate(t) == ["reports/2021-22-Q3/successes.csv: error: cannot be read: it is a folder, not a file"])
    }

    @Test func unreadableFile() throws {
        guard geteuid() != 0 else { return }  // root reads anything
        let t = try TempFolder()
        try t.copyBase()
        let path = t.url("reports/2021-22-Q3/successes.csv").path
        chmod(path, 0)
        #expect(validate(t) == ["reports/2021-22-Q3/successes.csv: error: cannot be read: Permission denied"])
    }

    @Test func logoOutsideTheFolder() throws {
        let t = try TempFolder()
        try t.copyBase()
        let config = t.url("reports/csp.yaml").path
        let base = try String(contentsOfFile: config, encoding: .utf8)
        try (base + "logo: ../../etc/passwd\n").write(toFile: config, atomically: false, encoding: .utf8)
        #expect(validate(t) == ["reports/csp.yaml:14:7: error: logo \"../../etc/passwd\" points outside the folder that holds csp.yaml; put the logo in that folder (e.g. assets/logo.png)"])
        try (base + "logo: /etc/passwd\n").write(toFile: config, atomically: false, encoding: .utf8)
        #expect(validate(t) == ["reports/csp.yaml:14:7: error: logo \"/etc/passwd\" points outside the folder that holds csp.yaml; put the logo in that folder (e.g. assets/logo.png)"])

        // A symbolic link inside the folder that points out of it.
        try t.write("outside.png", tinyPNG)
        try FileManager.default.createDirectory(atPath: t.url("reports/assets").path, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: t.url("reports/assets/logo.png").path, withDestinationPath: "../../outside.png")
        try (base + "logo: assets/logo.png\n").write(toFile: config, atomically: false, encoding: .utf8)
        #expect(validate(t) == ["reports/csp.yaml:14:7: error: logo \"assets/logo.png\" points outside the folder that holds csp.yaml; put the logo in that folder (e.g. assets/logo.png)"])
        // A folder link out of it.
        try FileManager.default.removeItem(atPath: t.url("reports/assets").path)
        try FileManager.default.createSymbolicLink(atPath: t.url("reports/assets").path, withDestinationPath: t.path)
        try FileManager.default.moveItem(atPath: t.url("outside.png").path, toPath: t.url("logo.png").path)
        #expect(validate(t) == ["reports/csp.yaml:14:7: error: logo \"assets/logo.png\" points outside the folder that holds csp.yaml; put the logo in that folder (e.g. assets/logo.png)"])

        // A pipe where the logo should be is refused without waiting for a writer.
        try FileManager.default.removeItem(atPath: t.url("reports/assets").path)
        try FileManager.default.createDirectory(atPath: t.url("reports/assets").path, withIntermediateDirectories: true)
        #expect(mkfifo(t.url("reports/assets/logo.png").path, 0o600) == 0)
        #expect(validate(t) == ["reports/csp.yaml:14:7: error: logo \"assets/logo.png\": cannot be read: it is not a regular file (a device, pipe or socket)"])

        // A real logo inside, and a link that stays inside, are fine.
        try FileManager.default.removeItem(atPath: t.url("reports/assets").path)
        try t.write("reports/assets/real.png", tinyPNG)
        try FileManager.default.createSymbolicLink(atPath: t.url("reports/assets/logo.png").path, withDestinationPath: "real.png")
        #expect(validate(t) == [])
        // The same logo by its absolute path, as a file manager copies it, is inside too.
        let absolute = URL(fileURLWithPath: t.url("reports/assets/real.png").path).standardizedFileURL.path
        try (base + "logo: \(absolute)\n").write(toFile: config, atomically: false, encoding: .utf8)
        #expect(validate(t) == [])
    }
}

@Suite struct DiagnosticFloodTests {
    @Test func atMostAHundredShownPerFile() {
        var bag = Diagnostics()
        for line in 1...250 { bag.error(SourceLocation(file: "b.csv", line: line + 1, column: 1), "bad \(line)") }
        bag.warning(SourceLocation(file: "b.csv", line: 300, column: 1), "odd")
        bag.warning(SourceLocation(file: "a.csv", line: 2, column: 1), "odd")
        let shown = bag.sorted(limitPerFile: 100).map(\.formatted)
        #expect(shown.count == 102)
        #expect(shown.first == "a.csv:2:1: warning: odd")
        #expect(shown[100] == "b.csv:101:1: error: bad 100")
        #expect(shown.last == "b.csv: error: 150 errors and 1 warning more in this file not shown; fix the first 100 and run again")
        #expect(bag.errors.count == 250)
    }
}

@Suite struct HostileLogoTests {
    /// 15,000 × 15,000 blank pixels compress to under 1 MB but decode to 900 MB: refused from
    /// the PNG header, before anything decodes it.
    @Test func decompressionBombLogoIsRefusedFromItsHeader() throws {
        let t = try TempFolder()
        try t.copyBase()
        var png = Array(tinyPNG[0..<16])
        png += [0x00, 0x00, 0x3A, 0x98, 0x00, 0x00, 0x3A, 0x98]  // 15000 × 15000
        png += Array(tinyPNG[24...])
        try t.write("reports/assets/logo.png", png)
        let config = t.url("reports/csp.yaml").path
        try (try String(contentsOfFile: config, encoding: .utf8) + "logo: assets/logo.png\n").write(toFile: config, atomically: false, encoding: .utf8)
        let d = QuarterLoader.load(world: DiskWorld(), directory: t.path + "/reports/2021-22-Q3").1.map(\.formatted)
        #expect(d == ["\(t.path)/reports/csp.yaml:14:7: error: logo \"assets/logo.png\" is 15000 × 15000 pixels; a logo may be at most 4096 × 4096 (a few hundred pixels across is plenty)"])
    }
}

@Suite struct OneLineDiagnosticTests {
    @Test func controlCharactersInAMessageAreEscaped() {
        let d = Diagnostic.error(SourceLocation(file: "a\nb.csv", line: 1, column: 2), "key \"x\ny\" \u{2028}is odd\t")
        #expect(d.formatted == "a\\nb.csv:1:2: error: key \"x\\ny\" \\u{2028}is odd\\t")
        #expect(Diagnostic.error(SourceLocation(file: "a.csv"), "plain — “quoted”").formatted == "a.csv: error: plain — “quoted”")
    }
}

/// police.uk files go through CSVScanner, which had neither the column limit nor a bound on
/// its quoting messages, and counted each message's column from the start of its line.
@Suite struct HostileScannerTests {
    @Test func aLineOfQuotingProblemsIsQuickAndBounded() {
        let bytes = Array(String(repeating: "\"a\"b,", count: 200_000).utf8)
        let start = Date()
        var records = 0
        let d = CSVScanner.forEachRecord(in: bytes, file: "p.csv") { _ in records += 1 }
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(records == 0)
        #expect(d.count == 102)
        #expect(d[99].formatted == "p.csv:1:499: warning: cell CV1: text after the closing quote of a quoted value was kept as part of it")
        #expect(d[100].formatted == "p.csv:1:501: error: cell CW1: cspreport stops reading this file here: this row has a value in column 101, but cspreport reads at most 100 columns (the widest file has 11)")
        #expect(d[101].formatted == "p.csv: warning: 1 more quoting problems in this file are not listed; fix the first 100 and run again")
    }

    @Test func manyLinesOfQuotingProblemsAreCounted() {
        let text = String(repeating: "\"a\"b\n", count: 10_000)
        let d = CSVScanner.forEachRecord(in: Array(text.utf8), file: "p.csv") { _ in }
        #expect(d.count == 101)
        #expect(d.last?.formatted == "p.csv: warning: 9900 more quoting problems in this file are not listed; fix the first 100 and run again")
        let r = CSVReader.read(bytes: Array(("a\n" + text).utf8), file: "t.csv").1
        #expect(r.count == 101)
        #expect(r.last?.formatted == "t.csv: warning: 9900 more quoting problems in this file are not listed; fix the first 100 and run again")
    }

    @Test func anUnreadablePoliceFileSaysWhyOnce() throws {
        let t = try TempFolder()
        try t.copyBase()
        try FileManager.default.createDirectory(atPath: t.url("reports/police-uk").path, withIntermediateDirectories: true)
        #expect(mkfifo(t.url("reports/police-uk/2021-10-cambridgeshire-street.csv").path, 0o600) == 0)
        let d = QuarterLoader.load(world: DiskWorld(), directory: t.path + "/reports/2021-22-Q3").1
            .map { $0.formatted.replacingOccurrences(of: t.path + "/", with: "") }
        #expect(d.contains("reports/police-uk/2021-10-cambridgeshire-street.csv: error: cannot be read: it is not a regular file (a device, pipe or socket)"), "\(d)")
    }
}

/// A file of many broken rows keeps a bounded number of messages and counts the rest.
@Suite struct DiagnosticLimitTests {
    @Test func limiterListsTheFirstAndCountsTheRest() {
        var l = DiagnosticLimiter(limit: 3)
        for i in 1...5 { l.add(.error(SourceLocation(file: "a.csv", line: i + 1, column: 1), "bad \(i)")) }
        l.add(.warning(SourceLocation(file: "a.csv", line: 9, column: 2), "odd"))
        #expect(l.all.map(\.formatted) == [
            "a.csv:2:1: error: bad 1", "a.csv:3:1: error: bad 2", "a.csv:4:1: error: bad 3",
            "a.csv:5:1: error: 2 more errors in this file from here on are not listed; fix the ones above and run again",
            "a.csv:9:2: warning: 1 more warning in this file from here on is not listed; fix the ones above and run again",
        ])
        var bag = Diagnostics()
        bag.append(contentsOf: l.all)
        #expect(bag.errorCount == 5)
        #expect(bag.warningCount == 1)
    }

    @Test func threeThousandBrokenRowsKeepAThousandMessages() {
        var files = Corpus.badInputBase()
        var rows = "month,area,step,measure,value\n"
        for i in 0..<3_000 { rows += "2021-10,Nroth,engagement,Events \(i),4\n" }
        files["reports/2021-22-Q3/carmel-activity.csv"] = Array(rows.utf8)
        let d = QuarterLoader.load(world: MemoryWorld(files: files), directory: "reports/2021-22-Q3").1
        #expect(d.count == 1_001)
        #expect(d.last?.formatted == "reports/2021-22-Q3/carmel-activity.csv:1002:9: error: cell B1002: 2000 more errors in this file from here on are not listed; fix the ones above and run again")
        var bag = Diagnostics()
        bag.append(contentsOf: d)
        #expect(bag.errorCount == 3_000)
    }

    @Test func valuesLimit() {
        let row = Array(repeating: "a", count: 100).joined(separator: ",") + "\n"
        let text = String(repeating: row, count: CSVReader.maximumValues / 100 + 1)
        let (doc, d) = CSVReader.read(bytes: Array(text.utf8), file: "t.csv")
        #expect(doc == nil)
        #expect(d.map(\.formatted) == ["t.csv:20001:1: error: row 20001: cspreport stops reading this file here: the file has more than 2000000 values (rows × columns); a quarter's file holds far fewer (is this the right file?)"])
    }
}
