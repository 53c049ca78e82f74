import Foundation
import Testing

/// Both editions of the last of five generated quarters (`cspreport sample`, scale 1), built as
/// a user would, and checked by a fuller PDF/UA-1 checker than `pdfua` (issue 19).
@Suite(.serialized) struct GeneratedQuarterTests {
    static let quarter = "2024-25-Q4"

    /// The folder holding `board.pdf` and `public.pdf`.
    static func build() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cspreport-generated-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let sample = try CLI.run(["sample", "--out", ".", "--quarters", "5", "--from", "2023-24-Q4", "--scale", "1"], in: dir)
        #expect(sample.status == 0, "\(sample.stderr)")
        for edition in ["board", "public"] {
            let r = try CLI.run(["build", quarter, "--out", "\(edition).pdf", "--edition", edition], in: dir,
                                environment: ["SOURCE_DATE_EPOCH": "1735603200"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        return dir
    }

    /// `python3` from PATH (the one `make test`'s setup installs into), with its output.
    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// page-validation (PyPI; veraPDF's PDF/UA-1 rules) finds both editions conformant, with
    /// no failed rule (Deliver 4). Missing python or module fails: `make test` installs them.
    @Test func bothEditionsPassPageValidation() throws {
        let dir = try Self.build()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = """
        import sys
        try:
            import page
        except ImportError as e:
            print("MISSING", e); sys.exit(3)
        for path in sys.argv[1:]:
            r = page.validate_pdf(path, profile="ua1")
            print(path.rsplit("/", 1)[-1], r.is_compliant, sorted({x.rule_id for x in r.failures}))
        """
        let files = ["board", "public"].map { dir.appendingPathComponent("\($0).pdf").path }
        let r: (status: Int32, output: String)
        do { r = try Self.python(["-c", script] + files) } catch {
            Issue.record("python3 could not be run (\(error)); `make test` installs page-validation"); return
        }
        #expect(r.status != 127, "python3 is not installed; `make test` installs it with page-validation: \(r.output)")
        #expect(r.status != 3, "the python module page (PyPI page-validation) is missing; `make test` installs it: \(r.output)")
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.split(separator: "\n").map(String.init) == ["board.pdf True []", "public.pdf True []"], "\(r.output)")
    }

    /// The "At a glance" tiles' Figures give the trend in words with its values (issue 19,
    /// point 1): their /Alt gave only the value and the change. The board edition has a trend
    /// on every tile; the public edition only where the line is drawn.
    @Test func glanceTilesAltGivesTheTrend() throws {
        let dir = try Self.build()
        defer { try? FileManager.default.removeItem(at: dir) }
        let labels = ["Cases open at quarter end", "Cases opened", "Cases closed", "Successes", "Blockers open",
                      "Blockers escalated to the board", "OCG referrals"]
        for edition in ["board", "public"] {
            guard let s = try PDFStructure(path: dir.appendingPathComponent("\(edition).pdf").path) else {
                Issue.record("qpdf missing (make test installs it)"); continue
            }
            let tiles = s.figureAlts.filter { alt in labels.contains { alt.hasPrefix($0 + ": ") } }
            #expect(tiles.count >= 6, "\(edition): \(s.figureAlts.prefix(8))")
            let trend = #"\. Trend over the last 5 quarters: \d+(, \d+){4} \(Q4 2023-24 to Q4 2024-25\)$"#
            let trends = tiles.filter { $0.range(of: trend, options: .regularExpression) != nil }
            if edition == "board" { #expect(trends.count == tiles.count, "\(edition): \(tiles)") }
            #expect(!trends.isEmpty, "\(edition): \(tiles)")
            for alt in tiles where !trends.contains(alt) { #expect(!alt.contains("Trend"), "\(edition): \(alt)") }
        }
    }

    /// Every page's running header and footer are typed furniture, also on pages where a
    /// paragraph runs on to the next (issue 19, point 6): its tag was left open across the page
    /// end, and the furniture drawn after it became part of the paragraph.
    /// The shipped sample quarter is used: its public edition has a paragraph running on from
    /// page 3 to page 4.
    @Test func everyPageHasTypedHeaderAndFooter() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cspreport-furniture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let quarter = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("reports/2024-25-Q3").path
        for edition in ["board", "public"] {
            let r = try CLI.run(["build", quarter, "--out", "\(edition).pdf", "--edition", edition], in: dir,
                                environment: ["SOURCE_DATE_EPOCH": "1735603200"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        for edition in ["board", "public"] {
            guard let s = try PDFStructure(path: dir.appendingPathComponent("\(edition).pdf").path) else {
                Issue.record("qpdf missing (make test installs it)"); continue
            }
            #expect(s.pageContents.count > 20, "\(edition): \(s.pageContents.count) pages")
            for (i, content) in s.pageContents.enumerated() {
                #expect(content.contains("/Artifact << /Type /Pagination /Subtype /Header >> BDC")
                        && content.contains("/Artifact << /Type /Pagination /Subtype /Footer >> BDC"),
                        "\(edition), page \(i + 1): header or footer not typed furniture")
            }
        }
    }
}
