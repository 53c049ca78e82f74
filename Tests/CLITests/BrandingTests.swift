import Foundation
import Testing

/// `palette:` in csp.yaml colours the report (issue 21, point 3): headings in the primary
/// colour, charts led by the accent.
@Suite(.serialized) struct BrandingTests {
    @Test func thePaletteColoursHeadingsAndCharts() throws {
        let dir = try CLI.scratch()
        let config = dir.appendingPathComponent("reports/csp.yaml")
        let yaml = try String(contentsOf: config, encoding: .utf8)
        try (yaml + "palette:\n  primary: \"#6A1B4D\"\n  accent: \"#0F7B6C\"\n").write(to: config, atomically: true, encoding: .utf8)
        let r = try CLI.run(["build", "reports/2021-22-Q3", "--out", "r.pdf", "--charts", "charts"], in: dir)
        try #require(r.status == 0, "\(r.stderr)")

        // Cairo writes an SVG colour as percentages: #0F7B6C is 15, 123 and 108 of 255.
        let successes = try String(contentsOf: dir.appendingPathComponent("charts/01-successes-by-area-and-step.svg"), encoding: .utf8)
        #expect(successes.contains("rgb(5.882353%,48.235294%,42.352941%)"), "the chart's first series is in the accent")

        // The web page takes the same colours: headings and rules in the primary, the
        // charts' first series in the accent.
        let web = try CLI.run(["build", "reports/2021-22-Q3", "--out", "r.html"], in: dir)
        try #require(web.status == 0, "\(web.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(html.contains("--accent:#6A1B4D"), "headings in the primary")
        #expect(html.uppercased().contains("#0F7B6C"), "a chart in the accent")

        // The cover's title and rules are in the primary colour: count its pixels on page 1.
        let page = dir.appendingPathComponent("page")
        guard try tool("pdftoppm", ["-r", "40", "-f", "1", "-l", "1", "-singlefile", dir.appendingPathComponent("r.pdf").path, page.path]) != nil else { return }
        let ppm = try Data(contentsOf: dir.appendingPathComponent("page.ppm"))
        #expect(Self.pixels(ppm, near: (0x6A, 0x1B, 0x4D)) > 200)
        #expect(Self.pixels(ppm, near: (0x12, 0x43, 0x6D)) == 0)
    }

    /// `fonts:` sets the report in the partnership's family: here DejaVu Sans, copied with its
    /// licence into a folder beside csp.yaml, replaces Inter everywhere.
    @Test func theReportIsSetInThePartnershipsFonts() throws {
        let dir = try CLI.scratch()
        let fonts = dir.appendingPathComponent("reports/assets/brand-fonts")
        try FileManager.default.createDirectory(at: fonts, withIntermediateDirectories: true)
        let assets = DebPackageTests.root.appendingPathComponent("assets/fonts")
        try FileManager.default.copyItem(at: assets.appendingPathComponent("DejaVuSans.ttf"), to: fonts.appendingPathComponent("DejaVuSans.ttf"))
        try FileManager.default.copyItem(at: assets.appendingPathComponent("LICENSE-DejaVu.txt"), to: fonts.appendingPathComponent("LICENSE.txt"))
        let config = dir.appendingPathComponent("reports/csp.yaml")
        try (try String(contentsOf: config, encoding: .utf8) + "fonts: assets/brand-fonts\n").write(to: config, atomically: true, encoding: .utf8)
        let r = try CLI.run(["build", "reports/2021-22-Q3", "--out", "r.pdf"], in: dir)
        try #require(r.status == 0, "\(r.stderr)")
        guard let listed = try tool("pdffonts", [dir.appendingPathComponent("r.pdf").path]) else { return }
        #expect(listed.stdout.contains("DejaVuSans"))
        #expect(!listed.stdout.contains("Inter"), "\(listed.stdout)")

        // Files that are not fonts pass the loader's checks but not fontconfig's.
        try FileManager.default.removeItem(at: fonts.appendingPathComponent("DejaVuSans.ttf"))
        try "not a font".write(to: fonts.appendingPathComponent("Brand-Regular.ttf"), atomically: true, encoding: .utf8)
        let refused = try CLI.run(["build", "reports/2021-22-Q3", "--out", "r2.pdf"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("none of its files is a font that can be read"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r2.pdf").path))
    }

    /// Pixels of a binary PPM (P6) within a few levels of `colour`.
    static func pixels(_ ppm: Data, near colour: (Int, Int, Int)) -> Int {
        let bytes = [UInt8](ppm)
        // The header is "P6", width, height and the largest value, separated by white space.
        var fields = 0, i = 0
        while fields < 4, i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A { i += 1 }
            while i < bytes.count, bytes[i] != 0x20, bytes[i] != 0x0A { i += 1 }
            fields += 1
        }
        i += 1
        var count = 0
        while i + 2 < bytes.count {
            if abs(Int(bytes[i]) - colour.0) <= 6, abs(Int(bytes[i + 1]) - colour.1) <= 6, abs(Int(bytes[i + 2]) - colour.2) <= 6 { count += 1 }
            i += 3
        }
        return count
    }
}
