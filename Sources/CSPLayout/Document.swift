import CSPDisplay
import CSPCharts

/// The partnership's look: names, logo and palette. Passed in; never read from disk here.
public struct Branding: Hashable, Sendable {
    public var name: String
    public var shortName: String
    /// A PNG file that exists (the caller checks it).
    public var logoPath: String?
    public var logoSize: Size?
    /// The charts' colours, series by series.
    public var palette: [Color]
    /// Headings, rules, the cover and table headers (csp.yaml's `palette: primary`); the
    /// Analysis Function's dark blue when nil.
    public var primary: Color?
    /// Colours of the areas, by name: a chart whose series are the areas draws each in its own.
    public var areaColors: [String: Color]
    /// The family the report is set in, when the partnership gives its own fonts (csp.yaml's
    /// `fonts:`, added to the font library by the caller); Inter otherwise.
    public var fontFamily: String?

    public init(name: String = "Community Safety Partnership", shortName: String = "CSP", logoPath: String? = nil,
                logoSize: Size? = nil, palette: [Color] = Palette.analysisFunction, primary: Color? = nil,
                areaColors: [String: Color] = [:]) {
        self.name = name; self.shortName = shortName; self.logoPath = logoPath; self.logoSize = logoSize
        self.palette = palette.isEmpty ? Palette.analysisFunction : palette
        self.primary = primary; self.areaColors = areaColors
    }
    /// The colour of headings, rules and the cover.
    public var accent: Color { primary ?? Palette.analysisFunction.first ?? Color(red: 0.07, green: 0.26, blue: 0.43) }

    /// The colours for a chart's series: the areas' own when every series is an area with one.
    public func palette(forSeries names: [String]) -> [Color] {
        let own = names.compactMap { areaColors[$0] }
        return !names.isEmpty && own.count == names.count ? own : palette
    }
}

/// Running header and footer of every page. "Page N of M" is resolved after pagination.
public struct PageTemplate: Hashable, Sendable {
    public var size: Size
    public var margins: Insets
    /// The report title in the running header and footer.
    public var title: String
    /// Protective marking, e.g. OFFICIAL-SENSITIVE, at the top and bottom of every page.
    public var classification: String
    public init(title: String, classification: String, size: Size = .a4,
                margins: Insets = Insets(top: 72, right: 62, bottom: 70, left: 62)) {
        self.title = title; self.classification = classification; self.size = size; self.margins = margins
    }
}

public struct Heading: Hashable, Sendable {
    public var level: Int
    public var text: String
    /// Destination name for links; derived from the position when nil (see `destination`).
    public var id: String?
    public var inContents: Bool
    public init(level: Int, _ text: String, id: String? = nil, inContents: Bool = true) {
        self.level = max(1, min(3, level)); self.text = text; self.id = id; self.inContents = inContents
    }

    /// The name of the heading's link destination, where `number` is its place among all the
    /// document's headings (from 1). The heading's frame, the contents and the page numbers
    /// all name it through this, so a contents link always lands on its heading.
    public func destination(number: Int) -> String { id ?? "section-\(number)" }

    /// The destination of the contents' own heading, which "see the contents" links name.
    public static let contentsDestination = "section-contents"
}

public enum ParagraphStyle: String, Hashable, Sendable { case body, lead, small, note }

public struct Paragraph: Hashable, Sendable {
    public var runs: [TextRun]
    public var style: ParagraphStyle
    public var alignment: TextAlignment
    /// The whole paragraph is a link (links inside running text are not supported: cairo 1.16
    /// would leave the surrounding text untagged).
    public var link: LinkTarget?
    public init(_ runs: [TextRun], style: ParagraphStyle = .body, alignment: TextAlignment = .left, link: LinkTarget? = nil) {
        self.runs = runs; self.style = style; self.alignment = alignment; self.link = link
    }
    public init(_ text: String, style: ParagraphStyle = .body, alignment: TextAlignment = .left, link: LinkTarget? = nil) {
        self.init([TextRun(text)], style: style, alignment: alignment, link: link)
    }
}

public struct BulletList: Hashable, Sendable {
    public var items: [[TextRun]]
    public var ordered: Bool
    public init(_ items: [[TextRun]], ordered: Bool = false) { self.items = items; self.ordered = ordered }
    public init(strings: [String], ordered: Bool = false) { self.init(strings.map { [TextRun($0)] }, ordered: ordered) }
}

/// A status shown with a word and a colour, never colour alone.
public enum CellStatus: Hashable, Sendable {
    case good, warning, bad, neutral
}

public struct TableCell: Hashable, Sendable {
    public var runs: [TextRun]
    public var status: CellStatus?
    /// Points the text is set in from the cell's edge (a measure under its group's row).
    public var indent: Double
    /// For a row header: what assistive technology reads instead of the visible text, e.g. the
    /// group a measure belongs to and the measure ("Engagement: Bike-marking sessions").
    public var spokenText: String?
    public init(_ runs: [TextRun], status: CellStatus? = nil, indent: Double = 0, spokenText: String? = nil) {
        self.runs = runs; self.status = status; self.indent = indent; self.spokenText = spokenText
    }
    public init(_ text: String, status: CellStatus? = nil, indent: Double = 0, spokenText: String? = nil) {
        self.init([TextRun(text)], status: status, indent: indent, spokenText: spokenText)
    }
    public var text: String { runs.map(\.text).joined() }
}

