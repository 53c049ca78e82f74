import CSPDisplay
import CSPCharts

/// A block made ready for pagination: measured once, then placed piece by piece.
struct Piece {
    var frame: Frame
    var height: Double
}

protocol Flow {
    var spaceBefore: Double { get }
    var spaceAfter: Double { get }
    /// The largest piece fitting `available`; nil when nothing sensible fits. On a fresh page
    /// (`atTop`) a flow always places something, so pagination cannot loop.
    func place(available: Double, atTop: Bool) -> (Piece, rest: (any Flow)?)?
}

struct PageBreakFlow: Flow {
    var spaceBefore: Double { 0 }
    var spaceAfter: Double { 0 }
    func place(available: Double, atTop: Bool) -> (Piece, rest: (any Flow)?)? { nil }
}

struct SpacerFlow: Flow {
    var height: Double
    var spaceBefore: Double { 0 }
    var spaceAfter: Double { 0 }
    func place(available: Double, atTop: Bool) -> (Piece, rest: (any Flow)?)? {
        let h = atTop ? 0 : min(height, max(0, available))
        return (Piece(frame: Frame(size: Size(0, h)), height: h), nil)
    }
}

/// A frame that never splits (figure, KPI row, cover, heading).
struct AtomicFlow: Flow {
    var frame: Frame
    var spaceBefore: Double
    var spaceAfter: Double
    var keepWithNext = false
    func place(available: Double, atTop: Bool) -> (Piece, rest: (any Flow)?)? {
        guard frame.size.height <= available + 0.001 || atTop else { return nil }
        return (Piece(frame: frame, height: frame.size.height), nil)
    }
}

/// A paragraph split between lines, keeping two lines at least on each side of a break.
struct TextFlow: Flow {
    var text: StyledText
    var shaped: ShapedText
    var width: Double
    var tag: StructureTag
    var from = 0
    var spaceBefore: Double
    var spaceAfter: Double
    var lead: [FrameItem] = []
    var splittable = true

    var remaining: Int { shaped.lines.count - from }

    func piece(_ range: Range<Int>, last: Bool) -> Piece {
        let h = shaped.height(of: range)
        var f = Frame(size: Size(width, h))
        if range.lowerBound == 0 {
            for item in lead { f.push(item) }
        }
        // Each page's part of a split paragraph is tagged on its own: a tag left open across the
        // page end would hold that page's running header and footer, drawn after it, as part of
        // the paragraph's text instead of as page furniture.
        f.push(.tagStart(tag))
        f.push(.text(TextBox(text: text, width: width, lines: range, shaped: shaped)))
        f.push(.tagEnd)
        return Piece(frame: f, height: h)
    }

    func place(available: Double, atTop: Bool) -> (Piece, rest: (any Flow)?)? {
        let n = shaped.lines.count
        if remaining <= 0 { return (piece(from..<n, last: true), nil) }
        var k = 0
        while from + k < n, shaped.height(of: from..<(from + k + 1)) <= available + 0.001 { k += 1 }
        if k == remaining { return (piece(from..<n, last: true), nil) }
        if !splittable { return atTop ? (piece(from..<n, last: true), nil) : nil }
        // Widows: never leave one line alone at the top of the next page; a three-line
        // paragraph moves whole rather than split 2 + 1.
        if remaining - k == 1 { k = k >= 3 ? k - 1 : 0 }
        // Orphans: never leave one line alone at the foot of a page.
        if k < 2, remaining >= 2 { if !atTop { return nil } }
        // Not a line fits: the paragraph goes to the next page (only a fresh page forces one).
        if k == 0, !atTop { return nil }
        k = max(k, 1)
        var rest = self
        rest.from = from + k
        rest.spaceBefore = 0
        return (piece(from..<(from + k), last: false), rest)
    }
}

/// A list split between items.
struct ListFlow: Flow {
    struct Item { var text: StyledText; var shaped: ShapedText; var label: String }
    var items: [Item]
    var width: Double
    var indent: Double
    var from = 0
    var gap: Double
    var spaceBefore: Double
    var spaceAfter: Double
    var labelStyle: StyledText

