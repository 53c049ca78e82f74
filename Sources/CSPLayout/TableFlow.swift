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
    // Columns whose whole content is narrower than a fair share keep their natural width (short
    // codes, numbers and statuses never wrap). The text columns share the rest in proportion to
    // their content, which evens out their line counts, within [longest word, maxWidth].
    var fixed = [Bool](repeating: false, count: n)
    var out = [Double](repeating: 0, count: n)
    var remaining = available
    var changed = true
    while changed {
        changed = false
        let open = (0..<n).filter { !fixed[$0] }
        guard !open.isEmpty else { break }
        let share = remaining / Double(open.count)
        for i in open where natural[i] <= share {
            fixed[i] = true; out[i] = nat[i]; remaining -= nat[i]; changed = true
        }
    }
    var open = (0..<n).filter { !fixed[$0] }
    guard remaining >= open.reduce(0, { $0 + mins[$1] }) else {
        let spare = available - totalMin
        let wants = (0..<n).map { nat[$0] - mins[$0] }
        let totalWant = wants.reduce(0, +)
        return (0..<n).map { mins[$0] + (totalWant > 0 ? spare * wants[$0] / totalWant : spare / Double(n)) }
    }
    // Water-filling: proportional shares, clamping to the bounds one column at a time.
    while !open.isEmpty {
        let weight = open.reduce(0) { $0 + max(natural[$1], 1) }
        var worst: (index: Int, value: Double, excess: Double)?
        for i in open {
            let w = remaining * max(natural[i], 1) / weight
            let excess = w > nat[i] ? w - nat[i] : (w < mins[i] ? mins[i] - w : 0)
            if excess > 0, excess > (worst?.excess ?? 0) { worst = (i, w > nat[i] ? nat[i] : mins[i], excess) }
        }
        guard let clamp = worst else {
            for i in open { out[i] = remaining * max(natural[i], 1) / weight }
            break
        }
        out[clamp.index] = clamp.value
        remaining -= clamp.value
        open.removeAll { $0 == clamp.index }
    }
    return out
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
    var noteText: StyledText?
    var noteShaped: ShapedText?
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
            // Header cells, row headers and status words stand out in semibold.
            let strong = header || cell.status != nil || (table.rowHeaders && col == 0)
            return StyledText(runs, font: theme.font(size: size, weight: strong ? .semibold : .regular),
                              color: color, alignment: cols[col].alignment, lineHeight: 1.3)
        }
        let allRows = table.headerRows.map { ($0, true) } + table.rows.enumerated().map { ($0.element, false) }
        var minW = [Double](repeating: 0, count: n), natW = [Double](repeating: 0, count: n)
        let statusPad = 10.0
        for (row, isHeader) in allRows {
            for (c, cell) in row.enumerated() where c < n {
                let s = style(cell, col: c, header: isHeader, total: false)
                let unwrapped = shaper.shape(s, width: nil)
                let nat = unwrapped.width
                // Longest word: the narrowest the column can get without breaking words.
                let words = cell.text.split(whereSeparator: { $0 == " " || $0 == "\n" })
                // Short cells never need to wrap: their natural width is their minimum, and
                // measuring word by word (the costly part of table layout) is skipped; so is it
                // when the shaper measured the widest word already.
                var longest = words.count <= 1 || nat <= 80 ? nat : unwrapped.widestWord ?? 0.0
                for w in words where longest < nat && unwrapped.widestWord == nil {
                    var ws = s; ws.runs = [TextRun(String(w), bold: cell.runs.first?.bold ?? false)]
                    longest = max(longest, shaper.shape(ws, width: nil).width)
                }
                let extra = 2 * padX + cell.indent + (cell.status != nil ? statusPad : 0)
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
                let extra = 2 * padX + cell.indent + (cell.status != nil ? statusPad : 0)
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
        if let note = table.note {
            let s = theme.paragraphText(Paragraph(note, style: .note))
            noteText = s
            noteShaped = shaper.shape(s, width: width)
        }
    }

    /// The note under the last row, with the gap above it.
    var noteHeight: Double { noteShaped.map { $0.height + 4 } ?? 0 }

    var captionHeight: Double { captionShaped.map { $0.height + 6 } ?? 0 }
    var headerHeight: Double { headerHeights.reduce(0, +) }
    /// A table of this many body rows or fewer (its total row included) is read as one
    /// thing: it moves whole to the next page rather than split, unless it is taller than a page.
    static let keepWholeRows = 8
    /// A longer table splits so that each side of a break holds at least this many rows.
    static let minRowsAtBreak = 3

    func place(available: Double, atTop: Bool) -> (Piece, rest: (any Flow)?)? {
        let first = from == 0
        if captionHeight + headerHeight > available + 0.001, !atTop { return nil }
        var used = captionHeight + headerHeight
        var end = from
        // The last row goes only where the note under it fits too.
        while end < body.count, used + rowHeights[end] + (end == body.count - 1 ? noteHeight : 0) <= available + 0.001 {
            used += rowHeights[end]; end += 1
        }
        let remaining = body.count - from
        // Rows are never split. A short table moves whole to a fresh page; a long one leaves at
        // least `minRowsAtBreak` rows at a page's foot and carries at least as many over (rows
        // move back to the next page when fewer would be left for it). Only on a fresh page,
        // where waiting gains nothing, does a table give way.
        if end < body.count {
            let minRows = Self.minRowsAtBreak
            if from == 0, body.count <= Self.keepWholeRows, !atTop { return nil }
            let carried = remaining - (end - from)
            if carried < minRows, end - from - (minRows - carried) >= minRows { end -= minRows - carried }
            // A row that heads the rows after it goes over with them.
            while end - 1 > from, table.groupRows.contains(end - 1) { end -= 1 }
            if end - from < min(minRows, remaining), !atTop { return nil }
            if end == from { end = from + 1 }
        }
        let last = end == body.count
        used = captionHeight + headerHeight + rowHeights[from..<end].reduce(0, +) + (last ? noteHeight : 0)
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
            drawRow(&f, body[r], y: y, height: h, cells: table.rows[r], tag: .tableCell,
                    firstTag: table.rowHeaders ? .tableHeader(scope: .row) : nil)
            f.push(.tagEnd)
            y += h
        }
        f.line(Point(0, y), Point(width, y), Stroke(theme.rule, width: 0.75))
        if last { f.push(.tagEnd) }
        if last, let nt = noteText, let ns = noteShaped {
            f.push(.tagStart(.paragraph), at: Point(0, y + 4))
            f.push(.text(TextBox(text: nt, width: width, lines: 0..<ns.lines.count, shaped: ns)), at: Point(0, y + 4))
            f.push(.tagEnd)
        }
        var rest: TableFlow?
        if end < body.count { rest = self; rest?.from = end; rest?.spaceBefore = 0 }
        return (Piece(frame: f, height: used), rest)
    }

    func drawRow(_ f: inout Frame, _ row: [(StyledText, ShapedText)], y: Double, height: Double, cells: [TableCell],
                 tag: StructureTag?, firstTag: StructureTag? = nil) {
        var x = 0.0
        for (c, (s, shaped)) in row.enumerated() {
            let w = widths[c]
            let cell = c < cells.count ? cells[c] : TableCell("")
            var tx = x + padX + cell.indent, tw = w - 2 * padX - cell.indent
            if let st = cell.status, let colors = Theme.statusColors[st] {
                // A pill behind the status word; the word itself carries the meaning.
                let pw = min(tw, shaped.width + 10)
                let px = s.alignment == .right ? x + w - padX - pw : x + padX
                f.push(.shape(Shape(.roundedRect(Rect(px, y + padY - 1.5, pw, shaped.height + 3), radius: 3),
                                    fill: Color(hex: colors.fill))))
                tx = px + 5; tw = pw - 10
                if s.alignment == .right { tx = x + padX + 5; tw = w - 2 * padX - 10 }
            }
            var cellTag = c == 0 && tag != nil ? (firstTag ?? tag) : tag
            if case .tableHeader(let scope, _)? = cellTag, let spoken = cell.spokenText { cellTag = .tableHeader(scope: scope, text: spoken) }
            if let cellTag { f.push(.tagStart(cellTag)) }
            f.push(.text(TextBox(text: s, width: tw, lines: 0..<shaped.lines.count, shaped: shaped)), at: Point(tx, y + padY))
            if cellTag != nil { f.push(.tagEnd) }
            x += w
        }
    }
}
