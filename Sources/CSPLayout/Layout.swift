import CSPDisplay
import CSPCharts

/// A contents entry: a heading and the page it landed on.
public struct ContentsEntry: Hashable, Sendable {
    public var level: Int
    public var title: String
    public var destination: String
    public var page: Int
}

/// Pages ready for a renderer: positioned frames plus what the PDF needs beside them.
public struct LaidOutDocument: Sendable {
    public var metadata: DocumentMetadata
    public var pageSize: Size
    public var pages: [Frame]
    public var contents: [ContentsEntry]
    /// Problems found while laying out (a block taller than a page, say), as messages.
    public var warnings: [String]

    /// Text of every page, coordinates rounded to 0.01 pt: the layout snapshot.
    public func dump(shapes: Bool = false) -> String {
        var out = ""
        for (i, p) in pages.enumerated() {
            out += "page \(i + 1) \(fmt(p.size.width))x\(fmt(p.size.height))\n"
            out += p.dump(indent: 1, shapes: shapes)
        }
        return out
    }
}

/// Lays out a document: blocks are measured, split and placed into the page's content region,
/// then page furniture ("Page N of M") and the contents' page numbers are resolved.
public struct LayoutEngine {
    public var shaper: any TextShaper
    public init(shaper: any TextShaper) { self.shaper = shaper }

    public func layout(_ doc: Document) -> LaidOutDocument {
        let shaper = CachingShaper(self.shaper)
        var pass = Paginator(doc: doc, shaper: shaper, pageOf: [:])
        var result = pass.run()
        let hasContents = doc.blocks.contains { if case .contents = $0 { return true } else { return false } }
        // Contents entries keep their height whatever the numbers are, so a second pass with
        // the numbers known gives the same breaks; a third one guards the unexpected case.
        for _ in 0..<(hasContents ? 2 : 0) {
            let known = Dictionary(result.contents.map { ($0.destination, $0.page) }, uniquingKeysWith: { a, _ in a })
            if known == pass.pageOf && !known.isEmpty { break }
            pass = Paginator(doc: doc, shaper: shaper, pageOf: known)
            result = pass.run()
            if known.isEmpty { break }
        }
        result.pages = result.pages.enumerated().map { i, page in
            var p = page
            p.push(frame: furniture(doc, shaper: shaper, page: i + 1, of: result.pages.count), at: .zero)
            return p
        }
        return result
    }

    /// Header and footer. Drawn untagged, so the PDF post-pass marks them as artifacts.
    func furniture(_ doc: Document, shaper: any TextShaper, page: Int, of total: Int) -> Frame {
        let t = doc.template
        let theme = Theme(branding: doc.branding)
        var f = Frame(size: t.size)
        let left = t.margins.left, width = t.size.width - t.margins.left - t.margins.right
        func put(_ s: StyledText, _ y: Double, _ w: Double = width) {
            let shaped = shaper.shape(s, width: w)
            f.push(.text(TextBox(text: s, width: w, lines: 0..<min(1, shaped.lines.count), shaped: shaped)), at: Point(left, y))
        }
        let mark = StyledText(t.classification, font: theme.font(size: 8.5, weight: .bold), color: theme.text,
                              alignment: .center, lineHeight: 1.2)
        put(mark, 24)
        let small = theme.font(size: 8)
        put(StyledText(t.title, font: small, color: theme.secondary, lineHeight: 1.2, ellipsize: true), 42, width * 0.7)
        put(StyledText(doc.branding.shortName, font: small, color: theme.secondary, alignment: .right, lineHeight: 1.2), 42)
        f.line(Point(left, 56), Point(left + width, 56), Stroke(theme.rule, width: 0.5))
        let fy = t.size.height - t.margins.bottom + 22
        f.line(Point(left, fy - 6), Point(left + width, fy - 6), Stroke(theme.rule, width: 0.5))
        put(StyledText(t.title, font: small, color: theme.secondary, lineHeight: 1.2, ellipsize: true), fy, width * 0.7)
        put(StyledText("Page \(page) of \(total)", font: small, color: theme.secondary, alignment: .right, lineHeight: 1.2), fy)
        put(mark, t.size.height - 30)
        return f
    }
}
