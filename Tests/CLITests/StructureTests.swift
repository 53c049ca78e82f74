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

    /// In each area's Operation Carmel table a measure's row header names its step for
    /// assistive technology ("Engagement: Bike-marking sessions"): the step rows grouped the
    /// measures only visually, and cell-by-cell reading gave the measure alone. Step rows keep
    /// a plain row header; every row under one names that step, and each step once per table.
    @Test func carmelMeasuresNameTheirStep() throws {
        let steps = ["Engagement", "Targeted activity", "Problem solving", "Think Communities"]
        for (edition, s) in try Self.build() {
            var tables = 0
            var i = 0
            let e = s.elements
            while i < e.count {
                defer { i += 1 }
                guard e[i].role == "/Table" else { continue }
                // The table's rows' first cells: row headers, in order.
                var headers: [String?] = []
                var j = i + 1
                while j < e.count, e[j].depth > e[i].depth {
                    if e[j].role == "/TH", e[j].scope == "/Row" { headers.append(e[j].actualText) }
                    j += 1
                }
                guard headers.contains(where: { t in steps.contains { t?.hasPrefix($0 + ": ") == true } }) else { continue }
                tables += 1
                var current: String?
                var seen: Set<String> = []
                for (k, h) in headers.enumerated() {
                    if let h {
                        let step = try #require(current, "\(edition): row header \(k) (\(h)) under no step row")
                        #expect(h.hasPrefix(step + ": ") && h.count > step.count + 2, "\(edition): \(h) under \(step)")
                    } else {
                        // A step row: the next rows name one step, not named before in this table.
                        let next = try #require(headers.dropFirst(k + 1).first ?? nil, "\(edition): step row \(k) has no measures")
                        let step = try #require(steps.first { next.hasPrefix($0 + ": ") }, "\(edition): \(next)")
                        #expect(seen.insert(step).inserted, "\(edition): \(step) twice in one table")
                        current = step
                    }
                }
            }
            #expect(tables >= 3, "\(edition): \(tables) Operation Carmel tables with steps in their row headers")
        }
    }

    /// No /ActualText span around nothing (issue 19, point 5): cairo gave one to every soft
    /// hyphen at which a word did not break and every space at which a line wrapped.
    @Test func noEmptyActualTextSpans() throws {
        for (edition, s) in try Self.build() {
            #expect(s.emptyActualTextSpans == 0, "\(edition): \(s.emptyActualTextSpans) empty ActualText spans")
        }
    }

    /// The contents keep their two visible levels (issue 19, point 3; ISO 32000-1 Table 333): a
    /// TOC of TOCIs, each a Reference holding the Link to its heading, and a level-1 entry's
    /// level-2 entries in a TOC nested in its TOCI. It was one flat TOC of TOCI > Link. The
    /// entries' levels are the outline's, level 1 and 2, after the contents' own bookmark.
    @Test func contentsNestTheirTwoLevels() throws {
        for (edition, s) in try Self.build() {
            let e = s.elements
            let toc = try #require(e.firstIndex { $0.role == "/TOC" }, "\(edition): no TOC")
            var end = toc + 1
            while end < e.count, e[end].depth > e[toc].depth { end += 1 }
            let base = e[toc].depth
            var levels: [Int] = []
            for i in toc + 1 ..< end {
                let parent = e[..<i].lastIndex { $0.depth == e[i].depth - 1 }.map { e[$0].role }
                switch e[i].role {
                case "/TOCI":
                    #expect(parent == "/TOC", "\(edition): a TOCI in \(parent ?? "nothing")")
                    levels.append((e[i].depth - base + 1) / 2)
                    #expect(i + 2 < end && e[i + 1].role == "/Reference" && e[i + 1].depth == e[i].depth + 1
                            && e[i + 2].role == "/Link" && e[i + 2].depth == e[i].depth + 2,
                            "\(edition): TOCI \(levels.count) is not TOCI > Reference > Link")
                case "/TOC": #expect(parent == "/TOCI", "\(edition): a nested TOC in \(parent ?? "nothing")")
                case "/Reference": #expect(parent == "/TOCI")
                case "/Link": #expect(parent == "/Reference")
                default: Issue.record("\(edition): \(e[i].role) in the contents")
                }
            }
            #expect(levels.contains(2) && levels.allSatisfy { $0 == 1 || $0 == 2 }, "\(edition): \(levels)")
            let contents = try #require(s.outline.firstIndex { $0.title == "Contents" })
            let outline = s.outline[(contents + 1)...].map(\.level).filter { $0 <= 2 }
            #expect(levels == outline, "\(edition): contents levels \(levels), outline \(outline)")
        }
    }
}