    func place(available: Double, atTop: Bool) -> (Piece, rest: (any Flow)?)? {
        var y = 0.0
        var end = from
        while end < items.count {
            let h = items[end].shaped.height + (end > from ? gap : 0)
            if y + h > available + 0.001 { break }
            y += h; end += 1
        }
        if items.isEmpty { return (Piece(frame: Frame(size: Size(width, 0)), height: 0), nil) }
        if end == from {
            guard atTop, from < items.count else { return nil }
            y = items[from].shaped.height; end = from + 1
        }
        var f = Frame(size: Size(width, y))
        if from == 0 { f.push(.tagStart(.list)) }
        var yy = 0.0
        for i in from..<end {
            let it = items[i]
            if i > from { yy += gap }
            f.push(.tagStart(.listItem))
            f.push(.tagStart(.label))
            var lab = labelStyle
            lab.runs = [TextRun(it.label)]
            let ls = ShapedText(lines: [it.shaped.lines.first.map {
                ShapedLine(text: it.label, width: 0, top: 0, height: $0.height, baseline: $0.baseline) }
                ?? ShapedLine(text: it.label, width: 0, top: 0, height: 0, baseline: 0)])
            f.push(.text(TextBox(text: lab, width: indent, lines: 0..<1, shaped: ls)), at: Point(0, yy))
            f.push(.tagEnd)
            f.push(.tagStart(.listBody))
            f.push(.text(TextBox(text: it.text, width: width - indent, lines: 0..<it.shaped.lines.count, shaped: it.shaped)),
                   at: Point(indent, yy))
            f.push(.tagEnd)
            f.push(.tagEnd)
            yy += it.shaped.height
        }
        if end == items.count { f.push(.tagEnd) }
        var rest: ListFlow?
        if end < items.count { rest = self; rest?.from = end; rest?.spaceBefore = 0 }
        return (Piece(frame: f, height: y), rest)
    }
}

struct Paginator {
    let doc: Document
    let shaper: any TextShaper
    let pageOf: [String: Int]
    let theme: Theme
    /// Flows made already, by block (nil: made by `run`).
    let made: [[any Flow]?]

    init(doc: Document, shaper: any TextShaper, pageOf: [String: Int], flows: [[any Flow]?] = []) {
        self.doc = doc; self.shaper = shaper; self.pageOf = pageOf; made = flows
        theme = Theme(branding: doc.branding)
    }

    var contentWidth: Double { doc.template.size.width - doc.template.margins.left - doc.template.margins.right }

    mutating func run() -> LaidOutDocument {
        let t = doc.template
        let width = contentWidth
        let top = t.margins.top, bottom = t.size.height - t.margins.bottom
        var flows: [any Flow] = []
        var contents: [ContentsEntry] = []
        var headingIndex = 0
        var destinations: [(flowIndex: Int, dest: String, heading: Heading)] = []
        var warnings: [String] = []
        for (b, block) in doc.blocks.enumerated() {
            if case .heading(let h) = block {
                headingIndex += 1
                let dest = h.destination(number: headingIndex)
                destinations.append((flows.count, dest, h))
            }
            if b < made.count, let ready = made[b] {
                flows.append(contentsOf: ready)
            } else {
                flows.append(contentsOf: makeFlows(block, width: width, headingCount: headingIndex, allBlocks: doc.blocks))
            }
        }

        var pages: [Frame] = []
        var page = Frame(size: t.size)
        var y = top
        var atTop = true
        var lastAfter = 0.0
        var pageNumberOfFlow: [Int: Int] = [:]
        var pageHasContent = false
        func newPage() {
            pages.append(page)
            page = Frame(size: t.size)
            y = top; atTop = true; lastAfter = 0; pageHasContent = false
        }
        var i = 0
        var current: (any Flow)? = flows.first
        var guardCount = 0
        while let flow = current {
            guardCount += 1
            if guardCount > 200_000 { warnings.append("layout stopped: too many steps"); break }
            if flow is PageBreakFlow {
                if pageHasContent { newPage() }
                i += 1; current = i < flows.count ? flows[i] : nil
                continue
            }
            let gap = atTop ? 0 : max(lastAfter, flow.spaceBefore)
            var available = bottom - y - gap
            // Keep with next: a heading (with any headings straight after it) goes to the next
            // page unless what follows can place its first piece below it, as its own rules
            // allow: a figure or a short table whole, a paragraph's first lines.
            if let a = flow as? AtomicFlow, a.keepWithNext, !atTop,
               !Self.keepsWithNext(flows, from: i, first: a, available: available) {
                newPage(); continue
            }
            if atTop { available = bottom - y }
            guard let (piece, rest) = flow.place(available: available, atTop: atTop) else {
                if atTop {
                    // Nothing fits even on an empty page: drop the block rather than loop.
                    warnings.append("page \(pages.count + 1): a block could not be placed and was left out")
                    i += 1; current = i < flows.count ? flows[i] : nil
                } else {
                    newPage()
                }
                continue
            }
            if piece.height > bottom - top + 0.001 {
                warnings.append("page \(pages.count + 1): a block is taller than the page and was cut")
            }
            if pageNumberOfFlow[i] == nil { pageNumberOfFlow[i] = pages.count + 1 }
            page.push(frame: piece.frame, at: Point(t.margins.left, y + gap))
            y += gap + piece.height
            atTop = false
            pageHasContent = true
            lastAfter = flow.spaceAfter
            if let rest {
                current = rest
                newPage()
            } else {
                i += 1
                current = i < flows.count ? flows[i] : nil
            }
        }
        // A page break at the very end leaves no empty page behind.
        if pageHasContent || pages.isEmpty { pages.append(page) }
        for d in destinations where d.heading.inContents && d.heading.level <= 2 {
            contents.append(ContentsEntry(level: d.heading.level, title: d.heading.text, destination: d.dest,
                                          page: pageNumberOfFlow[d.flowIndex] ?? 0))
        }
        return LaidOutDocument(metadata: doc.metadata, pageSize: t.size, pages: pages, contents: contents, warnings: warnings)
    }

