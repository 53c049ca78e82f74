import CSPDisplay

public enum Direction: String, Hashable, Sendable { case up, down, flat }

/// A headline figure: value, change against the last period in words and an arrow, and an
/// optional trend line. Direction is carried by text ("up 3"), never by colour alone.
public struct KPITile: Hashable, Sendable {
    public var label: String
    public var value: String
    public var change: String?
    public var direction: Direction
    /// Whether up is good news, to colour the change; nil keeps it neutral.
    public var upIsGood: Bool?
    public var trend: [Double]
    /// The trend line in words with its values, for the text alternative (the line itself is
    /// only a drawing), e.g. "Trend over the last 5 quarters: 35, 38, 41, 44, 41 (Q3 2023-24 to
    /// Q3 2024-25)"; nil when no trend is drawn.
    public var trendWords: String?

    public init(label: String, value: String, change: String? = nil, direction: Direction = .flat,
                upIsGood: Bool? = nil, trend: [Double] = []) {
        self.label = label; self.value = value; self.change = change; self.direction = direction
        self.upIsGood = upIsGood; self.trend = trend
    }

    /// The tile's text alternative.
    public var summary: String {
        var s = "\(label): \(value)"
        if let c = change { s += ", \(words)\(c)" }
        if let t = trendWords, trend.count > 1 { s += ". \(t)" }
        return s
    }

    var words: String { direction == .up ? "up " : direction == .down ? "down " : "" }
    var arrow: String { direction == .up ? "▲" : direction == .down ? "▼" : "▶" }

    public func frame(size: Size, shaper: any TextShaper, accent: Color, family: String = "Inter") -> Frame {
        var f = Frame(size: size)
        let pad = 9.0
        f.fill(Rect(0, 0, size.width, size.height), accent.tint(0.93))
        f.fill(Rect(0, 0, 3, size.height), accent)
        let inner = size.width - pad * 2 - 3
        func put(_ text: StyledText, _ y: Double, width: Double? = nil) -> Double {
            let shaped = shaper.shape(text, width: width ?? inner)
            let lines = 0..<min(2, shaped.lines.count)
            f.push(.text(TextBox(text: text, width: width ?? inner, lines: lines, shaped: shaped)), at: Point(pad + 3, y))
            return shaped.height(of: lines)
        }
        var y = pad
        // Two lines are kept for the label in every tile, so values in a row line up.
        _ = put(StyledText(label, font: FontSpec(family: family, size: 8.5, weight: .semibold), color: Palette.secondaryText,
                           lineHeight: 1.2), y)
        y += 8.5 * 1.2 * 2 + 3
        y += put(StyledText(value, font: FontSpec(family: family, size: 22, weight: .bold), color: Palette.text,
                            lineHeight: 1.1, ellipsize: true), y) + 2
        if let change {
            var color = Palette.secondaryText
            if let good = upIsGood, direction != .flat {
                let positive = (direction == .up) == good
                color = positive ? (Color(hex: "#00703C") ?? .black) : (Color(hex: "#B4271A") ?? .black)
            }
            let t = StyledText([TextRun(arrow + " ", color: color), TextRun("\(words)\(change)", bold: true, color: color)],
                               font: FontSpec(family: family, size: 8.5), color: color, lineHeight: 1.2)
            y += put(t, y) + 2
        }
        if trend.count > 1 {
            let h = max(12, min(22, size.height - y - pad))
            let built = ChartBuilder(shaper: shaper).sparkline(trend, color: accent, size: Size(inner, h))
            f.push(frame: built.frame(), at: Point(pad + 3, size.height - pad - h))
        }
        return f
    }
}
