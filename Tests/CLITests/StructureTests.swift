import Foundation
import Testing

/// The finished report's tags and outline, read from the PDF (issue 19).
@Suite(.serialized) struct StructureTests {
    /// Both editions, built as a user would.
    static func build() throws -> [(edition: String, structure: PDFStructure)] {
        let dir = try CLI.scratch()
        var out: [(String, PDFStructure)] = []
        for edition in ["board", "public"] {
            let r = try CLI.run(["build", "reports/2021-22-Q3", "--out", "\(edition).pdf", "--edition", edition], in: dir,
                                environment: ["SOURCE_DATE_EPOCH": "1642636800"])
            #expect(r.status == 0, "\(r.stderr)")
            guard let s = try PDFStructure(path: dir.appendingPathComponent("\(edition).pdf").path) else {
                Issue.record("qpdf missing (make test installs it)")
                continue
            }
            out.append((edition, s))
        }
        return out
    }

    /// PDF/UA-1 (veraPDF's PDFUA1-HEADING-NESTING-001): the first heading is H1 and no heading
    /// goes more than one level deeper than the one before it; and every heading's bookmark
    /// sits at the heading's level, so the outline and the tags agree. "Highlights" was an H3
    /// straight after the H1 "The chair's summary", its bookmark at level 2.
    @Test func headingsNestAndAgreeWithTheOutline() throws {
        for (edition, s) in try Self.build() {
            let levels = s.headingLevels
            #expect(levels.first == 1, "\(edition): the first heading is H\(levels.first ?? 0)")
            for (a, b) in zip(levels, levels.dropFirst()) { #expect(b <= a + 1, "\(edition): H\(b) straight after H\(a)") }
            #expect(levels == s.outline.map(\.level), "\(edition): tags \(levels), outline \(s.outline.map(\.level))")
            let summary = try #require(s.outline.firstIndex { $0.title == "The chair’s summary" }, "\(edition): \(s.outline)")
            #expect(s.outline[summary].level == 1)
            #expect(s.outline[summary + 1].title == "Highlights" && s.outline[summary + 1].level == 2, "\(edition)")
            #expect(levels[summary + 1] == 2, "\(edition): Highlights is H\(levels[summary + 1])")
        }
    }

    /// The cover's title is the document's first heading, an H1 with its bookmark (it was a P,
    /// and "Contents" the first heading), and the contents come after it.
    @Test func theCoverTitleIsTheFirstHeading() throws {
        for (edition, s) in try Self.build() {
            #expect(s.outline.prefix(2).map(\.title) == ["Problem-Solving Group quarterly report", "Contents"], "\(edition): \(s.outline.prefix(3))")
            #expect(s.outline.prefix(2).map(\.level) == [1, 1] && s.headingLevels.prefix(2) == [1, 1], "\(edition)")
            // The cover holds its logo, name, title and lines; the title is its only heading and
            // comes before the contents' heading and list (TOC).
            let roles = s.elements.map(\.role)
            let firstHeading = try #require(roles.firstIndex { $0.hasPrefix("/H") })
            let toc = try #require(roles.firstIndex(of: "/TOC"))
            #expect(roles[firstHeading] == "/H1" && firstHeading < toc)
            #expect(roles[firstHeading + 1 ..< toc].filter { $0.hasPrefix("/H") } == ["/H1"], "\(edition): \(roles.prefix(12))")
        }
    }

    /// Page furniture is typed (issue 19, point 6): the running header and classification
    /// marking at the top of each page are `/Artifact << /Type /Pagination /Subtype /Header >>`,
    /// the footer, page number and marking at the bottom `/Subtype /Footer`; they were untyped
    /// `/Artifact BMC`. Other artifacts (decorative rules) stay untyped.
    @Test func pageFurnitureIsTypedHeaderAndFooter() throws {
        let header = "/Artifact << /Type /Pagination /Subtype /Header >> BDC"
        let footer = "/Artifact << /Type /Pagination /Subtype /Footer >> BDC"
        for (edition, s) in try Self.build() {
            #expect(!s.pageContents.isEmpty, "\(edition): no pages read")
            for (i, content) in s.pageContents.enumerated() {
                let page = "\(edition), page \(i + 1)"
                let number = "(Page \(i + 1) of \(s.pageContents.count))Tj"
                guard let h = content.range(of: header), let f = content.range(of: footer),
                      let n = content.range(of: number) else {
                    Issue.record("\(page): no typed header or footer, or no page number"); continue
                }
                // The page number lies in the footer artifact, the header before the footer.
                let end = try #require(content.range(of: "\nEMC", range: f.upperBound..<content.endIndex))
                #expect(n.lowerBound > f.upperBound && n.upperBound <= end.lowerBound, "\(page)")
                #expect(h.lowerBound < f.lowerBound, "\(page)")
                #expect(content.components(separatedBy: header).count == 2, "\(page): one header artifact")
            }
        }
    }
}