    /// Whether the keep-with-next flow `first` (at `flows[i]`), the keep-with-next flows
    /// straight after it and the first piece of the flow that follows them fit in `available`.
    /// The follower is asked to place itself, not measured apart, so the check never disagrees
    /// with what the follower would really do (a table that will not split, a paragraph's
    /// orphan rule). Nothing follows, or a page break does: it fits when the headings do.
    static func keepsWithNext(_ flows: [any Flow], from i: Int, first: AtomicFlow, available: Double) -> Bool {
        var room = available - first.frame.size.height
        var after = first.spaceAfter
        var j = i + 1
        while j < flows.count {
            let next = flows[j]
            if next is PageBreakFlow { return room >= -0.001 }
            if let spacer = next as? SpacerFlow { room -= spacer.height; j += 1; continue }
            room -= max(after, next.spaceBefore)
            if let heading = next as? AtomicFlow, heading.keepWithNext {
                room -= heading.frame.size.height
                after = heading.spaceAfter
                j += 1
                continue
            }
            return room >= -0.001 && next.place(available: room, atTop: false) != nil
        }
        return room >= -0.001
    }

    func shape(_ s: StyledText, _ w: Double) -> ShapedText { shaper.shape(s, width: w) }

    func makeFlows(_ block: Block, width: Double, headingCount: Int, allBlocks: [Block]) -> [any Flow] {
        switch block {
        case .pageBreak: return [PageBreakFlow()]
        case .spacer(let h): return [SpacerFlow(height: max(0, h))]
        case .heading(let h):
            let s = theme.headingText(h)
            let shaped = shape(s, width)
            let dest = h.destination(number: headingCount)
            var f = Frame(size: Size(width, shaped.height + (h.level == 1 ? 6 : 0)))
            f.push(.destination(dest))
            f.push(.bookmark(title: h.text, level: h.level))
            f.push(.tagStart(.heading(level: h.level)))
            f.push(.text(TextBox(text: s, width: width, lines: 0..<shaped.lines.count, shaped: shaped)))
            f.push(.tagEnd)
            if h.level == 1 {
                f.fill(Rect(0, shaped.height + 3, 36, 2.5), theme.accent)
            }
            let i = h.level - 1
            return [AtomicFlow(frame: f, spaceBefore: theme.spaceBeforeHeading[i], spaceAfter: theme.spaceAfterHeading[i],
                               keepWithNext: true)]
        case .paragraph(let p):
            let s = theme.paragraphText(p)
            let shaped = shape(s, width)
            if let link = p.link {
                var f = Frame(size: Size(width, shaped.height))
                var ls = s
                ls.runs = ls.runs.map { var r = $0; r.color = r.color ?? theme.accent; return r }
                f.push(.tagStart(.paragraph))
                f.push(.tagStart(.link(link, description: s.plainText)))
                f.push(.text(TextBox(text: ls, width: width, lines: 0..<shaped.lines.count, shaped: shaped)))
                f.push(.tagEnd)
                f.push(.tagEnd)
                // Underline as decoration under each line.
                for l in shaped.lines {
                    let yy = l.top + l.baseline + 1.5
                    f.line(Point(0, yy), Point(l.width, yy), Stroke(theme.accent, width: 0.5))
                }
                return [AtomicFlow(frame: f, spaceBefore: theme.paragraphSpace, spaceAfter: theme.paragraphSpace)]
            }
            return [TextFlow(text: s, shaped: shaped, width: width, tag: .paragraph,
                             spaceBefore: theme.paragraphSpace, spaceAfter: theme.paragraphSpace)]
        case .list(let l):
            // Numbers up to "12." need more room than a bullet.
            let widest = StyledText("\(l.items.count).", font: theme.font(size: theme.body, weight: .bold), lineHeight: theme.bodyLeading)
            let indent = l.ordered ? max(16, shaper.width(of: widest) + 6) : 16.0
            let items = l.items.enumerated().map { i, runs -> ListFlow.Item in
                let s = StyledText(runs, font: theme.font(size: theme.body), color: theme.text, lineHeight: theme.bodyLeading)
                return ListFlow.Item(text: s, shaped: shape(s, width - indent), label: l.ordered ? "\(i + 1)." : "•")
            }
            let label = StyledText("•", font: theme.font(size: theme.body, weight: .bold), color: theme.accent,
                                   lineHeight: theme.bodyLeading)
            return [ListFlow(items: items, width: width, indent: indent, gap: 3, spaceBefore: theme.paragraphSpace,
                             spaceAfter: theme.paragraphSpace, labelStyle: label)]
        case .table(let table):
            return [TableFlow(table: table, width: width, theme: theme, shaper: shaper)]
        case .figure(let fig):
            return [figureFlow(fig, width: width)]
        case .kpis(let tiles):
            guard !tiles.isEmpty else { return [] }
            let gap = 10.0
            let perRow = min(4, tiles.count)
            let w = (width - gap * Double(perRow - 1)) / Double(perRow)
            let h = tiles.contains { $0.trend.count > 1 } ? 116.0 : 92.0
            let rows = (tiles.count + perRow - 1) / perRow
            var f = Frame(size: Size(width, Double(rows) * h + Double(rows - 1) * gap))
            for (i, tile) in tiles.enumerated() {
                let p = Point(Double(i % perRow) * (w + gap), Double(i / perRow) * (h + gap))
                f.push(.tagStart(.figure(alt: tile.summary)), at: p)
                f.push(frame: tile.frame(size: Size(w, h), shaper: shaper, accent: theme.accent, family: theme.family), at: p)
                f.push(.tagEnd)
            }
            return [AtomicFlow(frame: f, spaceBefore: 10, spaceAfter: 14)]
        case .cover(let c):
            return [coverFlow(c, width: width)]
        case .contents(let title):
            return contentsFlows(title: title, width: width, allBlocks: allBlocks)
        }
    }

