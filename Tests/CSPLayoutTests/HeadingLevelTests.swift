import CSPDisplay
@testable import CSPLayout
import Testing

/// A heading level that skips is caught when the document is laid out, as Typst refuses to
/// compile one, not discovered in the PDF (issue 19).
@Suite struct HeadingLevelTests {
    let engine = LayoutEngine(shaper: shaper)

    /// The heading tags and bookmarks of laid-out pages, in order.
    func tagsAndBookmarks(_ laid: LaidOutDocument) -> (tags: [Int], bookmarks: [(String, Int)]) {
        var tags: [Int] = [], bookmarks: [(String, Int)] = []
        func visit(_ f: Frame) {
            for (_, item) in f.items {
                switch item {
                case .group(let g): visit(g)
                case .tagStart(.heading(let level)): tags.append(level)
                case .bookmark(let title, let level): bookmarks.append((title, level))
                default: break
                }
            }
        }
        laid.pages.forEach(visit)
        return (tags, bookmarks)
    }

    static let skipping = document([
        .heading(Heading(level: 1, "The chair’s summary")),
        .paragraph(Paragraph(words(6))),
        .heading(Heading(level: 3, "Highlights")),
        .paragraph(Paragraph(words(6))),
        .heading(Heading(level: 1, "Successes")),
        .heading(Heading(level: 2, "The quarter’s successes")),
        .heading(Heading(level: 3, "Detail")),
    ])

    @Test func skipsAreFound() {
        let skips = Self.skipping.headingLevelSkips
        #expect(skips == [HeadingLevelSkip(block: 2, text: "Highlights", level: 3, previous: 1)])
        #expect("\(skips[0])" == "the heading “Highlights” is level 3 straight after a level-1 heading: a heading may go only one level deeper than the one before it")
        // The first heading must be level 1; the contents' own heading is one.
        let first = document([.heading(Heading(level: 2, "Intro")), .heading(Heading(level: 2, "More"))]).headingLevelSkips
        #expect(first.map(\.block) == [0] && first[0].previous == 0 && first[0].allowed == 1)
        #expect("\(first[0])" == "the document's first heading “Intro” is level 2: the first heading must be level 1")
        #expect(document([.contents(title: "Contents"), .heading(Heading(level: 2, "Part"))]).headingLevelSkips.isEmpty)
        #expect(document([.heading(Heading(level: 1, "A")), .heading(Heading(level: 2, "B")), .heading(Heading(level: 3, "C")),
                          .heading(Heading(level: 1, "D"))]).headingLevelSkips.isEmpty)
    }

    /// The cover's title is the document's first heading: an H1 with its bookmark; a level-2
    /// heading may follow it.
    @Test func theCoverTitleIsAnH1() throws {
        let doc = document([.cover(Cover(title: "Report", subtitle: "Q3", lines: ["Board edition"])),
                            .pageBreak, .heading(Heading(level: 2, "Part"))], size: Size(595, 842))
        #expect(doc.headingLevelSkips.isEmpty)
        let (tags, bookmarks) = tagsAndBookmarks(try engine.strictLayout(doc))
        #expect(tags == [1, 2])
        #expect(bookmarks.map(\.0) == ["Report", "Part"] && bookmarks.map(\.1) == [1, 2])
    }

    /// Strict layout refuses the document, saying which heading and why.
    @Test func strictLayoutRefuses() {
        do {
            _ = try engine.strictLayout(Self.skipping)
            Issue.record("a document with an H3 straight after an H1 was laid out")
        } catch {
            #expect(error.text == "Highlights" && error.level == 3 && error.previous == 1)
        }
        #expect(throws: Never.self) { try engine.strictLayout(document([.heading(Heading(level: 1, "A"))])) }
    }

    /// Lenient layout fixes the level (tag, bookmark and contents alike) and warns.
    @Test func layoutFixesTheLevelAndWarns() {
        let laid = engine.layout(Self.skipping)
        let (tags, bookmarks) = tagsAndBookmarks(laid)
        #expect(tags == [1, 2, 1, 2, 3])
        #expect(bookmarks.map(\.1) == tags)
        #expect(bookmarks.map(\.0) == ["The chair’s summary", "Highlights", "Successes", "The quarter’s successes", "Detail"])
        #expect(laid.warnings.first == "the heading “Highlights” is level 3 straight after a level-1 heading: a heading may go only one level deeper than the one before it; laid out as level 2")
        #expect(laid.warnings.count == 1)
        #expect(laid.contents.map(\.title) == ["The chair’s summary", "Highlights", "Successes", "The quarter’s successes"])
    }
}
