import CSPDisplay

/// How the categories along a horizontal axis are written: the text of each (nil: left
/// unlabelled) and the lines the tallest takes.
struct CategoryLabelPlan: Hashable, Sendable {
    var texts: [String?]
    var lines: Int
}

extension ChartBuilder {
    /// Up to this many categories (a year of months) are every one labelled: a reader looking
    /// for August should find it written, not work it out from July and September.
    public static let labelEveryCategoryUpTo = 12

    /// The labels for `categories` spaced `room` apart. Up to `labelEveryCategoryUpTo`, every
    /// category is labelled, in the first form that fits: as given on one line, months
    /// shortened ("Oct 2024"), wrapped onto two lines, month alone ("Oct"), its initial ("O"),
    /// and at worst cut short with an ellipsis on two lines. More categories than that are
    /// thinned to every k-th along a line (`thin`), as they could not be read side by side
    /// anyway; bars, each a thing of its own, keep every label however many there are.
    func categoryPlan(_ categories: [String], room: Double, thin: Bool = true,
                      style: (String) -> StyledText) -> CategoryLabelPlan {
        let n = categories.count
        let width = max(1, room - 2)
        if thin, n > Self.labelEveryCategoryUpTo {
            let widest = categories.map { measure(style($0)) }.max() ?? 0
            let every = max(1, Int(min(1e6, ((widest + 6) / max(1, room)).rounded(.up))))
            var texts = [String?](repeating: nil, count: n)
            for i in 0..<n where i % every == 0 || i == n - 1 {
                // The last label only when it would not crowd the previous one.
                if i == n - 1, i % every != 0, n - 1 - (n - 1) / every * every < every { continue }
                texts[i] = categories[i]
            }
            return CategoryLabelPlan(texts: texts, lines: 1)
        }
        let months = categories.map(MonthLabel.init)
        let allMonths = months.allSatisfy { $0 != nil }
        let shortYear = allMonths ? months.map { $0?.shortWithYear ?? "" } : categories
        let monthOnly = allMonths ? months.map { $0?.short ?? "" } : categories
        let initial = allMonths ? months.map { $0?.initial ?? "" } : categories
        let candidates: [([String], Int)] = [(categories, 1), (shortYear, 1), (categories, 2), (shortYear, 2),
                                             (monthOnly, 1), (initial, 1)]
        for (texts, lines) in candidates where fits(texts, width: width, lines: lines, style: style) {
            return CategoryLabelPlan(texts: texts, lines: lines)
        }
        return CategoryLabelPlan(texts: initial, lines: 2)
    }

    func fits(_ texts: [String], width: Double, lines: Int, style: (String) -> StyledText) -> Bool {
        texts.allSatisfy { text in
            if lines == 1 { return measure(style(text)) <= width + 0.001 }
            let shaped = shaper.shape(style(text), width: width)
            return shaped.lines.count <= lines && shaped.lines.allSatisfy { $0.width <= width + 0.001 }
        }
    }

    /// The plan's labels, centred on `x(i)` with their tops at `top`, kept inside `0...maxX`.
    func categoryMarks(_ plan: CategoryLabelPlan, x: (Int) -> Double, top: Double, room: Double, maxX: Double,
                       style: (String) -> StyledText) -> [ChartMark] {
        var marks: [ChartMark] = []
        for (i, text) in plan.texts.enumerated() {
            guard let text else { continue }
            let w = plan.lines > 1 ? max(1, room - 2) : nil
            var l = label(style(text), at: Point(x(i), top), hAlign: .center, width: w, maxLines: plan.lines)
            let lw = l.box.width ?? l.box.shaped.width
            let inked = plan.lines > 1 ? (l.box.shaped.lines.map(\.width).max() ?? lw) : lw
            // A centred box wider than its ink may overhang the chart while its text does not.
            let overhang = (lw - inked) / 2
            if l.origin.x + overhang < 0 { l.origin.x = -overhang }
            if l.origin.x + lw - overhang > maxX { l.origin.x = maxX - lw + overhang }
            marks.append(.label(l))
        }
        return marks
    }
}

/// A category that names a month ("October 2024", "Oct 2024", "Oct"), in its shorter forms.
struct MonthLabel: Hashable {
    static let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                        "October", "November", "December"]
    var month: Int
    var year: String?

    init?(_ text: String) {
        let words = text.split(separator: " ")
        guard let first = words.first, words.count <= 2 else { return nil }
        let word = first.lowercased()
        guard word.count >= 3,
              let m = Self.names.firstIndex(where: { $0.lowercased() == word || $0.lowercased().prefix(3) == word })
        else { return nil }
        month = m
        year = words.count == 2 ? String(words[1]) : nil
        if let y = year, !y.allSatisfy(\.isNumber) { return nil }
    }

    var short: String { String(Self.names[month].prefix(3)) }
    var shortWithYear: String { year.map { "\(short) \($0)" } ?? short }
    var initial: String { String(Self.names[month].prefix(1)) }
}