    func figureFlow(_ fig: Figure, width: Double) -> AtomicFlow {
        let titleStyle = StyledText(fig.chart.title, font: theme.font(size: 10.5, weight: .bold), color: theme.text, lineHeight: 1.3)
        let titleShaped = shape(titleStyle, width)
        var chart = fig.chart
        if chart.palette == Palette.analysisFunction { chart.palette = doc.branding.palette(forSeries: chart.series.map(\.name)) }
        let builder = ChartBuilder(shaper: shaper, fonts: ChartFonts(family: theme.family))
        // A figure always fits on one page: the chart gives up height before it would be cut.
        let t = doc.template
        let sourceH = fig.source.map { shape(StyledText($0, font: theme.font(size: 8), lineHeight: 1.35), width).height + 6 } ?? 0
        let room = t.size.height - t.margins.top - t.margins.bottom - titleShaped.height - 8 - sourceH
        let wanted = fig.height ?? builder.naturalHeight(chart, width: width)
        let built = builder.build(chart, width: width, height: max(40, min(wanted, room)))
        var h = titleShaped.height + 8 + built.size.height
        var f = Frame(size: Size(width, 0))
        f.push(.tagStart(.paragraph))
        f.push(.text(TextBox(text: titleStyle, width: width, lines: 0..<titleShaped.lines.count, shaped: titleShaped)))
        f.push(.tagEnd)
        let chartY = titleShaped.height + 8
        f.push(.tagStart(.figure(alt: fig.chart.altText.isEmpty ? fig.chart.title : fig.chart.altText)), at: Point(0, chartY))
        f.push(frame: built.frame(), at: Point(0, chartY))
        f.push(.tagEnd)
        if let src = fig.source {
            let s = StyledText(src, font: theme.font(size: 8), color: theme.secondary, lineHeight: 1.35)
            let shaped = shape(s, width)
            h += 6
            f.push(.tagStart(.paragraph))
            f.push(.text(TextBox(text: s, width: width, lines: 0..<shaped.lines.count, shaped: shaped)), at: Point(0, h))
            f.push(.tagEnd)
            h += shaped.height
        }
        var sized = Frame(size: Size(width, h))
        for (p, item) in f.items { sized.push(item, at: p) }
        return AtomicFlow(frame: sized, spaceBefore: 14, spaceAfter: 16)
    }

