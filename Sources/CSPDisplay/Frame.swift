/// Structure tags for the tagged PDF, in reading order. Content drawn outside any tag is page
/// furniture and becomes an artifact in the PDF post-pass.
public enum StructureTag: Hashable, Sendable {
    case document
    case heading(level: Int)
    case paragraph
    case list, listItem, label, listBody
    case table, tableRow, tableCell
    /// A header cell; `text`, when given, is what assistive technology reads for it instead of
    /// its visible text (the PDF element's /ActualText), e.g. a row header that names its group.
    case tableHeader(scope: HeaderScope, text: String? = nil)
    case figure(alt: String)
    case caption
    /// A contents list (TOC), an entry of it (TOCI), and the entry's reference to its heading.
    case contents, contentsItem, reference
    case link(LinkTarget, description: String)

    public enum HeaderScope: String, Hashable, Sendable { case column = "Column", row = "Row" }

    /// The PDF structure type.
    public var pdfName: String {
        switch self {
        case .document: return "Document"
        case .heading(let l): return "H\(min(6, max(1, l)))"
        case .paragraph: return "P"
        case .list: return "L"
        case .listItem: return "LI"
        case .label: return "Lbl"
        case .listBody: return "LBody"
        case .table: return "Table"
        case .tableRow: return "TR"
        case .tableHeader: return "TH"
        case .tableCell: return "TD"
        case .figure: return "Figure"
        case .caption: return "Caption"
        case .contents: return "TOC"
        case .contentsItem: return "TOCI"
        case .reference: return "Reference"
        case .link: return "Link"
        }
    }
}

public enum LinkTarget: Hashable, Sendable {
    /// A named destination in the same document.
    case destination(String)
    case uri(String)
}

/// A slice of a paragraph: lines `lines` of `text` shaped at `width`. The renderer shapes the
/// whole paragraph again with the same shaper and draws only these lines, so a paragraph split
/// across pages keeps exactly the line breaks that layout measured.
public struct TextBox: Hashable, Sendable {
    public var text: StyledText
    public var width: Double?
    public var lines: Range<Int>
    public var shaped: ShapedText
    public init(text: StyledText, width: Double?, lines: Range<Int>, shaped: ShapedText) {
        self.text = text; self.width = width; self.lines = lines; self.shaped = shaped
    }
    public var height: Double { shaped.height(of: lines) }
}

public struct ImageItem: Hashable, Sendable {
    /// A PNG file, already checked to exist by the caller.
    public var path: String
    public var size: Size
    public init(path: String, size: Size) { self.path = path; self.size = size }
}

/// One positioned item of a frame.
public indirect enum FrameItem: Hashable, Sendable {
    case group(Frame)
    case text(TextBox)
    case shape(Shape)
    case image(ImageItem)
    /// A named destination (link target) at this point.
    case destination(String)
    /// A bookmark (PDF outline entry) pointing at this point.
    case bookmark(title: String, level: Int)
    case tagStart(StructureTag)
    case tagEnd
}

/// A finished, positioned result: a size and items placed at points relative to its top-left.
public struct Frame: Hashable, Sendable {
    public var size: Size
    public private(set) var items: [(Point, FrameItem)]

    public init(size: Size, items: [(Point, FrameItem)] = []) { self.size = size; self.items = items }

    public mutating func push(_ item: FrameItem, at p: Point = .zero) { items.append((p, item)) }
    public mutating func push(frame: Frame, at p: Point) { items.append((p, .group(frame))) }
    public mutating func fill(_ r: Rect, _ c: Color) { push(.shape(Shape(.rect(r), fill: c))) }
    public mutating func line(_ a: Point, _ b: Point, _ s: Stroke) { push(.shape(Shape(.line(a, b), stroke: s))) }
    public mutating func tagged(_ tag: StructureTag, _ body: (inout Frame) -> Void) {
        push(.tagStart(tag)); body(&self); push(.tagEnd)
    }

    public static func == (a: Frame, b: Frame) -> Bool {
        a.size == b.size && a.items.count == b.items.count
            && zip(a.items, b.items).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }
    public func hash(into h: inout Hasher) {
        h.combine(size); h.combine(items.count)
        for (p, i) in items { h.combine(p); h.combine(i) }
    }

