import CSPDisplay
import CSPCharts

/// Column widths from content (as HTML's automatic table layout): every column gets at least
/// its longest word, and the remaining width goes where text would otherwise wrap most.
public func tableColumnWidths(minimum: [Double], natural: [Double], maxWidths: [Double?], available: Double) -> [Double] {
    let n = minimum.count
    guard n > 0 else { return [] }
    let nat = (0..<n).map { i in min(natural[i], maxWidths[i] ?? .infinity) }
    let mins = (0..<n).map { i in min(minimum[i], nat[i]) }
    let totalNat = nat.reduce(0, +), totalMin = mins.reduce(0, +)
    if totalNat <= available {
        // Everything fits unwrapped: share the spare width in proportion to natural widths.
        let spare = available - totalNat
        let weight = totalNat > 0 ? nat.map { $0 / totalNat } : [Double](repeating: 1 / Double(n), count: n)
        return (0..<n).map { nat[$0] + spare * weight[$0] }
    }
    if totalMin >= available {
        return mins.map { $0 * available / max(totalMin, 0.001) }
    }
    // Columns narrower than a fair share keep their natural width (short codes, numbers and
    // statuses never wrap); the wide text columns share what is left, never below their minimum.
    var fixed = [Bool](repeating: false, count: n)
    var remaining = available
    var changed = true
    while changed {
        changed = false
        let open = (0..<n).filter { !fixed[$0] }
        guard !open.isEmpty else { break }
        let share = remaining / Double(open.count)
        for i in open where nat[i] <= share {
            fixed[i] = true; remaining -= nat[i]; changed = true
        }
    }
    var out = (0..<n).map { fixed[$0] ? nat[$0] : 0 }
    let open = (0..<n).filter { !fixed[$0] }
    let openMin = open.reduce(0) { $0 + mins[$1] }
    if remaining >= openMin {
        let spare = remaining - openMin
        let wants = open.map { nat[$0] - mins[$0] }
        let totalWant = wants.reduce(0, +)
        for (k, i) in open.enumerated() {
            out[i] = mins[i] + (totalWant > 0 ? spare * wants[k] / totalWant : spare / Double(open.count))
        }
        return out
    }
    let spare = available - totalMin
    let wants = (0..<n).map { nat[$0] - mins[$0] }
    let totalWant = wants.reduce(0, +)
    return (0..<n).map { mins[$0] + (totalWant > 0 ? spare * wants[$0] / totalWant : spare / Double(n)) }
}

struct TableFlow: Flow {
    let table: Table
    let width: Double
    let theme: Theme
    var widths: [Double] = []
    var header: [[(StyledText, ShapedText)]] = []
    var body: [[(StyledText, ShapedText)]] = []
    var headerHeights: [Double] = []
    var rowHeights: [Double] = []
    var captionText: StyledText?
    var captionShaped: ShapedText?
    var from = 0
    let padX = 6.0, padY = 4.5
    var spaceBefore: Double = 12
    var spaceAfter: Double = 14

    init(table: Table, width: Double, theme: Theme, shaper: any TextShaper) {
        self.table = table; self.width = width; self.theme = theme
        let n = max(table.columns.count, (table.headerRows + table.rows).map(\.count).max() ?? 0)
        let cols = (0..<n).map { $0 < table.columns.count ? table.columns[$0] : TableColumn.text }
        let size = theme.tableFont
        func style(_ cell: TableCell, col: Int, header: Bool, total: Bool) -> StyledText {
            var runs = cell.runs
            if total { runs = runs.map { var r = $0; r.bold = true; return r } }
            var color = theme.text
            if let st = cell.status, let c = Theme.statusColors[st] { color = Color(hex: c.ink) ?? theme.text }
            return StyledText(runs, font: theme.font(size: size, weight: header ? .semibold : (cell.status != nil ? .semibold : .regular)),
                              color: color, alignment: cols[col].alignment, lineHeight: 1.3)
        }
        let allRows = table.headerRows.map { ($0, true) } + table.rows.enumerated().map { ($0.element, false) }
        var minW = [Double](repeating: 0, count: n), natW = [Double](repeating: 0, count: n)
        let statusPad = 10.0
        for (row, isHeader) in allRows {
            for (c, cell) in row.enumerated() where c < n {
                let s = style(cell, col: c, header: isHeader, total: false)
                let nat = shaper.shape(s, width: nil).width
                // Longest word: the narrowest the column can get without breaking words.
                let words = cell.text.split(whereSeparator: { $0 == " " || $0 == "\n" })
                var longest = 0.0
                for w in words {
                    var ws = s; ws.runs = [TextRun(String(w), bold: cell.runs.first?.bold ?? false)]
                    longest = max(longest, shaper.shape(ws, width: nil).width)
                }
                let extra = 2 * padX + (cell.status != nil ? statusPad : 0)
                natW[c] = max(natW[c], nat + extra)
                // Very long words may still be broken (with a hyphen) rather than starve others.
                minW[c] = max(minW[c], min(longest, 90) + extra)
            }
        }
        widths = tableColumnWidths(minimum: minW, natural: natW, maxWidths: cols.map(\.maxWidth), available: width)
        let w = widths
        func shapeRow(_ row: [TableCell], header: Bool, total: Bool) -> [(StyledText, ShapedText)] {
            (0..<n).map { c in
                let cell = c < row.count ? row[c] : TableCell("")
                let s = style(cell, col: c, header: header, total: total)
                let extra = 2 * padX + (cell.status != nil ? statusPad : 0)
                return (s, shaper.shape(s, width: max(1, w[c] - extra)))
            }
        }
        header = table.headerRows.map { shapeRow($0, header: true, total: false) }
        body = table.rows.enumerated().map { i, r in shapeRow(r, header: false, total: table.totalRow && i == table.rows.count - 1) }
        let py = padY
        headerHeights = header.map { ($0.map(\.1.height).max() ?? 0) + 2 * py }
        rowHeights = body.map { ($0.map(\.1.height).max() ?? 0) + 2 * py }
        if let cap = table.caption {
            let s = StyledText(cap, font: theme.font(size: 10, weight: .bold), color: theme.text, lineHeight: 1.3)
            captionText = s
            captionShaped = shaper.shape(s, width: width)
        }
    }

