import Foundation
import Testing

/// `build --edition both` (issue 21, point 4): one command writes both editions, each the same
/// bytes as its own command writes.
@Suite(.serialized) struct BothEditionsTests {
    @Test func oneCommandWritesBothEditions() throws {
        let dir = try CLI.scratch()
        let env = ["SOURCE_DATE_EPOCH": "1642636800"]
        let both = try CLI.run(["build", "reports/2021-22-Q3", "--out", "out/q3.pdf", "--edition", "both"], in: dir, environment: env)
        try #require(both.status == 0, "\(both.stderr)")
        #expect(both.stderr.contains("wrote out/q3-board.pdf: 2021-22-Q3 board edition"))
        #expect(both.stderr.contains("wrote out/q3-public.pdf: 2021-22-Q3 public edition"))
        for edition in ["board", "public"] {
            let single = try CLI.run(["build", "reports/2021-22-Q3", "--out", "\(edition).pdf", "--edition", edition], in: dir, environment: env)
            #expect(single.status == 0)
            #expect(try Data(contentsOf: dir.appendingPathComponent("out/q3-\(edition).pdf")) == Data(contentsOf: dir.appendingPathComponent("\(edition).pdf")))
        }
        let web = try CLI.run(["build", "reports/2021-22-Q3", "--out", "web/q3.html", "--edition", "Both"], in: dir, environment: env)
        #expect(web.status == 0, "\(web.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("web/q3-board.html").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("web/q3-public.html").path))
    }

    @Test func invalidInputIsToldOnceAndWritesNeither() throws {
        let dir = try CLI.scratch()
        let cases = dir.appendingPathComponent("reports/2021-22-Q3/psg-cases.csv")
        let text = try String(contentsOf: cases, encoding: .utf8).replacingOccurrences(of: ",North,", with: ",Nroth,")
        try text.write(to: cases, atomically: true, encoding: .utf8)
        let r = try CLI.run(["build", "reports/2021-22-Q3", "--out", "q3.pdf", "--edition", "both"], in: dir)
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").filter { $0.contains("\"Nroth\"") }
        #expect(!lines.isEmpty && Set(lines).count == lines.count, "each message once: \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("q3-board.pdf").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("q3-public.pdf").path))
        let charts = try CLI.run(["build", "reports/2021-22-Q3", "--out", "q3.pdf", "--edition", "both", "--charts", "c"], in: dir)
        #expect(charts.status == 2)
    }

    @Test func allQuartersInBothEditions() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["build", "--all", "reports", "--out-dir", "all", "--edition", "both"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("all").path)
        #expect(names.contains("2021-22-Q3-board.pdf") && names.contains("2021-22-Q3-public.pdf"))
        #expect(r.stderr.contains("both editions"))
    }
}

/// A mistyped command gets the one meant and the list (issue 21, point 4); `--edition Public`
/// is read as `public`.
@Suite struct CommandNameTests {
    @Test func aMistypedCommandGetsDidYouMean() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["biuld", "reports/2021-22-Q3", "--out", "r.pdf"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr == "cspreport: there is no command \"biuld\"; did you mean \"build\"? The commands are validate, summary, explain, build, init, sample and specimen; see cspreport --help.\n", "\(r.stderr)")
        let far = try CLI.run(["frobnicate"], in: dir)
        #expect(far.status == 2)
        #expect(far.stderr.hasPrefix("cspreport: there is no command \"frobnicate\". The commands are"))
        // The hidden benchmarks still run, and are never suggested.
        #expect(!r.stderr.contains("bench"))
    }

    @Test func editionsInAnyCase() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["build", "reports/2021-22-Q3", "--out", "p.pdf", "--edition", "Public"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("2021-22-Q3 public edition"))
    }
}