    func coverFlow(_ c: Cover, width: Double) -> AtomicFlow {
        var f = Frame(size: Size(width, 0))
        var y = 24.0
        if let logo = doc.branding.logoPath {
            let size = doc.branding.logoSize ?? Size(120, 60)
            let scale = min(1, 150 / max(1, size.width), 70 / max(1, size.height))
            let s = Size(size.width * scale, size.height * scale)
            f.push(.tagStart(.figure(alt: "\(doc.branding.name) logo")), at: Point(0, y))
            f.push(.image(ImageItem(path: logo, size: s)), at: Point(0, y))
            f.push(.tagEnd)
            y += s.height + 28
        } else {
            y += 40
        }
        func put(_ s: StyledText, _ gapAfter: Double, tag: StructureTag = .paragraph) {
            let shaped = shape(s, width)
            f.push(.tagStart(tag))
            f.push(.text(TextBox(text: s, width: width, lines: 0..<shaped.lines.count, shaped: shaped)), at: Point(0, y))
            f.push(.tagEnd)
            y += shaped.height + gapAfter
        }
        put(StyledText(doc.branding.name, font: theme.font(size: 12, weight: .semibold), color: theme.secondary, lineHeight: 1.3), 70)
        f.fill(Rect(0, y - 22, 56, 5), theme.accent)
        // The title is the document's first heading (an H1: PDF/UA-1 has no Title type), with
        // a bookmark of its level like every heading, so the contents come after it.
        f.push(.bookmark(title: c.title, level: 1), at: Point(0, y))
        put(StyledText(c.title, font: theme.font(size: 30, weight: .bold), color: theme.accent, lineHeight: 1.15), 14,
            tag: .heading(level: 1))
        if let sub = c.subtitle {
            put(StyledText(sub, font: theme.font(size: 15), color: theme.text, lineHeight: 1.3), 36)
        }
        for line in c.lines {
            put(StyledText(line, font: theme.font(size: 10.5), color: theme.text, lineHeight: 1.4), 2)
        }
        var sized = Frame(size: Size(width, y))
        for (p, item) in f.items { sized.push(item, at: p) }
        return AtomicFlow(frame: sized, spaceBefore: 0, spaceAfter: 0)
    }