    var captionHeight: Double { captionShaped.map { $0.height + 6 } ?? 0 }
    var headerHeight: Double { headerHeights.reduce(0, +) }
    var minHeight: Double {
        captionHeight + headerHeight + (rowHeights.indices.contains(from) ? rowHeights[from] : 0)
            + (rowHeights.indices.contains(from + 1) ? rowHeights[from + 1] : 0)
    }

    func place(available: Double, atTop: Bool) -> (Piece, rest: (any Flow)?)? {
        let first = from == 0
        if captionHeight + headerHeight > available + 0.001, !atTop { return nil }
        var used = captionHeight + headerHeight
        var end = from
        while end < body.count, used + rowHeights[end] <= available + 0.001 { used += rowHeights[end]; end += 1 }
        let remaining = body.count - from
        // Rows are never split; a table leaves at least two rows (or all of a short one) on a page,
        // and never a single row alone at the start of the next.
        if end < body.count {
            if remaining - (end - from) == 1, end - from >= 3 { end -= 1 }
            if end - from < min(2, remaining), !atTop { return nil }
            if end == from { end = from + 1 }
        }
        used = captionHeight + headerHeight + rowHeights[from..<end].reduce(0, +)
        var f = Frame(size: Size(width, used))
        var y = 0.0
        if first { f.push(.tagStart(.table)) }
        if let cs = captionShaped, let ct = captionText {
            if first { f.push(.tagStart(.caption)) }
            var t = ct
            if !first { t.runs = t.runs + [TextRun(" (continued)")] }
            let shaped = first ? cs : ShapedText(lines: cs.lines.map { var l = $0; l.text += ""; return l })
            f.push(.text(TextBox(text: first ? ct : t, width: width, lines: 0..<shaped.lines.count, shaped: first ? shaped : cs)), at: Point(0, 0))
            if first { f.push(.tagEnd) }
            y += captionHeight
        }
        // Header rows: tagged TH on the first page; repeated copies are artifacts.
        for (r, row) in header.enumerated() {
            let h = headerHeights[r]
            f.fill(Rect(0, y, width, h), theme.headerFill)
            if first { f.push(.tagStart(.tableRow)) }
            drawRow(&f, row, y: y, height: h, cells: table.headerRows[r], tag: first ? .tableHeader(scope: .column) : nil)
            if first { f.push(.tagEnd) }
            y += h
        }
        f.line(Point(0, y), Point(width, y), Stroke(theme.accent, width: 1))
        for r in from..<end {
            let h = rowHeights[r]
            if table.zebra, r % 2 == 1 { f.fill(Rect(0, y, width, h), theme.zebra) }
            if table.totalRow, r == body.count - 1 { f.line(Point(0, y), Point(width, y), Stroke(theme.text, width: 0.8)) }
            f.push(.tagStart(.tableRow))
            drawRow(&f, body[r], y: y, height: h, cells: table.rows[r], tag: .tableCell)
            f.push(.tagEnd)
            y += h
        }
        f.line(Point(0, y), Point(width, y), Stroke(theme.rule, width: 0.75))
        if end == body.count { f.push(.tagEnd) }
        var rest: TableFlow?
        if end < body.count { rest = self; rest?.from = end; rest?.spaceBefore = 0 }
        return (Piece(frame: f, height: used), rest)
    }

    func drawRow(_ f: inout Frame, _ row: [(StyledText, ShapedText)], y: Double, height: Double, cells: [TableCell], tag: StructureTag?) {
        var x = 0.0
        for (c, (s, shaped)) in row.enumerated() {
            let w = widths[c]
            let cell = c < cells.count ? cells[c] : TableCell("")
            var tx = x + padX, tw = w - 2 * padX
            if let st = cell.status, let colors = Theme.statusColors[st] {
                // A pill behind the status word; the word itself carries the meaning.
                let pw = min(tw, shaped.width + 10)
                let px = s.alignment == .right ? x + w - padX - pw : x + padX
                f.push(.shape(Shape(.roundedRect(Rect(px, y + padY - 1.5, pw, shaped.height + 3), radius: 3),
                                    fill: Color(hex: colors.fill))))
                tx = px + 5; tw = pw - 10
                if s.alignment == .right { tx = x + padX + 5; tw = w - 2 * padX - 10 }
            }
            if let tag { f.push(.tagStart(tag)) }
            f.push(.text(TextBox(text: s, width: tw, lines: 0..<shaped.lines.count, shaped: shaped)), at: Point(tx, y + padY))
            if tag != nil { f.push(.tagEnd) }
            x += w
        }
    }
}
