import CSPCharts
import CSPDisplay
import CSPLayout
import Foundation

/// Writes any `Document` (the quarterly report, the year's report) as one self-contained,
/// accessible HTML page: each semantic block becomes elements, as Typst's HTML export does from
/// the content its PDF export lays out, so both formats say the same things. Nothing is decided
/// here about what the report holds (sections, numbers, disclosure control): that happened when
/// the document was made. No script, nothing loaded from elsewhere, and no clock or random ids:
/// the same document gives the same bytes.
public struct HTMLWriter {
    /// The logo's PNG bytes (the document names the file; reading it is the caller's I/O).
    public var logoPNG: [UInt8]?

    public init(logoPNG: [UInt8]? = nil) { self.logoPNG = logoPNG }

    /// The page, as UTF-8 bytes.
    public func bytes(_ document: Document) -> [UInt8] { Array(html(document).utf8) }

    public func html(_ document: Document) -> String {
        var page = Page(document: document.fixingHeadingLevels().document, logoPNG: logoPNG)
        return page.write()
    }
}

/// One page being written: counters for the ids of tables and figures, in document order.
struct Page {
    let document: Document
    let logoPNG: [UInt8]?
    let theme: HTMLTheme
    /// HTML heading levels are the document's plus this: with a cover, its title is the page's
    /// one `h1` and the document's level-1 headings (sections) are `h2`.
    let levelShift: Int
    var m = Markup()
    var tables = 0
    var figures = 0
    /// Captions of the tables written so far (see `.table`).
    var captions: Set<String> = []
    var trends = 0
    /// The text of the latest heading, to name a table that has no caption.
    var lastHeading = ""

    init(document: Document, logoPNG: [UInt8]?) {
        self.document = document; self.logoPNG = logoPNG
        theme = HTMLTheme(branding: document.branding, classification: document.template.classification,
                          title: document.template.title)
        levelShift = document.blocks.contains { if case .cover = $0 { return true } else { return false } } ? 1 : 0
    }

    func level(_ documentLevel: Int) -> Int { min(6, documentLevel + levelShift) }

    mutating func write() -> String {
        let d = document
        m.line("<!DOCTYPE html>")
        m.line("<html lang=\"\(Markup.escape(d.metadata.language.isEmpty ? "en-GB" : d.metadata.language))\">")
        m.line("<head>")
        m.line("<meta charset=\"utf-8\">")
        m.line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        m.line("<title>\(Markup.escape(d.metadata.title))</title>")
        if !d.metadata.author.isEmpty { m.line("<meta name=\"author\"\(Markup.attribute("content", d.metadata.author))>") }
        if !d.metadata.subject.isEmpty { m.line("<meta name=\"description\"\(Markup.attribute("content", d.metadata.subject))>") }
        if !d.metadata.keywords.isEmpty {
            m.line("<meta name=\"keywords\"\(Markup.attribute("content", d.metadata.keywords.joined(separator: ", ")))>")
        }
        m.line("<meta name=\"generator\"\(Markup.attribute("content", d.metadata.creator))>")
        m.line("<style>\n\(theme.stylesheet)</style>")
        m.line("</head>")
        m.line("<body>")
        m.line("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>")
        m.line("<header class=\"masthead\">")
        marking()
        m.line("<div class=\"masthead-inner\"><p class=\"masthead-name\">\(Markup.escape(d.branding.name))</p>"
               + "<p class=\"masthead-title\">\(Markup.escape(d.template.title))</p></div>")
        m.line("</header>")
        m.line("<main id=\"main\" tabindex=\"-1\">")
        var headings = 0
        for block in d.blocks {
            if case .heading = block { headings += 1 }
            write(block, headingNumber: headings)
        }
        m.line("</main>")
        m.line("<footer class=\"page-footer\">")
        m.line("<div class=\"footer-inner\"><p>\(Markup.escape(d.template.title))</p>"
               + (hasContents ? "<p><a href=\"#\(Markup.id(Heading.contentsDestination))\">Back to contents</a></p>" : "")
               + "</div>")
        marking()
        m.line("</footer>")
        m.line("</body>")
        m.line("</html>")
        return m.text
    }

    var hasContents: Bool { document.blocks.contains { if case .contents = $0 { return true } else { return false } } }

    mutating func marking() {
        guard !document.template.classification.isEmpty else { return }
        m.line("<p class=\"marking\"><strong>\(Markup.escape(document.template.classification))</strong></p>")
    }

    mutating func write(_ block: Block, headingNumber: Int) {
        switch block {
        case .cover(let c): cover(c)
        case .heading(let h):
            let l = level(h.level)
            lastHeading = h.text
            m.line("<h\(l) id=\"\(Markup.id(h.destination(number: headingNumber)))\">\(Markup.escape(h.text))</h\(l)>")
        case .paragraph(let p): paragraph(p)
        case .list(let l):
            let tag = l.ordered ? "ol" : "ul"
            m.line("<\(tag)>")
            for item in l.items { m.line("<li>\(Markup.runs(item))</li>") }
            m.line("</\(tag)>")
        case .table(let t):
            tables += 1
            // Each table's box is a landmark, and two landmarks may not share a name: a caption
            // seen before is told apart by the heading the table sits under.
            let repeated = t.caption.map { !captions.insert($0).inserted } ?? false
            m.raw(HTMLTable(table: t, id: "table-\(tables)", fallbackName: lastHeading, captionRepeated: repeated).markup())
        case .figure(let f):
            figures += 1
            m.raw(HTMLFigure(figure: f, id: "figure-\(figures)", palette: document.branding.palette).markup())
        case .kpis(let tiles): kpis(tiles)
        case .contents(let title): contents(title)
        case .spacer, .pageBreak: break
        }
    }

