import Foundation
import Testing

/// Runs a tool from poppler, qpdf or pdfua; nil when it is not installed (make test installs them).
func tool(_ name: String, _ arguments: [String]) throws -> CLI.Result? {
    let path = ["/usr/bin/", "/usr/local/bin/", "/root/.pyenv/shims/"].map { $0 + name }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let path else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = arguments
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return CLI.Result(status: p.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
}

@Suite(.serialized) struct BuildTests {
    @Test func buildWritesTheBoardEditionWithItsFigures() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["build", "reports/2021-22-Q3", "--out", "report.pdf"], in: dir,
                            environment: ["SOURCE_DATE_EPOCH": "1642636800"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("wrote report.pdf: 2021-22-Q3 board edition"))
        let pdf = dir.appendingPathComponent("report.pdf").path
        // Reading order, with line breaks inside cells and paragraphs made spaces.
        guard let text = try tool("pdftotext", [pdf, "-"]) else { return }
        let t = text.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(t.contains("OFFICIAL-SENSITIVE"))
        #expect(t.contains("Problem-Solving Group"))
        #expect(t.contains("Page 1 of "))
        // The tiles hold the summary's totals; the case flow table its areas.
        #expect(t.contains("Cases open at quarter end"))
        #expect(t.contains("Drugs, cash & a knife seized"))
        #expect(t.contains("No tenancy enforcement"))
        for section in ["At a glance", "Successes", "Blockers for the CSP board", "PSG casework", "Operation Carmel by area",
                        "Priority 1", "What changed since last quarter", "Appendix", "Provenance"] {
            #expect(t.contains(section), "section \(section)")
        }
        if let info = try tool("pdfinfo", [pdf]) {
            #expect(info.stdout.contains("Tagged:          yes"))
            #expect(info.stdout.contains("Page size:       595.276 x 841.89 pts (A4)"))
        }
        if let fonts = try tool("pdffonts", [pdf]) {
            let rows = fonts.stdout.split(separator: "\n").dropFirst(2)
            #expect(!rows.isEmpty)
            #expect(rows.allSatisfy { $0.contains(" yes yes ") }, "every font embedded and subset")
        }
        if let check = try tool("qpdf", ["--check", pdf]) { #expect(check.status == 0) }
    }

    @Test func publicEditionWithholdsCaseDetail() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["build", "reports/2021-22-Q3", "--out", "public.pdf", "--edition", "public"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        guard let raw = try tool("pdftotext", [dir.appendingPathComponent("public.pdf").path, "-"]) else { return }
        let text = CLI.Result(status: 0, stdout: raw.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " "), stderr: "")
        #expect(text.stdout.contains("OFFICIAL"))
        #expect(!text.stdout.contains("OFFICIAL-SENSITIVE"))
        for secret in ["Drugs, cash & a knife seized", "No tenancy enforcement", "Drug dealing at Arbury Court", "C-1", "B-1"] {
            #expect(!text.stdout.contains(secret), "public edition shows \(secret)")
        }
        #expect(text.stdout.contains("<5"))
    }

    @Test func bothEditionsPassThePDFUAChecker() throws {
        let dir = try CLI.scratch()
        for edition in ["board", "public"] {
            let r = try CLI.run(["build", "reports/2021-22-Q3", "--out", "\(edition).pdf", "--edition", edition], in: dir)
            #expect(r.status == 0)
            guard let check = try tool("pdfua", ["check", dir.appendingPathComponent("\(edition).pdf").path]) else { continue }
            #expect(check.status == 0)
            #expect(check.stdout.contains("no findings"), "\(edition): \(check.stdout)")
        }
    }

    @Test func rebuildsAreByteIdentical() throws {
        let dir = try CLI.scratch()
        _ = try CLI.run(["build", "reports/2021-22-Q3", "--out", "a.pdf"], in: dir)
        _ = try CLI.run(["build", "reports/2021-22-Q3", "--out", "b.pdf"], in: dir)
        let a = try Data(contentsOf: dir.appendingPathComponent("a.pdf"))
        let b = try Data(contentsOf: dir.appendingPathComponent("b.pdf"))
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test func invalidInputWritesNothingAndKeepsAnEarlierReport() throws {
        let dir = try CLI.scratch()
        let earlier = Data("an earlier report".utf8)
        try earlier.write(to: dir.appendingPathComponent("report.pdf"))
        try "date,area,case_id,step,title,detail,partners\n2021-10-20,Nroth,,engagement,x,,\n"
            .write(to: dir.appendingPathComponent("reports/2021-22-Q3/successes.csv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["build", "reports/2021-22-Q3", "--out", "report.pdf"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("reports/2021-22-Q3/successes.csv:2:12: error: cell B2: area \"Nroth\" is not a known area"))
        #expect(r.stderr.contains("no report was written"))
        #expect(try Data(contentsOf: dir.appendingPathComponent("report.pdf")) == earlier)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func outputPathProblemsAreUsageErrors() throws {
        let dir = try CLI.scratch()
        let folder = try CLI.run(["build", "reports/2021-22-Q3", "--out", "reports"], in: dir)
        #expect(folder.status == 2)
        #expect(folder.stderr.contains("--out reports is a folder"))
        let underFile = try CLI.run(["build", "reports/2021-22-Q3", "--out", "reports/csp.yaml/report.pdf"], in: dir)
        #expect(underFile.status == 2)
        #expect(underFile.stderr.contains("reports/csp.yaml is a file, not a folder"))
        let edition = try CLI.run(["build", "reports/2021-22-Q3", "--out", "r.pdf", "--edition", "secret"], in: dir)
        #expect(edition.status == 2)
    }

    @Test func chartsAreWrittenForSlides() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["build", "reports/2021-22-Q3", "--out", "r.pdf", "--charts", "charts"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("charts").path).sorted()
        // Numbered in the report's order and named by what each shows.
        #expect(names.contains("01-successes-by-area-and-step.svg"), "\(names)")
        #expect(names.contains("01-successes-by-area-and-step.png"))
        #expect(names.contains { $0.hasSuffix("-north-activity-by-month.svg") }, "\(names)")
        #expect(names.contains { $0.hasSuffix("-cases-opened-and-closed-by-month.svg") })
        #expect(names.filter { $0.hasSuffix(".svg") }.count == names.filter { $0.hasSuffix(".png") }.count)
        #expect(names.count >= 10)
    }

    @Test func publicEditionWarnsWhenTheChairQuotesABlocker() throws {
        let dir = try CLI.scratch()
        let yaml = dir.appendingPathComponent("reports/2021-22-Q3/quarter.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
            .replacingOccurrences(of: "Blockers remain in the East.", with: "Blocker B-1 remains with the housing provider.")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        let pub = try CLI.run(["build", "reports/2021-22-Q3", "--out", "p.pdf", "--edition", "public"], in: dir)
        #expect(pub.status == 0)
        #expect(pub.stderr.contains("reports/2021-22-Q3/quarter.yaml: warning: the chair's summary or highlights quote blocker B-1; the public edition prints them as written, so check they are fit to publish"))
        let board = try CLI.run(["build", "reports/2021-22-Q3", "--out", "b.pdf"], in: dir)
        #expect(!board.stderr.contains("fit to publish"))
    }

    /// A missing output folder is made, but only once the report is ready: invalid input
    /// leaves no empty folder behind.
    @Test func outMakesAMissingFolder() throws {
        let dir = try CLI.scratch()
        let made = try CLI.run(["build", "reports/2021-22-Q3", "--out", "out/2021-22/board.pdf"], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/2021-22/board.pdf").path))
        try "case_id,title\n".write(to: dir.appendingPathComponent("reports/2021-22-Q3/psg-cases.csv"), atomically: true, encoding: .utf8)
        let refused = try CLI.run(["build", "reports/2021-22-Q3", "--out", "later/board.pdf"], in: dir)
        #expect(refused.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("later").path))
    }
}