    /// Every heading of level 1–2 after the contents block, with its page and a link to it.
    func contentsFlows(title: String, width: Double, allBlocks: [Block]) -> [any Flow] {
        var entries: [(Int, String, String)] = []
        var n = 0
        for b in allBlocks {
            if case .heading(let h) = b {
                n += 1
                if h.inContents && h.level <= 2 { entries.append((h.level, h.text, h.destination(number: n))) }
            }
        }
        let head = StyledText(title, font: theme.font(size: theme.headingSizes[0], weight: .bold), color: theme.accent, lineHeight: 1.2)
        let hs = shape(head, width)
        var hf = Frame(size: Size(width, hs.height + 6))
        hf.push(.destination(Heading.contentsDestination))
        hf.push(.bookmark(title: title, level: 1))
        hf.push(.tagStart(.heading(level: 1)))
        hf.push(.text(TextBox(text: head, width: width, lines: 0..<hs.lines.count, shaped: hs)))
        hf.push(.tagEnd)
        hf.fill(Rect(0, hs.height + 3, 36, 2.5), theme.accent)
        let numberW = 36.0
        var rows: [(frame: Frame, gap: Double)] = []
        // The two visible levels are two levels of tags (ISO 32000-1 Table 333): a TOC of TOCIs,
        // each TOCI a Reference (holding the Link) and, after it, a nested TOC of its level-2
        // entries. Tags stay open from one row to the next (and across pages), as the table's do.
        var nested = false
        var parentOpen = false
        for (i, (level, text, dest)) in entries.enumerated() {
            let nextLevel = i + 1 < entries.count ? entries[i + 1].0 : 0
            let indent = level == 1 ? 0.0 : 16.0
            let s = StyledText(text, font: theme.font(size: level == 1 ? 10.5 : 10, weight: level == 1 ? .semibold : .regular),
                               color: theme.text, lineHeight: 1.35)
            let shaped = shape(s, width - indent - numberW - 12)
            let pageText = pageOf[dest].map(String.init) ?? ""
            // A leading space keeps "title 3" apart for screen readers, which join the link's text.
            let ns = StyledText(" " + pageText, font: theme.font(size: 10, weight: level == 1 ? .semibold : .regular),
                                color: theme.text, alignment: .right, lineHeight: 1.35)
            let nshaped = shape(ns, numberW)
            var f = Frame(size: Size(width, shaped.height))
            f.push(.tagStart(.contentsItem))
            f.push(.tagStart(.reference))
            f.push(.tagStart(.link(.destination(dest), description: "Go to \(text), page \(pageText)")))
            f.push(.text(TextBox(text: s, width: width - indent - numberW - 12, lines: 0..<shaped.lines.count, shaped: shaped)),
                   at: Point(indent, 0))
            f.push(.text(TextBox(text: ns, width: numberW, lines: 0..<nshaped.lines.count, shaped: nshaped)),
                   at: Point(width - numberW, shaped.lines.last?.top ?? 0))
            f.push(.tagEnd)
            f.push(.tagEnd)
            if let last = shaped.lines.last {
                // Dot leaders: decoration, drawn after the Reference ended and before anything
                // else opens, which cairo 1.16 leaves untagged (an artifact).
                let ly = last.top + last.baseline
                let x0 = indent + last.width + 6, x1 = width - numberW - 2
                if x1 > x0 { f.line(Point(x0, ly), Point(x1, ly), Stroke(theme.rule, width: 0.8, dash: [0.8, 2.6])) }
            }
            if level == 1 {
                parentOpen = true
                if nextLevel > 1 {
                    // The TOCI stays open for its level-2 entries' TOC.
                    f.push(.tagStart(.contents)); nested = true
                } else {
                    f.push(.tagEnd); parentOpen = false
                }
            } else {
                f.push(.tagEnd)
                if nextLevel <= 1 {
                    if nested { f.push(.tagEnd); nested = false }
                    if parentOpen { f.push(.tagEnd); parentOpen = false }
                }
            }
            rows.append((f, level == 1 && !rows.isEmpty ? 9 : 3))
        }
        return [AtomicFlow(frame: hf, spaceBefore: 0, spaceAfter: 14, keepWithNext: true),
                RowsFlow(rows: rows, width: width, open: [.tagStart(.contents)], close: [.tagEnd],
                         spaceBefore: 0, spaceAfter: 12)]
    }
}

/// Rows that never split themselves (contents entries), split between rows across pages.
struct RowsFlow: Flow {
    var rows: [(frame: Frame, gap: Double)]
    var width: Double
    var open: [FrameItem]
    var close: [FrameItem]
    var from = 0
    var spaceBefore: Double
    var spaceAfter: Double

    func place(available: Double, atTop: Bool) -> (Piece, rest: (any Flow)?)? {
        var y = 0.0
        var end = from
        while end < rows.count {
            let h = rows[end].frame.size.height + (end > from ? rows[end].gap : 0)
            if y + h > available + 0.001 { break }
            y += h; end += 1
        }
        if end == from, from < rows.count {
            guard atTop else { return nil }
            y = rows[from].frame.size.height; end = from + 1
        }
        var f = Frame(size: Size(width, y))
        if from == 0 { for item in open { f.push(item) } }
        var yy = 0.0
        for i in from..<end {
            if i > from { yy += rows[i].gap }
            f.push(frame: rows[i].frame, at: Point(0, yy))
            yy += rows[i].frame.size.height
        }
        if end == rows.count { for item in close { f.push(item) } }
        var rest: RowsFlow?
        if end < rows.count { rest = self; rest?.from = end; rest?.spaceBefore = 0 }
        return (Piece(frame: f, height: y), rest)
    }
}
