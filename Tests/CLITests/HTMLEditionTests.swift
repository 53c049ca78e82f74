import Foundation
import Testing

/// `build --out FILE.html` (issue 16): the web page edition, checked as its readers get it.
@Suite(.serialized) struct HTMLEditionTests {
    static let epoch = ["SOURCE_DATE_EPOCH": "1735603200"]
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var sampleQuarter: String { repository.appendingPathComponent("reports/2024-25-Q3").path }

    @Test func theFormatFollowsTheExtensionAndRebuildsAreByteIdentical() throws {
        let dir = try CLI.scratch()
        for edition in ["board", "public"] {
            let a = try CLI.run(["build", Self.sampleQuarter, "--out", "\(edition)-a.html", "--edition", edition], in: dir, environment: Self.epoch)
            #expect(a.status == 0, "\(a.stderr)")
            #expect(a.stderr.contains("wrote \(edition)-a.html: 2024-25-Q3 \(edition) edition, web page"))
            let b = try CLI.run(["build", Self.sampleQuarter, "--out", "\(edition)-b.HTML", "--edition", edition], in: dir, environment: Self.epoch)
            #expect(b.status == 0, "\(b.stderr)")
            let first = try Data(contentsOf: dir.appendingPathComponent("\(edition)-a.html"))
            let second = try Data(contentsOf: dir.appendingPathComponent("\(edition)-b.HTML"))
            #expect(first == second, "\(edition): two builds differ")
            let html = String(decoding: first, as: UTF8.self)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
            #expect(html.contains(edition == "board" ? "<strong>OFFICIAL-SENSITIVE</strong>" : "<strong>OFFICIAL</strong>"))
            // Self-contained: nothing is fetched (only the SVG namespace names a URL).
            let urls = html.matches(of: /(src|href)="(https?:)?\/\//).count
            #expect(urls == 0, "\(edition): the page loads something from elsewhere")
            #expect(!html.contains("<script"))
        }
        // --charts still writes the slides' SVG and PNG beside a web page.
        let charts = try CLI.run(["build", Self.sampleQuarter, "--out", "c.html", "--charts", "charts"], in: dir, environment: Self.epoch)
        #expect(charts.status == 0, "\(charts.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("charts").path)
        #expect(files.contains { $0.hasSuffix(".svg") } && files.contains { $0.hasSuffix(".png") })
    }

    /// axe-core (WCAG 2.1 A and AA, best practice) in headless Chromium at desktop and phone
    /// widths, and no sideways scrolling of the page (scripts/check-html.py): both editions of
    /// the shipped sample quarter, of a generated quarter at scale 20 and of a quarter saved by
    /// LibreOffice, with a logo.
    @Test func bothEditionsPassAxeInChromium() throws {
        let dir = try CLI.scratch()
        let sample = try CLI.run(["sample", "--out", "s20", "--scale", "20", "--quarters", "2"], in: dir)
        #expect(sample.status == 0, "\(sample.stderr)")
        let scale20 = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("s20").path)
            .filter { $0.contains("-Q") }.sorted().last ?? ""
        // A quarter saved by LibreOffice (Tests/Fixtures/libreoffice), with the partnership's logo.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("lo"), withIntermediateDirectories: true)
        for item in try FileManager.default.contentsOfDirectory(atPath: CLI.fixtures.appendingPathComponent("libreoffice/reports").path) {
            try FileManager.default.copyItem(at: CLI.fixtures.appendingPathComponent("libreoffice/reports/\(item)"),
                                             to: dir.appendingPathComponent("lo/\(item)", isDirectory: true))
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("lo/assets"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.fixtures.appendingPathComponent("reports/assets/logo.png"),
                                         to: dir.appendingPathComponent("lo/assets/logo.png"))
        let config = dir.appendingPathComponent("lo/csp.yaml")
        try (String(decoding: try Data(contentsOf: config), as: UTF8.self) + "\nlogo: assets/logo.png\n")
            .write(to: config, atomically: true, encoding: .utf8)
        var pages: [String] = []
        for (quarter, name) in [(Self.sampleQuarter, "sample"), ("s20/\(scale20)", "scale20"), ("lo/2021-22-Q3", "libreoffice")] {
            for edition in ["board", "public"] {
                let out = "\(name)-\(edition).html"
                let r = try CLI.run(["build", quarter, "--out", out, "--edition", edition], in: dir, environment: Self.epoch)
                #expect(r.status == 0, "\(r.stderr)")
                pages.append(dir.appendingPathComponent(out).path)
            }
        }
        let script = Self.repository.appendingPathComponent("scripts/check-html.py").path
        let check = try CLI.runTool("/usr/bin/env", ["python3", script] + pages)
        if check.status == 3 {
            let message = "SKIPPED: the HTML browser check needs chromium, chromium-driver, selenium and axe-playwright-python (make setup installs them): \(check.stderr)"
            print(String(repeating: "!", count: 80) + "\n" + message + "\n" + String(repeating: "!", count: 80))
            // CI has them: there a missing browser is a failure, not a skip.
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record(Comment(rawValue: message)) }
            return
        }
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.components(separatedBy: "no axe violations").count - 1 == 6, "\(check.stdout)")
        let withLogo = String(decoding: try Data(contentsOf: dir.appendingPathComponent("libreoffice-board.html")), as: UTF8.self)
        #expect(withLogo.contains("<img class=\"logo\" src=\"data:image/png;base64,iVBORw0KGgo"), "the logo is inside the page")
    }
}

extension CLI {
    /// Runs another program (not cspreport), its output collected as `run` collects it.
    static func runTool(_ path: String, _ arguments: [String]) throws -> Result {
        try run(arguments, in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                executable: URL(fileURLWithPath: path))
    }
}
