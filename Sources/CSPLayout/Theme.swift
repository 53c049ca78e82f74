import CSPDisplay
import CSPCharts

/// Type sizes, spacing and colours. One place, so the report looks consistent.
public struct Theme: Hashable, Sendable {
    public var family: String = "Inter"
    public var text = Palette.text
    public var secondary = Palette.secondaryText
    public var accent: Color
    public var rule = Color(hex: "#B1B4B6") ?? .black
    public var zebra = Color(hex: "#F3F2F1") ?? .white
    public var headerFill: Color
    public var body = 10.0
    public var bodyLeading = 1.45
    public var headingSizes: [Double] = [20, 14, 11.5]
    public var spaceBeforeHeading: [Double] = [22, 18, 12]
    public var spaceAfterHeading: [Double] = [10, 6, 4]
    public var paragraphSpace = 8.0
    public var tableFont = 8.8

    public init(branding: Branding) {
        if let family = branding.fontFamily { self.family = family }
        accent = branding.accent
        headerFill = branding.accent.tint(0.88)
    }

    public func font(size: Double, weight: FontWeight = .regular, italic: Bool = false) -> FontSpec {
        FontSpec(family: family, size: size, weight: weight, italic: italic)
    }

    /// The fonts a report sets text in, the most used first: table cells (with their bold and
    /// italic runs), then body text, headings, charts and the cover. `build` loads them while it
    /// reads its input (`FontLibrary.warmUp`). Only a hint for speed: a font missing here is
    /// loaded when first needed, and the output is the same either way. Branding changes
    /// colours only, so every report's theme has these fonts: see `Theme.commonFonts`.
    public var commonFonts: [FontSpec] {
        let charts = ChartFonts(family: family)
        return [
            font(size: tableFont), font(size: tableFont, weight: .bold), font(size: tableFont, weight: .semibold),
            font(size: tableFont, italic: true),
            font(size: charts.tick), font(size: charts.tick, weight: .semibold), font(size: charts.label),
            font(size: charts.label, weight: .semibold), font(size: charts.label, weight: .bold),
            font(size: charts.label, italic: true), font(size: 9, weight: .semibold),
            font(size: body), font(size: body, weight: .bold), font(size: body, weight: .semibold),
            font(size: body, italic: true),
            font(size: headingSizes[0], weight: .bold), font(size: headingSizes[1], weight: .bold),
            font(size: headingSizes[2], weight: .semibold),
            font(size: 10.5), font(size: 10.5, weight: .bold), font(size: 10.5, weight: .semibold),
            font(size: 22, weight: .bold), font(size: 12, weight: .semibold), font(size: 15), font(size: 30, weight: .bold),
        ]
    }

    /// `commonFonts` of the theme every report uses, known before the input is read.
    public static var commonFonts: [FontSpec] { Theme(branding: Branding()).commonFonts }

    func paragraphText(_ p: Paragraph) -> StyledText {
        switch p.style {
        case .body: return StyledText(p.runs, font: font(size: body), color: text, alignment: p.alignment, lineHeight: bodyLeading)
        case .lead: return StyledText(p.runs, font: font(size: 12), color: text, alignment: p.alignment, lineHeight: 1.4)
        case .small: return StyledText(p.runs, font: font(size: 8.5), color: secondary, alignment: p.alignment, lineHeight: 1.4)
        case .note: return StyledText(p.runs, font: font(size: 8.5, italic: true), color: secondary, alignment: p.alignment, lineHeight: 1.4)
        }
    }

    func headingText(_ h: Heading) -> StyledText {
        let i = h.level - 1
        var s = StyledText(h.text, font: font(size: headingSizes[i], weight: h.level == 3 ? .semibold : .bold),
                           color: h.level == 3 ? text : accent, lineHeight: 1.2)
        s.hyphenate = false
        return s
    }

    public static let statusColors: [CellStatus: (fill: String, ink: String)] = [
        .good: ("#CCE2D8", "#005A30"), .warning: ("#FFF7BF", "#594D00"),
        .bad: ("#F6D7D2", "#942514"), .neutral: ("#E8F1F8", "#0C2D4A"),
    ]
}