    /// All text of the frame in drawing order (for tests and the text alternative checks).
    public var allText: [String] {
        var out: [String] = []
        for (_, item) in items {
            switch item {
            case .text(let t): out.append(contentsOf: t.lines.map { t.shaped.lines[$0].text })
            case .group(let f): out.append(contentsOf: f.allText)
            default: break
            }
        }
        return out
    }

    /// Text dump with coordinates rounded to 0.01 pt, for snapshot tests.
    public func dump(indent: Int = 0, shapes: Bool = true) -> String {
        var out = ""
        dump(into: &out, indent: indent, origin: .zero, shapes: shapes)
        return out
    }

    func dump(into out: inout String, indent: Int, origin: Point, shapes: Bool) {
        let pad = String(repeating: "  ", count: indent)
        for (p, item) in items {
            let at = "(\(fmt(origin.x + p.x)), \(fmt(origin.y + p.y)))"
            switch item {
            case .group(let f):
                out += "\(pad)group \(at) \(fmt(f.size.width))x\(fmt(f.size.height))\n"
                f.dump(into: &out, indent: indent + 1, origin: origin + p, shapes: shapes)
            case .text(let t):
                let style = "\(fmt(t.text.font.size))\(t.text.font.weight == .regular ? "" : " " + t.text.font.weight.rawValue)\(t.text.font.italic ? " italic" : "") \(t.text.alignment.rawValue)"
                out += "\(pad)text \(at) h=\(fmt(t.height)) [\(style)]\n"
                for i in t.lines {
                    out += "\(pad)  | \(t.shaped.lines[i].text)\n"
                }
            case .shape(let s):
                guard shapes else { continue }
                var desc = "\(pad)shape \(at)"
                if let f = s.fill { desc += " fill \(f)" }
                if let st = s.stroke { desc += " stroke \(st.color) \(fmt(st.width))" }
                let pts = s.path.elements.compactMap { e -> String? in
                    switch e {
                    case .move(let q): return "M\(fmt(q.x)),\(fmt(q.y))"
                    case .line(let q): return "L\(fmt(q.x)),\(fmt(q.y))"
                    case .curve(_, _, let q): return "C\(fmt(q.x)),\(fmt(q.y))"
                    case .close: return "Z"
                    }
                }
                out += desc + " " + pts.joined(separator: " ") + "\n"
            case .image(let i):
                out += "\(pad)image \(at) \(fmt(i.size.width))x\(fmt(i.size.height))\n"
            case .destination(let d):
                out += "\(pad)dest \(at) \(d)\n"
            case .bookmark(let t, let l):
                out += "\(pad)bookmark \(at) \(l) \(t)\n"
            case .tagStart(let tag):
                var extra = ""
                if case .figure(let alt) = tag { extra = " alt=\"\(alt)\"" }
                if case .link(let target, _) = tag {
                    switch target {
                    case .destination(let d): extra = " -> #\(d)"
                    case .uri(let u): extra = " -> \(u)"
                    }
                }
                out += "\(pad)<\(tag.pdfName)\(extra)>\n"
            case .tagEnd:
                out += "\(pad)</>\n"
            }
        }
    }
}

/// Document information, all of it from the inputs: never the clock.
public struct DocumentMetadata: Hashable, Sendable {
    public var title: String
    public var author: String
    public var subject: String
    public var keywords: [String]
    public var creator: String
    public var language: String
    /// Creation and modification date (UTC).
    public var date: DateTime

    public init(title: String, author: String, subject: String = "", keywords: [String] = [],
                creator: String = "cspreport", language: String = "en-GB", date: DateTime) {
        self.title = title; self.author = author; self.subject = subject; self.keywords = keywords
        self.creator = creator; self.language = language; self.date = date
    }
}

/// A UTC date and time without Foundation's clock or time zones.
public struct DateTime: Hashable, Sendable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
    }
    /// From seconds since 1970-01-01T00:00:00Z (e.g. SOURCE_DATE_EPOCH).
    public init(unixSeconds: Int64) {
        let secs = max(0, unixSeconds)
        let days = Int(secs / 86_400)
        let rem = Int(secs % 86_400)
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d,
                  hour: rem / 3600, minute: (rem % 3600) / 60, second: rem % 60)
    }
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    /// ISO 8601, e.g. 2021-12-31T00:00:00Z (cairo's and XMP's form).
    public var iso8601: String {
        "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z"
    }
}