    mutating func paragraph(_ p: Paragraph) {
        var classes: [String] = []
        if p.style != .body { classes.append(p.style.rawValue) }
        if p.alignment == .center || p.alignment == .right { classes.append("align-\(p.alignment.rawValue)") }
        let cls = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        var inner = Markup.runs(p.runs)
        if let link = p.link { inner = "<a\(Markup.attribute("href", Markup.href(link)))>\(inner)</a>" }
        m.line("<p\(cls)>\(inner)</p>")
    }

    mutating func cover(_ c: Cover) {
        m.line("<div class=\"cover\">")
        if let png = logoPNG, !png.isEmpty {
            var size = ""
            if let s = document.branding.logoSize {
                let scale = min(1, 200 / max(1, s.width), 90 / max(1, s.height))
                size = " width=\"\(Int((s.width * scale).rounded()))\" height=\"\(Int((s.height * scale).rounded()))\""
            }
            m.line("<img class=\"logo\" src=\"data:image/png;base64,\(Data(png).base64EncodedString())\"\(size)"
                   + Markup.attribute("alt", "\(document.branding.name) logo") + ">")
        }
        // The cover's title is the page's one h1 (see `levelShift`).
        m.line("<h1 class=\"cover-title\">\(Markup.escape(c.title))</h1>")
        if let sub = c.subtitle { m.line("<p class=\"cover-subtitle\">\(Markup.escape(sub))</p>") }
        if !c.lines.isEmpty {
            m.line("<ul class=\"cover-lines\">")
            for line in c.lines { m.line("<li>\(Markup.escape(line))</li>") }
            m.line("</ul>")
        }
        m.line("</div>")
    }

    /// Headline figures: each tile says its direction in words; the arrow and the trend line
    /// are drawings, the trend's values in words beside them for every reader.
    mutating func kpis(_ tiles: [KPITile]) {
        guard !tiles.isEmpty else { return }
        m.line("<ul class=\"kpis\">")
        for tile in tiles {
            m.raw("<li class=\"kpi\"><p class=\"kpi-label\">\(Markup.escape(tile.label))</p>")
            m.raw("<p class=\"kpi-value\">\(Markup.escape(tile.value))</p>")
            if let change = tile.change {
                var tone = "neutral"
                if let good = tile.upIsGood, tile.direction != .flat { tone = (tile.direction == .up) == good ? "good" : "bad" }
                let arrow = tile.direction == .up ? "▲" : tile.direction == .down ? "▼" : "▶"
                let words = tile.direction == .up ? "up " : tile.direction == .down ? "down " : ""
                m.raw("<p class=\"kpi-change \(tone)\"><span aria-hidden=\"true\">\(arrow) </span><strong>\(Markup.escape(words + change))</strong></p>")
            }
            if tile.trend.count > 1 {
                // As in the PDF: the trend is a drawing whose values are its text alternative.
                let built = ChartBuilder(shaper: ArialMetricsShaper()).sparkline(tile.trend, color: theme.accent, size: Size(120, 24))
                let line = SVGChart(built: built, id: "trend-\(trends)", alt: tile.trendWords ?? "", cssClass: "sparkline")
                trends += 1
                m.raw(tile.trendWords == nil ? line.decorative() : line.markup())
            }
            m.line("</li>")
        }
        m.line("</ul>")
    }

    /// The contents: the headings of levels 1 and 2, as the PDF lists them, linked (no page
    /// numbers: a web page has none).
    mutating func contents(_ title: String) {
        var entries: [(level: Int, text: String, id: String)] = []
        var n = 0
        for case .heading(let h) in document.blocks {
            n += 1
            if h.inContents && h.level <= 2 { entries.append((h.level, h.text, Markup.id(h.destination(number: n)))) }
        }
        let headingID = Markup.id(Heading.contentsDestination)
        let l = level(1)
        m.line("<nav class=\"contents\" aria-labelledby=\"\(headingID)\">")
        m.line("<h\(l) id=\"\(headingID)\">\(Markup.escape(title))</h\(l)>")
        m.line("<ol>")
        // A level-1 entry's item stays open for the list of its level-2 entries.
        var itemOpen = false, subOpen = false
        for e in entries {
            let link = "<a href=\"#\(e.id)\">\(Markup.escape(e.text))</a>"
            if e.level == 1 || !itemOpen {
                if subOpen { m.line("</ol>"); subOpen = false }
                if itemOpen { m.line("</li>") }
                m.raw("<li>\(link)")
                itemOpen = true
            } else {
                if !subOpen { m.line("<ol>"); subOpen = true }
                m.line("<li>\(link)</li>")
            }
        }
        if subOpen { m.line("</ol>") }
        if itemOpen { m.line("</li>") }
        m.line("</ol>")
        m.line("</nav>")
    }
}

extension SVGChart {
    /// A drawing that says nothing the text beside it does not (a KPI's trend line).
    func decorative() -> String {
        var m = Markup()
        m.raw(start("aria-hidden=\"true\" focusable=\"false\""))
        for mark in built.marks { m.raw(element(mark, hatched: [])) }
        m.raw("</svg>")
        return m.text
    }
}
