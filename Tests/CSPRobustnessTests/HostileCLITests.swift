import CSPDisplay
import Foundation
import Testing

/// The CLI on hostile folders: exit status, and what the chair reads.
@Suite struct HostileCLITests {
    func run(_ arguments: [String], in folder: TempFolder) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = try #require(InterruptedBuildTests.binary)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        p.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func aFloodOfErrorsShowsTheFirstHundredPerFile() throws {
        let t = try TempFolder()
        try t.copyBase()
        var rows = "month,area,step,measure,value\n"
        for i in 0..<300 { rows += "2021-10,Nroth,engagement,Events \(i),4\n" }
        try t.write("reports/2021-22-Q3/carmel-activity.csv", rows)
        let r = try run(["validate", "reports/2021-22-Q3"], in: t)
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("reports/2021-22-Q3/carmel-activity.csv:") && $0.dropFirst(39).first?.isNumber == true }.count == 100)
        #expect(lines.contains("reports/2021-22-Q3/carmel-activity.csv: error: 200 errors more in this file not shown; fix the first 100 and run again"))
        #expect(lines.last?.hasPrefix("reports/2021-22-Q3: 300 errors, 0 warnings") == true)
    }

    @Test func aHugeFileIsAnInputErrorNotACrash() throws {
        let t = try TempFolder()
        try t.copyBase()
        #expect(truncate(t.url("reports/2021-22-Q3/successes.csv").path, 300 * 1024 * 1024) == 0)
        let r = try run(["validate", "reports/2021-22-Q3"], in: t)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("reports/2021-22-Q3/successes.csv: error: file is 300 MB; the largest input file cspreport reads is 32 MB"))
    }

    @Test func anOutputPathThatCannotBeWrittenIsAUsageError() throws {
        let t = try TempFolder()
        try t.copyBase()
        let r = try run(["build", "reports/2021-22-Q3", "--out", "/proc/report.pdf"], in: t)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("Error: --out /proc/report.pdf cannot be written: no file can be created in /proc ("))
    }

    @Test func anOutputPathThatIsAnInputIsRefused() throws {
        let t = try TempFolder()
        try t.copyBase()
        let before = t.read("reports/2021-22-Q3/psg-cases.csv")
        for out in ["reports/2021-22-Q3/psg-cases.csv", "reports/2021-22-Q3/../csp.yaml"] {
            let r = try run(["build", "reports/2021-22-Q3", "--out", out], in: t)
            #expect(r.status == 2)
            #expect(r.stderr.hasPrefix("Error: --out \(out) is one of the inputs ("), "\(r.stderr)")
        }
        #expect(t.read("reports/2021-22-Q3/psg-cases.csv") == before)
    }

    /// A 60,000-character "word" (no break opportunity) in a case title: Pango breaks such a
    /// word in quadratic time, so it took about two minutes before long words were given break
    /// opportunities.
    @Test func anUnbreakableWordIsLaidOutQuickly() throws {
        let t = try TempFolder()
        try t.copyBase()
        let cases = t.url("reports/2021-22-Q3/psg-cases.csv").path
        let base = try String(contentsOfFile: cases, encoding: .utf8)
        try (base + "C-9,\(String(repeating: "X", count: 60_000)),North,,,,,2021-10-05,,open,\n").write(toFile: cases, atomically: false, encoding: .utf8)
        let start = Date()
        let r = try run(["build", "reports/2021-22-Q3", "--out", "r.pdf"], in: t)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Date().timeIntervalSince(start) < 30)
    }
}

@Suite struct LongWordTests {
    @Test func shortTextIsUntouched() {
        let text = "Drug dealing at Arbury Court; see https://www.cambridge.gov.uk/community-safety-partnership"
        #expect(Hyphenation.breakLongWords(text) == text)
        let longSentence = String(repeating: "word ", count: 1_000)
        #expect(Hyphenation.breakLongWords(longSentence) == longSentence)
    }

    @Test func longWordsGetBreakOpportunities() {
        let word = String(repeating: "X", count: 1_000)
        let broken = Hyphenation.breakLongWords("a " + word + " b")
        #expect(broken.filter { $0 == Hyphenation.zeroWidthSpace }.count == 15)
        #expect(broken.filter { $0 != Hyphenation.zeroWidthSpace } == "a " + word + " b")
        #expect(broken.split(separator: Hyphenation.zeroWidthSpace).map(\.count).max() == 66)
    }

    @Test func hyphenationOfALongWordIsLinear() {
        let start = Date()
        _ = Hyphenation.insertSoftHyphens(String(repeating: "abo", count: 40_000))
        #expect(Date().timeIntervalSince(start) < 5)
    }
}