extension TableCell: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(value) }
}

public struct TableColumn: Hashable, Sendable {
    public var alignment: TextAlignment
    /// Upper bound for the column in points, e.g. to stop a free-text column crowding numbers.
    public var maxWidth: Double?
    public init(_ alignment: TextAlignment = .left, maxWidth: Double? = nil) {
        self.alignment = alignment; self.maxWidth = maxWidth
    }
    public static let text = TableColumn(.left)
    public static let number = TableColumn(.right)
}

public struct Table: Hashable, Sendable {
    public var columns: [TableColumn]
    /// Repeated at the top of every page the table runs onto.
    public var headerRows: [[TableCell]]
    public var rows: [[TableCell]]
    /// A short title shown above the table ("Table 2: Cases by area").
    public var caption: String?
    public var zebra: Bool
    /// Bold last row (totals).
    public var totalRow: Bool
    /// The first cell of each body row names the row (an area, say): tagged as a row header.
    public var rowHeaders: Bool
    /// A note under the last row ("The table shows the first 120 of …"), kept on its page.
    public var note: String?
    /// Body rows that head the rows after them (a step above its measures): a page never ends
    /// on one.
    public var groupRows: Set<Int>
    public init(columns: [TableColumn], headerRows: [[TableCell]], rows: [[TableCell]], caption: String? = nil,
                zebra: Bool = true, totalRow: Bool = false, rowHeaders: Bool = false, note: String? = nil,
                groupRows: Set<Int> = []) {
        self.columns = columns; self.headerRows = headerRows; self.rows = rows; self.caption = caption
        self.zebra = zebra; self.totalRow = totalRow; self.rowHeaders = rowHeaders; self.note = note
        self.groupRows = groupRows
    }
}

/// A chart with its finding as the title, a text alternative (inside `chart`) and a source note.
public struct Figure: Hashable, Sendable {
    public var chart: Chart
    public var source: String?
    public var height: Double?
    /// What the chart shows, in a few words ("successes by area and step", "North activity by
    /// month"): `--charts` names its files by it. The title states a finding and changes with
    /// the data; this does not.
    public var name: String?
    public init(_ chart: Chart, source: String? = nil, height: Double? = nil, name: String? = nil) {
        self.chart = chart; self.source = source; self.height = height; self.name = name
    }
}

public struct Cover: Hashable, Sendable {
    public var title: String
    public var subtitle: String?
    public var lines: [String]
    public init(title: String, subtitle: String? = nil, lines: [String] = []) {
        self.title = title; self.subtitle = subtitle; self.lines = lines
    }
}

public enum Block: Hashable, Sendable {
    case cover(Cover)
    case heading(Heading)
    case paragraph(Paragraph)
    case list(BulletList)
    case table(Table)
    case figure(Figure)
    case kpis([KPITile])
    case spacer(Double)
    case pageBreak
    /// The contents list: headings of levels 1–2 with page numbers and links.
    case contents(title: String)
}

public struct Document: Hashable, Sendable {
    public var metadata: DocumentMetadata
    public var template: PageTemplate
    public var branding: Branding
    public var blocks: [Block]
    public init(metadata: DocumentMetadata, template: PageTemplate, branding: Branding, blocks: [Block]) {
        self.metadata = metadata; self.template = template; self.branding = branding; self.blocks = blocks
    }
}

/// A heading that goes more than one level deeper than the heading before it (an H3 straight
/// after an H1), or a first heading that is not level 1. PDF/UA-1 forbids both (ISO 14289-1
/// 7.4.2; Matterhorn 14-002 and 14-003): a screen reader's list of headings would have a hole,
/// and the outline and the tags would disagree. The cover's title and the contents' own heading
/// count as level 1 (both are H1s).
public struct HeadingLevelSkip: Error, Hashable, Sendable, CustomStringConvertible {
    /// The heading's place in `Document.blocks`.
    public var block: Int
    public var text: String
    public var level: Int
    /// The level of the heading before it; 0 when it is the document's first.
    public var previous: Int

    /// The level it may have: one deeper than the heading before it at most.
    public var allowed: Int { previous + 1 }

    public var description: String {
        previous == 0
            ? "the document's first heading “\(text)” is level \(level): the first heading must be level 1"
            : "the heading “\(text)” is level \(level) straight after a level-\(previous) heading: a heading may go only one level deeper than the one before it"
    }
}

extension Document {
    /// Every heading whose level skips (see `HeadingLevelSkip`), in document order, each
    /// judged after the ones before it are fixed: the same list `LayoutEngine.layout` fixes.
    public var headingLevelSkips: [HeadingLevelSkip] { fixingHeadingLevels().skips }

    /// The document with every skipping heading raised to the level it may have, and what was
    /// raised.
    public func fixingHeadingLevels() -> (document: Document, skips: [HeadingLevelSkip]) {
        var fixed = self
        var skips: [HeadingLevelSkip] = []
        var previous = 0
        for (i, block) in blocks.enumerated() {
            switch block {
            case .heading(var h):
                if h.level > previous + 1 {
                    skips.append(HeadingLevelSkip(block: i, text: h.text, level: h.level, previous: previous))
                    h.level = previous + 1
                    fixed.blocks[i] = .heading(h)
                }
                previous = h.level
            case .contents, .cover: previous = 1
            default: break
            }
        }
        return (fixed, skips)
    }
}
